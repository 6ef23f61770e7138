# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 15, `bootstrap_sample`: n uniform indices WITH replacement, from the rng given."""

MUTANTS = [
    wrong("a permutation: without replacement", '''
def bootstrap_sample(n, rng):
    return rng.permutation(n)
''', expect_diagnosis="bootstrap_sample.without_replacement", expect_message="WITH replacement"),

    wrong("the global numpy generator", '''
def bootstrap_sample(n, rng):
    return np.random.randint(0, n, size=n)
''', expect_diagnosis="bootstrap_sample.ignores_rng", expect_message="same seed"),

    wrong("never the last index", '''
def bootstrap_sample(n, rng):
    return rng.integers(0, max(n - 1, 1), size=n)
'''),

    correct("rng.choice", '''
def bootstrap_sample(n, rng):
    return rng.choice(n, size=n, replace=True)
'''),
    correct("floor of uniform draws", '''
def bootstrap_sample(n, rng):
    return np.floor(rng.random(n) * n).astype(np.int64)
'''),
]
