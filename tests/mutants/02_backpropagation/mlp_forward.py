# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 6, `mlp_forward`: (A, Z) through every layer, sigmoid at the output."""

# Each mutant replaces only the function (ACTIVATIONS stays the instructor's): a mutant that redefined
# ACTIVATIONS would reach mlp_backward too, and share no student with its mutants.

MUTANTS = [
    wrong("the hidden activation at the output too", '''
def mlp_forward(X, params, hidden="sigmoid"):
    f = ACTIVATIONS[hidden][0]
    A, Z = [np.asarray(X, dtype=float)], []
    for W, b in params:
        Z.append(A[-1] @ W.T + b)
        A.append(f(Z[-1]))
    return A, Z
''', expect_diagnosis="mlp_forward.output_activation", replaces="mlp_forward"),

    wrong("no bias", '''
def mlp_forward(X, params, hidden="sigmoid"):
    f = ACTIVATIONS[hidden][0]
    A, Z = [np.asarray(X, dtype=float)], []
    for l, (W, b) in enumerate(params):
        Z.append(A[-1] @ W.T)
        A.append(sigmoid(Z[-1]) if l == len(params) - 1 else f(Z[-1]))
    return A, Z
''', expect_diagnosis="mlp_forward.no_bias", replaces="mlp_forward"),

    wrong("the sigmoid in every layer: hidden ignored", '''
def mlp_forward(X, params, hidden="sigmoid"):
    A, Z = [np.asarray(X, dtype=float)], []
    for W, b in params:
        Z.append(A[-1] @ W.T + b)
        A.append(sigmoid(Z[-1]))
    return A, Z
''', expect_diagnosis="mlp_forward.hidden_activation", replaces="mlp_forward"),

    wrong("the output layer found as l == 1 (right for two layers only)", '''
def mlp_forward(X, params, hidden="sigmoid"):
    f = ACTIVATIONS[hidden][0]
    A, Z = [np.asarray(X, dtype=float)], []
    for l, (W, b) in enumerate(params):
        Z.append(A[-1] @ W.T + b)
        A.append(sigmoid(Z[-1]) if l == 1 else f(Z[-1]))
    return A, Z
''', replaces="mlp_forward"),

    correct("a while loop, np.dot, the last layer after the loop", '''
def mlp_forward(X, params, hidden="sigmoid"):
    f = ACTIVATIONS[hidden][0]
    A, Z = [np.asarray(X, dtype=float)], []
    l = 0
    while l < len(params) - 1:
        W, b = params[l]
        Z.append(np.dot(A[-1], W.T) + b)
        A.append(f(Z[-1]))
        l += 1
    W, b = params[-1]
    Z.append(np.dot(A[-1], np.transpose(W)) + b)
    A.append(sigmoid(Z[-1]))
    return A, Z
''', replaces="mlp_forward"),

    correct("the lecture's column vectors: (W A^T + b[:, None])^T, a tuple of lists", '''
def mlp_forward(X, params, hidden="sigmoid"):
    activation = ACTIVATIONS[hidden][0]
    A, Z = [np.asarray(X, dtype=float)], []
    for l, (W, b) in enumerate(params):
        z = (W @ A[-1].T + b[:, None]).T
        Z.append(z)
        A.append(activation(z) if l < len(params) - 1 else sigmoid(z))
    return (A, Z)
''', replaces="mlp_forward"),
]
