# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 2, `pca_whiten`: project on the eigenvectors (decreasing eigenvalues), divide by sqrt(lambda + eps)."""

MUTANTS = [
    wrong("divided by the eigenvalue (the slide)", """
def pca_whiten(X, eps=1e-5):
    centred = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred / len(X))
    return centred @ vectors[:, ::-1] / (values[::-1] + eps)
""", expect_diagnosis="pca_whiten.divides_by_eigenvalue", expect_message="square root"),

    wrong("eigh's increasing order kept", """
def pca_whiten(X, eps=1e-5):
    centred = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred / len(X))
    return centred @ vectors / np.sqrt(values + eps)
""", expect_diagnosis="pca_whiten.increasing_order", expect_message="increasing order"),

    wrong("np.cov: the 1/(N-1) covariance", """
def pca_whiten(X, eps=1e-5):
    centred = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    return centred @ vectors[:, ::-1] / np.sqrt(values[::-1] + eps)
""", expect_diagnosis="pca_whiten.ddof", expect_message="1/N"),

    correct("the SVD of the centred data", """
def pca_whiten(X, eps=1e-5):
    centred = X - X.mean(axis=0)
    _, singular, Vt = np.linalg.svd(centred, full_matrices=False)
    return centred @ Vt.T / np.sqrt(singular ** 2 / len(X) + eps)
"""),
]
