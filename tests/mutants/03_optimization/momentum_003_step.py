# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 10, `momentum_003_step`: v = lam v - (1 - lam) g, w = w + eta v (lecture 003's form)."""

MUTANTS = [
    wrong("lecture 004's velocity: no (1 - lam)", '''
def momentum_003_step(w, g, v, eta, lam):
    v = lam * v - g
    return w + eta * v, v
''', expect_diagnosis="momentum_003_step.no_one_minus", expect_message="1 - lambda"),

    wrong("eta inside the velocity and in the step", '''
def momentum_003_step(w, g, v, eta, lam):
    v = lam * v - eta * (1 - lam) * g
    return w + eta * v, v
''', expect_diagnosis="momentum_003_step.eta_in_velocity", expect_message="eta does not enter"),

    wrong("the step without eta", '''
def momentum_003_step(w, g, v, eta, lam):
    v = lam * v - (1 - lam) * g
    return w + v, v
''', expect_diagnosis="momentum_003_step.no_eta", expect_message="eta times the velocity"),

    wrong("w moved with the old velocity", '''
def momentum_003_step(w, g, v, eta, lam):
    v_new = lam * v - (1 - lam) * g
    return w + eta * v, v_new
'''),

    wrong("in place: the caller's arrays change", '''
def momentum_003_step(w, g, v, eta, lam):
    v *= lam
    v -= (1 - lam) * g
    w += eta * v
    return w, v
''', expect_diagnosis="momentum_003_step.in_place", expect_message="in place"),

    correct("written as an exponential moving average of -g", '''
def momentum_003_step(w, g, v, eta, lam):
    v_new = v + (1 - lam) * (-np.asarray(g, dtype=float) - v)
    return np.asarray(w, dtype=float) + eta * v_new, v_new
'''),
]
