# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 7, `orthogonal`: orthonormal rows (wide) or columns (tall), signs fixed from R, times the gain."""

MUTANTS = [
    wrong("no sign fix", """
def orthogonal(fan_in, fan_out, gain=1.0, rng=None):
    wide = fan_out <= fan_in
    q, _ = np.linalg.qr(rng.standard_normal((fan_in, fan_out) if wide else (fan_out, fan_in)))
    return gain * (q.T if wide else q)
""", expect_diagnosis="orthogonal.no_sign_fix", expect_message="sign"),

    wrong("the gain forgotten", """
def orthogonal(fan_in, fan_out, gain=1.0, rng=None):
    wide = fan_out <= fan_in
    q, r = np.linalg.qr(rng.standard_normal((fan_in, fan_out) if wide else (fan_out, fan_in)))
    q = q * np.sign(np.diag(r))
    return q.T if wide else q
""", expect_diagnosis="orthogonal.no_gain", expect_message="gain"),

    wrong("the sign fix only for square matrices", """
def orthogonal(fan_in, fan_out, gain=1.0, rng=None):
    wide = fan_out <= fan_in
    q, r = np.linalg.qr(rng.standard_normal((fan_in, fan_out) if wide else (fan_out, fan_in)))
    if fan_in == fan_out:
        q = q * np.sign(np.diag(r))
    return gain * (q.T if wide else q)
"""),

    correct("the polar factor U V^T of a Gaussian matrix (SVD)", """
def orthogonal(fan_in, fan_out, gain=1.0, rng=None):
    rng = np.random.default_rng(rng)
    u, _, vt = np.linalg.svd(rng.standard_normal((fan_out, fan_in)), full_matrices=False)
    return gain * (u @ vt)
"""),
]
