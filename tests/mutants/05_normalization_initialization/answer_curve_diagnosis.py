# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 18, diagnose four runs: overfitting, too low, good, too high."""

MUTANTS = [
    wrong("the two learning rates swapped",
          'curve_diagnosis = ["overfitting", "lr_too_high", "good", "lr_too_low"]\n'),
    wrong("overfitting and good swapped",
          'curve_diagnosis = ["good", "lr_too_low", "overfitting", "lr_too_high"]\n'),
    correct("a tuple", 'curve_diagnosis = ("overfitting", "lr_too_low", "good", "lr_too_high")\n'),
]
