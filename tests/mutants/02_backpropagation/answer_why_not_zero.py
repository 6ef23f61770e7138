# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 15, `why_not_zero`: one letter; B (equal units get equal gradients and stay equal)."""

MUTANTS = [
    wrong("A: the cost is undefined at zero weights", 'why_not_zero = "A"'),
    wrong("C: a weight at 0 cannot change", 'why_not_zero = "C"'),
    correct("B, as a numpy string", 'why_not_zero = np.str_("B")'),
    wrong("D: zero weights overfit", 'why_not_zero = "D"'),
    correct("b, upper-cased", 'why_not_zero = "b".upper()'),
]
