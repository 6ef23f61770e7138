# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 16: a bootstrap sample holds about 1 - 1/e = 63.2% of the examples (B)."""

MUTANTS = [
    wrong("A", 'unique_fraction = "A"\n'),
    wrong("C", 'unique_fraction = "C"\n'),
    wrong("D", 'unique_fraction = "D"\n'),
    correct("a numpy string", 'unique_fraction = np.str_("B")\n'),
]
