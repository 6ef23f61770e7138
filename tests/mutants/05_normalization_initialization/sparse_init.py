# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 8, `sparse_init`: k nonzero N(0, std^2) weights per ROW, at columns drawn anew for each row."""

MUTANTS = [
    wrong("k nonzeros per column", """
def sparse_init(fan_in, fan_out, k=15, std=1.0, rng=None):
    W = np.zeros((fan_out, fan_in))
    for column in range(fan_in):
        W[rng.choice(fan_out, size=k, replace=False), column] = rng.normal(0.0, std, size=k)
    return W
""", expect_diagnosis="sparse.per_column", expect_message="ROW"),

    wrong("the same first k columns in every row", """
def sparse_init(fan_in, fan_out, k=15, std=1.0, rng=None):
    W = np.zeros((fan_out, fan_in))
    W[:, :k] = rng.normal(0.0, std, size=(fan_out, k))
    return W
""", expect_diagnosis="sparse.same_columns", expect_message="randomly chosen columns"),

    wrong("columns drawn with replacement", """
def sparse_init(fan_in, fan_out, k=15, std=1.0, rng=None):
    W = np.zeros((fan_out, fan_in))
    for row in range(fan_out):
        W[row, rng.integers(0, fan_in, size=k)] = rng.normal(0.0, std, size=k)
    return W
""", expect_diagnosis="sparse.wrong_count"),

    correct("a permutation per row, the mask multiplied", """
def sparse_init(fan_in, fan_out, k=15, std=1.0, rng=None):
    rng = np.random.default_rng(rng)
    mask = np.zeros((fan_out, fan_in), dtype=bool)
    for row in range(fan_out):
        mask[row, rng.permutation(fan_in)[:k]] = True
    values = rng.normal(0.0, std, size=(fan_out, fan_in))
    return np.where(mask, values, 0.0)
"""),
]
