# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 14, `adam_step`: biased moments returned, bias-corrected ones used for the step."""

MUTANTS = [
    wrong("no bias correction at all", '''
def adam_step(w, g, s, r, t, lr=1e-3, rho1=0.9, rho2=0.999, delta=1e-8):
    s = rho1 * s + (1 - rho1) * g
    r = rho2 * r + (1 - rho2) * g * g
    return w - lr * s / (np.sqrt(r) + delta), s, r, t + 1
''', expect_diagnosis="adam_step.no_bias_correction", expect_message="neither moment"),

    wrong("only the first moment corrected", '''
def adam_step(w, g, s, r, t, lr=1e-3, rho1=0.9, rho2=0.999, delta=1e-8):
    t = t + 1
    s = rho1 * s + (1 - rho1) * g
    r = rho2 * r + (1 - rho2) * g * g
    return w - lr * (s / (1 - rho1 ** t)) / (np.sqrt(r) + delta), s, r, t
''', expect_diagnosis="adam_step.no_second_correction", expect_message="second moment"),

    wrong("delta inside the square root", '''
def adam_step(w, g, s, r, t, lr=1e-3, rho1=0.9, rho2=0.999, delta=1e-8):
    t = t + 1
    s = rho1 * s + (1 - rho1) * g
    r = rho2 * r + (1 - rho2) * g * g
    s_hat, r_hat = s / (1 - rho1 ** t), r / (1 - rho2 ** t)
    return w - lr * s_hat / np.sqrt(r_hat + delta), s, r, t
''', expect_diagnosis="adam_step.delta_inside", expect_message="inside the square root"),

    wrong("the corrected moments returned", '''
def adam_step(w, g, s, r, t, lr=1e-3, rho1=0.9, rho2=0.999, delta=1e-8):
    t = t + 1
    s = (rho1 * s + (1 - rho1) * g) / (1 - rho1 ** t)
    r = (rho2 * r + (1 - rho2) * g * g) / (1 - rho2 ** t)
    return w - lr * s / (np.sqrt(r) + delta), s, r, t
''', expect_diagnosis="adam_step.returned_corrected", expect_message="BIASED"),

    correct("the corrections folded into the step size (Kingma and Ba, section 2)", '''
def adam_step(w, g, s, r, t, lr=1e-3, rho1=0.9, rho2=0.999, delta=1e-8):
    t += 1
    s = rho1 * s + (1 - rho1) * g
    r = rho2 * r + (1 - rho2) * g * g
    c2 = np.sqrt(1 - rho2 ** t)
    step = lr * c2 / (1 - rho1 ** t)
    return w - step * s / (np.sqrt(r) + delta * c2), s, r, t
'''),
]
