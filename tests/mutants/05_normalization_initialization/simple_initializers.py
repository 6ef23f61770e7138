# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 4-6: `uniform_fan_in`, `xavier_uniform`, `he_normal`, each (fan_out, fan_in), drawn from rng.

Each mutant replaces one of the three functions; the other two stay the instructor's.
"""

MUTANTS = [
    # ---- exercise 4: U(-1/sqrt(m), 1/sqrt(m))
    wrong("uniform: 1/sqrt(fan_out)", """
def uniform_fan_in(fan_in, fan_out, rng=None):
    bound = 1.0 / np.sqrt(fan_out)
    return rng.uniform(-bound, bound, size=(fan_out, fan_in))
""", replaces="uniform_fan_in", expect_diagnosis="uniform_fan_in.uses_fan_out", expect_message="1/sqrt(fan_in)"),

    wrong("uniform: shape (fan_in, fan_out)", """
def uniform_fan_in(fan_in, fan_out, rng=None):
    bound = 1.0 / np.sqrt(fan_in)
    return rng.uniform(-bound, bound, size=(fan_in, fan_out))
""", replaces="uniform_fan_in", expect_diagnosis="init.shape_swapped", expect_message="(fan_out, fan_in)"),

    wrong("uniform: np.random instead of rng", """
def uniform_fan_in(fan_in, fan_out, rng=None):
    bound = 1.0 / np.sqrt(fan_in)
    return np.random.uniform(-bound, bound, size=(fan_out, fan_in))
""", replaces="uniform_fan_in", expect_diagnosis="init.ignores_rng", expect_message="rng"),

    correct("uniform: rng.random scaled, rng=None allowed", """
def uniform_fan_in(fan_in, fan_out, rng=None):
    rng = rng if rng is not None else np.random.default_rng()
    bound = fan_in ** -0.5
    return (2.0 * rng.random((fan_out, fan_in)) - 1.0) * bound
""", replaces="uniform_fan_in"),

    # ---- exercise 5: Xavier
    wrong("xavier: the slide's 6 / sqrt(m + n)", """
def xavier_uniform(fan_in, fan_out, gain=1.0, rng=None):
    bound = gain * 6 / np.sqrt(fan_in + fan_out)
    return rng.uniform(-bound, bound, size=(fan_out, fan_in))
""", replaces="xavier_uniform", expect_diagnosis="xavier.slide_bound", expect_message="under the square root"),

    wrong("xavier: fan_in only", """
def xavier_uniform(fan_in, fan_out, gain=1.0, rng=None):
    bound = gain * np.sqrt(6 / fan_in)
    return rng.uniform(-bound, bound, size=(fan_out, fan_in))
""", replaces="xavier_uniform", expect_diagnosis="xavier.fan_in_only", expect_message="both fans"),

    wrong("xavier: the gain ignored", """
def xavier_uniform(fan_in, fan_out, gain=1.0, rng=None):
    bound = np.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-bound, bound, size=(fan_out, fan_in))
""", replaces="xavier_uniform", expect_diagnosis="xavier.no_gain", expect_message="gain"),

    correct("xavier: from the variance 2 / (m + n)", """
def xavier_uniform(fan_in, fan_out, gain=1.0, rng=None):
    rng = np.random.default_rng(rng)
    variance = gain ** 2 * 2.0 / (fan_in + fan_out)
    bound = np.sqrt(3.0 * variance)
    return rng.uniform(low=-bound, high=bound, size=(fan_out, fan_in))
""", replaces="xavier_uniform"),

    # ---- exercise 6: He
    wrong("he: the variance 2/m as the standard deviation", """
def he_normal(fan_in, fan_out, rng=None):
    return rng.normal(0.0, 2.0 / fan_in, size=(fan_out, fan_in))
""", replaces="he_normal", expect_diagnosis="he.variance_as_std", expect_message="sqrt(2 / m)"),

    wrong("he: the factor 2 forgotten", """
def he_normal(fan_in, fan_out, rng=None):
    return rng.normal(0.0, np.sqrt(1.0 / fan_in), size=(fan_out, fan_in))
""", replaces="he_normal", expect_diagnosis="he.missing_factor_2", expect_message="2/m"),

    wrong("he: uniform with the right variance", """
def he_normal(fan_in, fan_out, rng=None):
    bound = np.sqrt(3 * 2.0 / fan_in)
    return rng.uniform(-bound, bound, size=(fan_out, fan_in))
""", replaces="he_normal", expect_diagnosis="he.not_normal", expect_message="Gaussian"),

    correct("he: standard normal times math.sqrt", """
def he_normal(fan_in, fan_out, rng=None):
    import math
    rng = np.random.default_rng(rng)
    return rng.standard_normal((fan_out, fan_in)) * math.sqrt(2 / fan_in)
""", replaces="he_normal"),
]
