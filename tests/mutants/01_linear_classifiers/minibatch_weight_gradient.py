# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 23, `minibatch_weight_gradient`: (1/B) sum_i delta_i x_i^T, not the slide's mean(delta) mean(x)^T."""

MUTANTS = [
    wrong("the slide: mean of the deltas times mean of the inputs", """
def minibatch_weight_gradient(deltas, X):
    return np.outer(deltas.mean(axis=0), X.mean(axis=0))
""", expect_diagnosis="minibatch_weight_gradient.mean_of_deltas", expect_message="slide's shortcut"),

    wrong("the sum, not the mean", """
def minibatch_weight_gradient(deltas, X):
    return deltas.T @ X
""", expect_diagnosis="minibatch_weight_gradient.sum_not_mean", expect_message="divide by the batch size"),

    wrong("transposed: X.T @ deltas", """
def minibatch_weight_gradient(deltas, X):
    return X.T @ deltas / len(X)
""", expect_diagnosis="minibatch_weight_gradient.transposed", expect_message="W's shape"),

    correct("a loop over the examples", """
def minibatch_weight_gradient(deltas, X):
    total = np.zeros((deltas.shape[1], X.shape[1]))
    for delta_i, x_i in zip(deltas, X):
        total += np.outer(delta_i, x_i)
    return total / len(X)
"""),

    correct("einsum", """
def minibatch_weight_gradient(deltas, X):
    return np.einsum("bc,bd->cd", deltas, X) / X.shape[0]
"""),
]
