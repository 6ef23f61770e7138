# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 9, `layer_stds`: h_l = activation(h_{l-1} @ W_l.T), the std of every h_l after the input."""

MUTANTS = [
    wrong("h @ W instead of h @ W.T", """
def layer_stds(X, weights, activation):
    stds, h = [], X
    for W in weights:
        h = activation(h @ W)
        stds.append(np.std(h))
    return np.array(stds)
""", expect_diagnosis="layer_stds.transposed_weights", expect_message="transpose"),

    wrong("the std before the activation", """
def layer_stds(X, weights, activation):
    stds, h = [], X
    for W in weights:
        z = h @ W.T
        stds.append(np.std(z))
        h = activation(z)
    return np.array(stds)
""", expect_diagnosis="layer_stds.before_activation", expect_message="AFTER"),

    wrong("every layer fed with X", """
def layer_stds(X, weights, activation):
    return np.array([np.std(activation(X @ W.T)) for W in weights])
""", expect_diagnosis="layer_stds.not_chained", expect_message="layer 1's output"),

    correct("a list, W @ h.T with the examples in the columns", """
def layer_stds(X, weights, activation):
    stds, h = [], np.asarray(X, dtype=float).T
    for W in weights:
        h = activation(W @ h)
        stds.append(float(h.std()))
    return stds
"""),
]
