# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 3, `sequence_loss`: summed over time, averaged over the N sequences, stable."""

_GOOD = '''
def sequence_loss(hs, y, V, c):
    o = hs @ V.T + c
    shifted = o - o.max(axis=2, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=2, keepdims=True))
    picked = np.take_along_axis(log_p, y[..., None], axis=2)
    return float(-picked.sum() / hs.shape[0])
'''


def _mutated(old, new):
    assert old in _GOOD, old
    return _GOOD.replace(old, new)


MUTANTS = [
    wrong("averaged over time too", _mutated("-picked.sum() / hs.shape[0]", "-picked.mean()"),
          expect_diagnosis="sequence_loss.mean_over_time"),

    wrong("summed over the batch", _mutated("-picked.sum() / hs.shape[0]", "-picked.sum()"),
          expect_diagnosis="sequence_loss.sum_over_batch"),

wrong("log of the softmax: inf/nan for scores of +-1000", '''
def sequence_loss(hs, y, V, c):
    o = hs @ V.T + c
    p = np.exp(o) / np.exp(o).sum(axis=2, keepdims=True)
    return float(-np.log(np.take_along_axis(p, y[..., None], axis=2)).sum() / hs.shape[0])
'''),

    correct("a loop over sequences and steps with np.logaddexp.reduce", '''
def sequence_loss(hs, y, V, c):
    total = 0.0
    for n in range(hs.shape[0]):
        for t in range(hs.shape[1]):
            o = c + V @ hs[n, t]
            total += np.logaddexp.reduce(o) - o[y[n, t]]
    return float(total / len(hs))
'''),

    correct("scipy's logsumexp and one-hot targets", '''
from scipy.special import logsumexp


def sequence_loss(hs, y, V, c):
    o = hs @ V.T + c
    Y = np.eye(len(c))[y]
    return float(np.sum(logsumexp(o, axis=2) - np.sum(Y * o, axis=2)) / hs.shape[0])
'''),
]
