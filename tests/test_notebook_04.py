"""Notebook 04 (regularization): checks of its own. The checks every notebook gets (structure, both
versions executed, a demo class graded) are in test_notebooks.py.

Here:
- answers that pass the visible tests by luck or by hard-coding fail the hidden ones (MUTANTS);
- (classic mistakes named by their diagnosis codes, and correct variants of the answers, are mutants of
  tests/mutants/04_regularization/, graded by tests/test_mutants.py);
- what the notebook states about torch and about weight scaling holds for the instructor's functions.
"""

import nbformat
import numpy as np
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

NAME = "04_regularization"
SOLUTION = SOLUTIONS / NAME / f"{NAME}.ipynb"
FOLDER = SOLUTIONS / NAME


@pytest.fixture(scope="module")
def solution():
    return read(SOLUTION)


def _cell(notebook, name):
    (cell,) = [c for c in notebook.cells if grade_id(c) == name]
    return cell


def _replace(source, old, new):
    assert old in source, f"the mutation target {old!r} is no longer in the solution cell"
    return source.replace(old, new)


# answer cell -> (test cells whose hidden tests must fail, function of the solution source -> mutated source)
MUTANTS = {
    "answer_directions": ("test_strong_direction test_weak_direction",
                          lambda s: 'strong_direction = "B"\nweak_direction = "A"'),
    "answer_label_preserving": ("test_label_preserving", lambda s: 'label_preserving = {"D"}'),
    "answer_unique_fraction": ("test_unique_fraction", lambda s: 'unique_fraction = "A"'),
    "estimator_stats": ("test_estimator_stats",
                        lambda s: "def estimator_stats(estimates, theta):\n    return 1.0, 3.5, 4.5"),
    # K = 3 hard-coded: right on the visible examples (K = 3, and eps = 0 with K = 4)
    "smooth_labels": ("test_smooth_labels test_torch_smoothing",
                      lambda s: _replace(_replace(s, "eps / (num_classes - 1))", "eps / 2)"),
                                         "return eps * num_classes / (num_classes - 1)", "return 1.5 * eps")),
    # never draws the last index n - 1
    "bootstrap_sample": ("test_bootstrap_sample", lambda s: _replace(s, "rng.integers(0, n, size=n)",
                                                                     "rng.integers(0, max(n - 1, 1), size=n)")),
}

# The classic mistakes (with their diagnosis codes) and the correct variants are mutants of
# tests/mutants/04_regularization/, graded by tests/test_mutants.py.


def _run(solution, plan):
    """Execute setup, every solution cell, then for each (answer id, replacement source, test id, hidden) the
    replacement followed by the test (visible part only unless hidden), and the original answer after it.
    Returns the executed notebook and the index of each planned test cell."""
    cells = [c for c in solution.cells if grade_id(c) == "setup"]
    originals = {grade_id(c): c.source for c in solution_cells(solution)}
    cells += [nbformat.v4.new_code_cell(source) for source in originals.values()]
    tests = {grade_id(c): c.source for c in graded_cells(solution)}
    indices = []
    for answer, source, test, hidden in plan:
        cells.append(nbformat.v4.new_code_cell(source))
        indices.append(len(cells))
        cells.append(nbformat.v4.new_code_cell(tests[test] if hidden else strip_hidden_tests(tests[test])))
        cells.append(nbformat.v4.new_code_cell(originals[answer]))
    notebook = nbformat.v4.new_notebook(cells=cells, metadata=solution.metadata)
    return execute(notebook, cwd=FOLDER, allow_errors=True), indices


