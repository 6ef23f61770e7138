# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 11, how many fewer inputs: k^2 = 4."""

MUTANTS = [
    wrong("the slide's k = 2", "fewer_inputs = 2\n"),
    wrong("the fraction 1/4", "fewer_inputs = 0.25\n"),
    wrong("64 maps counted: 64 * 4", "fewer_inputs = 256\n"),
    correct("computed, a float", "fewer_inputs = (64 * 32 * 32) / (64 * 16 * 16)\n"),
]
