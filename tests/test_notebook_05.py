"""Notebook 05 (normalization, initialization, training practice): checks of its own. The checks every
notebook gets (structure, both versions executed, a demo class graded) are in test_notebooks.py; the
comparisons with torch's batch normalization are in the notebook's hidden tests.

Here:
- answers that pass the visible tests by luck or by hard-coding fail the hidden ones;
- the classic mistakes of each exercise are caught by the visible tests, with the diagnosis code that
  names them (the slide's errata among them: Xavier's 6/sqrt(m+n), PCA whitening by lambda, batch-norm
  statistics over the units);
- the errata of the lectures that this notebook covers are corrected in its text.
"""

import re

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

NAME = "05_normalization_initialization"
SOLUTION = SOLUTIONS / NAME / f"{NAME}.ipynb"
FOLDER = SOLUTIONS / NAME


@pytest.fixture(scope="module")
def solution():
    return read(SOLUTION)


def _cell(notebook, name):
    (cell,) = [c for c in notebook.cells if grade_id(c) == name]
    return cell


# Answers that a careless or hard-coding student could write: solution cell -> (the tests whose visible
# part must pass and hidden part fail, the replacement source). A replacement may also be a correct
# variant that a later mutant needs (empty list of tests).
MUTANTS = {
    "standardize": (["test_standardize"], '''
def standardize(X_train, X):
    std = X_train.std(axis=0)
    return (X - X_train.mean(axis=0)) / np.where(X_train.any(axis=0), std, 1.0)   # only blank features
'''),
    "pca_whiten": (["test_pca_whiten"], '''
def pca_whiten(X, eps=0.0):   # the tests of the visible part always pass eps
    centred = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred / len(X))
    return centred @ vectors[:, ::-1] / np.sqrt(values[::-1] + eps)
'''),
    "answer_constant_init_outcome": (["test_constant_init_outcome"], 'constant_init_outcome = "A"'),
    "simple_initializers": (["test_uniform_fan_in", "test_xavier_uniform", "test_he_normal"], '''
def uniform_fan_in(fan_in, fan_out, rng=None):
    return rng.uniform(-0.05, 0.05, size=(fan_out, fan_in))   # 1/sqrt(400), the visible test's fan_in


def xavier_uniform(fan_in, fan_out, gain=1.0, rng=None):
    return rng.uniform(-0.1 * gain, 0.1 * gain, size=(fan_out, fan_in))   # sqrt(6 / 600)


def he_normal(fan_in, fan_out, rng=None):
    return rng.normal(0.0, np.sqrt(2 / 400), size=(fan_out, fan_in))
'''),
    "orthogonal": (["test_orthogonal"], '''
def orthogonal(fan_in, fan_out, gain=1.0, rng=None):
    wide = fan_out <= fan_in
    q, r = np.linalg.qr(rng.standard_normal((fan_in, fan_out) if wide else (fan_out, fan_in)))
    if fan_in == fan_out:   # the sign fix only for square matrices
        q = q * np.sign(np.diag(r))
    return gain * (q.T if wide else q)
'''),
    "sparse_init": (["test_sparse_init"], '''
def sparse_init(fan_in, fan_out, k=10, std=1.0, rng=None):   # Martens used k = 15
    W = np.zeros((fan_out, fan_in))
    for row in range(fan_out):
        W[row, rng.choice(fan_in, size=k, replace=False)] = rng.normal(0.0, std, size=k)
    return W
'''),
    "layer_stds": (["test_layer_stds"], '''
def layer_stds(X, weights, activation):   # written for the one or two layers of the visible test
    h1 = activation(X @ weights[0].T)
    if len(weights) == 1:
        return np.array([np.std(h1)])
    h2 = activation(h1 @ weights[1].T)
    return np.array([np.std(h1), np.std(h2)])
'''),
    "answer_relu_xavier_factor": (["test_relu_xavier_factor"], 'relu_xavier_factor = "B"'),
    "batchnorm_forward": (["test_batchnorm_forward"], '''
def batchnorm_forward(x, gamma, beta, eps=1e-5):
    var = x.var(axis=0)
    x_hat = (x - x.mean()) / np.sqrt(var + eps)   # the mean of the whole batch, not of each unit
    return gamma * x_hat + beta, (x, x_hat, gamma, var, eps)
'''),
    "batchnorm_backward": (["test_batchnorm_backward"], '''
def batchnorm_backward(dout, cache):
    x, x_hat, gamma, var, eps = cache
    x_hat = (x - x.mean(axis=0)) / np.sqrt(var + eps)
    inv_std = 1.0 / np.sqrt(var)   # eps forgotten: invisible for eps = 1e-5 and a variance of 9
    n = len(dout)
    dx_hat = dout * gamma
    dx = inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * np.sum(dx_hat * x_hat, axis=0))
    return dx, np.sum(dout * x_hat, axis=0), dout.sum(axis=0)
'''),
    "update_running_stats": (["test_update_running_stats"], '''
def update_running_stats(running_mean, running_var, x, momentum=0.1):
    # N / (N - 1) = 2 for the visible test's batch of two
    return (1 - momentum) * running_mean + momentum * x.mean(axis=0), \\
        (1 - momentum) * running_var + momentum * 2 * x.var(axis=0)
'''),
    "batchnorm_inference": (["test_batchnorm_inference"], '''
def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=0.0):
    return gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
'''),
    "sample_log_uniform": (["test_sample_log_uniform"], '''
def sample_log_uniform(low, high, size, rng=None):
    return 10.0 ** rng.uniform(-4, 0, size=size)   # the visible test's range
'''),
    "answer_distinct_values": (["test_distinct_values"], "distinct_values = (9, 9)"),
    "answer_curve_diagnosis": (["test_curve_diagnosis"],
                               'curve_diagnosis = ["overfitting", "lr_too_high", "good", "lr_too_low"]'),
    "mlp_memory": (["test_mlp_memory"], '''
def mlp_memory(layer_sizes, batch_size, bytes_per_value=4):   # written for three layer sizes
    d0, d1, d2 = layer_sizes[0], layer_sizes[1], layer_sizes[2]
    parameters = d1 * d0 + d1 + d2 * d1 + d2
    activations = batch_size * (d0 + d1 + d2)
    return parameters, activations, (parameters + activations) * bytes_per_value / 1e6
'''),
    "answer_memory": (["test_lecture_memory_mb", "test_training_memory_mb"],
                      "lecture_memory_mb = 42e6 * 4 / 2 ** 20\ntraining_memory_mb = (3 * 26 + 16) * 4"),
    "combine_gradients": (["test_combine_gradients"], '''
def combine_gradients(grads, counts):   # written for at most two workers
    if len(grads) == 1:
        return grads[0]
    return (counts[0] * grads[0] + counts[1] * grads[1]) / (counts[0] + counts[1])
'''),
    "answer_batchnorm_facts": (["test_batchnorm_facts"], 'batchnorm_facts = {"B", "C", "E"}'),
    "answer_hyperparameter_kinds": (["test_hyperparameter_kinds"],
                                    'hyperparameter_kinds = ("H", "L", "H", "L", "L", "H", "H", "H")'),
    "answer_speedup_facts": (["test_speedup_facts"], 'speedup_facts = {"A", "B", "C", "D", "E"}'),
    "answer_network_design": (["test_network_design"], 'network_design = {"A", "B", "C", "D"}'),
}


