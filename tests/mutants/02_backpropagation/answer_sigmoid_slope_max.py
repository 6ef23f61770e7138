# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 16, `sigmoid_slope_max`: 1/4, at x = 0."""

MUTANTS = [
    wrong("1: the slope of a line through (0, 0) and (1, 1)", "sigmoid_slope_max = 1.0"),
    wrong("1/2: sigmoid(0)", "sigmoid_slope_max = 0.5"),
    correct("1/4 as a fraction of ints", "sigmoid_slope_max = 1 / 4"),
    correct("the largest value of your sigmoid_grad on a grid", "sigmoid_slope_max = float(np.max(sigmoid_grad(np.linspace(-5, 5, 1001))))"),
    correct("a numpy float", "sigmoid_slope_max = np.float64(0.25)"),
]
