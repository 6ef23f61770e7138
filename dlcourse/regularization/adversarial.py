"""Adversarial examples by the fast gradient sign method (FGSM, Goodfellow et al. 2015).

Lecture 004's panda: ``x + 0.007 * sign(grad_x J(theta, x, y))`` is classified
as a gibbon. Each input coordinate moves by eps in the direction that increases
the loss, the largest first-order loss increase allowed when no coordinate may
change by more than eps (an L-infinity ball). Training on such examples
(adversarial training) is a regularizer.
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array, check_number, check_positive


def fgsm(x, grad, eps, clip=None):
    """Fast gradient sign method: ``x_adv = x + eps * sign(grad)``.

    x: (any shape) input. grad: gradient of the loss with respect to x, same shape
    (coordinates with a zero gradient are not moved).
    eps: step per coordinate, >= 0.
    clip: optional (lo, hi): clip x_adv to the valid input range, e.g. (0, 1) for images.
    Returns an array of x.shape.
    """
    x = as_float_array(x, "x")
    grad = as_float_array(grad, "grad")
    if grad.shape != x.shape:
        raise ValueError(f"grad must have the shape of x {x.shape}, got {grad.shape}")
    eps = check_positive(eps, "eps", allow_zero=True)
    x_adv = x + eps * np.sign(grad)
    if clip is not None:
        if not isinstance(clip, (tuple, list)) or len(clip) != 2:
            raise ValueError(f"clip must be a pair (lo, hi), got {clip!r}")
        lo, hi = check_number(clip[0], "clip lo"), check_number(clip[1], "clip hi")
        if lo > hi:
            raise ValueError(f"clip must satisfy lo <= hi, got ({lo}, {hi})")
        x_adv = np.clip(x_adv, lo, hi)
    return x_adv
