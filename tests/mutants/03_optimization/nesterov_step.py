# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 10, `nesterov_step`: the gradient at the look-ahead point w + alpha v."""

MUTANTS = [
    wrong("the gradient at w: plain momentum", '''
def nesterov_step(w, v, grad_fn, lr, alpha):
    v = alpha * v - lr * grad_fn(w)
    return w + v, v
''', expect_diagnosis="nesterov_step.gradient_at_w", expect_message="look-ahead point w + alpha * v"),

    wrong("look-ahead at w + v", '''
def nesterov_step(w, v, grad_fn, lr, alpha):
    v_new = alpha * v - lr * grad_fn(w + v)
    return w + v_new, v_new
''', expect_diagnosis="nesterov_step.lookahead_no_alpha", expect_message="not w + v"),

    wrong("the step taken from the look-ahead point", '''
def nesterov_step(w, v, grad_fn, lr, alpha):
    ahead = w + alpha * v
    v = alpha * v - lr * grad_fn(ahead)
    return ahead + v, v
''', expect_diagnosis="nesterov_step.step_from_lookahead", expect_message="moved the look-ahead point"),

    wrong("grad_fn called twice (once more for a finiteness check)", '''
def nesterov_step(w, v, grad_fn, lr, alpha):
    ahead = w + alpha * v
    g = grad_fn(ahead) if np.all(np.isfinite(grad_fn(ahead))) else 0.0
    v = alpha * v - lr * g
    return w + v, v
''', expect_diagnosis="nesterov_step.calls", expect_message="exactly once"),

    correct("the step from the look-ahead point minus alpha v (dlcourse's phi form)", '''
def nesterov_step(w, v, grad_fn, lr, alpha):
    phi = w + alpha * v
    v_new = alpha * v - lr * grad_fn(phi)
    return phi + v_new - alpha * v, v_new
'''),
]
