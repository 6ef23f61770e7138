# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 22, `combine_gradients`: the mean of the workers' means weighted by their counts."""

MUTANTS = [
    wrong("the plain mean of the workers' means", """
def combine_gradients(grads, counts):
    return sum(grads) / len(grads)
""", expect_diagnosis="combine_gradients.unweighted_mean", expect_message="Weight each g_k by n_k"),

    wrong("the weighted sum, not divided", """
def combine_gradients(grads, counts):
    return sum(n * g for n, g in zip(counts, grads))
""", expect_diagnosis="combine_gradients.no_division"),

    wrong("divided by the number of workers", """
def combine_gradients(grads, counts):
    return sum(n * g for n, g in zip(counts, grads)) / len(grads)
"""),

    correct("np.average with weights", """
def combine_gradients(grads, counts):
    return np.average(np.stack([np.asarray(g, dtype=float) for g in grads]), axis=0, weights=counts)
"""),
]
