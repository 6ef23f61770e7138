"""The fully connected (affine) layer: every output unit sees every input unit.

Forward, for a batch ``x: (N, in_features)``::

    y = x W^T + b                      W: (out_features, in_features), b: (out_features,)

Backward, given ``dout = dL/dy: (N, out_features)``::

    dL/dW = dout^T x                   (out_features, in_features)
    dL/db = sum_n dout[n]              (out_features,)
    dL/dx = dout W                     (N, in_features)

The weight has torch's layout (one row per output unit), so torch's
``nn.Linear`` weights can be copied in unchanged.
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array, as_rng, check_positive_int, check_shape
from dlcourse.nn.module import Module, Parameter


class Linear(Module):
    """``y = x W^T + b``.

    in_features, out_features: sizes of the input and output vectors.
    bias: whether to learn the additive term ``b``.
    rng: None, an int seed or a numpy Generator, used for the initial weights.

    Initialisation as torch's default: every entry of W and b is drawn from
    ``U(-1/sqrt(in_features), 1/sqrt(in_features))``.
    """

    def __init__(self, in_features, out_features, bias=True, rng=None):
        self.in_features = check_positive_int(in_features, "in_features")
        self.out_features = check_positive_int(out_features, "out_features")
        rng = as_rng(rng)
        bound = 1.0 / np.sqrt(self.in_features)
        self.weight = Parameter(rng.uniform(-bound, bound, size=(self.out_features, self.in_features)), "weight")
        self.bias = Parameter(rng.uniform(-bound, bound, size=self.out_features), "bias") if bias else None
        self._x = None

    def forward(self, x):
        """x: (N, in_features). Returns (N, out_features)."""
        x = as_float_array(x, "x", ndim=2)
        if x.shape[1] != self.in_features:
            raise ValueError(
                f"x must have shape (N, {self.in_features}) (in_features={self.in_features}), got {x.shape}"
            )
        self._x = x
        out = x @ self.weight.data.T
        if self.bias is not None:
            out = out + self.bias.data
        return out

    def backward(self, dout):
        """dout: (N, out_features). Adds into weight.grad and bias.grad; returns dx: (N, in_features)."""
        if self._x is None:
            raise ValueError("call forward before backward")
        dout = as_float_array(dout, "dout")
        check_shape(dout, (self._x.shape[0], self.out_features), "dout")
        self.weight.grad += dout.T @ self._x
        if self.bias is not None:
            self.bias.grad += dout.sum(axis=0)
        return dout @ self.weight.data

    def __repr__(self):
        return f"Linear(in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None})"
