# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 1, `standardize`: the training set's mean and 1/N standard deviation, constant features centred."""

MUTANTS = [
    wrong("X's own statistics instead of X_train's", """
def standardize(X_train, X):
    std = X.std(axis=0)
    return (X - X.mean(axis=0)) / np.where(std > 0, std, 1.0)
""", expect_diagnosis="standardize.own_statistics", expect_message="X_train"),

    wrong("a constant feature divided by 0", """
def standardize(X_train, X):
    return (X - X_train.mean(axis=0)) / X_train.std(axis=0)
""", expect_diagnosis="standardize.zero_std", expect_message="divide such features by 1"),

    wrong("the sample standard deviation (ddof=1)", """
def standardize(X_train, X):
    std = X_train.std(axis=0, ddof=1)
    return (X - X_train.mean(axis=0)) / np.where(std > 0, std, 1.0)
""", expect_diagnosis="standardize.ddof", expect_message="1/N"),

    correct("a loop over the features, on a float copy", """
def standardize(X_train, X):
    out = np.array(X, dtype=float)
    for j in range(out.shape[1]):
        column = X_train[:, j]
        mean = column.sum() / len(column)
        std = np.sqrt(np.mean((column - mean) ** 2))
        out[:, j] -= mean
        if std != 0:
            out[:, j] /= std
    return out
"""),
]
