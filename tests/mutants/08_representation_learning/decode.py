# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 3, `decode`: sigmoid(Z W^T + c)."""

MUTANTS = [
    wrong("no sigmoid", '''
def decode(Z, W, c):
    return Z @ W.T + c
''', expect_diagnosis="decode.no_sigmoid"),

    wrong("Z @ W", '''
def decode(Z, W, c):
    return sigmoid(Z @ W + c)
''', expect_diagnosis="decode.transposed"),

    wrong("no bias", '''
def decode(Z, W, c):
    return sigmoid(Z @ W.T)
''', expect_diagnosis="decode.no_bias"),

    correct("the transpose of the column form", '''
def decode(Z, W, c):
    return sigmoid(W @ Z.T + c[:, None]).T
'''),

    correct("through encode, the same layer", '''
def decode(Z, W, c):
    return encode(Z, W, c)
'''),
]
