"""Learning-rate schedules: the learning rate at iteration (or epoch) k.

"It is necessary to gradually decrease the learning rate over time" (lecture 000): SGD's
gradient estimate is noisy, so a fixed lr keeps the parameters jumping around the minimum.
Each function maps k = 0, 1, 2, ... to a learning rate; use it as

    optimizer.lr = step_decay(epoch, lr0=0.1)

Lecture 001 writes exponential decay as alpha0 e^(-k t) and 1/t decay as alpha0 / (1 + k t),
with k the rate and t the iteration; here k is the iteration and ``rate`` the constant.
"""

from __future__ import annotations

import math

from dlcourse._validation import check_positive, check_positive_int, check_probability


def linear_decay(k, lr0, lr_tau, tau):
    """Linear decay from lr0 to lr_tau over tau iterations, constant afterwards (lecture 000, 004).

    eps_k = (1 - k/tau) eps_0 + (k/tau) eps_tau  for k <= tau,   eps_k = eps_tau  for k > tau.
    k: iteration >= 0. lr0, lr_tau: learning rates >= 0 (004: lr_tau "roughly 1% of lr0").
    tau: number of decay iterations >= 1. Returns the learning rate (float).
    """
    k = check_positive_int(k, "k", allow_zero=True)
    lr0 = check_positive(lr0, "lr0", allow_zero=True)
    lr_tau = check_positive(lr_tau, "lr_tau", allow_zero=True)
    tau = check_positive_int(tau, "tau")
    alpha = min(k, tau) / tau
    return (1 - alpha) * lr0 + alpha * lr_tau


def step_decay(k, lr0, drop=0.5, every=10):
    """Multiply the learning rate by ``drop`` every ``every`` epochs (lecture 001: "by half").

    lr_k = lr0 * drop^(k // every).
    k: epoch >= 0. lr0 >= 0. drop: factor in (0, 1]. every: epochs between drops, >= 1.
    """
    k = check_positive_int(k, "k", allow_zero=True)
    lr0 = check_positive(lr0, "lr0", allow_zero=True)
    drop = check_probability(drop, "drop", low_inclusive=False, high_inclusive=True)
    every = check_positive_int(every, "every")
    return lr0 * drop ** (k // every)


def exponential_decay(k, lr0, rate):
    """Exponential decay (lecture 001): lr_k = lr0 * exp(-rate * k).

    k: iteration >= 0. lr0 >= 0. rate >= 0 (0 keeps lr0).
    """
    k = check_positive_int(k, "k", allow_zero=True)
    lr0 = check_positive(lr0, "lr0", allow_zero=True)
    rate = check_positive(rate, "rate", allow_zero=True)
    return lr0 * math.exp(-rate * k)


def inverse_time_decay(k, lr0, rate):
    """1/t decay (lecture 001): lr_k = lr0 / (1 + rate * k).

    k: iteration >= 0. lr0 >= 0. rate >= 0 (0 keeps lr0). Its sum over k diverges while the sum of
    its squares converges: the classical condition for SGD to converge (lecture 003).
    """
    k = check_positive_int(k, "k", allow_zero=True)
    lr0 = check_positive(lr0, "lr0", allow_zero=True)
    rate = check_positive(rate, "rate", allow_zero=True)
    return lr0 / (1 + rate * k)
