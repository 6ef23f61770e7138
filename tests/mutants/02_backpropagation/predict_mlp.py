# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 17, `predict_mlp`: argmax over the outputs of each row."""

MUTANTS = [
    wrong("argmax over the examples (axis=0)", '''
def predict_mlp(X, params, hidden="relu"):
    A, _ = mlp_forward(X, params, hidden)
    return np.argmax(A[-1], axis=0)
''', expect_diagnosis="predict_mlp.wrong_axis"),

    wrong("the largest output, not its index", '''
def predict_mlp(X, params, hidden="relu"):
    A, _ = mlp_forward(X, params, hidden)
    return A[-1].max(axis=1)
''', expect_diagnosis="predict_mlp.not_argmax"),

    wrong("hidden not passed on: mlp_forward's default sigmoid", '''
def predict_mlp(X, params, hidden="relu"):
    A, _ = mlp_forward(X, params)
    return np.argmax(A[-1], axis=1)
'''),

    correct("argmax of the last pre-activation Z (the sigmoid is increasing)", '''
def predict_mlp(X, params, hidden="relu"):
    _, Z = mlp_forward(X, params, hidden)
    return Z[-1].argmax(axis=1)
'''),

    correct("a loop over the rows, ints in an array", '''
def predict_mlp(X, params, hidden="relu"):
    outputs = mlp_forward(X, params, hidden=hidden)[0][-1]
    return np.array([int(np.argmax(row)) for row in outputs], dtype=int)
'''),
]
