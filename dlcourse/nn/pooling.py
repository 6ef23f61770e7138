"""Pooling layers: ``MaxPool2d`` and ``AvgPool2d`` (no parameters), NCHW."""

from __future__ import annotations

from dlcourse._validation import check_positive_int
from dlcourse.functional.pooling import avg_pool2d, avg_pool2d_backward, max_pool2d, max_pool2d_backward
from dlcourse.nn.module import Module


class _Pool2d(Module):
    """Shared constructor and forward/backward bookkeeping of the two pooling layers."""

    def __init__(self, kernel_size, stride=None):
        self.kernel_size = check_positive_int(kernel_size, "kernel_size")
        self.stride = self.kernel_size if stride is None else check_positive_int(stride, "stride")
        self._x = None

    def _input(self):
        if self._x is None:
            raise ValueError("call forward before backward")
        return self._x

    def __repr__(self):
        return f"{type(self).__name__}(kernel_size={self.kernel_size}, stride={self.stride})"


class MaxPool2d(_Pool2d):
    """Max over each K x K window, stride S (default K).

    x: (N, C, H, W) -> (N, C, H_out, W_out), H_out = (H - K)/S + 1.
    backward sends each window's gradient to its (first) maximum.
    """

    def forward(self, x):
        out = max_pool2d(x, self.kernel_size, self.stride)
        self._x = x
        return out

    def backward(self, dout):
        return max_pool2d_backward(dout, self._input(), self.kernel_size, self.stride)


class AvgPool2d(_Pool2d):
    """Mean over each K x K window, stride S (default K).

    x: (N, C, H, W) -> (N, C, H_out, W_out), H_out = (H - K)/S + 1.
    backward spreads each window's gradient evenly, dout / K^2 to each input.
    """

    def forward(self, x):
        out = avg_pool2d(x, self.kernel_size, self.stride)
        self._x = x
        return out

    def backward(self, dout):
        return avg_pool2d_backward(dout, self._input(), self.kernel_size, self.stride)
