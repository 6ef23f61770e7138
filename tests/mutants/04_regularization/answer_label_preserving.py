# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 8: only the one-pixel shift (D) and small noise (E) keep every digit's label."""

MUTANTS = [
    wrong("the shift only", 'label_preserving = {"D"}\n'),
    wrong("the horizontal mirror too", 'label_preserving = {"A", "D", "E"}\n'),
    wrong("the 180-degree rotation too", 'label_preserving = {"C", "D", "E"}\n'),
    correct("a frozenset", 'label_preserving = frozenset({"E", "D"})\n'),
    correct("set() of a string", 'label_preserving = set("DE")\n'),
]
