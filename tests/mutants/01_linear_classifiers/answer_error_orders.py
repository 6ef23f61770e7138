# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 12: error orders of the forward and centred differences (1, 2)."""

MUTANTS = [
    wrong("both of order 2", "error_orders = (2, 2)\n"),
    wrong("swapped", "error_orders = (2, 1)\n"),
    wrong("both of order 1", "error_orders = (1, 1)\n"),
    correct("a list", "error_orders = [1, 2]\n"),
    correct("floats read off the plot's slopes", "error_orders = (1.0, 2.0)\n"),
    correct("numpy integers", "error_orders = (np.int64(1), np.int64(2))\n"),
]
