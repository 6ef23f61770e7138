# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 7: the terminal step lr |g| / (1 - alpha) = 0.3."""

MUTANTS = [
    wrong("no momentum factor: lr |g|", "terminal_step = 0.03\n"),
    wrong("times (1 - alpha) instead of divided", "terminal_step = 0.003\n"),
    wrong("alpha / (1 - alpha)", "terminal_step = 0.27\n"),
    correct("computed: 0.29999999999999993", "terminal_step = 0.01 * 3 / (1 - 0.9)\n"),
    correct("a numpy float", "terminal_step = np.float64(0.3)\n"),
]
