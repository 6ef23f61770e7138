# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 14, `tying_penalty`: lam |w_a - w_b|^2 and its two gradients."""

MUTANTS = [
    wrong("grad_b with the sign of grad_a", '''
def tying_penalty(w_a, w_b, lam):
    d = w_a - w_b
    return float(lam * np.sum(d ** 2)), 2 * lam * d, 2 * lam * d
''', expect_diagnosis="tying_penalty.grad_b_sign", expect_message="minus sign"),

    wrong("the factor 2 forgotten", '''
def tying_penalty(w_a, w_b, lam):
    d = w_a - w_b
    return float(lam * np.sum(d ** 2)), lam * d, -lam * d
'''),

    wrong("absolute differences in the value", '''
def tying_penalty(w_a, w_b, lam):
    d = w_a - w_b
    return float(lam * np.sum(np.abs(d))), 2 * lam * d, -2 * lam * d
'''),

    correct("np.vdot, grad_b as -grad_a", '''
def tying_penalty(w_a, w_b, lam):
    d = np.subtract(w_a, w_b)
    grad_a = 2.0 * lam * d
    return lam * float(np.vdot(d, d)), grad_a, -grad_a
'''),
]
