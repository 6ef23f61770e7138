"""Adam (Kingma & Ba 2014; lecture 000/002/004 Algorithm 8.7).

    t <- t + 1
    s <- rho1 s + (1 - rho1) g                 first moment (momentum-like)
    r <- rho2 r + (1 - rho2) g * g             second moment (RMSProp-like)
    s_hat = s / (1 - rho1^t),  r_hat = r / (1 - rho2^t)     bias correction
    theta <- theta - lr s_hat / (sqrt(r_hat) + eps)
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import check_positive, check_probability
from dlcourse.optim.optimizer import Optimizer


class Adam(Optimizer):
    """Adam with bias correction of both moments.

    params: iterable of ``Parameter``. lr: step size (epsilon), default 0.001.
    betas: (rho1, rho2), each in [0, 1), default (0.9, 0.999).
    eps: delta > 0, default 1e-8.

    Why bias correction: s and r start at 0, so after step 1 s = (1 - rho1) g and
    r = (1 - rho2) g^2 are far too small; dividing by 1 - rho^t undoes that, and step 1
    moves every coordinate by lr |g| / (|g| + eps), about lr (correcting r alone would leave it
    1 - rho1 = 10x too small; correcting neither, (1 - rho1) / sqrt(1 - rho2) = 3.2x too large). Errata: 000's slide writes r_hat <- r_hat / ...;
    the correct form divides r. 004's slide allows rho in [0, 1]: rho = 1 makes 1 - rho^t = 0
    (0/0), so rho must be < 1. 003's "RMSProp with Nesterov" is this algorithm (its defaults are
    not Adam's). 001's "incomplete" Adam has no bias correction.
    Equals ``torch.optim.Adam(lr=lr, betas=betas, eps=eps)``.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, lr)
        try:
            rho1, rho2 = betas
        except (TypeError, ValueError) as exc:
            raise ValueError(f"betas must be a pair (rho1, rho2), got {betas!r}") from exc
        self.betas = (check_probability(rho1, "betas[0] (rho1)"), check_probability(rho2, "betas[1] (rho2)"))
        self.eps = check_positive(eps, "eps")
        self.state = {i: {"step": 0, "first_moment": np.zeros_like(p.data),
                          "second_moment": np.zeros_like(p.data)}
                      for i, p in enumerate(self.params)}

    def step(self):
        """One Adam update of every parameter, in place."""
        lr = self._current_lr()
        rho1, rho2 = self.betas
        for i, p in enumerate(self.params):
            g = self._grad(p)
            state = self.state[i]
            state["step"] += 1
            t = state["step"]
            s, r = state["first_moment"], state["second_moment"]
            s *= rho1
            s += (1 - rho1) * g
            r *= rho2
            r += (1 - rho2) * g * g
            s_hat = s / (1 - rho1 ** t)
            r_hat = r / (1 - rho2 ** t)
            p.data -= lr * s_hat / (np.sqrt(r_hat) + self.eps)
