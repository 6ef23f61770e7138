# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 22, `hessian_storage`: n^2 entries, n^2 * bytes / 10^15 petabytes (40 PB for 10^8 in float32)."""

MUTANTS = [
    wrong("2n entries: a gradient's worth", '''
def hessian_storage(n_params, bytes_per_number=4):
    entries = 2 * n_params
    return entries, entries * bytes_per_number / 10 ** 15
''', expect_diagnosis="hessian_storage.linear", expect_message="PAIR of parameters"),

    wrong("entries, not bytes", '''
def hessian_storage(n_params, bytes_per_number=4):
    entries = n_params ** 2
    return entries, entries / 10 ** 15
''', expect_diagnosis="hessian_storage.no_bytes", expect_message="bytes_per_number"),

    wrong("pebibytes: divided by 2^50", '''
def hessian_storage(n_params, bytes_per_number=4):
    entries = n_params ** 2
    return entries, entries * bytes_per_number / 2 ** 50
''', expect_diagnosis="hessian_storage.pebibytes", expect_message="pebibyte"),

    wrong("terabytes", '''
def hessian_storage(n_params, bytes_per_number=4):
    entries = n_params ** 2
    return entries, entries * bytes_per_number / 10 ** 12
''', expect_diagnosis="hessian_storage.units", expect_message="10^15 bytes"),

    wrong("the upper triangle only", '''
def hessian_storage(n_params, bytes_per_number=4):
    entries = n_params * (n_params + 1) // 2
    return entries, entries * bytes_per_number / 10 ** 15
'''),

    wrong("float64 by default", '''
def hessian_storage(n_params, bytes_per_number=8):
    entries = n_params ** 2
    return entries, entries * bytes_per_number / 10 ** 15
'''),

    correct("floats and scientific notation", '''
def hessian_storage(n_params, bytes_per_number=4):
    entries = float(n_params) ** 2
    return entries, entries * bytes_per_number * 1e-15
'''),
]
