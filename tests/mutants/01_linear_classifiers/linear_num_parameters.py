# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 2, `linear_num_parameters`: C D weights and C biases (30,730 for CIFAR-10)."""

MUTANTS = [
    wrong("the weights only, no biases", """
def linear_num_parameters(D, C):
    return C * D
""", expect_diagnosis="linear_num_parameters.no_bias", expect_message="bias"),

    wrong("one bias per input", """
def linear_num_parameters(D, C):
    return (C + 1) * D
""", expect_diagnosis="linear_num_parameters.bias_per_input", expect_message="one bias per CLASS"),

    wrong("hard-coded CIFAR-10 count", """
def linear_num_parameters(D, C):
    return 30730 if D == 3072 else 650
"""),

    correct("C (D + 1): the bias as an extra input column", """
def linear_num_parameters(D, C):
    return C * (D + 1)
"""),

    correct("the sizes of zero arrays", """
def linear_num_parameters(D, C):
    return np.zeros((C, D)).size + np.zeros(C).size
"""),
]
