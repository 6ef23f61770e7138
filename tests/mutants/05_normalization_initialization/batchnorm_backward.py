# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 12, `batchnorm_backward`: the paths through mu and var included, from the instructor's cache."""

MUTANTS = [
    wrong("mu and var treated as constants", """
def batchnorm_backward(dout, cache):
    x_hat, gamma, inv_std = cache
    return dout * gamma * inv_std, np.sum(dout * x_hat, axis=0), dout.sum(axis=0)
""", expect_diagnosis="batchnorm_backward.statistics_as_constants", expect_message="constants"),

    wrong("the path through mu only", """
def batchnorm_backward(dout, cache):
    x_hat, gamma, inv_std = cache
    dx = gamma * inv_std * (dout - dout.mean(axis=0))
    return dx, np.sum(dout * x_hat, axis=0), dout.sum(axis=0)
""", expect_diagnosis="batchnorm_backward.no_variance_path", expect_message="var"),

    correct("the computational graph node by node (dvar, dmu)", """
def batchnorm_backward(dout, cache):
    x_hat, gamma, inv_std = cache
    N = dout.shape[0]
    x_mu = x_hat / inv_std                  # x - mu
    dx_hat = dout * gamma
    dvar = np.sum(dx_hat * x_mu, axis=0) * -0.5 * inv_std ** 3
    dmu = -np.sum(dx_hat * inv_std, axis=0) + dvar * np.mean(-2.0 * x_mu, axis=0)
    dx = dx_hat * inv_std + dvar * 2.0 * x_mu / N + dmu / N
    dgamma = np.einsum("nd,nd->d", dout, x_hat)
    dbeta = np.einsum("nd->d", dout)
    return dx, dgamma, dbeta
"""),
]
