# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 17, `forward_difference_step`: 10 - 0.1 * 20.01 = 7.999."""

MUTANTS = [
    wrong("uphill: w + lr * slope", """
def forward_difference_step(f, w, lr, h):
    return w + lr * (f(w + h) - f(w)) / h
""", expect_diagnosis="forward_difference_step.ascent", expect_message="uphill"),

    wrong("the centred slope (8.0, not the slide's 7.999)", """
def forward_difference_step(f, w, lr, h):
    return w - lr * (f(w + h) - f(w - h)) / (2 * h)
""", expect_diagnosis="forward_difference_step.centred", expect_message="forward difference"),

    wrong("no learning rate", """
def forward_difference_step(f, w, lr, h):
    return w - (f(w + h) - f(w)) / h
""", expect_diagnosis="forward_difference_step.no_lr", expect_message="multiply by lr"),

    correct("with your forward_difference", """
def forward_difference_step(f, w, lr, h):
    slope = forward_difference(f, w, h)
    return w - lr * slope
"""),
]
