# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 23 and 24: the input gradient of each example's loss, and FGSM."""

MUTANTS = [
    wrong("divided by N", '''
def input_gradient(X, y, W, b):
    S = X @ W.T + b
    P = np.exp(S - S.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    P[np.arange(len(y)), y] -= 1.0
    return P @ W / len(y)
''', replaces="input_gradient", expect_diagnosis="input_gradient.mean_over_batch", expect_message="OWN loss"),

    wrong("sign: one_hot - p", '''
def input_gradient(X, y, W, b):
    S = X @ W.T + b
    P = np.exp(S - S.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    return (np.eye(W.shape[0])[y] - P) @ W
''', replaces="input_gradient", expect_diagnosis="input_gradient.sign", expect_message="(one_hot - p)"),

    wrong("no one-hot subtracted", '''
def input_gradient(X, y, W, b):
    S = X @ W.T + b
    P = np.exp(S - S.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True) @ W
''', replaces="input_gradient", expect_diagnosis="input_gradient.no_onehot", expect_message="one_hot(y)"),

    correct("one-hot matrix and einsum", '''
def input_gradient(X, y, W, b):
    S = X @ W.T + b
    S = S - S.max(axis=1, keepdims=True)
    P = np.exp(S)
    P = P / P.sum(axis=1, keepdims=True)
    return np.einsum("nc,cd->nd", P - np.eye(W.shape[0])[y], W)
''', replaces="input_gradient"),

    wrong("the raw gradient", '''
def fgsm(x, grad, eps, clip=None):
    x_adv = x + eps * grad
    return x_adv if clip is None else np.clip(x_adv, *clip)
''', replaces="fgsm", expect_diagnosis="fgsm.raw_gradient", expect_message="SIGN"),

    wrong("descent: minus the sign", '''
def fgsm(x, grad, eps, clip=None):
    x_adv = x - eps * np.sign(grad)
    return x_adv if clip is None else np.clip(x_adv, *clip)
''', replaces="fgsm", expect_diagnosis="fgsm.descent", expect_message="INCREASES the loss"),

    wrong("clip ignored", '''
def fgsm(x, grad, eps, clip=None):
    return x + eps * np.sign(grad)
''', replaces="fgsm", expect_diagnosis="fgsm.no_clip", expect_message="stays in [0, 1]"),

    correct("in place on a copy, min/max for the clip", '''
def fgsm(x, grad, eps, clip=None):
    out = x.copy()
    out += eps * np.sign(grad)
    if clip is not None:
        out = np.minimum(np.maximum(out, clip[0]), clip[1])
    return out
''', replaces="fgsm"),
]
