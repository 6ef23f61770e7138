# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 9, `fancy_pca`: every pixel of image n plus eigvecs @ (alphas[n] * eigvals)."""

MUTANTS = [
    wrong("the rows of eigvecs as eigenvectors", '''
def fancy_pca(images, alphas, eigvals, eigvecs):
    offsets = (alphas * eigvals) @ eigvecs
    return images + offsets[:, :, None, None]
''', expect_diagnosis="fancy_pca.transposed", expect_message="COLUMNS"),

    wrong("eigenvalues left out", '''
def fancy_pca(images, alphas, eigvals, eigvecs):
    offsets = alphas @ eigvecs.T
    return images + offsets[:, :, None, None]
''', expect_diagnosis="fancy_pca.no_eigvals", expect_message="eigenvalue"),

    wrong("the offset added in place to the input", '''
def fancy_pca(images, alphas, eigvals, eigvecs):
    images += ((alphas * eigvals) @ eigvecs.T)[:, :, None, None]
    return images
'''),

    correct("loops over images and eigenvectors", '''
def fancy_pca(images, alphas, eigvals, eigvecs):
    out = images.copy()
    for n in range(len(images)):
        shift = sum(alphas[n, i] * eigvals[i] * eigvecs[:, i] for i in range(3))
        out[n] += shift[:, None, None]
    return out
'''),
    correct("einsum", '''
def fancy_pca(images, alphas, eigvals, eigvecs):
    return images + np.einsum("ci,ni->nc", eigvecs, alphas * eigvals)[..., None, None]
'''),
]
