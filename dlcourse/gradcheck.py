"""Gradient checking: compare an analytic gradient with a numerical one.

The centred difference ``(f(x + h) - f(x - h)) / 2h`` has error O(h^2), the
forward difference ``(f(x + h) - f(x)) / h`` only O(h): with h = 1e-5 that is
about 1e-10 against 1e-5, which is why every check here is centred.
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array, check_positive


def numerical_gradient(f, x, h=1e-5):
    """Centred-difference gradient of a scalar function.

    f: callable taking an array shaped like ``x`` and returning a scalar.
    x: (any shape) float array; it is perturbed in place and restored.
    Returns an array of ``x.shape``: df/dx.
    """
    h = check_positive(h, "h")
    if not callable(f):
        raise ValueError("f must be a callable returning a scalar")
    x = as_float_array(x, "x")
    if not x.flags.writeable:
        x = x.copy()
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        original = x[i]
        x[i] = original + h
        f_plus = _scalar(f(x))
        x[i] = original - h
        f_minus = _scalar(f(x))
        x[i] = original
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def forward_difference(f, x, h=1e-5):
    """One-sided difference ``(f(x + h) - f(x)) / h``; shown in the course for comparison only.

    f: scalar function; x: (any shape). Returns an array of ``x.shape``.
    """
    h = check_positive(h, "h")
    x = as_float_array(x, "x").copy()
    grad = np.zeros_like(x)
    f_x = _scalar(f(x))
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        original = x[i]
        x[i] = original + h
        grad[i] = (_scalar(f(x)) - f_x) / h
        x[i] = original
    return grad


def numerical_gradient_array(f, x, dout, h=1e-5):
    """Numerical vector-Jacobian product for an array-valued function.

    f: callable mapping ``x`` to an array; dout: upstream gradient shaped like f(x).
    Returns d(sum(f(x) * dout))/dx, of ``x.shape``.
    """
    dout = as_float_array(dout, "dout")
    return numerical_gradient(lambda z: np.sum(np.asarray(f(z)) * dout), x, h)


def rel_error(a, b, eps=1e-12):
    """Largest elementwise relative error ``|a - b| / max(|a| + |b|, eps)``.

    a, b: arrays of the same shape (or scalars). 0 means identical; below 1e-7 is
    what a correct float64 backward pass reaches against a centred difference.
    """
    a = as_float_array(a, "a", allow_nan=True)
    b = as_float_array(b, "b", allow_nan=True)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), eps)))


def check_module_gradients(module, x, dout=None, h=1e-5, rng=None):
    """Check a module's backward pass against centred differences.

    module: a ``dlcourse.nn.Module`` (put it in eval mode first if it is random, e.g. Dropout).
    x: the input, any shape ``forward`` accepts. dout: upstream gradient (random when None).
    Returns ``{"input": err, "<param name>": err, ...}``: the worst relative error of each.
    """
    x = as_float_array(x, "x").astype(np.float64).copy()
    out = module.forward(x)
    if dout is None:
        dout = np.random.default_rng(rng).standard_normal(np.shape(out))
    dout = as_float_array(dout, "dout")
    if dout.shape != np.shape(out):
        raise ValueError(f"dout must have the output's shape {np.shape(out)}, got {dout.shape}")

    def loss():
        return float(np.sum(module.forward(x) * dout))

    module.zero_grad()
    module.forward(x)
    dx = module.backward(dout)
    errors = {"input": rel_error(dx, numerical_gradient(lambda z: np.sum(module.forward(z) * dout), x.copy(), h))}
    for name, param in module.named_parameters():
        analytic = param.grad.copy()
        numeric = numerical_gradient(lambda _: loss(), param.data, h)
        errors[name] = rel_error(analytic, numeric)
    return errors


def _scalar(value):
    value = np.asarray(value)
    if value.size != 1:
        raise ValueError(f"f must return a scalar, got an array of shape {value.shape}")
    return float(value.reshape(()))
