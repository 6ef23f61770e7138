"""Parameter norm penalties: L1, L2 and the elastic net.

The regularized loss is (lecture 001)

    L = data loss + lam * R(W)

with the regularization strength ``lam >= 0``. Each function here returns the
penalty's contribution ``lam * R(W)`` and its gradient, so a training step adds
the gradient to the data loss gradient.

Convention for L2: lecture 001 writes ``R(W) = sum W^2`` (value ``lam * sum W^2``,
gradient ``2 lam W``). Lecture 004 writes ``alpha/2 * w^T w`` (gradient
``alpha w``); both describe the same penalty with ``alpha = 2 lam``.

Errata: lecture 004 gives the penalty weight as ``alpha in [0, 1]``; any
``alpha >= 0`` is valid, so ``lam`` is only required to be non-negative.
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array, check_positive


def l1_penalty(w, lam):
    """L1 penalty ``lam * sum |w|`` and its subgradient ``lam * sign(w)``.

    At ``w = 0`` the penalty has no derivative; we use the subgradient 0 (as
    ``np.sign`` and torch do), which is why plain gradient descent on L1 makes
    weights jitter around zero rather than land on it (see ``soft_threshold``).

    w: (any shape) weights. lam: penalty weight, >= 0.
    Returns (value: float, grad: array of w.shape).
    """
    w = as_float_array(w, "w")
    lam = check_positive(lam, "lam", allow_zero=True)
    value = lam * np.sum(np.abs(w))
    grad = lam * np.sign(w)
    return float(value), grad


def l2_penalty(w, lam):
    """L2 penalty ``lam * sum w^2`` and its gradient ``2 lam w`` (lecture 001's convention).

    Lecture 004's weight decay ``alpha/2 * w^T w`` is the same penalty with
    ``lam = alpha / 2``.

    w: (any shape) weights. lam: penalty weight, >= 0.
    Returns (value: float, grad: array of w.shape).
    """
    w = as_float_array(w, "w")
    lam = check_positive(lam, "lam", allow_zero=True)
    value = lam * np.sum(w * w)
    grad = 2.0 * lam * w
    return float(value), grad


def elastic_net(w, lam, beta=1.0):
    """Elastic net penalty ``lam * sum (beta w^2 + |w|)`` (lecture 001) and its (sub)gradient.

    R(W) = sum_k sum_l beta W_kl^2 + |W_kl|: ``beta`` sets how much L2 is mixed
    into the L1 penalty (beta = 0 is pure L1). The gradient is
    ``lam * (2 beta w + sign(w))``, with sign(0) = 0 as in :func:`l1_penalty`.

    w: (any shape) weights. lam: overall penalty weight, >= 0.
    beta: weight of the squared term relative to the absolute term, >= 0.
    Returns (value: float, grad: array of w.shape).
    """
    w = as_float_array(w, "w")
    lam = check_positive(lam, "lam", allow_zero=True)
    beta = check_positive(beta, "beta", allow_zero=True)
    value = lam * np.sum(beta * w * w + np.abs(w))
    grad = lam * (2.0 * beta * w + np.sign(w))
    return float(value), grad


def l2_shrink(w, lr, lam):
    """The weight-decay part of a gradient step on ``lam * sum w^2``: ``w <- (1 - 2 lr lam) w``.

    A gradient descent step on ``data loss + lam * sum w^2`` is
    ``w - lr (grad_data + 2 lam w) = (1 - 2 lr lam) w - lr grad_data``: the weights
    first *shrink multiplicatively* by a constant factor, then take the usual data
    step. Lecture 004 writes the factor as ``(1 - eps alpha)`` with ``alpha = 2 lam``.

    w: (any shape) weights (not modified). lr: learning rate, >= 0. lam: penalty weight, >= 0.
    Returns the shrunk weights, an array of w.shape.
    Raises ValueError when ``2 lr lam > 1``: the factor would be negative and the
    step would overshoot zero, flipping every weight's sign.
    """
    w = as_float_array(w, "w")
    lr = check_positive(lr, "lr", allow_zero=True)
    lam = check_positive(lam, "lam", allow_zero=True)
    factor = 1.0 - 2.0 * lr * lam
    if factor < 0:
        raise ValueError(f"2 * lr * lam must be <= 1 for a shrink, got {2.0 * lr * lam}")
    return factor * w
