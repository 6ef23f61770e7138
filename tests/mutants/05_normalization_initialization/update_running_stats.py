# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 13, `update_running_stats`: momentum weighs the new batch; the running variance is UNBIASED."""

MUTANTS = [
    wrong("the biased batch variance", """
def update_running_stats(running_mean, running_var, x, momentum=0.1):
    return (1 - momentum) * running_mean + momentum * x.mean(axis=0), \\
        (1 - momentum) * running_var + momentum * x.var(axis=0)
""", expect_diagnosis="running_stats.biased_variance", expect_message="UNBIASED"),

    wrong("momentum weighs the old statistics", """
def update_running_stats(running_mean, running_var, x, momentum=0.1):
    return momentum * running_mean + (1 - momentum) * x.mean(axis=0), \\
        momentum * running_var + (1 - momentum) * x.var(axis=0, ddof=1)
""", expect_diagnosis="running_stats.momentum_swapped", expect_message="NEW batch"),

    wrong("N / (N - 1) hard-coded as 2", """
def update_running_stats(running_mean, running_var, x, momentum=0.1):
    return (1 - momentum) * running_mean + momentum * x.mean(axis=0), \\
        (1 - momentum) * running_var + momentum * 2 * x.var(axis=0)
"""),

    correct("in place, like torch, the unbiased variance by hand", """
def update_running_stats(running_mean, running_var, x, momentum=0.1):
    n = x.shape[0]
    mean = x.mean(axis=0)
    running_mean *= 1 - momentum
    running_mean += momentum * mean
    running_var *= 1 - momentum
    running_var += momentum * ((x - mean) ** 2).sum(axis=0) / (n - 1)
    return running_mean, running_var
"""),
]
