# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 7, `padding_for_output`: Z = ((m - 1) s + f - n)/2 as an int; ValueError when negative or not whole."""

MUTANTS = [
    wrong("same padding from the slide's F - S/2", """
def padding_for_output(n, f, stride, m):
    if m == n and stride == 1:
        return f - stride / 2
    return ((m - 1) * stride + f - n) // 2
""", expect_diagnosis="padding_for_output.slide_formula", expect_message="(F - 1)/2"),

    wrong("rounded down when not whole", """
def padding_for_output(n, f, stride, m):
    twice_z = (m - 1) * stride + f - n
    if twice_z < 0:
        raise ValueError("negative padding")
    return twice_z // 2
""", expect_diagnosis="padding_for_output.not_whole", expect_message="not whole"),

    wrong("negative padding returned", """
def padding_for_output(n, f, stride, m):
    twice_z = (m - 1) * stride + f - n
    if twice_z % 2:
        raise ValueError("not a whole number")
    return twice_z // 2
""", expect_diagnosis="padding_for_output.negative", expect_message="Z = -1"),

    correct("a search over the paddings", """
def padding_for_output(n, f, stride, m):
    for z in range(0, (m - 1) * stride + f + 1):
        if n + 2 * z - f == (m - 1) * stride:
            return z
    raise ValueError(f"no padding gives an output of {m}")
"""),
]