@pytest.mark.slow
def test_hard_coded_answers_fail_only_the_hidden_tests(solution):
    """One kernel run: answers hard-coded for the visible examples pass them and fail the hidden tests."""
    sources = {grade_id(c): c.source for c in solution_cells(solution)}
    plan, checks = [], []
    for answer, (tests, mutate) in MUTANTS.items():
        for test in tests.split():
            plan += [(answer, mutate(sources[answer]), test, False), (answer, mutate(sources[answer]), test, True)]
            checks += [("mutant visible", answer, test, None), ("mutant hidden", answer, test, None)]
    executed, indices = _run(solution, plan)
    problems = []
    for (kind, answer, test, code), index in zip(checks, indices):
        found = errors(executed.cells[index])
        if kind == "mutant visible" and found:
            problems.append(f"{kind} {answer} / {test}: should pass, got {found}")
        elif kind == "mutant hidden" and [e for e, _ in found] != ["AssertionError"]:
            problems.append(f"{kind} {answer} / {test}: the hidden tests should fail with an AssertionError, got {found}")
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------- what the notebook states

def _namespace(solution, *answer_ids):
    """The instructor's functions of the given answer cells, defined in a fresh namespace."""
    namespace = {"np": np}
    for answer in answer_ids:
        exec(_cell(solution, answer).source, namespace)  # noqa: S102 (the instructor's own cell)
    return namespace


def test_torch_smoothing_gives_torch_the_lecture_targets(solution):
    torch = pytest.importorskip("torch")
    ns = _namespace(solution, "smooth_labels", "smoothed_cross_entropy")
    rng = np.random.default_rng(0)
    for K in [2, 3, 10]:
        S, y, eps = rng.standard_normal((7, K)), rng.integers(0, K, size=7), 0.3 * (K - 1) / K
        expected = torch.nn.functional.cross_entropy(torch.tensor(S), torch.tensor(y),
                                                     label_smoothing=ns["torch_smoothing"](eps, K)).item()
        assert np.isclose(ns["smoothed_cross_entropy"](S, y, eps)[0], expected, rtol=1e-12)


def test_weight_scaling_is_the_geometric_mean_of_all_sub_networks(solution):
    """The notebook's claim (Goodfellow et al. 7.12) for softmax regression with q = 1/2."""
    ns = _namespace(solution, "dropout_inference")
    rng = np.random.default_rng(1)
    D, C = 6, 4
    X, W, b = rng.standard_normal((5, D)), 2 * rng.standard_normal((C, D)), rng.standard_normal(C)
    masks = ((np.arange(2 ** D)[:, None] >> np.arange(D)) & 1).astype(float)
    logs = np.stack([np.log(ns["mask_sampling_probs"](X, W, b, m[None])) for m in masks])
    geometric = np.exp(logs.mean(axis=0))
    geometric /= geometric.sum(axis=1, keepdims=True)
    assert np.allclose(geometric, ns["weight_scaling_probs"](X, W, b, 0.5), rtol=1e-10)
    assert not np.allclose(ns["mask_sampling_probs"](X, W, b, masks), geometric, atol=1e-3)


def test_l2_optimum_is_the_minimum_of_the_regularized_quadratic(solution):
    ns = _namespace(solution, "l2_regularized_optimum", "l1_regularized_optimum")
    rng = np.random.default_rng(2)
    A = rng.standard_normal((4, 4))
    H, w_star, alpha = A @ A.T + 0.1 * np.eye(4), rng.standard_normal(4), 0.7
    w = ns["l2_regularized_optimum"](H, w_star, alpha)
    assert np.allclose(H @ (w - w_star) + alpha * w, 0, atol=1e-10), "the gradient of the objective vanishes"
    # L1: no coordinate can be improved by a small move (diagonal H)
    h, w_star = rng.uniform(0.5, 2, 50), rng.standard_normal(50)
    w = ns["l1_regularized_optimum"](w_star, h, 0.6)
    objective = lambda v: 0.5 * h * (v - w_star) ** 2 + 0.6 * np.abs(v)
    for delta in [1e-4, -1e-4]:
        assert np.all(objective(w + delta) >= objective(w) - 1e-15)


def test_the_student_notebook_links_every_selfcheck_question():
    text = "\n".join(c.source for c in read(SOLUTION).cells if c.cell_type == "markdown")
    for name in ["strong_direction", "weak_direction", "label_preserving", "unique_fraction"]:
        assert f'check_answer("04.{name}", {name})' in text
