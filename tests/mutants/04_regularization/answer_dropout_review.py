# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 22, lecture 003's review Q5 with lecture 004's costs: A, C, D and H are true."""

MUTANTS = [
    wrong("dropout drops weights (that is DropConnect)", 'dropout_review = {"A", "B", "C", "D", "H"}\n'),
    wrong("masks at test time too", 'dropout_review = {"A", "C", "E", "H"}\n'),
    wrong("more data, more gain; the costs missed", 'dropout_review = {"A", "C", "D", "G"}\n'),
    wrong("the costs left out", 'dropout_review = {"A", "C", "D"}\n'),
    correct("a frozenset built from a string", 'dropout_review = frozenset("HDCA")\n'),
]
