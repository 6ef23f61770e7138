# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 13 and 14: output deltas with sigmoid outputs, (a - y) a (1 - a) and a - y."""

MUTANTS = [
    wrong("squared error without the slope", """
def output_delta_squared(A, Y):
    return A - Y
""", replaces="output_delta_squared", expect_diagnosis="output_delta_squared.no_slope", expect_message="slope stays"),

    wrong("squared error: the slope sigmoid'(a)", """
def output_delta_squared(A, Y):
    return (A - Y) * sigmoid_grad(A)
""", replaces="output_delta_squared", expect_diagnosis="output_delta_squared.slope_at_a", expect_message="sigmoid'(a)"),

    wrong("squared error: y - a", """
def output_delta_squared(A, Y):
    return (Y - A) * A * (1 - A)
""", replaces="output_delta_squared", expect_diagnosis="output_delta_squared.sign", expect_message="wrong sign"),

    correct("squared error: A - Y times A - A**2", """
def output_delta_squared(A, Y):
    return np.subtract(A, Y) * (A - A ** 2)
""", replaces="output_delta_squared"),

    wrong("cross-entropy with the sigmoid's slope kept", """
def output_delta_cross_entropy(A, Y):
    return (A - Y) * A * (1 - A)
""", replaces="output_delta_cross_entropy", expect_diagnosis="output_delta_cross_entropy.extra_slope", expect_message="cancels"),

    wrong("cross-entropy without the minus: y - a", """
def output_delta_cross_entropy(A, Y):
    return Y - A
""", replaces="output_delta_cross_entropy", expect_diagnosis="output_delta_cross_entropy.sign", expect_message="minus"),

    wrong("cross-entropy: dcost/da only", """
def output_delta_cross_entropy(A, Y):
    return -Y / A + (1 - Y) / (1 - A)
""", replaces="output_delta_cross_entropy", expect_diagnosis="output_delta_cross_entropy.dcost_da", expect_message="dcost/da"),

    correct("cross-entropy: dcost/da times da/dz, not simplified", """
def output_delta_cross_entropy(A, Y):
    return (-Y / A + (1 - Y) / (1 - A)) * A * (1 - A)
""", replaces="output_delta_cross_entropy"),
]
