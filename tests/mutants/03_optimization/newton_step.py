# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 15, `newton_step`: w - H^-1 g."""

MUTANTS = [
    wrong("sign", '''
def newton_step(w, g, H):
    return w + np.linalg.solve(H, g)
''', expect_diagnosis="newton_step.sign", expect_message="w - H^-1 g"),

    wrong("divided by the diagonal of H", '''
def newton_step(w, g, H):
    return w - g / np.diag(H)
''', expect_diagnosis="newton_step.diagonal", expect_message="diagonal of H"),

    wrong("multiplied by H", '''
def newton_step(w, g, H):
    return w - H @ g
''', expect_diagnosis="newton_step.multiplied", expect_message="multiplied by H"),

    correct("least squares", '''
def newton_step(w, g, H):
    d = np.linalg.lstsq(H, g, rcond=None)[0]
    return w - d
'''),
    correct("solving for the step -H^-1 g", '''
def newton_step(w, g, H):
    return w + np.linalg.solve(H, -np.asarray(g))
'''),
]
