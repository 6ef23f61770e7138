# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 14, `batchnorm_inference`: the running statistics, eps inside the root, default eps 1e-5."""

MUTANTS = [
    wrong("the batch's own statistics", """
def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=1e-5):
    return gamma * (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps) + beta
""", expect_diagnosis="batchnorm_inference.batch_statistics", expect_message="running statistics"),

    wrong("eps added to the standard deviation", """
def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=1e-5):
    return gamma * (x - running_mean) / (np.sqrt(running_var) + eps) + beta
""", expect_diagnosis="batchnorm_inference.eps", expect_message="inside the square root"),

    wrong("default eps 0", """
def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=0.0):
    return gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
"""),

    correct("folded into one scale and one shift", """
def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=1e-5):
    scale = gamma / np.sqrt(running_var + eps)
    shift = beta - running_mean * scale
    return x * scale + shift
"""),
]
