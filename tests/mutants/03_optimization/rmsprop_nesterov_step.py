# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 13, `rmsprop_nesterov_step`: RMSProp's scaling, Nesterov's look-ahead gradient."""

MUTANTS = [
    wrong("the gradient at w", '''
def rmsprop_nesterov_step(w, v, r, grad_fn, lr, rho=0.9, alpha=0.9, delta=1e-6):
    g = grad_fn(w)
    r = rho * r + (1 - rho) * g * g
    v = alpha * v - lr * g / (delta + np.sqrt(r))
    return w + v, v, r
''', expect_diagnosis="rmsprop_nesterov_step.gradient_at_w", expect_message="look-ahead point"),

    wrong("Algorithm 8.6 as printed: no delta", '''
def rmsprop_nesterov_step(w, v, r, grad_fn, lr, rho=0.9, alpha=0.9, delta=1e-6):
    g = grad_fn(w + alpha * v)
    r = rho * r + (1 - rho) * g * g
    v = alpha * v - lr * g / np.sqrt(r)
    return w + v, v, r
''', expect_diagnosis="rmsprop_nesterov_step.no_delta", expect_message="erratum"),

    wrong("the step taken from the look-ahead point", '''
def rmsprop_nesterov_step(w, v, r, grad_fn, lr, rho=0.9, alpha=0.9, delta=1e-6):
    ahead = w + alpha * v
    g = grad_fn(ahead)
    r = rho * r + (1 - rho) * g * g
    v = alpha * v - lr * g / (delta + np.sqrt(r))
    return ahead + v, v, r
'''),

    correct("phi form, np.square", '''
def rmsprop_nesterov_step(w, v, r, grad_fn, lr, rho=0.9, alpha=0.9, delta=1e-6):
    phi = w + alpha * v
    g = grad_fn(phi)
    r_new = rho * r + (1 - rho) * np.square(g)
    v_new = alpha * v - lr * g / (np.sqrt(r_new) + delta)
    return phi - alpha * v + v_new, v_new, r_new
'''),
]
