"""Gradient clipping by global norm (lecture 000: cliffs "catapult parameters very far").

Near a cliff of the loss the gradient is huge and one step throws the parameters far away.
Clipping keeps the gradient's direction and caps its length:

    total = sqrt(sum over all parameters of sum(grad^2))
    if total > max_norm:  grad <- grad * max_norm / (total + 1e-6)   for every parameter
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import check_positive
from dlcourse.optim.optimizer import _parameter_list


def clip_grad_norm(params, max_norm):
    """Scale all gradients together so that their global L2 norm is at most ``max_norm``.

    params: iterable of ``Parameter`` (their ``grad`` is scaled in place).
    max_norm: > 0.
    Returns the global norm BEFORE clipping (float); a NaN or inf gradient gives a NaN or inf
    norm, returned as is. Like ``torch.nn.utils.clip_grad_norm_``: the factor is
    max_norm / (total + 1e-6), applied only when it is below 1.
    """
    params = _parameter_list(params)
    max_norm = check_positive(max_norm, "max_norm")
    total_norm = float(np.sqrt(sum(np.sum(np.square(p.grad)) for p in params)))
    scale = max_norm / (total_norm + 1e-6)
    if scale < 1:
        for p in params:
            p.grad *= scale
    return total_norm
