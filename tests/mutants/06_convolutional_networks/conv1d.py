# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 2, `conv1d`: the full convolution, the kernel runs backwards."""

MUTANTS = [
    wrong("the cross-correlation (kernel not flipped)", """
def conv1d(x, w):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    s = np.zeros(len(x) + len(w) - 1)
    for t in range(len(s)):
        for a in range(len(w)):
            if 0 <= t + a < len(x):
                s[t] += x[t + a] * w[a]
    return s
""", expect_diagnosis="conv1d.no_flip", expect_message="cross-correlation"),

    wrong("the 'valid' part only", """
def conv1d(x, w):
    return np.convolve(x, w, mode="valid")
""", expect_diagnosis="conv1d.wrong_length", expect_message="full convolution"),

    wrong("t - a out of range wraps around (negative indices)", """
def conv1d(x, w):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    s = np.zeros(len(x) + len(w) - 1)
    for t in range(len(s)):
        for a in range(len(x)):
            if t - a < len(w):
                s[t] += x[a] * w[t - a]
    return s
"""),

    correct("zero-padded x, dot products with the reversed kernel", """
def conv1d(x, w):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    k = len(w)
    padded = np.concatenate([np.zeros(k - 1), x, np.zeros(k - 1)])
    return np.array([padded[t:t + k] @ w[::-1] for t in range(len(x) + k - 1)])
"""),
]
