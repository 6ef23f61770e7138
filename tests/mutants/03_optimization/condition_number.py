# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 5, `condition_number`: largest / smallest singular value."""

MUTANTS = [
    wrong("smallest / largest", '''
def condition_number(H):
    s = np.linalg.svd(H, compute_uv=False)
    return float(s.min() / s.max())
''', expect_diagnosis="condition_number.inverted", expect_message="smallest by the largest"),

    wrong("ratio of the diagonal entries", '''
def condition_number(H):
    d = np.abs(np.diag(H))
    return float(d.max() / d.min())
''', expect_diagnosis="condition_number.diagonal", expect_message="diagonal entries"),

    wrong("signed eigenvalues", '''
def condition_number(H):
    e = np.linalg.eigvalsh(H)
    return float(e.max() / e.min())
''', expect_diagnosis="condition_number.signed_eigenvalues", expect_message="ABSOLUTE eigenvalues"),

    wrong("absolute eigenvalues: right only for a symmetric H", '''
def condition_number(H):
    e = np.abs(np.linalg.eigvals(H))
    return float(e.max() / e.min())
'''),

    correct("np.linalg.cond", '''
def condition_number(H):
    return float(np.linalg.cond(H))
'''),
]
