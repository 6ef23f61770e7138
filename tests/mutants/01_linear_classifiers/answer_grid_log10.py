# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 14, `grid_log10`: 10 values for each of 30,730 parameters: 10**30730 evaluations."""

MUTANTS = [
    wrong("the weights only", "grid_log10 = 30720\n"),
    wrong("one image's numbers", "grid_log10 = 3072\n"),
    wrong("10 x 30,730 evaluations (values times parameters)", "grid_log10 = float(np.log10(10 * 30730))\n"),
    correct("computed with your linear_num_parameters", "grid_log10 = linear_num_parameters(3072, 10)\n"),
    correct("a float", "grid_log10 = 30730.0\n"),
]