# Classic mistakes: the visible test of the exercise must fail with an AssertionError whose message
# starts with the diagnosis code. Most classic mistakes are mutants in
# tests/mutants/05_normalization_initialization/ (graded by the real grader,
# tests/test_mutants.py); the few left here are not. (test, code, the mistaken solution cell's grade_id, its source)
CLASSIC = [
    ("test_orthogonal", "[orthogonal.not_orthonormal]", "orthogonal", '''
def orthogonal(fan_in, fan_out, gain=1.0, rng=None):
    q, r = np.linalg.qr(rng.standard_normal((fan_out, fan_in)))
    return gain * q * np.sign(np.diag(r)) if fan_out > fan_in else gain * rng.standard_normal((fan_out, fan_in))
'''),
    ("test_batchnorm_forward", "[batchnorm_forward.eps_outside_sqrt]", "batchnorm_forward", '''
def batchnorm_forward(x, gamma, beta, eps=1e-5):
    x_hat = (x - x.mean(axis=0)) / (x.std(axis=0) + eps)
    return gamma * x_hat + beta, None
'''),
]


def _setup_and_solutions(notebook):
    return [_cell(notebook, "setup")] + [nbformat.from_dict(c) for c in solution_cells(notebook)]


def _code(source):
    return nbformat.v4.new_code_cell(source.strip("\n"))


