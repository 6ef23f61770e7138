# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 5: the weights of the XNOR network (AND and NOR hidden units, an OR output)."""

MUTANTS = [
    wrong("the hidden units swapped: NOR first, then AND", '''
W1 = np.array([[-20.0, -20.0], [20.0, 20.0]])
b1 = np.array([10.0, -30.0])
W2 = np.array([[20.0, 20.0]])
b2 = np.array([-10.0])
''', expect_diagnosis="xnor_weights.units_swapped"),

    wrong("the right lines, not scaled up: weights of size 1", '''
W1 = np.array([[1.0, 1.0], [-1.0, -1.0]])
b1 = np.array([-1.5, 0.5])
W2 = np.array([[1.0, 1.0]])
b2 = np.array([-0.5])
''', expect_diagnosis="xnor_weights.too_small"),

    wrong("AND's line next to the corner (1, 1): 100 x1 + 100 x2 - 190", '''
W1 = np.array([[100.0, 100.0], [-20.0, -20.0]])
b1 = np.array([-190.0, 10.0])
W2 = np.array([[20.0, 20.0]])
b2 = np.array([-10.0])
''', expect_diagnosis="xnor_weights.not_robust"),

    wrong("the output computes AND instead of OR", '''
W1 = np.array([[20.0, 20.0], [-20.0, -20.0]])
b1 = np.array([-30.0, 10.0])
W2 = np.array([[20.0, 20.0]])
b2 = np.array([-30.0])
''', expect_diagnosis="xnor_weights.wrong_side"),

    correct("half the scale, nested lists of ints", '''
W1 = [[10, 10], [-10, -10]]
b1 = [-15, 5]
W2 = [[10, 10]]
b2 = [-5]
'''),

    correct("one scale factor times the logic's signs", '''
scale = 30.0
W1 = scale * np.array([[1.0, 1.0], [-1.0, -1.0]])
b1 = scale * np.array([-1.5, 0.5])
W2 = scale * np.array([[1.0, 1.0]])
b2 = scale * np.array([-0.5])
'''),
]
