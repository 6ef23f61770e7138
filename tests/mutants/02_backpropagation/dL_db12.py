# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 11, `dL_db12`: the value of dL/db12 in lecture 002's Q1 network."""

_GOOD = '''
def dL_db12(x1, y, w11, w12, w21, w22, b11, b12, b21):
    a2 = w12 * x1 + b12
    z2 = max(a2, 0.0)
    z1 = max(w11 * x1 + b11, 0.0)
    a3 = w21 * z1 + w22 * z2 + b21
    z3 = 1.0 / (1.0 + np.exp(-a3))
    dL_da3 = z3 - y
    return float(dL_da3 * w22 * (1.0 if a2 > 0 else 0.0) * 1.0)
'''


def _mutated(old, new):
    assert old in _GOOD, old
    return _GOOD.replace(old, new)


MUTANTS = [
    wrong("the sign: y - z3", _mutated("dL_da3 = z3 - y", "dL_da3 = y - z3"), expect_diagnosis="dl_db12.sign"),

    wrong("w21 instead of w22", _mutated("dL_da3 * w22 *", "dL_da3 * w21 *"), expect_diagnosis="dl_db12.wrong_weight"),

    wrong("the sigmoid's slope dz3/da3 left out", _mutated("dL_da3 = z3 - y", "dL_da3 = -y / z3 + (1 - y) / (1 - z3)"),
          expect_diagnosis="dl_db12.no_sigmoid_slope"),

    wrong("no ReLU slope: as if a2 were always active", _mutated(" * (1.0 if a2 > 0 else 0.0)", ""),
          expect_diagnosis="dl_db12.no_relu_slope"),

    wrong("the ReLU's slope 1 at a2 = 0", _mutated("(1.0 if a2 > 0 else 0.0)", "(1.0 if a2 >= 0 else 0.0)"),
          expect_diagnosis="dl_db12.kink"),

    wrong("no ReLU on a1 (the visible inputs have a1 > 0)", _mutated("z1 = max(w11 * x1 + b11, 0.0)", "z1 = w11 * x1 + b11")),

    correct("every factor named, np.heaviside, math.exp", '''
import math


def dL_db12(x1, y, w11, w12, w21, w22, b11, b12, b21):
    a1 = w11 * x1 + b11
    a2 = w12 * x1 + b12
    z1, z2 = max(0.0, a1), max(0.0, a2)
    a3 = w21 * z1 + w22 * z2 + b21
    z3 = 1 / (1 + math.exp(-a3)) if a3 >= 0 else math.exp(a3) / (1 + math.exp(a3))
    dL_dz3_times_dz3_da3 = z3 - y
    da3_dz2 = w22
    dz2_da2 = float(np.heaviside(a2, 0.0))
    da2_db12 = 1
    return float(dL_dz3_times_dz3_da3 * da3_dz2 * dz2_da2 * da2_db12)
'''),

    correct("an early return 0.0 when the ReLU is off, your sigmoid", '''
def dL_db12(x1, y, w11, w12, w21, w22, b11, b12, b21):
    a2 = w12 * x1 + b12
    if a2 <= 0:
        return 0.0
    a3 = w21 * max(w11 * x1 + b11, 0) + w22 * a2 + b21
    return float((sigmoid(np.array(a3)) - y) * w22)
'''),
]
