# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 11, `batchnorm_forward`: per unit over the examples (axis=0), 1/N variance, eps inside the root.

The wrong mutants keep the instructor's cache, so that exercise 12's test (which calls batchnorm_forward)
loses points only through the wrong forward values; the correct ones keep the cache's form too.
"""

MUTANTS = [
    wrong("normalised over the units (axis=1), the slide's sums over j", """
def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=1, keepdims=True)
    inv_std = 1.0 / np.sqrt(x.var(axis=1, keepdims=True) + eps)
    x_hat = (x - mean) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std)
""", expect_diagnosis="batchnorm_forward.wrong_axis", expect_message="axis=0"),

    wrong("the unbiased variance (ddof=1)", """
def batchnorm_forward(x, gamma, beta, eps=1e-5):
    inv_std = 1.0 / np.sqrt(x.var(axis=0, ddof=1) + eps)
    x_hat = (x - x.mean(axis=0)) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std)
""", expect_diagnosis="batchnorm_forward.unbiased_variance", expect_message="1/N"),

    correct("step by step with a loop over the units, the same cache", """
def batchnorm_forward(x, gamma, beta, eps=1e-5):
    N, D = x.shape
    x_hat = np.empty((N, D))
    inv_std = np.empty(D)
    for j in range(D):
        column = x[:, j]
        mu = column.sum() / N
        var = ((column - mu) ** 2).sum() / N
        inv_std[j] = 1.0 / np.sqrt(var + eps)
        x_hat[:, j] = (column - mu) * inv_std[j]
    out = x_hat * gamma
    out += beta
    return out, (x_hat, gamma, inv_std)
"""),
]
