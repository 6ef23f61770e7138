"""Notebook 06 (convolutional networks): checks of its own. The checks every notebook gets (structure,
both versions executed, a demo class graded) are in test_notebooks.py; the 97% test accuracy of the
small CNN is asserted by the notebook's own test of `build_cnn`, which trains the student's network.

Here:
- answers that pass the visible tests by luck or by hard-coding fail the hidden ones;
- the classic mistakes of each exercise are caught by the visible tests, with the diagnosis code that
  names them (the slides' errata among them: the mislabelled convolution example, flooring an invalid
  output size, the same-padding typo "F - S/2");
- the errata of lecture 000 that this notebook covers are corrected in its text, and the lecture's
  worked numbers appear in it.
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

NAME = "06_convolutional_networks"
SOLUTION = SOLUTIONS / NAME / f"{NAME}.ipynb"
FOLDER = SOLUTIONS / NAME


@pytest.fixture(scope="module")
def solution():
    return read(SOLUTION)


def _cell(notebook, name):
    (cell,) = [c for c in notebook.cells if grade_id(c) == name]
    return cell


def _code(source):
    return nbformat.v4.new_code_cell(source.strip("\n"))


def _setup_and_solutions(notebook):
    return [_cell(notebook, "setup")] + [nbformat.from_dict(c) for c in solution_cells(notebook)]


# Answers that a careless or hard-coding student could write: solution cell -> (the tests whose visible
# part must pass and hidden part fail, the replacement source of the whole cell).
MUTANTS = {
    "parameter_counts": (["test_parameter_counts"], '''
def parameter_counts(height, width, in_channels, out_channels, kernel_size):   # square inputs only
    positions = (height - kernel_size + 1) ** 2
    patch = kernel_size ** 2 * in_channels
    outputs = positions * out_channels
    return (height * height * in_channels + 1) * outputs, (patch + 1) * outputs, (patch + 1) * out_channels
'''),
    "conv1d": (["test_conv1d"], '''
def conv1d(x, w):   # written for kernels of at most three entries, as in the visible tests
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    s = np.zeros(len(x) + len(w) - 1)
    for a in range(len(x)):
        s[a] += x[a] * w[0]
        if len(w) > 1:
            s[a + 1] += x[a] * w[1]
        if len(w) > 2:
            s[a + 2] += x[a] * w[2]
    return s
'''),
    "conv2d_single": (["test_convolve2d"], '''
def cross_correlate2d(I, K):
    kh, kw = K.shape
    return np.array([[np.sum(I[i:i + kh, j:j + kw] * K) for j in range(I.shape[1] - kw + 1)]
                     for i in range(I.shape[0] - kh + 1)])


def convolve2d(I, K):   # square kernels only
    k = K.shape[0]
    flipped = K[::-1, ::-1]
    return np.array([[np.sum(I[i:i + k, j:j + k] * flipped) for j in range(I.shape[1] - k + 1)]
                     for i in range(I.shape[0] - k + 1)])
'''),
    "answer_commutes": (["test_commutes"], 'commutes = "B"'),
    "conv_output_size": (["test_conv_output_size"], '''
def conv_output_size(n, f, stride=1, padding=0):
    if f > n:   # forgets that padding makes room for the filter
        raise ValueError("the filter is larger than the input")
    if (n + 2 * padding - f) % stride:
        raise ValueError("invalid dimension")
    return (n + 2 * padding - f) // stride + 1
'''),
    "padding_for_output": (["test_padding_for_output"], '''
def padding_for_output(n, f, stride, m):
    twice_z = (m - 1) * stride + f - n
    if twice_z <= 0 or twice_z % 2:   # "padding must be positive": Z = 0 is a valid answer
        raise ValueError("no padding gives that output size")
    return twice_z // 2
'''),
    "answer_equivariant": (["test_equivariant"], 'equivariant = {"A", "B", "D"}'),
    "pooling": (["test_max_pool2d", "test_avg_pool2d"], '''
def max_pool2d(x, kernel_size, stride=None):   # square inputs only
    S = stride or kernel_size
    N, C, H, _ = x.shape
    m = (H - kernel_size) // S + 1
    return np.array([[[[x[n, c, i * S:i * S + kernel_size, j * S:j * S + kernel_size].max() for j in range(m)]
                       for i in range(m)] for c in range(C)] for n in range(N)])


def avg_pool2d(x, kernel_size, stride=None):   # square inputs only
    S = stride or kernel_size
    N, C, H, _ = x.shape
    m = (H - kernel_size) // S + 1
    return np.array([[[[x[n, c, i * S:i * S + kernel_size, j * S:j * S + kernel_size].mean() for j in range(m)]
                       for i in range(m)] for c in range(C)] for n in range(N)])
'''),
    "answer_fewer_inputs": (["test_fewer_inputs"], "fewer_inputs = 2"),
    "conv2d_naive_backward": (["test_conv2d_naive_backward"], '''
def conv2d_naive_backward(dout, x, w, stride=1, padding=0):
    K = w.shape[2]
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dx_pad, dw = np.zeros_like(x_pad), np.zeros_like(w)
    for n in range(x.shape[0]):
        for k in range(w.shape[0]):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    window = (n, slice(None), slice(i * stride, i * stride + K), slice(j * stride, j * stride + K))
                    dw[k] += dout[n, k, i, j] * x_pad[window]
                    dx_pad[window] += dout[n, k, i, j] * w[k]
    H, W = x.shape[2:]
    return dx_pad[:, :, padding:padding + H, padding:padding + W], dw, dout.mean(axis=0).sum(axis=(1, 2))   # mean over the batch
'''),
    "build_cnn": (["test_build_cnn"], '''
from dlcourse.nn import Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential


def build_cnn(rng):
    rng = np.random.default_rng(0)   # ignores the generator it is given
    return Sequential(Conv2d(1, 32, 3, padding=1, rng=rng), ReLU(), MaxPool2d(2), Flatten(), Linear(512, 10, rng=rng))
'''),
}


# Classic mistakes: the visible test of the exercise must fail with an AssertionError whose message
# starts with the diagnosis code. Most classic mistakes are mutants in
# tests/mutants/06_convolutional_networks/ (graded by the real grader,
# tests/test_mutants.py); the few left here are not. (test, code, the mistaken code: it redefines one function)
CLASSIC = [
    ("test_conv_output_size", "[conv_output_size.no_padding]", '''
def conv_output_size(n, f, stride=1, padding=0):
    if f > n or (n - f) % stride:
        raise ValueError("invalid")
    return (n - f) // stride + 1
'''),
    ("test_conv2d_naive", "[conv2d_naive.bias]", '''
def conv2d_naive(x, w, b=None, stride=1, padding=0):
    from dlcourse.functional import conv2d_naive as course_version
    return course_version(x, w, None, stride, padding) + (0.0 if b is None else b[0])
'''),
    ("test_im2col", "[im2col.transposed]", '''
def im2col(x, kernel_size, stride=1, padding=0):
    from dlcourse.functional import im2col as course_version
    return course_version(x, kernel_size, stride, padding).T
'''),
]


@pytest.mark.slow
def test_hidden_tests_catch_answers_that_pass_the_visible_ones(solution):
    cells = _setup_and_solutions(solution)
    for cell in cells:
        if grade_id(cell) in MUTANTS:
            cell.source = MUTANTS[grade_id(cell)][1].strip("\n")
    checked = [name for tests, _ in MUTANTS.values() for name in tests]
    assert set(checked) <= {grade_id(c) for c in graded_cells(solution)}
    checks = []
    for cell in graded_cells(solution):
        if grade_id(cell) in checked:
            checks.append((grade_id(cell), len(cells)))
            cells.append(_code(strip_hidden_tests(cell.source)))
            cells.append(_code(cell.source))
    notebook = nbformat.v4.new_notebook(cells=cells, metadata=solution.metadata)
    executed = execute(notebook, cwd=FOLDER, env={"NBGRADER_EXECUTION": "autograde"}, allow_errors=True)
    for name, index in checks:
        assert errors(executed.cells[index]) == [], f"{name}: the visible tests should pass"
        failed = [e for e, _ in errors(executed.cells[index + 1])]
        assert len(failed) == 1 and failed[0] != "NotImplementedError", \
            f"{name}: the hidden tests should fail, got {errors(executed.cells[index + 1])}"


@pytest.mark.slow
def test_visible_tests_name_the_classic_mistakes(solution):
    cells = _setup_and_solutions(solution)
    answer_of = {grade_id(c): c for c in solution_cells(solution)}
    defines = {name: answer_id for answer_id, cell in answer_of.items()
               for name in [line[4:].split("(")[0] for line in cell.source.splitlines() if line.startswith("def ")]}
    checks = []
    for test_name, code, mistaken in CLASSIC:
        function = mistaken.strip().split("def ", 1)[1].split("(")[0]
        cells.append(_code(mistaken))
        checks.append((test_name, code, len(cells)))
        cells.append(_code(strip_hidden_tests(_cell(solution, test_name).source)))
        cells.append(_code(answer_of[defines[function]].source))   # the correct answer again
    notebook = nbformat.v4.new_notebook(cells=cells, metadata=solution.metadata)
    executed = execute(notebook, cwd=FOLDER, env={"NBGRADER_EXECUTION": "autograde"}, allow_errors=True)
    assert all(errors(c) == [] for c in executed.cells[:len(_setup_and_solutions(solution))])
    for test_name, code, index in checks:
        found = errors(executed.cells[index])
        assert len(found) == 1 and found[0][0] == "AssertionError", f"{code}: {test_name} should fail, got {found}"
        assert found[0][1].startswith(code), f"{test_name} should diagnose {code}, said {found[0][1][:200]!r}"


def test_every_classic_code_is_in_the_visible_tests(solution):
    for test_name, code, _ in CLASSIC:
        assert f'"{code} ' in strip_hidden_tests(_cell(solution, test_name).source), f"{test_name} lacks {code}"


def test_the_errata_of_lecture_000_are_corrected(solution):
    text = "\n".join(c.source for c in solution.cells if c.cell_type == "markdown")
    notes = [block for block in text.split("\n\n") if block.startswith("> **Erratum.**")]
    assert len(notes) == 4, f"four errata of lecture 000 touch this notebook, found {len(notes)} notes"
    joined = " ".join(notes)
    for needle in ["cross-correlation", "az + by + ex + fw",   # the mislabelled convolution example
                   "(N + 2P - F)/S + 1", "output",            # "Input Size = (N-F)/S + 1"
                   "(F - 1)/2",                               # same padding "F-S/2"
                   "k^2"]:                                    # pooling "k times fewer"
        assert needle in joined, f"the errata notes should mention {needle!r}"


def test_the_lecture_numbers_are_taught(solution):
    text = "\n".join(c.source for c in solution.cells)
    for needle in ["6521", "1256", "[[6.0, 8.0], [3.0, 4.0]]", "conv_output_size(7, 3, 3)",
                   "padding_for_output(7, 3, 3, 3)", "spaceship"]:
        assert needle in text, needle
