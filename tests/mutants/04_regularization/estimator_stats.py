# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 1, `estimator_stats`: bias, variance (divided by M) and MSE of simulated estimates."""

MUTANTS = [
    wrong("bias as theta - mean", '''
def estimator_stats(estimates, theta):
    e = np.asarray(estimates, dtype=float)
    return float(theta - e.mean()), float(e.var()), float(np.mean((e - theta) ** 2))
''', expect_diagnosis="estimator_stats.bias_sign", expect_message="not theta - E[estimate]"),

    wrong("np.var with ddof=1", '''
def estimator_stats(estimates, theta):
    e = np.asarray(estimates, dtype=float)
    return float(e.mean() - theta), float(np.var(e, ddof=1)), float(np.mean((e - theta) ** 2))
''', expect_diagnosis="estimator_stats.ddof", expect_message="not M - 1"),

    wrong("the variance about the true theta", '''
def estimator_stats(estimates, theta):
    e = np.asarray(estimates, dtype=float)
    return float(e.mean() - theta), float(np.mean((e - theta) ** 2)), float(np.mean((e - theta) ** 2))
''', expect_diagnosis="estimator_stats.variance_about_truth", expect_message="around the MEAN"),

    wrong("hard-coded for the visible example", '''
def estimator_stats(estimates, theta):
    return 1.0, 3.5, 4.5
'''),

    correct("plain Python loops, mse as bias^2 + variance, a list", '''
def estimator_stats(estimates, theta):
    e = [float(v) for v in estimates]
    m = sum(e) / len(e)
    var = sum((v - m) ** 2 for v in e) / len(e)
    return [m - theta, var, (m - theta) ** 2 + var]
'''),
]
