# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 5, `initial_loss`: ln C."""

MUTANTS = [
    wrong("1/C: the probability, not the loss", """
def initial_loss(num_classes):
    return 1.0 / num_classes
""", expect_diagnosis="initial_loss.probability", expect_message="1/C"),

    wrong("log10 C", """
def initial_loss(num_classes):
    return float(np.log10(num_classes))
""", expect_diagnosis="initial_loss.log10", expect_message="natural log"),

    wrong("hard-coded ln 10", """
def initial_loss(num_classes):
    return 2.302585092994046
"""),

    correct("-ln(1/C) with math", """
import math

def initial_loss(num_classes):
    return -math.log(1 / num_classes)
"""),

    correct("your cross_entropy_loss of equal scores", """
def initial_loss(num_classes):
    return cross_entropy_loss(np.zeros((1, num_classes)), np.array([0]))
"""),
]
