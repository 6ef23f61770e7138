"""Activation layers: the functions of ``dlcourse.functional.activations`` as modules.

An activation acts elementwise and has no parameters. Forward remembers its
input x; backward applies the chain rule elementwise::

    y = f(x)                 dL/dx = dL/dy * f'(x)    (dout: shaped like x)
"""

from __future__ import annotations

from dlcourse._validation import as_float_array, check_positive, check_shape
from dlcourse.functional.activations import (
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)
from dlcourse.nn.module import Module


class ReLU(Module):
    """``y = max(0, x)``; the gradient passes where x > 0 and is blocked elsewhere."""

    def __init__(self):
        self._x = None

    def forward(self, x):
        """x: any shape. Returns an array of the same shape."""
        self._x = as_float_array(x, "x")
        return relu(self._x)

    def backward(self, dout):
        """dout: shaped like x. Returns dx = dout * relu'(x)."""
        return _checked_dout(dout, self._x) * relu_grad(self._x)


class LeakyReLU(Module):
    """``y = x`` for x >= 0 and ``negative_slope * x`` below; a small gradient survives for x < 0.

    negative_slope: the slope a >= 0 for negative inputs (lecture 003: a = 0.01).
    """

    def __init__(self, negative_slope=0.01):
        self.negative_slope = check_positive(negative_slope, "negative_slope", allow_zero=True)
        self._x = None

    def forward(self, x):
        """x: any shape. Returns an array of the same shape."""
        self._x = as_float_array(x, "x")
        return leaky_relu(self._x, self.negative_slope)

    def backward(self, dout):
        """dout: shaped like x. Returns dx = dout * leaky_relu'(x)."""
        return _checked_dout(dout, self._x) * leaky_relu_grad(self._x, self.negative_slope)

    def __repr__(self):
        return f"LeakyReLU(negative_slope={self.negative_slope})"


class Sigmoid(Module):
    """``y = 1 / (1 + exp(-x))``; the gradient ``y (1 - y)`` is at most 1/4 and vanishes for large |x|."""

    def __init__(self):
        self._x = None

    def forward(self, x):
        """x: any shape. Returns an array of the same shape, in (0, 1)."""
        self._x = as_float_array(x, "x")
        return sigmoid(self._x)

    def backward(self, dout):
        """dout: shaped like x. Returns dx = dout * sigmoid'(x)."""
        return _checked_dout(dout, self._x) * sigmoid_grad(self._x)


class Tanh(Module):
    """``y = tanh(x)``, zero-centred; the gradient ``1 - y^2`` vanishes for large |x|."""

    def __init__(self):
        self._x = None

    def forward(self, x):
        """x: any shape. Returns an array of the same shape, in (-1, 1)."""
        self._x = as_float_array(x, "x")
        return tanh(self._x)

    def backward(self, dout):
        """dout: shaped like x. Returns dx = dout * tanh'(x)."""
        return _checked_dout(dout, self._x) * tanh_grad(self._x)


def _checked_dout(dout, x):
    """Return dout as an array after checking that forward ran and that dout is shaped like x."""
    if x is None:
        raise ValueError("call forward before backward")
    dout = as_float_array(dout, "dout")
    check_shape(dout, x.shape, "dout")
    return dout
