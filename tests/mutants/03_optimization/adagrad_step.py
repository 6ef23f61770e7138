# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 11, `adagrad_step`: r = r + g*g, w = w - lr g / (delta + sqrt(r))."""

MUTANTS = [
    wrong("accumulating g instead of g*g", '''
def adagrad_step(w, g, r, lr, delta=1e-7):
    r = r + g
    return w - lr * g / (delta + np.sqrt(np.abs(r))), r
''', expect_diagnosis="adagrad_step.not_squared", expect_message="SQUARED"),

    wrong("delta inside the square root", '''
def adagrad_step(w, g, r, lr, delta=1e-7):
    r = r + g * g
    return w - lr * g / np.sqrt(delta + r), r
''', expect_diagnosis="adagrad_step.delta_inside", expect_message="inside the square root"),

    wrong("sign: the slides' missing minus", '''
def adagrad_step(w, g, r, lr, delta=1e-7):
    r = r + g * g
    return w + lr * g / (delta + np.sqrt(r)), r
''', expect_diagnosis="adagrad_step.sign", expect_message="AGAINST the gradient"),

    wrong("no delta: 0 / 0 where the gradient is 0", '''
def adagrad_step(w, g, r, lr, delta=1e-7):
    r = r + g * g
    return w - lr * g / np.sqrt(r), r
''', expect_diagnosis="adagrad_step.no_delta", expect_message="delta + sqrt(r)"),

    correct("np.square, np.add and the division written the other way round", '''
def adagrad_step(w, g, r, lr, delta=1e-7):
    r_new = np.add(r, np.square(g))
    scale = 1.0 / (np.sqrt(r_new) + delta)
    return w - (lr * scale) * g, r_new
'''),
]
