# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 2, `weight_decay_step`: (1 - lr alpha) w - lr grad, a new array."""

MUTANTS = [
    wrong("factor 2: the gradient of alpha w^T w", '''
def weight_decay_step(w, grad, lr, alpha):
    return (1.0 - 2 * lr * alpha) * w - lr * grad
''', expect_diagnosis="weight_decay_step.factor_two", expect_message="1 - 2 lr alpha"),

    wrong("no shrinking", '''
def weight_decay_step(w, grad, lr, alpha):
    return w - lr * grad
''', expect_diagnosis="weight_decay_step.no_shrink", expect_message="must shrink"),

    wrong("sign of the data gradient", '''
def weight_decay_step(w, grad, lr, alpha):
    return (1.0 - lr * alpha) * w + lr * grad
''', expect_diagnosis="weight_decay_step.sign", expect_message="subtract lr * grad"),

    wrong("w updated in place", '''
def weight_decay_step(w, grad, lr, alpha):
    w *= 1.0 - lr * alpha
    w -= lr * grad
    return w
''', expect_diagnosis="weight_decay_step.in_place", expect_message="do not modify w"),

    correct("a gradient step on the penalised loss: w - lr (grad + alpha w)", '''
def weight_decay_step(w, grad, lr, alpha):
    return w - lr * (grad + alpha * w)
'''),
]
