"""``Conv2d``: a convolutional layer (cross-correlation, like torch) on NCHW input."""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_rng, check_positive_int
from dlcourse.functional.conv import conv2d, conv2d_backward
from dlcourse.nn.module import Module, Parameter


class Conv2d(Module):
    """2-D convolution with C_out square K x K filters.

    out[n, k, i, j] = b[k] + sum_{c, u, v} x_pad[n, c, i*S + u, j*S + v] * w[k, c, u, v]

    weight: (C_out, C_in, K, K), bias: (C_out,) (None when bias=False).
    Initialised like torch's default (kaiming-uniform with a = sqrt(5)), which for
    both weight and bias is U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = C_in * K * K.
    Input x: (N, C_in, H, W). Output: (N, C_out, H_out, W_out), H_out = (H + 2P - K)/S + 1
    (ValueError when the filters do not tile the padded input).
    """

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True, rng=None):
        self.in_channels = check_positive_int(in_channels, "in_channels")
        self.out_channels = check_positive_int(out_channels, "out_channels")
        self.kernel_size = check_positive_int(kernel_size, "kernel_size")
        self.stride = check_positive_int(stride, "stride")
        self.padding = check_positive_int(padding, "padding", allow_zero=True)
        rng = as_rng(rng)
        bound = 1.0 / np.sqrt(self.in_channels * self.kernel_size**2)  # 1/sqrt(fan_in)
        shape = (self.out_channels, self.in_channels, self.kernel_size, self.kernel_size)
        self.weight = Parameter(rng.uniform(-bound, bound, size=shape), name="weight")
        self.bias = Parameter(rng.uniform(-bound, bound, size=self.out_channels), name="bias") if bias else None
        self._x = None

    def forward(self, x):
        """x: (N, C_in, H, W). Returns (N, C_out, H_out, W_out)."""
        bias = None if self.bias is None else self.bias.data
        out = conv2d(x, self.weight.data, bias, self.stride, self.padding)
        self._x = x
        return out

    def backward(self, dout):
        """dout: (N, C_out, H_out, W_out). Adds into weight.grad and bias.grad; returns dx: (N, C_in, H, W)."""
        if self._x is None:
            raise ValueError("call forward before backward")
        dx, dw, db = conv2d_backward(dout, self._x, self.weight.data, self.stride, self.padding)
        self.weight.grad += dw
        if self.bias is not None:
            self.bias.grad += db
        return dx

    def __repr__(self):
        return (
            f"Conv2d({self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
            f"stride={self.stride}, padding={self.padding}, bias={self.bias is not None})"
        )
