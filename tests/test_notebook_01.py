"""Notebook 01 (linear classifiers): its nbgrader structure, and both versions executed.

Fast tests read the two notebooks; the slow ones execute them on a fresh kernel:
- the instructor version passes every test cell and reaches 90% test accuracy on the digits;
- the student version, run as the grader runs it, fails every graded test with NotImplementedError
  and nothing else;
- answers that pass the visible tests by luck or by hard-coding fail the hidden ones.
"""

import json
import re

import nbformat
import pytest

from notebook_helpers import (
    NOTEBOOKS, SOLUTIONS, errors, execute, grade_id, graded_cells, nbgrader, read, solution_cells,
    stream_text, strip_hidden_tests,
)

NAME = "01_linear_classifiers"
SOLUTION = SOLUTIONS / NAME / f"{NAME}.ipynb"
STUDENT = NOTEBOOKS / NAME / f"{NAME}.ipynb"
FOLDER = SOLUTIONS / NAME


@pytest.fixture(scope="module")
def solution():
    return read(SOLUTION)


@pytest.fixture(scope="module")
def student():
    return read(STUDENT)


# ---------------------------------------------------------------- structure (fast)

@pytest.mark.parametrize("path", [SOLUTION, STUDENT], ids=["solution", "student"])
def test_no_outputs_are_stored(path):
    notebook = read(path)
    nbformat.validate(notebook)
    stored = [i for i, c in enumerate(notebook.cells)
              if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert stored == [], f"cells {stored} of {path.name} keep outputs: clear them before committing"
    assert notebook.metadata.kernelspec.name == "python3"


def test_nbgrader_metadata(solution):
    ids = [grade_id(c) for c in solution.cells if nbgrader(c)]
    assert len(ids) == len(set(ids)), f"duplicate grade_ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    for cell in solution.cells:
        meta = nbgrader(cell)
        if not meta:
            continue
        assert meta["schema_version"] == 3 and meta["grade_id"], meta
        if meta["grade"]:
            assert cell.cell_type == "code" and not meta["solution"] and meta["locked"], meta
            assert meta["points"] > 0, meta
        if meta["solution"]:
            assert cell.cell_type == "code" and not meta["locked"], meta
            assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source, meta
    tests = graded_cells(solution)
    assert len(tests) >= 10, "the issue asks for at least 10 auto-graded exercises"
    assert all("### BEGIN HIDDEN TESTS" in c.source for c in tests), \
        [grade_id(c) for c in tests if "### BEGIN HIDDEN TESTS" not in c.source]


def _stated_total(notebook):
    (total,) = re.findall(r"\*\*Total: (\d+) points\*\*", notebook.cells[0].source)
    return int(total)


def test_points_add_up(solution):
    total = _stated_total(solution)
    assert sum(nbgrader(c)["points"] for c in graded_cells(solution)) == total

    table = re.findall(r"^\| \d+ \| .* \| (\d+) \|$", solution.cells[0].source, re.M)
    assert sum(map(int, table)) == total, "the table of exercises at the top must add up to the total"

    # every "### Exercise k (n points)" heading is followed by test cells worth exactly n points
    headings = [(i, int(k), int(n)) for i, c in enumerate(solution.cells) if c.cell_type == "markdown"
                for k, n in re.findall(r"^### Exercise (\d+) \((\d+) points?\)", c.source, re.M)]
    assert [k for _, k, _ in headings] == list(range(1, len(headings) + 1)), "exercises numbered 1, 2, 3, ..."
    assert [n for _, _, n in headings] == [int(p) for p in table], "headings and table disagree"
    tests = [(i, nbgrader(c)["points"]) for i, c in enumerate(solution.cells)
             if c.cell_type == "code" and nbgrader(c).get("grade")]
    for position, (cell_index, number, points) in enumerate(headings):
        later = [i for i, _, _ in headings[position + 1:] if i > cell_index]
        limit = later[0] if later else len(solution.cells)
        earned = 0
        while earned < points:
            assert tests, f"exercise {number}: no test cells left for its {points} points"
            index, value = tests.pop(0)
            assert cell_index < index < limit, f"exercise {number}: its test cell {index} is not in its section"
            earned += value
        assert earned == points, f"exercise {number} states {points} points, its tests give {earned}"
    assert tests == [], "test cells without an exercise heading"


def test_student_version_is_the_generated_one(solution, student):
    """Same graded cells; solutions and hidden tests removed (`python -m autograder check` compares exactly)."""
    assert [grade_id(c) for c in student.cells if nbgrader(c)] == \
        [grade_id(c) for c in solution.cells if nbgrader(c)]
    text = "\n".join(c.source for c in student.cells)
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
    assert all("raise NotImplementedError()" in c.source for c in solution_cells(student))
    visible = {grade_id(c): strip_hidden_tests(c.source).strip() for c in graded_cells(solution)}
    for cell in graded_cells(student):
        assert cell.source.strip() == visible[grade_id(cell)], f"{grade_id(cell)} differs from the solution's"


# ---------------------------------------------------------------- execution (slow)

_REPORT = "import json; print(json.dumps({'test_accuracy': float(test_accuracy)}))"


@pytest.mark.slow
def test_solution_notebook_passes_every_test_and_reaches_90_percent(solution):
    notebook = nbformat.from_dict(solution)
    notebook.cells.append(nbformat.v4.new_code_cell(_REPORT))
    executed = execute(notebook, cwd=FOLDER)  # raises at the first failing cell
    failing = {grade_id(c) or i: errors(c) for i, c in enumerate(executed.cells) if errors(c)}
    assert failing == {}
    report = json.loads(stream_text(executed.cells[-1]).strip().splitlines()[-1])
    assert report["test_accuracy"] >= 0.90
    trained = next(c for c in executed.cells if grade_id(c) == "test_train_linear_classifier")
    (accuracy,) = re.findall(r"test accuracy (\d\.\d+)", stream_text(trained))
    assert float(accuracy) >= 0.90


@pytest.mark.slow
def test_student_notebook_fails_every_graded_test_cleanly(student):
    executed = execute(student, cwd=NOTEBOOKS / NAME, env={"NBGRADER_EXECUTION": "autograde"},
                       allow_errors=True)
    graded = {grade_id(c) for c in graded_cells(executed)}
    for index, cell in enumerate(executed.cells):
        if cell.cell_type != "code":
            continue
        found = errors(cell)
        where = grade_id(cell) or f"cell {index}"
        if grade_id(cell) in graded:
            assert [name for name, _ in found] == ["NotImplementedError"], f"{where}: {found}"
        elif nbgrader(cell).get("solution"):
            assert [name for name, _ in found] in ([], ["NotImplementedError"]), f"{where}: {found}"
        else:
            assert found == [], f"{where} crashes in the blank student notebook: {found}"


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
