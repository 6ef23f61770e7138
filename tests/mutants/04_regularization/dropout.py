# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 18 and 19: inverted dropout, forward and backward."""

MUTANTS = [
    wrong("p used as the keep probability", '''
def dropout_forward(x, p, rng):
    mask = rng.random(np.shape(x)) < p
    return (np.zeros_like(x, dtype=float) if p == 0 else x * mask / p), mask
''', replaces="dropout_forward", expect_diagnosis="dropout_forward.keep_vs_drop", expect_message="DROPPING"),

    wrong("forward not rescaled", '''
def dropout_forward(x, p, rng):
    mask = rng.random(np.shape(x)) >= p
    return x * mask, mask
''', replaces="dropout_forward", expect_diagnosis="dropout_forward.no_scaling", expect_message="1 - p"),

    wrong("divided by p", '''
def dropout_forward(x, p, rng):
    mask = rng.random(np.shape(x)) >= p
    return (x * mask / p if p > 0 else x * 1.0), mask
''', replaces="dropout_forward", expect_diagnosis="dropout_forward.scaled_by_p", expect_message="KEEP probability"),

    wrong("one mask per feature, shared by the batch", '''
def dropout_forward(x, p, rng):
    mask = rng.random(np.shape(x)[-1]) >= p
    if p >= 1:
        return np.zeros_like(x, dtype=float), mask
    return x * mask / (1 - p), mask
''', replaces="dropout_forward", expect_diagnosis="dropout_forward.shared_mask", expect_message="one draw per element"),

    wrong("p = 1 not handled: 0 / 0", '''
def dropout_forward(x, p, rng):
    mask = rng.random(np.shape(x)) >= p
    return x * mask / (1.0 - p), mask
''', replaces="dropout_forward", expect_diagnosis="dropout_forward.p_one", expect_message="Return zeros"),

    correct("binomial draws, np.where", '''
def dropout_forward(x, p, rng):
    mask = rng.binomial(1, 1 - p, size=np.shape(x)).astype(bool)
    scale = 0.0 if p == 1 else 1.0 / (1.0 - p)
    return np.where(mask, x * scale, 0.0), mask
''', replaces="dropout_forward"),

    wrong("backward not rescaled", '''
def dropout_backward(dout, mask, p):
    return dout * mask
''', replaces="dropout_backward", expect_diagnosis="dropout_backward.no_scaling", expect_message="divided by it too"),

    wrong("no mask", '''
def dropout_backward(dout, mask, p):
    return dout / (1.0 - p) if p < 1 else 0.0 * dout
''', replaces="dropout_backward", expect_diagnosis="dropout_backward.no_mask", expect_message="multiply by the mask"),

    correct("np.where", '''
def dropout_backward(dout, mask, p):
    return np.where(mask, dout / (1 - p), 0.0) if p < 1 else 0 * dout
''', replaces="dropout_backward"),
]
