# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 10, ReLU and Xavier (multiple choice; C is right)."""

MUTANTS = [
    wrong("A", 'relu_xavier_factor = "A"\n'),
    wrong("B", 'relu_xavier_factor = "B"\n'),
    wrong("D", 'relu_xavier_factor = "D"\n'),
    correct("C, set after a first guess", 'relu_xavier_factor = "B"   # first thought\nrelu_xavier_factor = "C"\n'),
]
