# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 8: the curves A, B, C are momentum 0, 0.9, 0.5 (one point per curve)."""

MUTANTS = [
    wrong("every curve wrong: (0.9, 0.5, 0.0)", "curve_momenta = (0.9, 0.5, 0.0)\n"),
    wrong("every curve wrong: (0.5, 0.0, 0.9)", "curve_momenta = (0.5, 0.0, 0.9)\n"),
    wrong("A and B swapped", "curve_momenta = (0.9, 0.0, 0.5)\n", tests=["test_curve_A", "test_curve_B"]),
    correct("a list of mixed ints and floats", "curve_momenta = [0, 0.9, 0.5]\n"),
]
