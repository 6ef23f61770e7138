"""Notebook 02 (backpropagation): what is specific to it.

The generic checks (structure, points, release in sync, solution passes, blank student version fails
cleanly) are in tests/test_notebooks.py. Here:
- fast: the answer checker of the dL/db12 question reads the spellings it promises and explains what
  is wrong; the Q1 solution agrees with torch; the lecture's answers are the graded ones; the errata
  touching this notebook are corrected in its text;
- slow: the training exercise meets its accuracy targets with a margin. Wrong and correct answers of
  every exercise are graded in tests/test_mutants.py (tests/mutants/02_backpropagation/).
"""

import re

import nbformat
import numpy as np
import pytest
from notebook_helpers import (
    SOLUTIONS,
    errors,
    execute,
    grade_id,
    nbgrader,
    read,
    stream_text,
    strip_hidden_tests,
)

NAME = "02_backpropagation"
FOLDER = SOLUTIONS / NAME
SOLUTION = FOLDER / f"{NAME}.ipynb"
DB12_PATH = {"dL/dz3", "dz3/da3", "da3/dz2", "dz2/da2", "da2/db12"}


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

@pytest.mark.parametrize("spelling", ["dL/dz3", "∂L/∂z3", " d L / d z_3 ", "DL/DZ3", "dl/dz_{3}", r"\partial L/\partial z3"])
def test_the_factor_checker_reads_every_promised_spelling(solution, spelling):
    ns = _namespace(solution, "factor_checker")
    assert ns["canonical_factor"](spelling) == "dL/dz3"


@pytest.mark.parametrize("answer, message", [
    ({"dL/dz2", "dz2/da2", "da2/db12"}, "dL/dz2 is not elementary"),
    ({"dL/dz3", "dz3/da3", "da3/db12"}, "da3/db12 is not elementary"),
    ({"dL/dz3", "dz3/da3", "da3/dz2", "dz2/da2", "da2/db12", "db12/dx1"}, "b12 is an input or a parameter"),
    ({"dz3/da3", "da3/dz2", "dz2/da2", "da2/db12"}, "must start from L"),
    ({"dL/dz3", "dz3/da3", "da3/dz2", "dz2/da2"}, "must end at b12"),
    ({"dL/dz3", "dz3/da9"}, "'a9' is not a quantity"),
    ({"dL/dz3", "L/z3"}, "cannot read"),
    ("dL/dz3 * dz3/da3", "give a set of strings"),
    (["dL/dz3", "∂L/∂z3", "dz3/da3", "da3/dz2", "dz2/da2", "da2/db12"], "appears twice"),
])
def test_the_factor_checker_says_what_is_wrong_without_the_answer(solution, answer, message):
    ns = _namespace(solution, "factor_checker")
    with pytest.raises((AssertionError, ValueError), match=re.escape(message)):
        ns["check_factors"](answer)


def test_the_factor_checker_accepts_the_answer_and_the_hidden_test_wants_it(solution):
    ns = _namespace(solution, "factor_checker", "answer_db12_factors")
    assert ns["check_factors"](ns["db12_factors"]) == DB12_PATH
    assert ns["check_factors"]({"∂L/∂z_3", "dz3/da3", "da3 / dz2", "DZ2/DA2", "da_2/db_{12}"}) == DB12_PATH
    hidden = _cell(solution, "test_db12_factors").source
    assert "### BEGIN HIDDEN TESTS" in hidden and all(f'"{f}"' in hidden.split("### BEGIN HIDDEN TESTS")[1] for f in DB12_PATH)
    assert all(f'"{f}"' not in strip_hidden_tests(hidden) for f in DB12_PATH), "the visible test must not show the key"


def test_the_lectures_answers_are_the_graded_ones(solution):
    """Q3 of lecture 002: iterations and layers are hyperparameters; the recipe of its 'Training a network' slide."""
    ns = _namespace(solution, "answer_hyperparameters", "answer_recipe_order", "answer_why_not_zero",
                    "answer_sigmoid_slope_max")
    assert ns["hyperparameters"] == {"A", "D"}
    options = dict(re.findall(r"^- \*\*([A-F])\*\* — (.*)$", _markdown_before(solution, "answer_recipe_order"), re.MULTILINE))
    steps = [options[letter].lower() for letter in ns["recipe_order"]]
    for step, words in zip(steps, ["initialise", "forward", "cost", "backpropagation", "gradient checking", "gradient descent"]):
        assert words in step, (step, words)
    assert ns["sigmoid_slope_max"] == 0.25 and ns["why_not_zero"] == "B"


