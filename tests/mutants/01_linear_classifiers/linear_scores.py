# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 1, `linear_scores`: S = X W^T + b."""

MUTANTS = [
    wrong("no bias", """
def linear_scores(X, W, b):
    return X @ W.T
""", expect_diagnosis="linear_scores.no_bias", expect_message="lack the bias"),

    wrong("W X^T: classes in the rows", """
def linear_scores(X, W, b):
    return W @ X.T + b[:, None]
""", expect_diagnosis="linear_scores.transposed", expect_message="shape (N, C)"),

    wrong("the bias subtracted", """
def linear_scores(X, W, b):
    return X @ W.T - b
"""),

    correct("two loops", """
def linear_scores(X, W, b):
    S = np.zeros((X.shape[0], W.shape[0]))
    for i in range(X.shape[0]):
        for c in range(W.shape[0]):
            S[i, c] = np.dot(W[c], X[i]) + b[c]
    return S
"""),

    correct("(W X^T)^T with np.dot, inputs passed through np.asarray", """
def linear_scores(X, W, b):
    X, W, b = (np.asarray(a, dtype=np.float64) for a in (X, W, b))
    return np.dot(W, X.T).T + b[np.newaxis, :]
"""),

    correct("einsum", """
def linear_scores(X, W, b):
    return np.einsum("nd,cd->nc", X, W) + b
"""),
]
