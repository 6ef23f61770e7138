"""Stochastic gradient descent, with momentum and Nesterov momentum (lecture 000 Alg. 8.1-8.3, 004).

Plain SGD (Algorithm 8.1):      theta <- theta - lr g
Momentum (Algorithm 8.2):       v <- a v - lr g,          theta <- theta + v
Nesterov (004, Algorithm 3):    v <- a v - lr g(theta + a v),  theta <- theta + v
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import check_positive, check_probability
from dlcourse.optim.optimizer import Optimizer


class SGD(Optimizer):
    """SGD with the lectures' momentum ``v <- a v - lr g; theta <- theta + v``.

    params: iterable of ``Parameter``. lr: learning rate (epsilon), >= 0.
    momentum: a in [0, 1) (004: "alpha in [0, 1)"); 0 gives plain SGD, since then v = -lr g.
        Under a constant gradient g the velocity tends to -lr g / (1 - a): the terminal
        speed is lr |g| / (1 - a), ten times the plain step for a = 0.9.
    nesterov: evaluate the gradient at the look-ahead point (needs momentum > 0).
    weight_decay: lambda >= 0, adds lambda * theta to the gradient (the gradient of the
        L2 penalty lambda/2 ||theta||^2), like torch's ``weight_decay``.

    Nesterov in stored look-ahead form. The lecture evaluates g at theta~ = theta + a v:

        g = grad L(theta + a v),   v' = a v - lr g,   theta' = theta + v'.

    Store phi = theta + a v (the point where the next gradient is taken) instead of theta:

        phi' = theta' + a v' = (phi - a v) + v' + a v' = phi + a v' - lr g      (v' - a v = -lr g)

    so ``step()`` needs only the gradient at the stored parameters: v <- a v - lr g(phi),
    phi <- phi + a v - lr g(phi). With v = 0 at the start, phi = theta at step 0 and the
    lecture's theta = phi - a v at every step (``state[i]["velocity"]`` holds v).

    Lecture vs torch parametrization. torch stores b <- mu b + g and steps theta <- theta - lr b
    (Nesterov: theta <- theta - lr (g + mu b)). For a constant lr, v = -lr b and both give the
    same trajectory. When lr changes during training they differ: the lectures' v remembers each
    past step at the lr it was taken with, torch rescales all remembered gradients by the new lr
    at once. This class follows the lectures. (Lecture 003 writes v <- l v - (1 - l) g,
    theta <- theta + eta v: that is this class with momentum = l, lr = eta (1 - l).)
    """

    def __init__(self, params, lr, momentum=0.0, nesterov=False, weight_decay=0.0):
        super().__init__(params, lr)
        self.momentum = check_probability(momentum, "momentum")
        if not isinstance(nesterov, (bool, np.bool_)):
            raise ValueError(f"nesterov must be True or False, got {nesterov!r}")
        if nesterov and self.momentum == 0:
            raise ValueError("nesterov=True needs momentum > 0 (with momentum 0 there is no look-ahead)")
        self.nesterov = bool(nesterov)
        self.weight_decay = check_positive(weight_decay, "weight_decay", allow_zero=True)
        self.state = {i: {"velocity": np.zeros_like(p.data)} for i, p in enumerate(self.params)}

    def step(self):
        """v <- a v - lr g; theta <- theta + v (Nesterov: phi <- phi + a v - lr g). In place."""
        lr = self._current_lr()
        for i, p in enumerate(self.params):
            g = self._grad(p)
            if self.weight_decay:
                g = g + self.weight_decay * p.data
            v = self.state[i]["velocity"]
            v *= self.momentum
            v -= lr * g
            if self.nesterov:
                p.data += self.momentum * v - lr * g
            else:
                p.data += v
