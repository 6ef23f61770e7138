# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 11, `gru_difference`: D (where the reset acts, and the role of z)."""

MUTANTS = [
    wrong("A: the same function, the gates reordered", 'gru_difference = "A"'),
    wrong("B: the same once torch's biases are zero", 'gru_difference = "B"'),
    wrong("C: only the role of z differs", 'gru_difference = "C"'),
    correct("D, as a numpy string", 'gru_difference = np.str_("D")'),
    correct("d, upper-cased", 'gru_difference = "d".upper()'),
]
