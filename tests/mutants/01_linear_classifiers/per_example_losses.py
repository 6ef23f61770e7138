# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 5, `per_example_losses`: the vector of -ln p_{y_i} (2.04, 0.079, 6.16 for the lecture's table)."""

MUTANTS = [
    wrong("the mean, not the vector", """
def per_example_losses(S, y):
    return cross_entropy_loss(S, y)
""", expect_diagnosis="per_example_losses.mean", expect_message="one loss per example"),

    wrong("base-10 logarithm (the slide's 0.89)", """
def per_example_losses(S, y):
    shifted = S - S.max(axis=1, keepdims=True)
    log_probs = (shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))) / np.log(10)
    return -log_probs[np.arange(len(y)), y]
""", expect_diagnosis="per_example_losses.log10", expect_message="natural log"),

    wrong("log of the softmax: inf for scores of 1000", """
def per_example_losses(S, y):
    E = np.exp(S - S.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    return -np.log(P[np.arange(len(y)), y])
""", expect_diagnosis="per_example_losses.log_of_softmax", expect_message="log(softmax"),

    wrong("every label's column: S[:, y]", """
def per_example_losses(S, y):
    shifted = S - S.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -log_probs[:, y].mean(axis=0)
"""),

    correct("a loop calling your cross_entropy_loss on each row", """
def per_example_losses(S, y):
    return np.array([cross_entropy_loss(S[i:i + 1], y[i:i + 1]) for i in range(len(y))])
"""),

    correct("logsumexp minus the correct score", """
def per_example_losses(S, y):
    m = S.max(axis=1)
    return m + np.log(np.exp(S - m[:, None]).sum(axis=1)) - S[np.arange(len(y)), y]
"""),
]
