# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 11, `pretraining_kinds`: (C, B), masked then joint-embedding."""

MUTANTS = [
    wrong("the order swapped", 'pretraining_kinds = ("B", "C")'),
    wrong("masked taken for the autoencoder", 'pretraining_kinds = ("A", "B")'),
    wrong("joint-embedding taken for the supervised task", 'pretraining_kinds = ("C", "D")'),
    correct("a list", 'pretraining_kinds = ["C", "B"]'),
    correct("tuple() of a string", 'pretraining_kinds = tuple("CB")'),
]
