# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 10, `dbn`: C (stacked RBMs, greedy and unsupervised, then fine-tuned)."""

MUTANTS = [
    wrong("B: a Bayesian neural network", 'dbn = "B"'),
    wrong("D: stacked autoencoders trained end to end", 'dbn = "D"'),
    wrong("A: a supervised deep net", 'dbn = "A"'),
    correct("C, with surrounding spaces stripped", 'dbn = " C ".strip()'),
    correct("C, as a numpy string", 'dbn = np.str_("C")'),
]
