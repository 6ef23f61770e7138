# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 25 (lecture 003, review Q2): activation_match ("T", "R", "L", "S") and sigmoid_drawbacks {"A", "B"}."""

MUTANTS = [
    wrong("sigmoid and tanh swapped", 'activation_match = ("S", "R", "L", "T")\n', replaces="activation_match"),
    wrong("ReLU and leaky ReLU swapped", 'activation_match = ("T", "L", "R", "S")\n', replaces="activation_match"),
    correct("a list", 'activation_match = ["T", "R", "L", "S"]\n', replaces="activation_match"),
    wrong("saturation only", 'sigmoid_drawbacks = {"A"}\n', replaces="sigmoid_drawbacks"),
    wrong("ReLU's drawbacks too", 'sigmoid_drawbacks = {"A", "B", "C", "E"}\n', replaces="sigmoid_drawbacks"),
    correct("a frozenset", 'sigmoid_drawbacks = frozenset("AB")\n', replaces="sigmoid_drawbacks"),
]
