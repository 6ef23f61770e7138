# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 5, `l1_regularized_optimum`: the soft threshold sign(w*) max(|w*| - alpha / H, 0)."""

MUTANTS = [
    wrong("no sign", '''
def l1_regularized_optimum(w_star, H_diag, alpha):
    return np.maximum(np.abs(w_star) - alpha / H_diag, 0.0)
''', expect_diagnosis="l1_optimum.no_sign", expect_message="multiply by sign"),

    wrong("no clamp at 0", '''
def l1_regularized_optimum(w_star, H_diag, alpha):
    return np.sign(w_star) * (np.abs(w_star) - alpha / H_diag)
''', expect_diagnosis="l1_optimum.no_clamp", expect_message="exactly 0"),

    wrong("threshold alpha * H", '''
def l1_regularized_optimum(w_star, H_diag, alpha):
    return np.sign(w_star) * np.maximum(np.abs(w_star) - alpha * H_diag, 0.0)
''', expect_diagnosis="l1_optimum.threshold", expect_message="alpha / H_ii"),

    correct("w* minus its clipped part", '''
def l1_regularized_optimum(w_star, H_diag, alpha):
    t = alpha / np.asarray(H_diag, dtype=float)
    return w_star - np.clip(w_star, -t, t)
'''),
    correct("a loop with the three cases", '''
def l1_regularized_optimum(w_star, H_diag, alpha):
    out = np.zeros(len(w_star))
    for i, (w, h) in enumerate(zip(w_star, H_diag)):
        if w > alpha / h:
            out[i] = w - alpha / h
        elif w < -alpha / h:
            out[i] = w + alpha / h
    return out
'''),
]
