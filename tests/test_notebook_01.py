"""Notebook 01 (linear classifiers): checks of its own. The checks every notebook gets (structure,
both versions executed, a demo class graded) are in test_notebooks.py; the 90% test accuracy on the
digits is asserted by the notebook's own test of `train_linear_classifier`.

Here: answers that pass the visible tests by luck or by hard-coding fail the hidden ones. Every
exercise's classic mistakes and correct variants are graded in tests/test_mutants.py
(tests/mutants/01_linear_classifiers/).
"""

import nbformat
import pytest
from notebook_helpers import (
    SOLUTIONS,
    errors,
    execute,
    grade_id,
    graded_cells,
    read,
    solution_cells,
    strip_hidden_tests,
)

NAME = "01_linear_classifiers"
SOLUTION = SOLUTIONS / NAME / f"{NAME}.ipynb"
FOLDER = SOLUTIONS / NAME


@pytest.fixture(scope="module")
def solution():
    return read(SOLUTION)


# Answers that a careless or hard-coding student could write: each passes the visible tests of its
# exercise and must fail the hidden ones.
MUTANTS = {
    "answer_loss_range": ("test_loss_range", 'loss_range = "A"'),
    "answer_preferences": ("test_l2_prefers test_l1_prefers", 'l2_prefers = "w1"\nl1_prefers = "w2"'),
    "answer_error_orders": ("test_error_orders", "error_orders = (2, 2)"),
    "initial_loss": ("test_initial_loss", "def initial_loss(num_classes):\n    return 2.302585092994046"),
    "train_linear_classifier": ("test_train_linear_classifier", None),  # drops the last, smaller batch
}


def _drop_last_batch(source):
    mutated = source.replace("for start in range(0, len(X), batch_size):",
                             "for start in range(0, len(X) - len(X) % batch_size or len(X), batch_size):")
    assert mutated != source
    return mutated


@pytest.mark.slow
def test_hidden_tests_catch_answers_that_pass_the_visible_ones(solution):
    cells = [c for c in solution.cells if grade_id(c) == "setup"]
    for cell in solution_cells(solution):
        cell = nbformat.from_dict(cell)
        if grade_id(cell) in MUTANTS:
            replacement = MUTANTS[grade_id(cell)][1]
            cell.source = replacement if replacement else _drop_last_batch(cell.source)
        cells.append(cell)
    checks = []
    for cell in graded_cells(solution):
        if any(grade_id(cell) in tests.split() for tests, _ in MUTANTS.values()):
            checks.append((grade_id(cell), len(cells)))
            cells.append(nbformat.v4.new_code_cell(strip_hidden_tests(cell.source)))
            cells.append(nbformat.v4.new_code_cell(cell.source))
    notebook = nbformat.v4.new_notebook(cells=cells, metadata=solution.metadata)
    executed = execute(notebook, cwd=FOLDER, allow_errors=True)
    for name, index in checks:
        assert errors(executed.cells[index]) == [], f"{name}: the visible tests should pass"
        assert [e for e, _ in errors(executed.cells[index + 1])] == ["AssertionError"], \
            f"{name}: the hidden tests should fail"
