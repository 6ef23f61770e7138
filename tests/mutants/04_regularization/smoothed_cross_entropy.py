# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 12, `smoothed_cross_entropy`: mean cross-entropy against smoothed targets, and (p - t) / N."""

MUTANTS = [
    wrong("the gradient with one-hot targets", '''
def smoothed_cross_entropy(S, y, eps):
    N, K = S.shape
    t = np.full((N, K), eps / (K - 1))
    t[np.arange(N), y] = 1.0 - eps
    shifted = S - S.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.sum(t * log_p) / N), (np.exp(log_p) - np.eye(K)[y]) / N
''', expect_diagnosis="smoothed_cross_entropy.hard_gradient", expect_message="SMOOTHED targets"),

    wrong("sum over the batch", '''
def smoothed_cross_entropy(S, y, eps):
    N, K = S.shape
    t = np.full((N, K), eps / (K - 1))
    t[np.arange(N), y] = 1.0 - eps
    shifted = S - S.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.sum(t * log_p)), np.exp(log_p) - t
''', expect_diagnosis="smoothed_cross_entropy.sum_not_mean", expect_message="average over the N examples"),

    wrong("log of the softmax: overflows", '''
def smoothed_cross_entropy(S, y, eps):
    N, K = S.shape
    t = np.full((N, K), eps / (K - 1))
    t[np.arange(N), y] = 1.0 - eps
    P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
    return float(-np.sum(t * np.log(P)) / N), (P - t) / N
''', expect_diagnosis="smoothed_cross_entropy.overflow", expect_message="log-softmax"),

    wrong("torch's targets eps / K", '''
def smoothed_cross_entropy(S, y, eps):
    N, K = S.shape
    t = (1 - eps) * np.eye(K)[y] + eps / K
    shifted = S - S.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.sum(t * log_p) / N), (np.exp(log_p) - t) / N
'''),

    correct("the student's smooth_labels and scipy's log_softmax", '''
from scipy.special import log_softmax


def smoothed_cross_entropy(S, y, eps):
    t = smooth_labels(y, S.shape[1], eps)
    log_p = log_softmax(S, axis=1)
    return float(-(t * log_p).sum(axis=1).mean()), (np.exp(log_p) - t) / len(S)
'''),
]
