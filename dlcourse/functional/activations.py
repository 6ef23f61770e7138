"""Activation functions and their derivatives (lecture 003, "Activation Function").

Each function works elementwise on an array of any shape and returns an array of
the same shape. The ``*_grad`` functions return the derivative with respect to the
input, evaluated at ``x``; a layer's backward pass multiplies it by ``dout``::

    sigmoid(x)    = 1 / (1 + exp(-x))          sigmoid'(x)    = sigmoid(x) (1 - sigmoid(x))
    tanh(x)       = 2 sigmoid(2x) - 1          tanh'(x)       = 1 - tanh(x)^2
    relu(x)       = max(0, x)                  relu'(x)       = 1 if x > 0 else 0
    leaky_relu(x) = x if x >= 0 else a x       leaky_relu'(x) = 1 if x > 0 else a

ReLU and leaky ReLU have a kink at 0 where no derivative exists; like torch we use
the left slope there (0 for ReLU, ``a`` for leaky ReLU), so ``relu_grad(x) ==
leaky_relu_grad(x, 0)``.
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array, check_positive


def sigmoid(x):
    """The logistic function ``1 / (1 + exp(-x))``, squashing any real number into (0, 1).

    x: any shape. Returns an array of the same shape.

    ``exp(-x)`` overflows for x = -1000, so we only ever exponentiate ``-|x|``::

        x >= 0:  1 / (1 + exp(-x))
        x <  0:  exp(x) / (1 + exp(x))      (the same value, multiplied by exp(x) / exp(x))
    """
    x = as_float_array(x, "x")
    e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x):
    """Derivative of the sigmoid: ``sigmoid(x) * (1 - sigmoid(x))``, at most 1/4 (at x = 0).

    x: any shape. Returns an array of the same shape. It vanishes for large |x|:
    the "saturating gradient" of the lecture.
    """
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    """The hyperbolic tangent ``2 sigmoid(2x) - 1``, squashing into (-1, 1), zero-centred.

    x: any shape. Returns an array of the same shape (numpy's ``tanh``, stable for any x).
    """
    return np.tanh(as_float_array(x, "x"))


def tanh_grad(x):
    """Derivative of tanh: ``1 - tanh(x)^2``.

    x: any shape. Returns an array of the same shape.
    """
    t = tanh(x)
    return 1.0 - t * t


def relu(x):
    """The rectified linear unit ``max(0, x)``.

    x: any shape. Returns an array of the same shape.
    """
    return np.maximum(as_float_array(x, "x"), 0.0)


def relu_grad(x):
    """Derivative of ReLU: 1 where ``x > 0``, else 0 (0 at the kink x = 0, as torch).

    x: any shape. Returns a float array of the same shape.
    """
    x = as_float_array(x, "x")
    return (x > 0).astype(x.dtype)


def leaky_relu(x, negative_slope=0.01):
    """Leaky ReLU ``a x * I(x < 0) + x * I(x >= 0)`` with ``a = negative_slope``.

    x: any shape. negative_slope: the slope ``a >= 0`` for negative inputs (lecture: 0.01).
    Returns an array of the same shape. With ``a = 0`` it is the ReLU.
    """
    x = as_float_array(x, "x")
    a = _check_slope(negative_slope)
    return np.where(x >= 0, x, a * x)


def leaky_relu_grad(x, negative_slope=0.01):
    """Derivative of leaky ReLU: 1 where ``x > 0``, else ``negative_slope`` (also at x = 0, as torch).

    x: any shape. Returns a float array of the same shape.
    """
    x = as_float_array(x, "x")
    a = _check_slope(negative_slope)
    return np.where(x > 0, 1.0, a).astype(x.dtype)


def _check_slope(negative_slope):
    return check_positive(negative_slope, "negative_slope", allow_zero=True)
