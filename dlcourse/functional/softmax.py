"""Softmax and log-softmax: turn scores into (log-)probabilities (lecture 001).

For a vector of scores ``s`` ("unnormalized log probabilities")::

    softmax(s)_k     = exp(s_k) / sum_j exp(s_j)
    log_softmax(s)_k = s_k - log sum_j exp(s_j)

Both are unchanged when the same constant is added to every score, so we
subtract the largest score ``m`` first. Then every exponent is <= 0: nothing
overflows for scores of 1000, and the sum is >= 1 (the largest term is
exp(0) = 1), so its log is finite. The log-sum-exp is then::

    log sum_j exp(s_j) = m + log sum_j exp(s_j - m)

``log_softmax`` uses this directly instead of ``log(softmax)``, which would give
``log(0) = -inf`` for a probability that underflows (e.g. scores 1000 and -1000).
"""

from __future__ import annotations

import numbers

import numpy as np

from dlcourse._validation import as_float_array


def softmax(x, axis=-1):
    """Probabilities ``exp(x) / sum(exp(x))`` along ``axis``.

    x: any shape with at least one dimension, e.g. scores (N, C) with axis=-1.
    axis: the dimension that holds the classes.
    Returns an array of x's shape, positive, summing to 1 along ``axis``.
    """
    x = as_float_array(x, "x", min_ndim=1)
    axis = _check_axis(axis, x)
    exp = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return exp / np.sum(exp, axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    """Log-probabilities ``x - logsumexp(x)`` along ``axis``, finite for any finite x.

    x: any shape with at least one dimension, e.g. scores (N, C) with axis=-1.
    axis: the dimension that holds the classes.
    Returns an array of x's shape, all entries <= 0.
    """
    x = as_float_array(x, "x", min_ndim=1)
    axis = _check_axis(axis, x)
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def _check_axis(axis, x):
    """Return ``axis`` as a valid non-negative int for ``x``, whose length along it must be > 0."""
    if isinstance(axis, bool) or not isinstance(axis, (numbers.Integral, np.integer)):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"axis must be in [-{x.ndim}, {x.ndim}) for x of shape {x.shape}, got {axis}")
    axis = int(axis) % x.ndim
    if x.shape[axis] == 0:
        raise ValueError(f"x must have at least one entry along axis {axis}, got shape {x.shape}")
    return axis
