# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 7-9: `one_hot`, `cross_entropy_cost`, `squared_error_cost`.

Each mutant replaces one function of the cell; the others stay the instructor's.
"""

_CE = '''
def cross_entropy_cost(H, Y, params, lam=0.0):
    N = H.shape[0]
    Hc = np.clip(H, 1e-12, 1.0 - 1e-12)
    data = -np.sum(Y * np.log(Hc) + (1.0 - Y) * np.log(1.0 - Hc)) / N
    penalty = lam / (2.0 * N) * sum(float(np.sum(W * W)) for W, _ in params)
    return float(data + penalty)
'''


def _ce(old, new):
    assert old in _CE, old
    return _CE.replace(old, new)


_SE = '''
def squared_error_cost(H, Y, params, lam=0.0):
    N = H.shape[0]
    penalty = lam / (2.0 * N) * sum(float(np.sum(W * W)) for W, _ in params)
    return float(0.5 * np.sum((H - Y) ** 2) / N + penalty)
'''


def _se(old, new):
    assert old in _SE, old
    return _SE.replace(old, new)


MUTANTS = [
    # ---- exercise 7: one_hot
    wrong("np.eye(max(y) + 1): the columns depend on the labels present", '''
def one_hot(y, num_classes):
    y = np.asarray(y)
    return np.eye(y.max() + 1)[y]
''', replaces="one_hot", expect_diagnosis="one_hot.num_classes"),

    wrong("integers, not floats", '''
def one_hot(y, num_classes):
    y = np.asarray(y)
    Y = np.zeros((len(y), num_classes), dtype=int)
    Y[np.arange(len(y)), y] = 1
    return Y
''', replaces="one_hot", expect_diagnosis="one_hot.not_float"),

    wrong("Y[:, y] = 1: every label in every row", '''
def one_hot(y, num_classes):
    Y = np.zeros((len(y), num_classes))
    Y[:, y] = 1.0
    return Y
''', replaces="one_hot", expect_diagnosis="one_hot.all_labels"),

    correct("np.eye(num_classes)[y]", '''
def one_hot(y, num_classes):
    return np.eye(num_classes)[np.asarray(y)]
''', replaces="one_hot"),

    correct("a comparison with np.arange, then a loop-free cast", '''
def one_hot(y, num_classes):
    return (np.asarray(y)[:, None] == np.arange(num_classes)).astype(np.float64)
''', replaces="one_hot"),

    # ---- exercise 8: cross_entropy_cost
    wrong("the leading minus dropped (the slides' form)", _ce("data = -np.sum(", "data = np.sum("),
          replaces="cross_entropy_cost", expect_diagnosis="cross_entropy_cost.no_minus"),

    wrong("cross-entropy averaged over the N * K entries", _ce(") / N\n    penalty", ") / Y.size\n    penalty"),
          replaces="cross_entropy_cost", expect_diagnosis="cross_entropy_cost.mean_over_outputs"),

    wrong("only y log h: the (1 - y) log(1 - h) term missing", _ce(" + (1.0 - Y) * np.log(1.0 - Hc)", ""),
          replaces="cross_entropy_cost", expect_diagnosis="cross_entropy_cost.no_second_term"),

    wrong("the penalty lam / 2 sum W**2 (lecture 003's form with its lam)", _ce("lam / (2.0 * N)", "lam / 2.0"),
          replaces="cross_entropy_cost", expect_diagnosis="cross_entropy_cost.penalty_not_over_n"),

    wrong("the biases penalised too",
          _ce("sum(float(np.sum(W * W)) for W, _ in params)", "sum(float(np.sum(W * W) + np.sum(b * b)) for W, b in params)"),
          replaces="cross_entropy_cost", expect_diagnosis="cross_entropy_cost.penalised_biases"),

    wrong("no clipping: log(0) = -inf for a saturated output", _ce("Hc = np.clip(H, 1e-12, 1.0 - 1e-12)", "Hc = H"),
          replaces="cross_entropy_cost", expect_diagnosis="cross_entropy_cost.no_clip"),

    correct("a loop over the examples and outputs with math.log, np.float64 result", '''
import math


def cross_entropy_cost(H, Y, params, lam=0.0):
    N, K = np.shape(H)
    total = 0.0
    for n in range(N):
        for k in range(K):
            h = min(max(H[n, k], 1e-12), 1.0 - 1e-12)
            total -= Y[n, k] * math.log(h) + (1.0 - Y[n, k]) * math.log(1.0 - h)
    squares = sum(np.sum(np.square(W)) for W, b in params)
    return np.float64(total / N + lam * squares / (2 * N))
''', replaces="cross_entropy_cost"),

    correct("np.where on the 0/1 targets, log1p(-h)", '''
def cross_entropy_cost(H, Y, params, lam=0.0):
    Hc = np.clip(H, 1e-12, 1 - 1e-12)
    per_entry = -np.where(Y == 1, np.log(Hc), np.log1p(-Hc))
    return float(per_entry.sum(axis=1).mean() + lam / (2 * len(H)) * sum((W ** 2).sum() for W, _ in params))
''', replaces="cross_entropy_cost"),

    # ---- exercise 9: squared_error_cost
    wrong("no 1/2", _se("0.5 * np.sum(", "np.sum("),
          replaces="squared_error_cost", expect_diagnosis="squared_error_cost.no_half"),

    wrong("summed over the examples, not averaged", _se(") ** 2) / N + penalty", ") ** 2) + penalty"),
          replaces="squared_error_cost", expect_diagnosis="squared_error_cost.sum_not_mean"),

    wrong("squared error averaged over the N * K entries", _se(") ** 2) / N + penalty", ") ** 2) / Y.size + penalty"),
          replaces="squared_error_cost", expect_diagnosis="squared_error_cost.mean_over_outputs"),

    correct("row norms squared, averaged with np.mean", '''
def squared_error_cost(H, Y, params, lam=0.0):
    data = np.mean(0.5 * np.linalg.norm(H - Y, axis=1) ** 2)
    return float(data + lam / (2 * H.shape[0]) * sum(np.linalg.norm(W) ** 2 for W, _ in params))
''', replaces="squared_error_cost"),
]
