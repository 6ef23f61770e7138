"""Notebook 03 (optimization): what is specific to it.

The generic checks (structure, points, release in sync, solution passes, blank student version fails
cleanly) are in tests/test_notebooks.py. Here:
- fast: the lecture's Q2 curves are shuffled by the locked cell exactly as the hidden tests and the
  instructor's answer assume, and they look as the question needs (plain descent slowest, momentum 0.9
  not monotone); the update rules of the solution agree with dlcourse.optim (and Adam's first step is
  lr); the errata touching this notebook are corrected in its text;
- slow (one kernel for everything): answers that pass the visible tests by luck or hard-coding fail
  the hidden ones, and classic mistakes get the visible message that names them.
"""

import numpy as np
import nbformat
import pytest

from notebook_helpers import SOLUTIONS, errors, execute, grade_id, nbgrader, read, strip_hidden_tests

NAME = "03_optimization"
FOLDER = SOLUTIONS / NAME
SOLUTION = FOLDER / f"{NAME}.ipynb"
SEED = 20210301  # the locked cell's shuffle of the Q2 curves


@pytest.fixture(scope="module")
def solution():
    return read(SOLUTION)


def _cell(notebook, name):
    (cell,) = [c for c in notebook.cells if grade_id(c) == name]
    return cell


def _namespace(notebook, *names):
    """Run the setup cell and the cells `names` of the notebook in this process; returns their globals."""
    namespace = {}
    for name in ("setup",) + names:
        exec(compile(_cell(notebook, name).source, name, "exec"), namespace)
    return namespace


# ---------------------------------------------------------------- fast

def test_the_q2_curves_are_shuffled_as_the_hidden_tests_and_the_answer_assume(solution):
    ns = _namespace(solution, "lecture_curves", "answer_curve_momenta", "momentum_step", "momentum_losses")
    order = np.random.default_rng(SEED).permutation(3)
    expected = tuple((0.0, 0.5, 0.9)[i] for i in order)
    assert ns["curve_momenta"] == expected
    assert sorted(expected) != list(expected), "the curves must not be in the order of the question"
    for name, alpha in zip("ABC", expected):
        mine = ns["momentum_losses"](ns["q2_loss"], ns["q2_grad"], ns["q2_start"], ns["q2_lr"], alpha, ns["q2_steps"])
        np.testing.assert_allclose(mine, ns["lecture_curves"][name], rtol=1e-12)
    for hidden in (strip_hidden_tests(_cell(solution, f"test_curve_{n}").source) for n in "ABC"):
        assert str(SEED) not in hidden, "the visible test must not show the shuffle"
    for n in "ABC":
        assert str(SEED) in _cell(solution, f"test_curve_{n}").source.split("### BEGIN HIDDEN TESTS")[1]


def test_the_q2_curves_can_be_told_apart_by_looking(solution):
    ns = _namespace(solution, "lecture_curves")
    by_alpha = dict(zip(tuple((0.0, 0.5, 0.9)[i] for i in np.random.default_rng(SEED).permutation(3)),
                        ns["lecture_curves"].values()))
    gd, half, high = by_alpha[0.0], by_alpha[0.5], by_alpha[0.9]
    assert np.all(np.diff(gd) <= 0) and np.all(np.diff(half) <= 0), "plain descent and momentum 0.5 fall monotonically"
    assert np.sum(np.diff(high) > 0) >= 5, "momentum 0.9 overshoots: its loss goes up and down"
    assert gd[-1] > 5 * half[-1] > 5 * high[-1], "more momentum, lower loss after 100 steps"


def test_the_solutions_agree_with_dlcourse_optim_over_many_steps(solution):
    """The instructor's update rules against the reference adapters of the notebook's demo cell."""
    cells = ["sgd_step", "momentum_step", "nesterov_step", "adagrad_step", "rmsprop_step",
             "rmsprop_nesterov_step", "adam_step"]
    ns = _namespace(solution, *cells)
    (adapters,) = [c for c in solution.cells if c.cell_type == "code" and "def _reference_step" in c.source]
    exec(compile(adapters.source, "adapters", "exec"), ns)
    rng = np.random.default_rng(0)
    A = np.diag([1.0, 7.0, 0.0])  # the last coordinate's gradient is always 0
    grad = lambda w: A @ w
    mine = [rng.standard_normal(3), np.zeros(3), np.zeros(3), np.zeros(3), 0]
    ref = [mine[0].copy(), np.zeros(3), np.zeros(3), np.zeros(3), 0]
    for _ in range(40):
        for state, prefix in ((mine, ""), (ref, "reference_")):
            w, v, r, s, t = state
            w, v = ns[prefix + "nesterov_step"](w, v, grad, 0.05, 0.8)
            w, r = ns[prefix + "rmsprop_step"](w, grad(w), r, 0.01, 0.9)
            w, v, r = ns[prefix + "rmsprop_nesterov_step"](w, v, r, grad, 0.01, 0.9, 0.5)
            w, s, r, t = ns[prefix + "adam_step"](w, grad(w), s, r, t, 0.01)
            w, r = ns[prefix + "adagrad_step"](w, grad(w), r, 0.01)
            w, v = ns[prefix + "momentum_step"](w, grad(w), v, 0.05, 0.9)
            state[:] = [ns[prefix + "sgd_step"](w, grad(w), 0.05), v, r, s, t]
        for a, b in zip(mine, ref):
            np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)
    w1 = ns["adam_step"](np.zeros(2), np.array([3.0, -1e-3]), np.zeros(2), np.zeros(2), 0, lr=0.1)[0]
    np.testing.assert_allclose(w1, [-0.1, 0.1], rtol=1e-4)  # the lecture: Adam's first step is lr per coordinate


