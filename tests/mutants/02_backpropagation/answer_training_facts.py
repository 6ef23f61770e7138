# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 26 (lecture 003, review Q3): training_facts {"A", "B", "C", "F"}."""

MUTANTS = [
    wrong("the ascent step D counted as true", 'training_facts = {"A", "B", "C", "D", "F"}\n'),
    wrong("the gradient check at every step", 'training_facts = {"A", "B", "C", "F", "G"}\n'),
    wrong("forgot the mini-batches and epochs", 'training_facts = {"A", "B", "C"}\n'),
    correct("built from a string", 'training_facts = set("FCBA")\n'),
]
