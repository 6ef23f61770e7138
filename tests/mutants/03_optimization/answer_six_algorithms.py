# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 20, lecture 003's review Q4: SGD C, momentum F, Nesterov B, AdaGrad E, RMSProp A, Adam D."""

MUTANTS = [
    wrong("AdaGrad and RMSProp swapped", 'six_algorithms = ("C", "F", "B", "A", "E", "D")\n'),
    wrong("momentum and Nesterov swapped", 'six_algorithms = ("C", "B", "F", "E", "A", "D")\n'),
    wrong("in the order of the list", 'six_algorithms = ("A", "B", "C", "D", "E", "F")\n'),
    correct("a list of the letters", 'six_algorithms = list("CFBEAD")\n'),
]
