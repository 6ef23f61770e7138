# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 23, why not always Newton: A, B and C are true; D (saddles) and E (cost) are false."""

MUTANTS = [
    wrong("saddles cannot attract it (D) too", 'newton_verdict = {"A", "B", "C", "D"}\n'),
    wrong("only the cost (C)", 'newton_verdict = {"C"}\n'),
    wrong("a step as cheap as a gradient step (E) too", 'newton_verdict = {"A", "B", "C", "E"}\n'),
    correct("a frozenset built from a string", 'newton_verdict = frozenset("ABC")\n'),
]
