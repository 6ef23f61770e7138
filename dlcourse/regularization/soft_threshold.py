"""Soft thresholding: why L1 regularization gives sparse weights.

Lecture 004 approximates the loss near its unregularized minimum ``w*`` by a
quadratic with a diagonal, positive Hessian H and adds the L1 penalty:

    J(w) = J(w*) + sum_i [ 1/2 H_ii (w_i - w*_i)^2 + alpha |w_i| ]

Each coordinate is a separate 1-D problem, ``min_w 1/2 (w - w*)^2 + t |w|`` with
``t = alpha / H_ii`` (divide by H_ii), and its minimizer is

    w_i = sign(w*_i) * max(|w*_i| - alpha / H_ii, 0)

Weights with ``|w*_i| <= alpha / H_ii`` become exactly 0; the others move
towards 0 by ``alpha / H_ii``. L2 instead rescales ``w*`` and never reaches 0.
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array


def soft_threshold(w, threshold):
    """``sign(w) * max(|w| - threshold, 0)``, element-wise.

    This is the closed-form solution of ``min_v 1/2 (v - w)^2 + threshold |v|``;
    with ``threshold = alpha / H_ii`` it is the L1-regularized optimum of
    lecture 004 for a diagonal Hessian.

    w: (any shape) the unregularized optimum w*.
    threshold: a number or an array broadcastable to w, every entry >= 0
        (for example ``alpha / np.diag(H)``).
    Returns an array of w.shape (broadcast with threshold).
    """
    w = as_float_array(w, "w")
    threshold = as_float_array(threshold, "threshold")
    if np.any(threshold < 0):
        raise ValueError(f"threshold must be >= 0, got minimum {threshold.min()}")
    return np.sign(w) * np.maximum(np.abs(w) - threshold, 0.0)
