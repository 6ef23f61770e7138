# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 5, which one commutes (multiple choice; A, only the convolution)."""

MUTANTS = [
    wrong("B: only the cross-correlation", 'commutes = "B"\n'),
    wrong("C: both", 'commutes = "C"\n'),
    wrong("D: neither", 'commutes = "D"\n'),
    correct("A, as a numpy string", 'commutes = np.str_("A")\n'),
]
