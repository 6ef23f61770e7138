# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 3, `l2_regularized_optimum`: Q (Lambda + alpha I)^-1 Lambda Q^T w*."""

MUTANTS = [
    wrong("(H + alpha I)^-1 w*: H missing on the right", '''
def l2_regularized_optimum(H, w_star, alpha):
    return np.linalg.solve(H + alpha * np.eye(len(w_star)), w_star)
''', expect_diagnosis="l2_optimum.missing_h", expect_message="lambda_i / (lambda_i + alpha)"),

    wrong("no rotation into the eigenbasis", '''
def l2_regularized_optimum(H, w_star, alpha):
    eigvals, Q = np.linalg.eigh(H)
    return eigvals / (eigvals + alpha) * w_star
''', expect_diagnosis="l2_optimum.no_rotation", expect_message="eigenbasis"),

    wrong("the rotations swapped: Q^T (...) Q w*", '''
def l2_regularized_optimum(H, w_star, alpha):
    eigvals, Q = np.linalg.eigh(H)
    return Q.T @ (eigvals / (eigvals + alpha) * (Q @ w_star))
'''),

    correct("the direct solve (H + alpha I)^-1 H w*", '''
def l2_regularized_optimum(H, w_star, alpha):
    return np.linalg.solve(H + alpha * np.eye(len(w_star)), H @ w_star)
'''),
    correct("a loop over the eigenvectors", '''
def l2_regularized_optimum(H, w_star, alpha):
    lam, Q = np.linalg.eigh(H)
    result = np.zeros(len(w_star))
    for i in range(len(lam)):
        result += lam[i] / (lam[i] + alpha) * (Q[:, i] @ w_star) * Q[:, i]
    return result
'''),
]
