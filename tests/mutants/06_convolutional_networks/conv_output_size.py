# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 6, `conv_output_size`: (n + 2p - f)/s + 1 as an int; ValueError when invalid, never rounded."""

MUTANTS = [
    wrong("floored like torch instead of rejected", """
def conv_output_size(n, f, stride=1, padding=0):
    if f > n + 2 * padding:
        raise ValueError("the filter is larger than the padded input")
    return (n + 2 * padding - f) // stride + 1
""", expect_diagnosis="conv_output_size.floors", expect_message="Raise ValueError"),

    wrong("the + 1 forgotten", """
def conv_output_size(n, f, stride=1, padding=0):
    if f > n + 2 * padding or (n + 2 * padding - f) % stride:
        raise ValueError("invalid")
    return (n + 2 * padding - f) // stride
""", expect_diagnosis="conv_output_size.no_plus_one", expect_message="+ 1"),

    wrong("a float", """
def conv_output_size(n, f, stride=1, padding=0):
    if f > n + 2 * padding or (n + 2 * padding - f) % stride:
        raise ValueError("invalid")
    return (n + 2 * padding - f) / stride + 1
""", expect_diagnosis="conv_output_size.float", expect_message="int"),

    wrong("a filter larger than the input accepted", """
def conv_output_size(n, f, stride=1, padding=0):
    if (n + 2 * padding - f) % stride:
        raise ValueError("the stride does not divide n + 2p - f")
    return (n + 2 * padding - f) // stride + 1
""", expect_diagnosis="conv_output_size.filter_too_large", expect_message="does not fit"),

    correct("divmod, checks after the division", """
def conv_output_size(n, f, stride=1, padding=0):
    steps, rest = divmod(n + 2 * padding - f, stride)
    if steps < 0:
        raise ValueError(f"a filter of {f} does not fit in {n} + 2 * {padding}")
    if rest:
        raise ValueError(f"the stride {stride} does not divide {n + 2 * padding - f}")
    return int(steps + 1)
"""),
]
