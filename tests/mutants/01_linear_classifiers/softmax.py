# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 2, `softmax`: row-wise, stable for scores of +-1000."""

MUTANTS = [
    wrong("no max shift: exp(1000) overflows", """
def softmax(S):
    E = np.exp(S)
    return E / np.sum(E, axis=1, keepdims=True)
""", expect_diagnosis="softmax.no_max_shift", expect_message="subtract each row's maximum"),

    wrong("the maximum of the whole array, not of each row", """
def softmax(S):
    E = np.exp(S - np.max(S))
    return E / np.sum(E, axis=1, keepdims=True)
""", expect_diagnosis="softmax.global_max", expect_message="OWN maximum"),

    wrong("normalised over the columns (axis=0)", """
def softmax(S):
    E = np.exp(S - np.max(S, axis=1, keepdims=True))
    return E / np.sum(E, axis=0, keepdims=True)
""", expect_diagnosis="softmax.wrong_axis", expect_message="every ROW must sum to 1"),

    wrong("divided by the sum of the whole array", """
def softmax(S):
    E = np.exp(S - np.max(S, axis=1, keepdims=True))
    return E / np.sum(E)
""", expect_diagnosis="softmax.wrong_axis"),

    correct("a loop over the rows", """
def softmax(S):
    P = np.empty(np.shape(S))
    for i, row in enumerate(S):
        e = np.exp(row - max(row))
        P[i] = e / e.sum()
    return P
"""),

    correct("exp of the log-softmax", """
def softmax(S):
    shifted = S - S.max(axis=-1, keepdims=True)
    return np.exp(shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True)))
"""),

    correct("in place on a float64 copy", """
def softmax(S):
    P = np.array(S, dtype=np.float64)
    P -= P.max(axis=1)[:, None]
    np.exp(P, out=P)
    P /= P.sum(axis=1)[:, None]
    return P
"""),
]
