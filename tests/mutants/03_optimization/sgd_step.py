# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 1, `sgd_step`: w - lr g, a new array."""

MUTANTS = [
    wrong("sign: stepping up the gradient", '''
def sgd_step(w, g, lr):
    return w + lr * g
''', expect_diagnosis="sgd_step.sign", expect_message="stepped UP"),

    wrong("w updated in place", '''
def sgd_step(w, g, lr):
    w -= lr * g
    return w
''', expect_diagnosis="sgd_step.in_place", expect_message="changed the array w"),

    wrong("the update returned instead of the new parameters", '''
def sgd_step(w, g, lr):
    return -lr * g
'''),

    correct("in place on a copy, through np.asarray", '''
def sgd_step(w, g, lr):
    w_new = np.array(w, dtype=float, copy=True)
    w_new -= lr * np.asarray(g)
    return w_new
'''),
]
