# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 6, lecture 001's trick question: no constant rate is best; decay it (D)."""

MUTANTS = [
    wrong("the good rate, for the whole run", 'best_learning_rate = "C"\n'),
    wrong("the very high rate: fastest at the start", 'best_learning_rate = "A"\n'),
    wrong("the low rate", 'best_learning_rate = "B"\n'),
    correct("the letter built from a string", 'best_learning_rate = "abcd"[3].upper()\n'),
]
