"""RMSProp (Tieleman & Hinton 2012; lecture 001, 002/004 Algorithm 8.5) and RMSProp with
Nesterov momentum (002/004 Algorithm 8.6).

RMSProp replaces AdaGrad's sum of squared gradients by an exponentially decaying average:

    r <- rho r + (1 - rho) g * g
    theta <- theta - lr g / (eps + sqrt(r))        (element-wise)

Stabiliser: 002/004 write ``lr / sqrt(delta + r)`` (inside the root), 003 and torch
``lr / (delta + sqrt(r))`` (outside). The course uses outside; the two agree as eps -> 0
(errata).
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import check_positive, check_probability
from dlcourse.optim.optimizer import Optimizer


class RMSProp(Optimizer):
    """RMSProp: ``r <- rho r + (1 - rho) g*g; theta -= lr g / (eps + sqrt(r))``.

    params: iterable of ``Parameter``. lr: global learning rate (epsilon), >= 0.
    rho: decay rate in [0, 1) (rho = 1 would never update r from 0: division by eps alone).
    eps: the small constant delta > 0 (Algorithm 8.5: "usually 1e-6").
    Equals ``torch.optim.RMSprop(lr=lr, alpha=rho, eps=eps)`` (momentum 0, not centered).
    """

    def __init__(self, params, lr, rho=0.9, eps=1e-6):
        super().__init__(params, lr)
        self.rho = check_probability(rho, "rho")
        self.eps = check_positive(eps, "eps")
        self.state = {i: {"square_avg": np.zeros_like(p.data)} for i, p in enumerate(self.params)}

    def step(self):
        """r <- rho r + (1 - rho) g*g; theta <- theta - lr g / (eps + sqrt(r)). In place."""
        lr = self._current_lr()
        for i, p in enumerate(self.params):
            g = self._grad(p)
            r = self.state[i]["square_avg"]
            r *= self.rho
            r += (1 - self.rho) * g * g
            p.data -= lr * g / (self.eps + np.sqrt(r))


class RMSPropNesterov(Optimizer):
    """RMSProp with Nesterov momentum (Algorithm 8.6), in stored look-ahead form.

    params: iterable of ``Parameter``. lr: global learning rate (epsilon), >= 0.
    rho: decay rate of r in [0, 1). momentum: a in [0, 1); 0 gives plain RMSProp.
    eps: delta > 0, which Algorithm 8.6 omits: there ``v <- a v - lr g / sqrt(r)`` divides 0 by 0
        (NaN) at step 1 for every coordinate whose gradient is 0 (errata). As in RMSProp the
        course puts it outside the root.

    The lecture's algorithm, with u = g / (eps + sqrt(r)) the rescaled gradient:

        theta~ = theta + a v,  g = grad L(theta~),  r <- rho r + (1 - rho) g*g,
        v' = a v - lr u,  theta' = theta + v'.

    As for Nesterov SGD (see ``SGD``), store phi = theta + a v instead of theta:

        phi' = theta' + a v' = (phi - a v) + v' + a v' = phi + a v' - lr u      (v' - a v = -lr u)

    so ``step()`` uses the gradient at the stored parameters phi, and the lecture's
    theta = phi - a v at any step (``state[i]["velocity"]`` holds v; phi = theta at the start).
    torch has no twin of this algorithm (``RMSprop(momentum=...)`` is classical momentum).
    """

    def __init__(self, params, lr, rho=0.9, momentum=0.9, eps=1e-6):
        super().__init__(params, lr)
        self.rho = check_probability(rho, "rho")
        self.momentum = check_probability(momentum, "momentum")
        self.eps = check_positive(eps, "eps")
        self.state = {i: {"square_avg": np.zeros_like(p.data), "velocity": np.zeros_like(p.data)}
                      for i, p in enumerate(self.params)}

    def step(self):
        """r <- rho r + (1-rho) g*g; u = g/(eps + sqrt(r)); v <- a v - lr u; phi <- phi + a v - lr u."""
        lr = self._current_lr()
        for i, p in enumerate(self.params):
            g = self._grad(p)
            r = self.state[i]["square_avg"]
            v = self.state[i]["velocity"]
            r *= self.rho
            r += (1 - self.rho) * g * g
            scaled_grad = g / (self.eps + np.sqrt(r))
            v *= self.momentum
            v -= lr * scaled_grad
            p.data += self.momentum * v - lr * scaled_grad
