# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 3, `linear_decay`: from lr0 to lr_tau over tau iterations, then constant."""

MUTANTS = [
    wrong("lr0 and lr_tau swapped", '''
def linear_decay(k, lr0, lr_tau, tau):
    fraction = min(k, tau) / tau
    return fraction * lr0 + (1 - fraction) * lr_tau
''', expect_diagnosis="linear_decay.reversed", expect_message="STARTS at lr0"),

    wrong("no clamp after tau: the rate goes negative", '''
def linear_decay(k, lr0, lr_tau, tau):
    fraction = k / tau
    return (1 - fraction) * lr0 + fraction * lr_tau
''', expect_diagnosis="linear_decay.no_clamp", expect_message="min(k, tau)"),

    wrong("lr0 decayed to 0, floored at lr_tau", '''
def linear_decay(k, lr0, lr_tau, tau):
    return max(lr_tau, lr0 * (1 - k / tau))
'''),

    correct("if/else with the interpolation written the other way", '''
def linear_decay(k, lr0, lr_tau, tau):
    if k > tau:
        return lr_tau
    return lr0 + (lr_tau - lr0) * (k / tau)
'''),
]
