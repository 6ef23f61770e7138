# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 8, equivariance to translation: {A, B}."""

MUTANTS = [
    wrong("the convolution only", 'equivariant = {"A"}\n'),
    wrong("max pooling too", 'equivariant = {"A", "B", "D"}\n'),
    wrong("all four", 'equivariant = {"A", "B", "C", "D"}\n'),
    correct("a frozenset in another order", 'equivariant = frozenset(["B", "A"])\n'),
]
