# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 11: a gradient 10 steps back weighs alpha^10 = 0.9^10 = 0.349."""

MUTANTS = [
    wrong("0.9^9: off by one", "weight_ten_back = 0.9 ** 9\n"),
    wrong("0.9^11: off by one", "weight_ten_back = 0.9 ** 11\n"),
    wrong("1 - 0.9 * 10: linear forgetting", "weight_ten_back = 0.1\n"),
    correct("computed", "weight_ten_back = 0.9 ** 10\n"),
    correct("rounded to three decimals", "weight_ten_back = 0.349\n"),
]
