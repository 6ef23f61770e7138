# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 3, `cross_entropy_loss`: the mean of -ln p[y], natural log, finite for scores of +-1000."""

MUTANTS = [
    wrong("log10, the slide's 0.89", """
def cross_entropy_loss(S, y):
    shifted = S - np.max(S, axis=1, keepdims=True)
    P = np.exp(shifted) / np.sum(np.exp(shifted), axis=1, keepdims=True)
    return float(-np.mean(np.log10(P[np.arange(len(y)), y])))
""", expect_diagnosis="cross_entropy_loss.log10", expect_message="log10"),

    wrong("summed over the batch, not averaged", """
def cross_entropy_loss(S, y):
    shifted = S - np.max(S, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return float(-np.sum(log_probs[np.arange(len(y)), y]))
""", expect_diagnosis="cross_entropy_loss.sum_not_mean", expect_message="average them"),

    wrong("log of softmax: log(0) = -inf at +-1000", """
def cross_entropy_loss(S, y):
    shifted = S - np.max(S, axis=1, keepdims=True)
    P = np.exp(shifted) / np.sum(np.exp(shifted), axis=1, keepdims=True)
    return float(-np.mean(np.log(P[np.arange(len(y)), y])))
""", expect_diagnosis="cross_entropy_loss.log_of_softmax", expect_message="log(0)"),

    wrong("S[:, y]: every label for every example", """
def cross_entropy_loss(S, y):
    shifted = S - np.max(S, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return float(-np.mean(log_probs[:, y]))
""", expect_diagnosis="cross_entropy_loss.all_labels", expect_message="np.arange(N)"),

    wrong("the predicted class instead of the label", """
def cross_entropy_loss(S, y):
    shifted = S - np.max(S, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return float(-np.mean(log_probs[np.arange(len(y)), np.argmax(S, axis=1)]))
""", expect_diagnosis="cross_entropy_loss.not_the_label", expect_message="CAR"),

    correct("a loop over the examples with logaddexp", """
def cross_entropy_loss(S, y):
    total = 0.0
    for scores, label in zip(S, y):
        total += np.logaddexp.reduce(scores) - scores[label]
    return total / len(y)
"""),

    correct("one-hot targets and the log-sum-exp", """
def cross_entropy_loss(S, y):
    N, C = S.shape
    Y = np.eye(C)[y]
    m = S.max(axis=1)
    lse = m + np.log(np.exp(S - m[:, None]).sum(axis=1))
    return float(np.mean(lse - (S * Y).sum(axis=1)))
"""),
]
