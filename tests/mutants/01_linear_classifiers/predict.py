# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 16, `predict`: argmax of the scores."""

MUTANTS = [
    wrong("no bias", """
def predict(W, b, X):
    return np.argmax(X @ W.T, axis=1)
""", expect_diagnosis="predict.no_bias", expect_message="bias"),

    wrong("the largest score, not its index", """
def predict(W, b, X):
    return np.max(X @ W.T + b, axis=1)
""", expect_diagnosis="predict.not_argmax", expect_message="np.argmax"),

    wrong("argmax over the examples (axis=0)", """
def predict(W, b, X):
    return np.argmax(X @ W.T + b, axis=0)
""", expect_diagnosis="predict.wrong_axis", expect_message="shape (N,)"),

    correct("your linear_scores, .argmax(1)", """
def predict(W, b, X):
    return linear_scores(X, W, b).argmax(1)
"""),

    correct("argmax of your softmax probabilities", """
def predict(W, b, X):
    return np.argmax(softmax(X @ W.T + b), axis=1)
"""),

    correct("a loop, a list of ints turned into an array", """
def predict(W, b, X):
    return np.array([int(np.argmax(W @ x + b)) for x in X], dtype=int)
"""),
]
