# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 4, `reconstruction_loss`: (1/N) sum_n ||x_hat_n - x_n||^2."""

MUTANTS = [
    wrong("np.mean of the squared errors: divided by N * D", '''
def reconstruction_loss(X_hat, X):
    return float(np.mean((X_hat - X) ** 2))
''', expect_diagnosis="reconstruction_loss.mean_over_features"),

    wrong("summed over the examples", '''
def reconstruction_loss(X_hat, X):
    return float(np.sum((X_hat - X) ** 2))
''', expect_diagnosis="reconstruction_loss.no_average"),

    wrong("a factor 1/2", '''
def reconstruction_loss(X_hat, X):
    return 0.5 * float(np.sum((X_hat - X) ** 2)) / len(X)
''', expect_diagnosis="reconstruction_loss.half"),

    wrong("the norm, not squared", '''
def reconstruction_loss(X_hat, X):
    return float(np.mean(np.linalg.norm(X_hat - X, axis=1)))
''', expect_diagnosis="reconstruction_loss.not_squared"),

    wrong("one loss per example", '''
def reconstruction_loss(X_hat, X):
    return np.sum((X_hat - X) ** 2, axis=1)
''', expect_diagnosis="reconstruction_loss.not_scalar"),

    correct("the mean over examples of the squared norms", '''
def reconstruction_loss(X_hat, X):
    return np.mean(np.linalg.norm(X - X_hat, axis=1) ** 2)
'''),

    correct("a double loop", '''
def reconstruction_loss(X_hat, X):
    total = 0.0
    for n in range(len(X)):
        for d in range(X.shape[1]):
            total += (X_hat[n, d] - X[n, d]) ** 2
    return total / len(X)
'''),
]