@pytest.mark.slow
def test_hidden_tests_catch_answers_that_pass_the_visible_ones(solution):
    cells = _setup_and_solutions(solution)
    for cell in cells:
        if grade_id(cell) in MUTANTS:
            cell.source = MUTANTS[grade_id(cell)][1].strip("\n")
    expected = [name for tests, _ in MUTANTS.values() for name in tests]
    assert sorted(expected) == sorted(grade_id(c) for c in graded_cells(solution)), \
        "every graded test has an answer that passes its visible part and fails its hidden part"
    checks = []
    for cell in graded_cells(solution):
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
    checks = []
    for test_name, code, answer_id, mistaken in CLASSIC:
        cells.append(_code(mistaken))
        checks.append((test_name, code, len(cells)))
        cells.append(_code(strip_hidden_tests(_cell(solution, test_name).source)))
        cells.append(nbformat.from_dict(_cell(solution, answer_id)))   # the correct answer again
    notebook = nbformat.v4.new_notebook(cells=cells, metadata=solution.metadata)
    executed = execute(notebook, cwd=FOLDER, env={"NBGRADER_EXECUTION": "autograde"}, allow_errors=True)
    assert all(errors(c) == [] for c in executed.cells[:len(_setup_and_solutions(solution))])
    for test_name, code, index in checks:
        found = errors(executed.cells[index])
        assert len(found) == 1 and found[0][0] == "AssertionError", f"{code}: {test_name} should fail, got {found}"
        assert found[0][1].startswith(code), f"{test_name} should diagnose {code}, said {found[0][1][:200]!r}"


def test_diagnosis_codes_are_well_formed(solution):
    for cell in graded_cells(solution):
        for code in re.findall(r'"\[([^\]]*)\] ', cell.source):
            assert re.fullmatch(r"[a-z0-9_]+\.[a-z0-9_.]+", code), f"{grade_id(cell)}: malformed code [{code}]"


@pytest.mark.parametrize("topic, phrases", [
    ("Xavier bound (lecture 004)", [r"\frac{6}{\sqrt{m+n}}", r"\sqrt{\frac{6}{m+n}}"]),
    ("PCA whitening divides by sqrt(lambda) (lecture 003)", ["divides every dimension by its eigenvalue", r"\sqrt{\lambda_k}"]),
    ("batch-norm statistics over the examples (lecture 004)", [r"\frac1m \sum_j H_{:,j}", r"\frac1m \sum_i H_{i,:}"]),
    ("batch size is not an epoch (lecture 003)", ["the same words as for the number of epochs", "number of examples"]),
])
def test_the_lectures_errata_are_corrected(solution, topic, phrases):
    notes = [" ".join(c.source.replace("\n> ", " ").split()) for c in solution.cells
             if c.cell_type == "markdown" and "> **Erratum.**" in c.source]
    assert any(all(p in note for p in phrases) for note in notes), f"no erratum note on the {topic}"


def test_the_lectures_memory_example_adds_up():
    """26 M weights + 16 M activations in float32 = 168 MB (lecture 003), the answer of exercise 19."""
    from dlcourse.selfcheck import _ANSWER_HASHES, answer_hash
    assert (26e6 + 16e6) * 4 / 1e6 == 168
    assert _ANSWER_HASHES["05.lecture_memory_mb"] == answer_hash("05.lecture_memory_mb", 168)
    assert _ANSWER_HASHES["05.training_memory_mb"] == answer_hash("05.training_memory_mb", (4 * 26 + 16) * 4)
