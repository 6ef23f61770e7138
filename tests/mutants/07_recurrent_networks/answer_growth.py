# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 6, `growth`: one letter; B (explodes along one eigenvector, vanishes along the other)."""

MUTANTS = [
    wrong("A: the eigenvalues average to 1", 'growth = "A"'),
    wrong("D: a rotation preserves lengths", 'growth = "D"'),
    wrong("C: linear growth, 50 x 1.1", 'growth = "C"'),
    correct("B, as a numpy string", 'growth = np.str_("B")'),
    correct("b, upper-cased", 'growth = "b".upper()'),
]
