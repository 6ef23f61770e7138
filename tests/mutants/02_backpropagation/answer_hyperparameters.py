# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 18, `hyperparameters`: {A, D} (iterations and layers)."""

MUTANTS = [
    wrong("everything but the activations", 'hyperparameters = {"A", "B", "C", "D"}'),
    wrong("the layers only", 'hyperparameters = {"D"}'),
    wrong("the learned parameters", 'hyperparameters = {"B", "C"}'),
    correct("a frozenset", 'hyperparameters = frozenset({"D", "A"})'),
    correct("set() of a string", 'hyperparameters = set("AD")'),
]
