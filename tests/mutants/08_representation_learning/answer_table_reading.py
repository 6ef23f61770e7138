# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 1, `table_reading`: B (all fit the training set; pretraining lowers the test error)."""

MUTANTS = [
    wrong("A: pretraining is a better optimizer of the training error", 'table_reading = "A"'),
    wrong("C: depth alone helps", 'table_reading = "C"'),
    wrong("D: supervised pretraining as good", 'table_reading = "D"'),
    correct("B, as a numpy string", 'table_reading = np.str_("B")'),
    correct("b, upper-cased", 'table_reading = "b".upper()'),
]
