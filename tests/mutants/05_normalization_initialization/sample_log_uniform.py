# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 15, `sample_log_uniform`: the exponent uniform, drawn from rng."""

MUTANTS = [
    wrong("uniform on a linear scale", """
def sample_log_uniform(low, high, size, rng=None):
    return rng.uniform(low, high, size=size)
""", expect_diagnosis="log_uniform.linear_scale", expect_message="EXPONENT"),

    wrong("np.random instead of rng", """
def sample_log_uniform(low, high, size, rng=None):
    return 10.0 ** np.random.uniform(np.log10(low), np.log10(high), size=size)
""", expect_diagnosis="log_uniform.ignores_rng", expect_message="rng"),

    wrong("the visible test's range hard-coded", """
def sample_log_uniform(low, high, size, rng=None):
    return 10.0 ** rng.uniform(-4, 0, size=size)
"""),

    correct("natural logarithms and exp", """
def sample_log_uniform(low, high, size, rng=None):
    rng = np.random.default_rng(rng)
    return np.exp(np.log(low) + (np.log(high) - np.log(low)) * rng.random(size))
"""),
]
