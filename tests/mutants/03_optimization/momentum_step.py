# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 6, `momentum_step`: v = alpha v - lr g, w = w + v."""

MUTANTS = [
    wrong("sign: the velocity goes up the gradient", '''
def momentum_step(w, g, v, lr, alpha):
    v = alpha * v + lr * g
    return w + v, v
''', expect_diagnosis="momentum_step.sign", expect_message="AGAINST the gradient"),

    wrong("velocity not decayed", '''
def momentum_step(w, g, v, lr, alpha):
    v = v - lr * g
    return w + v, v
''', expect_diagnosis="momentum_step.no_decay", expect_message="velocity not decayed"),

    wrong("w moved with the old velocity", '''
def momentum_step(w, g, v, lr, alpha):
    v_new = alpha * v - lr * g
    return w + v, v_new
''', expect_diagnosis="momentum_step.old_velocity", expect_message="NEW velocity"),

    wrong("torch's convention: v = alpha v + g, w = w - lr v", '''
def momentum_step(w, g, v, lr, alpha):
    v = alpha * v + g
    return w - lr * v, v
''', expect_diagnosis="momentum_step.torch_form", expect_message="torch's convention"),

    correct("the step first, the velocity as the difference; element by element", '''
def momentum_step(w, g, v, lr, alpha):
    w, g, v = (np.asarray(a, dtype=float) for a in (w, g, v))
    w_new = np.empty_like(w)
    for i in np.ndindex(w.shape):
        w_new[i] = w[i] + alpha * v[i] - lr * g[i]
    return w_new, w_new - w
'''),
]
