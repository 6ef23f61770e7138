# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 4, the range of L_i (multiple choice; B is right)."""

MUTANTS = [
    wrong("A: between 0 and 1", 'loss_range = "A"\n'),
    wrong("C: between -inf and 0", 'loss_range = "C"\n'),
    wrong("D: from log C", 'loss_range = "D"\n'),
    correct("B, as a numpy string", 'loss_range = np.str_("B")\n'),
    correct("B, set after a first guess", 'loss_range = "D"   # first thought\nloss_range = "B"\n'),
]