@pytest.mark.parametrize("slide_error, correction", [
    ("r_hat <- r_hat", r"\hat r \leftarrow \hat r/(1 - \rho_2^t)"),
    ("AdaGrad without the minus", "without a minus sign"),
    ("RMSProp delta inside vs outside", "this course uses **outside**"),
    ("003's Algorithm 7 is Adam", "whose steps are those of\n> **Adam**"),
    ("batch size vs epoch", "That is the number of **epochs**"),
    ("Algorithm 8.6 without delta", "gets $0/0 =$ NaN"),
    ("001's incomplete Adam", "has no bias\n> correction at all"),
    ("004's rho in [0, 1]", r"$\rho \in [0, 1)$"),
    ("004: alpha larger than eps", "Comparing $\\alpha$ with $\\epsilon$ means nothing"),
    ("001: BFGS rank 1", "BFGS uses rank-2 updates"),
    ("001: H of 100 x 100 million", "10^{16}"),
    ("001: mini-batch pseudo-code", "`df_do = mean(df_do_all)`"),
])
def test_the_errata_touching_optimization_are_corrected_in_the_text(solution, slide_error, correction):
    notes = "\n".join(c.source for c in solution.cells if c.cell_type == "markdown" and "> **Erratum.**" in c.source)
    assert correction in notes, f"no erratum note corrects {slide_error!r}"


def test_the_003_momentum_parametrization_is_explained(solution):
    text = "\n".join(c.source for c in solution.cells if c.cell_type == "markdown")
    assert r"$\epsilon = \eta (1 - \lambda)$" in text and r"\frac{\epsilon \lVert g \rVert}{1 - \alpha}" in text


# ---------------------------------------------------------------- slow: mutants

def _edit(source, old, new):
    assert old in source, old
    return source.replace(old, new)


EDITS = {
    # pass the visible tests, fail the hidden ones
    "<nesterov alpha 0.9>": ("g = grad_fn(w + alpha * v)", "g = grad_fn(w + 0.9 * v)"),
    "<rmsprop-nesterov alpha 0.9>": ("g = grad_fn(w + alpha * v)", "g = grad_fn(w + 0.9 * v)"),
    "<adagrad delta ignored>": ("(delta + np.sqrt(r))", "(1e-7 + np.sqrt(r))"),
    "<rmsprop delta ignored>": ("(delta + np.sqrt(r))", "(1e-6 + np.sqrt(r))"),
    "<adam rho2 ignored>": ("r = rho2 * r + (1 - rho2) * g * g\n    s_hat = s / (1 - rho1 ** t)\n    r_hat = r / (1 - rho2 ** t)",
                            "r = 0.999 * r + 0.001 * g * g\n    s_hat = s / (1 - rho1 ** t)\n    r_hat = r / (1 - 0.999 ** t)"),
    "<eigenvalues of H>": ("singular_values = np.linalg.svd(H, compute_uv=False)",
                           "singular_values = np.abs(np.linalg.eigvalsh(H))"),
    # classic mistakes (the others: tests/mutants/03_optimization/)
    "<momentum 003 form>": ("v = alpha * v - lr * g", "v = alpha * v - (1 - alpha) * g"),
    "<adam no s correction>": ("s_hat = s / (1 - rho1 ** t)", "s_hat = s"),
    "<adam t late>": [("t = t + 1\n    s = rho1", "s = rho1"), (", s, r, t\n", ", s, r, t + 1\n")],
}

