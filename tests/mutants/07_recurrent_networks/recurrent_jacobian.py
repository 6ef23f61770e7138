# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 5, `recurrent_jacobian`: d h_T / d h_0 = D_T W ... D_1 W."""

MUTANTS = [
    wrong("the product in the wrong order", '''
def recurrent_jacobian(hs, W):
    J = np.eye(W.shape[0])
    for h in hs[::-1]:
        J = (1.0 - h ** 2)[:, None] * (W @ J)
    return J
''', expect_diagnosis="jacobian.order"),

    wrong("no tanh derivative: W^T", '''
def recurrent_jacobian(hs, W):
    return np.linalg.matrix_power(W, len(hs))
''', expect_diagnosis="jacobian.no_tanh_derivative"),

    wrong("D_t on the wrong side: W D_t", '''
def recurrent_jacobian(hs, W):
    J = np.eye(W.shape[0])
    for h in hs:
        J = W @ ((1.0 - h ** 2)[:, None] * J)
    return J
'''),

    wrong("the transpose", '''
def recurrent_jacobian(hs, W):
    J = np.eye(W.shape[0])
    for h in hs:
        J = (1.0 - h ** 2)[:, None] * (W @ J)
    return J.T
''', expect_diagnosis="jacobian.transposed"),

    correct("np.diag, multiplied on the right from the last step back", '''
def recurrent_jacobian(hs, W):
    J = np.identity(len(W))
    for h in reversed(list(hs)):
        J = J @ np.diag(1 - h * h) @ W
    return J
'''),

    correct("functools.reduce over the step Jacobians", '''
from functools import reduce


def recurrent_jacobian(hs, W):
    steps = [np.diag(1.0 - np.square(h)) @ W for h in hs]
    return reduce(lambda J, step: step @ J, steps, np.eye(W.shape[0]))
'''),
]
