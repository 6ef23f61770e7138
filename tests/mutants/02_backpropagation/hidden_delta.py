# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 15, `hidden_delta`: lecture 002's delta_2^(3) = Theta_12 delta_1^(4) a_2 (1 - a_2), bias in column 0."""

MUTANTS = [
    wrong("the bias column taken, the last weight column dropped", """
def hidden_delta(Theta, delta_next, a):
    return (Theta[:, :-1].T @ delta_next) * a * (1 - a)
""", expect_diagnosis="hidden_delta.bias_column", expect_message="column 0"),

    wrong("no sigmoid slope", """
def hidden_delta(Theta, delta_next, a):
    return Theta[:, 1:].T @ delta_next
""", expect_diagnosis="hidden_delta.no_slope", expect_message="a (1 - a)"),

    wrong("the slope sigmoid'(a)", """
def hidden_delta(Theta, delta_next, a):
    return (Theta[:, 1:].T @ delta_next) * sigmoid_grad(a)
""", expect_diagnosis="hidden_delta.slope_at_a", expect_message="not sigmoid'(a)"),

    wrong("rows of Theta instead of columns", """
def hidden_delta(Theta, delta_next, a):
    return (Theta[:, 1:] @ delta_next) * a * (1 - a)
""", expect_diagnosis="hidden_delta.transposed", expect_message="column j"),

    wrong("the full Theta, bias row included (a shape error)", """
def hidden_delta(Theta, delta_next, a):
    return (Theta.T @ delta_next) * np.concatenate([[1.0], a]) * (1 - np.concatenate([[1.0], a]))
"""),

    correct("loops over the units, as the slide writes one delta", """
def hidden_delta(Theta, delta_next, a):
    delta = np.zeros(len(a))
    for j in range(1, Theta.shape[1]):
        blame = sum(Theta[i, j] * delta_next[i] for i in range(Theta.shape[0]))
        delta[j - 1] = blame * a[j - 1] * (1 - a[j - 1])
    return delta
"""),

    correct("the bias row dropped after the product", """
def hidden_delta(Theta, delta_next, a):
    return (delta_next @ Theta)[1:] * a * (1 - a)
"""),
]
