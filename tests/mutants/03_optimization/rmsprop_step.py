# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 12, `rmsprop_step`: r = rho r + (1 - rho) g*g, w = w - lr g / (delta + sqrt(r))."""

MUTANTS = [
    wrong("rho and 1 - rho swapped", '''
def rmsprop_step(w, g, r, lr, rho=0.9, delta=1e-6):
    r = (1 - rho) * r + rho * g * g
    return w - lr * g / (delta + np.sqrt(r)), r
''', expect_diagnosis="rmsprop_step.swapped_rho", expect_message="swapped"),

    wrong("AdaGrad's sum", '''
def rmsprop_step(w, g, r, lr, rho=0.9, delta=1e-6):
    r = r + g * g
    return w - lr * g / (delta + np.sqrt(r)), r
''', expect_diagnosis="rmsprop_step.adagrad_sum", expect_message="AdaGrad"),

    wrong("delta inside the square root", '''
def rmsprop_step(w, g, r, lr, rho=0.9, delta=1e-6):
    r = rho * r + (1 - rho) * g * g
    return w - lr * g / np.sqrt(delta + r), r
''', expect_diagnosis="rmsprop_step.delta_inside", expect_message="inside the square root"),

    wrong("the default rho 0.99", '''
def rmsprop_step(w, g, r, lr, rho=0.99, delta=1e-6):
    r = rho * r + (1 - rho) * g * g
    return w - lr * g / (delta + np.sqrt(r)), r
'''),

    correct("r moved towards g*g by 1 - rho", '''
def rmsprop_step(w, g, r, lr, rho=0.9, delta=1e-6):
    r = r + (1 - rho) * (g ** 2 - r)
    return w - lr * g / (np.sqrt(r) + delta), r
'''),
]