def _markdown_before(notebook, name):
    index = next(i for i, c in enumerate(notebook.cells) if grade_id(c) == name)
    return notebook.cells[index - 1].source


def test_dL_db12_solution_agrees_with_torch_including_inactive_relus(solution):
    torch = pytest.importorskip("torch")
    ns = _namespace(solution, "dL_db12")
    rng = np.random.default_rng(0)
    inactive = 0
    for _ in range(200):
        case = dict(zip(["x1", "w11", "w12", "w21", "w22", "b11", "b12", "b21"], 2 * rng.standard_normal(8)))
        case["y"] = int(rng.integers(0, 2))
        t = {k: torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for k, v in case.items()}
        z1 = torch.relu(t["w11"] * t["x1"] + t["b11"])
        z2 = torch.relu(t["w12"] * t["x1"] + t["b12"])
        z3 = torch.sigmoid(t["w21"] * z1 + t["w22"] * z2 + t["b21"])
        torch.nn.functional.binary_cross_entropy(z3, t["y"].detach()).backward()
        inactive += case["w12"] * case["x1"] + case["b12"] < 0
        assert np.isclose(ns["dL_db12"](**case), t["b12"].grad.item(), rtol=1e-9, atol=1e-12), case
    assert 50 < inactive < 150


@pytest.mark.parametrize("slide_error, correction", [
    ("without the leading minus", r"-[\,y \log h + (1-y)\log(1-h)\,]"),                 # 002, 003: the cost's sign
    (r"\frac1n \Delta^{(l)}_{ij} + \lambda\Theta^{(l)}_{ij}", r"\frac1n\big(\Delta^{(l)}_{ij} + \lambda\Theta^{(l)}_{ij}\big)"),
    (r"a^{(l)}_i \delta^{(l+1)}_i", r"a^{(l)}_j \delta^{(l+1)}_i"),                    # 002: accumulation indices
    (r"$i = 1, \dots, s_{l-1}$", r"s_{l+1}"),                                            # 002: penalty indices
    ("the number of times the entire training set", "the number of examples per gradient estimate"),  # 003
    (r"$\delta^{(3)} = a^{(3)} - y$", r"(\Theta^{(3)\top}\delta^{(4)}) \odot g'(z^{(3)})"),        # 002: a hidden delta
])
def test_the_errata_of_lectures_002_and_003_are_corrected_in_the_text(solution, slide_error, correction):
    notes = [c.source for c in solution.cells if c.cell_type == "markdown" and "> **Erratum.**" in c.source]
    assert any(slide_error in note and correction in note for note in notes), (slide_error, correction)


# ---------------------------------------------------------------- slow
# Wrong answers (careless ones that pass the visible tests, classic mistakes and their diagnosis codes)
# and correct ones in other forms are graded in tests/test_mutants.py (tests/mutants/02_backpropagation/).

@pytest.mark.slow
def test_the_solution_passes_and_meets_the_accuracy_targets_with_a_margin(solution):
    cells = [nbformat.from_dict(c) for c in solution.cells if c.cell_type == "code" and nbgrader(c)]
    executed = execute(nbformat.v4.new_notebook(cells=cells, metadata=solution.metadata), cwd=FOLDER,
                       allow_errors=True, timeout=300)
    failing = {grade_id(c): errors(c) for c in executed.cells if errors(c)}
    assert failing == {}
    by_id = {grade_id(c): c for c in executed.cells}
    (spiral,) = re.findall(r"spiral: training accuracy (\d\.\d+)", stream_text(by_id["test_train_mlp_spiral"]))
    (digits,) = re.findall(r"digits: test accuracy (\d\.\d+)", stream_text(by_id["test_train_mlp_digits"]))
    assert float(spiral) >= 0.95 and float(digits) >= 0.95  # targets 0.90 and 0.93
