# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 13-14: `numerical_gradient` (centred differences of an array) and `rel_error`."""

MUTANTS = [
    # ---- exercise 13: numerical gradient
    wrong("x is not restored after the perturbations", """
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        x[index] += h
        f_plus = f(x)
        x[index] -= 2 * h
        f_minus = f(x)
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad
""", replaces="numerical_gradient", expect_diagnosis="numerical_gradient.not_restored", expect_message="put every entry back"),

    wrong("the whole array perturbed at once", """
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        grad[index] = (f(x + h) - f(x - h)) / (2 * h)
    return grad
""", replaces="numerical_gradient", expect_diagnosis="numerical_gradient.whole_array", expect_message="ONE entry at a time"),

    wrong("forward differences", """
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x, dtype=float)
    f_x = f(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        grad[index] = (f(x) - f_x) / h
        x[index] = original
    return grad
""", replaces="numerical_gradient", expect_diagnosis="numerical_gradient.forward", expect_message="forward difference"),

    correct("perturbed copies instead of x in place", """
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[index] += h
        minus[index] -= h
        grad[index] = (f(plus) - f(minus)) / (2 * h)
    return grad
""", replaces="numerical_gradient"),

    correct("np.nditer with multi_index (the CS231n way)", """
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        old = x[ix]
        x[ix] = old + h
        fxph = f(x)
        x[ix] = old - h
        fxmh = f(x)
        x[ix] = old
        grad[ix] = (fxph - fxmh) / (2 * h)
        it.iternext()
    return grad
""", replaces="numerical_gradient"),

    # ---- exercise 14: relative error
    wrong("a ratio of norms, not the largest element-wise error", """
def rel_error(a, b):
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))
""", replaces="rel_error", expect_diagnosis="rel_error.not_max", expect_message="MAXIMUM"),

    wrong("the mean of the element-wise errors", """
def rel_error(a, b):
    return float(np.mean(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)))
""", replaces="rel_error", expect_diagnosis="rel_error.not_max", expect_message="MAXIMUM"),

    wrong("no guard: 0/0 for two zero arrays", """
def rel_error(a, b):
    return float(np.max(np.abs(a - b) / (np.abs(a) + np.abs(b))))
""", replaces="rel_error", expect_diagnosis="rel_error.no_guard", expect_message="guard the denominator"),

    wrong("|a + b| in the denominator", """
def rel_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a + b), 1e-12)))
""", replaces="rel_error", expect_diagnosis="rel_error.abs_of_sum", expect_message="|a| + |b|"),

    correct("a loop over the entries", """
def rel_error(a, b):
    worst = 0.0
    for x, z in zip(np.ravel(a), np.ravel(b)):
        worst = max(worst, abs(x - z) / max(abs(x) + abs(z), 1e-12))
    return worst
""", replaces="rel_error"),

    correct("np.clip for the guard", """
def rel_error(a, b):
    return np.max(np.abs(np.subtract(a, b)) / np.clip(np.abs(a) + np.abs(b), 1e-12, None))
""", replaces="rel_error"),
]
