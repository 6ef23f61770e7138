# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 10-11: `forward_difference` and `centered_difference` of a function of one number."""

MUTANTS = [
    # ---- exercise 10: forward
    wrong("forward: the centred difference instead", """
def forward_difference(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)
""", replaces="forward_difference", expect_diagnosis="forward_difference.centred", expect_message="centred"),

    wrong("forward: the sign flipped", """
def forward_difference(f, x, h):
    return (f(x) - f(x + h)) / h
""", replaces="forward_difference", expect_diagnosis="forward_difference.sign", expect_message="sign"),

    wrong("forward: divided by 2h", """
def forward_difference(f, x, h):
    return (f(x + h) - f(x)) / (2 * h)
""", replaces="forward_difference"),

    correct("forward: a lambda", """
forward_difference = lambda f, x, h: (f(x + h) - f(x)) * (1.0 / h)
""", replaces="forward_difference"),

    # ---- exercise 11: centred
    wrong("centred: divided by h", """
def centered_difference(f, x, h):
    return (f(x + h) - f(x - h)) / h
""", replaces="centered_difference", expect_diagnosis="centered_difference.divide_by_h", expect_message="2 * h"),

    wrong("centred: the forward difference", """
def centered_difference(f, x, h):
    return (f(x + h) - f(x)) / h
""", replaces="centered_difference", expect_diagnosis="centered_difference.forward", expect_message="forward"),

    wrong("centred: the sign flipped", """
def centered_difference(f, x, h):
    return (f(x - h) - f(x + h)) / (2 * h)
""", replaces="centered_difference", expect_diagnosis="centered_difference.sign", expect_message="sign"),

    correct("centred: the mean of a forward and a backward difference", """
def centered_difference(f, x, h):
    return 0.5 * (forward_difference(f, x, h) + forward_difference(f, x, -h))
""", replaces="centered_difference"),

    correct("centred: divided by h, then by 2", """
def centered_difference(f, x, h):
    upper, lower = f(x + h), f(x - h)
    return (upper - lower) / h / 2
""", replaces="centered_difference"),
]