# Answers that pass the visible tests and must fail the hidden ones: (answer cell, replacement, test cells).
HIDDEN_CATCHES = [
    ("answer_noise_ratio", "noise_ratio = 4", ["test_noise_ratio"]),
    ("answer_convergent_schedules", 'convergent_schedules = {"B"}', ["test_convergent_schedules"]),
    ("answer_terminal_step", "terminal_step = 0.03", ["test_terminal_step"]),
    ("answer_curve_momenta", "curve_momenta = (0.9, 0.5, 0.0)", ["test_curve_A", "test_curve_B", "test_curve_C"]),
    ("nesterov_step", "<nesterov alpha 0.9>", ["test_nesterov_step"]),
    ("rmsprop_nesterov_step", "<rmsprop-nesterov alpha 0.9>", ["test_rmsprop_nesterov_step"]),
    ("adagrad_step", "<adagrad delta ignored>", ["test_adagrad_step"]),
    ("rmsprop_step", "<rmsprop delta ignored>", ["test_rmsprop_step"]),
    ("adam_step", "<adam rho2 ignored>", ["test_adam_step"]),
    ("condition_number", "<eigenvalues of H>", ["test_condition_number"]),
]

# Classic mistakes: (answer cell, replacement, test cell, words of the visible test's message). The other
# classic mistakes are mutants of tests/mutants/03_optimization/ (graded by tests/test_mutants.py).
MESSAGES = [
    ("momentum_step", "<momentum 003 form>", "test_momentum_step", "lecture 003's form"),
    ("adam_step", "<adam no s correction>", "test_adam_step", "step 1 is 10x too small"),
    ("adam_step", "<adam t late>", "test_adam_step", "increment t BEFORE the bias correction"),
]


def _mutate(solution, cell_name, replacement):
    source = _cell(solution, cell_name).source
    if replacement not in EDITS:
        return replacement
    edits = EDITS[replacement]
    for old, new in edits if isinstance(edits, list) else [edits]:
        source = _edit(source, old, new)
    return source


@pytest.fixture(scope="module")
def graded_run(solution):
    """One kernel: every nbgrader cell of the solution (no demos), then each case, each followed by a restore."""
    cells = [nbformat.from_dict(c) for c in solution.cells if c.cell_type == "code" and nbgrader(c)]
    checks = {"hidden": [], "message": []}

    def add(source):
        cells.append(nbformat.v4.new_code_cell(source))
        return len(cells) - 1

    for cell_name, replacement, tests in HIDDEN_CATCHES:
        add(_mutate(solution, cell_name, replacement))
        for test in tests:
            source = _cell(solution, test).source
            checks["hidden"].append((cell_name, test, add(strip_hidden_tests(source)), add(source)))
        add(_cell(solution, cell_name).source)
    for cell_name, replacement, test, words in MESSAGES:
        add(_mutate(solution, cell_name, replacement))
        checks["message"].append(add(strip_hidden_tests(_cell(solution, test).source)))
        add(_cell(solution, cell_name).source)
    notebook = nbformat.v4.new_notebook(cells=cells, metadata=solution.metadata)
    return execute(notebook, cwd=FOLDER, allow_errors=True, timeout=300), checks


@pytest.mark.slow
def test_the_graded_cells_of_the_solution_pass(graded_run, solution):
    executed, _ = graded_run
    count = sum(1 for c in solution.cells if c.cell_type == "code" and nbgrader(c))
    assert {grade_id(c): errors(c) for c in executed.cells[:count] if errors(c)} == {}


@pytest.mark.slow
@pytest.mark.parametrize("case", range(len(HIDDEN_CATCHES)), ids=[f"{c[0]}-{c[1][:25]}" for c in HIDDEN_CATCHES])
def test_hidden_tests_catch_answers_that_pass_the_visible_ones(graded_run, case):
    executed, checks = graded_run
    cell_name, replacement, tests = HIDDEN_CATCHES[case]
    found = [(test, visible, full) for name, test, visible, full in checks["hidden"] if name == cell_name]
    assert [test for test, _, _ in found] == tests
    for test, visible, full in found:
        assert errors(executed.cells[visible]) == [], f"{test}: the visible tests should pass {replacement}"
        assert [e for e, _ in errors(executed.cells[full])] == ["AssertionError"], f"{test}: the hidden tests should fail"


@pytest.mark.slow
@pytest.mark.parametrize("case", range(len(MESSAGES)), ids=[f"{c[0]}-{c[1]}" for c in MESSAGES])
def test_visible_tests_name_the_classic_mistakes(graded_run, case):
    executed, checks = graded_run
    _, replacement, test, words = MESSAGES[case]
    found = errors(executed.cells[checks["message"][case]])
    assert len(found) == 1 and found[0][0] == "AssertionError", f"{test} with {replacement}: {found}"
    assert words in found[0][1], f"{test} with {replacement} should say {words!r}, said: {found[0][1]}"
