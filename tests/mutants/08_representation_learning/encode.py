# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 2, `encode`: sigmoid(X W^T + b)."""

MUTANTS = [
    wrong("no sigmoid", '''
def encode(X, W, b):
    return X @ W.T + b
''', expect_diagnosis="encode.no_sigmoid"),

    wrong("tanh units", '''
def encode(X, W, b):
    return np.tanh(X @ W.T + b)
''', expect_diagnosis="encode.tanh"),

    wrong("the column form written X @ W", '''
def encode(X, W, b):
    return sigmoid(X @ W + b)
''', expect_diagnosis="encode.transposed"),

    wrong("no bias", '''
def encode(X, W, b):
    return sigmoid(X @ W.T)
''', expect_diagnosis="encode.no_bias"),

    correct("1 / (1 + exp(-a)) with einsum", '''
def encode(X, W, b):
    a = np.einsum("nd,hd->nh", X, W) + b
    return 1.0 / (1.0 + np.exp(-np.clip(a, -500, 500)))
'''),

    correct("a loop over the examples in column form", '''
def encode(X, W, b):
    return np.array([sigmoid(W @ x + b) for x in X]).reshape(len(X), len(b))
'''),
]
