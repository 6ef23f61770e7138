"""Max and average pooling over K x K windows, NCHW.

A pooling layer replaces each K x K window of every channel by one summary
statistic (lecture 000): its maximum or its mean. With stride S = K (the default,
as in torch) the windows do not overlap and each spatial dimension shrinks K
times, so the next layer sees K^2 times fewer inputs in 2-D (the slide's "k times
fewer" is per dimension; see errata.md).

Output size: H_out = (H - K)/S + 1, computed by :func:`conv_output_size`, which
raises ValueError when the windows do not tile the input (torch floors instead).
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array, check_positive_int, check_shape
from dlcourse.functional.conv import conv_output_size


def _pool_windows(x, kernel_size, stride):
    """Validate pooling arguments and view every window.

    x: (N, C, H, W). Returns (x, windows, stride) where
    windows[n, c, i, j, u, v] = x[n, c, i*S + u, j*S + v] has shape (N, C, H_out, W_out, K, K)
    and is a strided view of x (nothing copied).
    """
    x = as_float_array(x, "x", ndim=4)
    kernel_size = check_positive_int(kernel_size, "kernel_size")
    stride = kernel_size if stride is None else check_positive_int(stride, "stride")
    conv_output_size(x.shape[2], kernel_size, stride)  # raises when the windows do not tile H
    conv_output_size(x.shape[3], kernel_size, stride)  # ... or W
    windows = np.lib.stride_tricks.sliding_window_view(x, (kernel_size, kernel_size), axis=(2, 3))
    return x, windows[:, :, ::stride, ::stride], stride


def _check_pool_dout(dout, windows):
    dout = as_float_array(dout, "dout", ndim=4)
    check_shape(dout, windows.shape[:4], "dout")
    return dout


def max_pool2d(x, kernel_size, stride=None):
    """Max pooling: out[n, c, i, j] = max_{u, v < K} x[n, c, i*S + u, j*S + v].

    x: (N, C, H, W); kernel_size K; stride S (default K).
    Returns out: (N, C, H_out, W_out), H_out = (H - K)/S + 1.
    """
    _, windows, _ = _pool_windows(x, kernel_size, stride)
    return windows.max(axis=(4, 5))


def max_pool2d_backward(dout, x, kernel_size, stride=None):
    """Gradient of :func:`max_pool2d`: each window sends dout to the position of its maximum.

    dx[n, c, i*S + u*, j*S + v*] += dout[n, c, i, j], (u*, v*) = argmax_{u, v} x[n, c, i*S + u, j*S + v]

    Every other input gets 0. On ties the first maximum in row-major window order
    wins, which is what torch does on the CPU. Where windows overlap (S < K) one
    input can be the maximum of several windows and collects all their gradients.

    dout: (N, C, H_out, W_out); x, kernel_size, stride as in the forward pass.
    Returns dx: (N, C, H, W).
    """
    x, windows, stride = _pool_windows(x, kernel_size, stride)
    dout = _check_pool_dout(dout, windows)
    num_images, channels, h_out, w_out, k, _ = windows.shape
    first_max = windows.reshape(num_images, channels, h_out, w_out, k * k).argmax(axis=-1)
    u, v = np.divmod(first_max, k)  # (N, C, H_out, W_out) offsets of the maximum inside its window
    rows = np.arange(h_out)[:, None] * stride + u
    cols = np.arange(w_out)[None, :] * stride + v
    n = np.arange(num_images)[:, None, None, None]
    c = np.arange(channels)[None, :, None, None]
    dx = np.zeros(x.shape, dtype=np.result_type(x, dout))
    np.add.at(dx, (n, c, rows, cols), dout)  # add.at, not +=: overlapping windows may share a maximum
    return dx


def avg_pool2d(x, kernel_size, stride=None):
    """Average pooling: out[n, c, i, j] = (1/K^2) sum_{u, v < K} x[n, c, i*S + u, j*S + v].

    x: (N, C, H, W); kernel_size K; stride S (default K).
    Returns out: (N, C, H_out, W_out), H_out = (H - K)/S + 1.
    """
    _, windows, _ = _pool_windows(x, kernel_size, stride)
    return windows.mean(axis=(4, 5))


def avg_pool2d_backward(dout, x, kernel_size, stride=None):
    """Gradient of :func:`avg_pool2d`: each window spreads dout / K^2 evenly over its K^2 inputs.

    dx[n, c, i*S + u, j*S + v] += dout[n, c, i, j] / K^2   for all u, v < K

    dout: (N, C, H_out, W_out); x, kernel_size, stride as in the forward pass.
    Returns dx: (N, C, H, W). Loops over the K * K window offsets only.
    """
    x, windows, stride = _pool_windows(x, kernel_size, stride)
    dout = _check_pool_dout(dout, windows)
    h_out, w_out, k = windows.shape[2], windows.shape[3], windows.shape[4]
    share = dout / (k * k)
    dx = np.zeros(x.shape, dtype=share.dtype)
    for u in range(k):
        for v in range(k):
            dx[:, :, u : u + stride * h_out : stride, v : v + stride * w_out : stride] += share
    return dx
