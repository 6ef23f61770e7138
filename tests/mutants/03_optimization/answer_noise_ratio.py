# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 2: batch 16 -> 64 divides the standard deviation by sqrt(4) = 2."""

MUTANTS = [
    wrong("the variance ratio 4", "noise_ratio = 4\n"),
    wrong("inverted: 1/2", "noise_ratio = 0.5\n"),
    wrong("the batch-size ratio 64 / 16 read as the std ratio, squared: 16", "noise_ratio = 16\n"),
    correct("a float", "noise_ratio = 2.0\n"),
    correct("computed, a numpy float", "noise_ratio = np.sqrt(64 / 16)\n"),
]
