# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 16, grid or random: (3, 9)."""

MUTANTS = [
    wrong("(9, 9): every grid point counted", "distinct_values = (9, 9)\n"),
    wrong("(3, 3): the random search counted like the grid", "distinct_values = (3, 3)\n"),
    wrong("swapped: (9, 3)", "distinct_values = (9, 3)\n"),
    correct("a list of floats", "distinct_values = [3.0, 9.0]\n"),
]
