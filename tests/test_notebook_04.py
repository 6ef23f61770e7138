"""Notebook 04 (regularization): checks of its own. The checks every notebook gets (structure, both
versions executed, a demo class graded) are in test_notebooks.py.

Here:
- answers that pass the visible tests by luck or by hard-coding fail the hidden ones (MUTANTS);
- classic mistakes are caught by the visible tests with the diagnosis code that names them (CLASSIC);
- correct variants of the answers (loops, another formula, float32, ...) pass the hidden tests (VARIANTS);
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

# answer cell -> (test cell, mutation, the diagnosis code its visible tests must report)
CLASSIC = [
    ("estimator_stats", "test_estimator_stats",
     lambda s: _replace(s, "np.mean((estimates - mean) ** 2)", "np.var(estimates, ddof=1)"), "[estimator_stats.ddof]"),
    ("estimator_stats", "test_estimator_stats",
     lambda s: _replace(s, "float(mean - theta)", "float(theta - mean)"), "[estimator_stats.bias_sign]"),
    ("weight_decay_step", "test_weight_decay_step",
     lambda s: _replace(s, "(1.0 - lr * alpha)", "(1.0 - 2 * lr * alpha)"), "[weight_decay_step.factor_two]"),
    ("l2_regularized_optimum", "test_l2_regularized_optimum",
     lambda s: _replace(s, "return Q @ (eigvals / (eigvals + alpha) * (Q.T @ w_star))",
                        "return np.linalg.solve(H + alpha * np.eye(len(w_star)), w_star)"), "[l2_optimum.missing_h]"),
    ("l2_regularized_optimum", "test_l2_regularized_optimum",
     lambda s: _replace(s, "return Q @ (eigvals / (eigvals + alpha) * (Q.T @ w_star))",
                        "return eigvals / (eigvals + alpha) * w_star"), "[l2_optimum.no_rotation]"),
    ("l1_regularized_optimum", "test_l1_regularized_optimum",
     lambda s: _replace(s, "np.maximum(np.abs(w_star) - alpha / H_diag, 0.0)", "(np.abs(w_star) - alpha / H_diag)"),
     "[l1_optimum.no_clamp]"),
    ("l1_regularized_optimum", "test_l1_regularized_optimum",
     lambda s: _replace(s, "np.sign(w_star) * ", ""), "[l1_optimum.no_sign]"),
    ("horizontal_flip", "test_horizontal_flip",
     lambda s: _replace(s, "images[..., ::-1].copy()", "images[..., ::-1, :].copy()"), "[horizontal_flip.vertical]"),
    ("crop", "test_crop", lambda s: _replace(s, "t:t + size, l:l + size", "l:l + size, t:t + size"), "[crop.swapped]"),
    ("crop", "test_crop", lambda s: _replace(s, "padded = np.pad(images, pad)", "padded = images"), "[crop.no_padding]"),
    ("fancy_pca", "test_fancy_pca",
     lambda s: _replace(s, "(alphas * eigvals) @ eigvecs.T", "(alphas * eigvals) @ eigvecs"), "[fancy_pca.transposed]"),
    ("fancy_pca", "test_fancy_pca",
     lambda s: _replace(s, "(alphas * eigvals) @ eigvecs.T", "alphas @ eigvecs.T"), "[fancy_pca.no_eigvals]"),
    ("smooth_labels", "test_smooth_labels",
     lambda s: _replace(_replace(s, "eps / (num_classes - 1))", "eps / num_classes)"),
                        "= 1.0 - eps\n", "= 1.0 - eps + eps / num_classes\n"), "[smooth_labels.torch_form]"),
    ("smooth_labels", "test_torch_smoothing",
     lambda s: _replace(s, "eps * num_classes / (num_classes - 1)", "eps * (num_classes - 1) / num_classes"),
     "[torch_smoothing.inverted]"),
    ("smoothed_cross_entropy", "test_smoothed_cross_entropy",
     lambda s: _replace(s, "(np.exp(log_p) - targets) / N", "(np.exp(log_p) - (targets > 0.5)) / N"),
     "[smoothed_cross_entropy.hard_gradient]"),
    ("EarlyStopping", "test_EarlyStopping",
     lambda s: _replace(s, "{name: np.array(value, copy=True) for name, value in weights.items()}", "dict(weights)"),
     "[early_stopping.no_copy]"),
    ("EarlyStopping", "test_EarlyStopping",
     lambda s: _replace(s, "val_loss < self.best:", "val_loss <= self.best:"), "[early_stopping.ties_improve]"),
    ("EarlyStopping", "test_EarlyStopping",
     lambda s: _replace(s, ">= self.patience", "> self.patience"), "[early_stopping.off_by_one]"),
    ("tying_penalty", "test_tying_penalty",
     lambda s: _replace(s, "-2.0 * lam * difference", "2.0 * lam * difference"), "[tying_penalty.grad_b_sign]"),
    ("bootstrap_sample", "test_bootstrap_sample",
     lambda s: _replace(s, "rng.integers(0, n, size=n)", "rng.permutation(n)"), "[bootstrap_sample.without_replacement]"),
    ("majority_vote", "test_majority_vote",
     lambda s: _replace(s, "for column in predictions.T])", "for column in predictions])"), "[majority_vote.axis]"),
    ("dropout", "test_dropout_forward",
     lambda s: _replace(s, "rng.random(np.shape(x)) >= p", "rng.random(np.shape(x)) < p"), "[dropout_forward.keep_vs_drop]"),
    ("dropout", "test_dropout_forward",
     lambda s: _replace(s, "return x * mask / (1.0 - p), mask", "return x * mask, mask"), "[dropout_forward.no_scaling]"),
    ("dropout", "test_dropout_backward",
     lambda s: _replace(s, "return dout * mask / (1.0 - p)", "return dout * mask"), "[dropout_backward.no_scaling]"),
    ("dropout_inference", "test_weight_scaling_probs",
     lambda s: _replace(s, "S = X @ (keep * W).T + b", "S = X @ (W / keep).T + b"), "[weight_scaling.divided]"),
    ("dropout_inference", "test_mask_sampling_probs",
     lambda s: _replace(s, "total = total + P / P.sum(axis=1, keepdims=True)\n    return total / len(masks)",
                        "total = total + S\n    S = total / len(masks)\n    P = np.exp(S - S.max(axis=1, keepdims=True))\n"
                        "    return P / P.sum(axis=1, keepdims=True)"), "[mask_sampling.average_scores]"),
    ("adversarial", "test_input_gradient", lambda s: _replace(s, "return P @ W", "return P @ W / len(y)"),
     "[input_gradient.mean_over_batch]"),
    ("adversarial", "test_fgsm", lambda s: _replace(s, "eps * np.sign(grad)", "eps * grad"), "[fgsm.raw_gradient]"),
]

# correct answers written differently: their hidden tests must pass
VARIANT_TESTS = {
    "estimator_stats": "test_estimator_stats", "l2_regularized_optimum": "test_l2_regularized_optimum",
    "crop": "test_crop", "fancy_pca": "test_fancy_pca", "EarlyStopping": "test_EarlyStopping",
    "majority_vote": "test_majority_vote", "dropout": "test_dropout_forward test_dropout_backward",
    "adversarial": "test_input_gradient test_fgsm",
}
VARIANTS = {
    "estimator_stats": "def estimator_stats(estimates, theta):\n"
                       "    e = [float(v) for v in estimates]\n    m = sum(e) / len(e)\n"
                       "    var = sum((v - m) ** 2 for v in e) / len(e)\n    return m - theta, var, (m - theta) ** 2 + var",
    "l2_regularized_optimum": "def l2_regularized_optimum(H, w_star, alpha):\n"
                              "    lam, Q = np.linalg.eigh(H)\n    result = np.zeros(len(w_star))\n"
                              "    for i in range(len(lam)):\n"
                              "        result += lam[i] / (lam[i] + alpha) * (Q[:, i] @ w_star) * Q[:, i]\n"
                              "    return result",
    "crop": "def crop(images, top, left, size, padding=0):\n"
            "    out = []\n    for n in range(len(images)):\n"
            "        image = images[n]\n        H, W = image.shape[-2:]\n"
            "        padded = np.zeros(image.shape[:-2] + (H + 2 * padding, W + 2 * padding))\n"
            "        padded[..., padding:padding + H, padding:padding + W] = image\n"
            "        out.append(padded[..., top[n]:top[n] + size, left[n]:left[n] + size])\n    return np.array(out)",
    "fancy_pca": "def fancy_pca(images, alphas, eigvals, eigvecs):\n"
                 "    out = images.copy()\n    for n in range(len(images)):\n"
                 "        shift = sum(alphas[n, i] * eigvals[i] * eigvecs[:, i] for i in range(3))\n"
                 "        out[n] += shift[:, None, None]\n    return out",
    "EarlyStopping": "import copy\nclass EarlyStopping:\n    def __init__(self, patience):\n"
                     "        self.patience, self.best, self.best_epoch, self.best_weights = patience, None, None, None\n"
                     "        self.history = []\n"
                     "    def step(self, val_loss, weights):\n        self.history.append(val_loss)\n"
                     "        if self.best is None or val_loss < self.best:\n"
                     "            self.best, self.best_epoch = val_loss, len(self.history) - 1\n"
                     "            self.best_weights = copy.deepcopy(weights)\n"
                     "        return len(self.history) - 1 - self.best_epoch >= self.patience",
    "majority_vote": "from collections import Counter\ndef majority_vote(predictions):\n"
                     "    result = []\n    for column in np.asarray(predictions).T:\n"
                     "        counts = Counter(column.tolist())\n        top = max(counts.values())\n"
                     "        result.append(min(c for c, k in counts.items() if k == top))\n    return np.array(result)",
    "dropout": "def dropout_forward(x, p, rng):\n    mask = rng.binomial(1, 1 - p, size=np.shape(x)).astype(bool)\n"
               "    scale = 0.0 if p == 1 else 1.0 / (1.0 - p)\n    return np.where(mask, x * scale, 0.0), mask\n\n"
               "def dropout_backward(dout, mask, p):\n    return np.where(mask, dout / (1 - p), 0.0) if p < 1 else 0 * dout",
    "adversarial": "def input_gradient(X, y, W, b):\n    S = X @ W.T + b\n"
                   "    S = S - S.max(axis=1, keepdims=True)\n    P = np.exp(S)\n"
                   "    P = P / P.sum(axis=1, keepdims=True)\n    Y = np.eye(W.shape[0])[y]\n"
                   "    return np.einsum('nc,cd->nd', P - Y, W)\n\n"
                   "def fgsm(x, grad, eps, clip=None):\n    out = x.copy()\n    out += eps * np.sign(grad)\n"
                   "    if clip is not None:\n        out = np.minimum(np.maximum(out, clip[0]), clip[1])\n    return out",
}


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
def test_mutants_variants_and_classic_mistakes(solution):
    """One kernel run: hard-coded answers fail only the hidden tests, classic mistakes get their diagnosis
    code from the visible tests, and correct variants pass everything."""
    sources = {grade_id(c): c.source for c in solution_cells(solution)}
    plan, checks = [], []
    for answer, (tests, mutate) in MUTANTS.items():
        for test in tests.split():
            plan += [(answer, mutate(sources[answer]), test, False), (answer, mutate(sources[answer]), test, True)]
            checks += [("mutant visible", answer, test, None), ("mutant hidden", answer, test, None)]
    for answer, test, mutate, code in CLASSIC:
        plan.append((answer, mutate(sources[answer]), test, False))
        checks.append(("classic", answer, test, code))
    for answer, source in VARIANTS.items():
        for test in VARIANT_TESTS[answer].split():
            plan.append((answer, source, test, True))
            checks.append(("variant", answer, test, None))
    executed, indices = _run(solution, plan)
    problems = []
    for (kind, answer, test, code), index in zip(checks, indices):
        found = errors(executed.cells[index])
        if kind in ("mutant visible", "variant") and found:
            problems.append(f"{kind} {answer} / {test}: should pass, got {found}")
        elif kind == "mutant hidden" and [e for e, _ in found] != ["AssertionError"]:
            problems.append(f"{kind} {answer} / {test}: the hidden tests should fail with an AssertionError, got {found}")
        elif kind == "classic":
            if [e for e, _ in found] != ["AssertionError"]:
                problems.append(f"classic {answer} / {test}: the visible tests should fail, got {found}")
            elif code is not None and not found[0][1].startswith(code):
                problems.append(f"classic {answer} / {test}: expected the message to start with {code}, got {found[0][1]!r}")
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
