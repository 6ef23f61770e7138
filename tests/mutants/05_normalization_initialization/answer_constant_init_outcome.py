# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 3, what constant weights do (multiple choice; B is right)."""

MUTANTS = [
    wrong("A", 'constant_init_outcome = "A"\n'),
    wrong("C", 'constant_init_outcome = "C"\n'),
    wrong("D", 'constant_init_outcome = "D"\n'),
    correct("B, as a numpy string", 'constant_init_outcome = np.str_("B")\n'),
]
