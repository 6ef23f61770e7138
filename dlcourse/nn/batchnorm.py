"""Batch normalization of a batch of feature vectors (Ioffe and Szegedy, 2015).

Training mode, for ``x: (N, D)`` (N examples, D units), statistics are taken over
the EXAMPLES, separately for every unit (axis 0)::

    mu      = (1/N) sum_i x[i, :]                       (D,)
    var     = (1/N) sum_i (x[i, :] - mu)^2              (D,)  biased
    x_hat   = (x - mu) / sqrt(var + eps)                (N, D)
    y       = weight * x_hat + bias                     (N, D)  (gamma, beta in the lectures)

Lecture 004 writes ``mu = (1/m) sum_j H[:, j]``, a sum over the units; the correct
sum, as lecture 000 and Algorithm 1 write it, is over the examples ``i``.

Running statistics (torch's convention), used in evaluation mode::

    running_mean = (1 - momentum) running_mean + momentum mu
    running_var  = (1 - momentum) running_var  + momentum var * N / (N - 1)   unbiased

Backward in training mode. With ``dx_hat = dout * weight`` the three paths from x
to the loss (through x_hat directly, through mu and through var) sum to the
compact closed form::

    dx = (1/N) / sqrt(var + eps) * (N dx_hat - sum_i dx_hat - x_hat * sum_i (dx_hat * x_hat))

Backward in evaluation mode: the statistics are constants, so the layer is the
affine map ``y = weight * (x - running_mean) / sqrt(running_var + eps) + bias`` and
``dx = dout * weight / sqrt(running_var + eps)``.
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array, check_positive, check_positive_int, check_probability, check_shape
from dlcourse.nn.module import Module, Parameter


class BatchNorm1d(Module):
    """Normalise every unit over the batch, then scale and shift.

    num_features: D, the number of units.
    eps: added to the variance before the square root (delta in the lectures).
    momentum: weight of the newest batch in the running statistics, in [0, 1].
    """

    _buffers = ("running_mean", "running_var")

    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.num_features = check_positive_int(num_features, "num_features")
        self.eps = check_positive(eps, "eps")
        self.momentum = check_probability(momentum, "momentum", high_inclusive=True)
        self.weight = Parameter(np.ones(self.num_features), "weight")
        self.bias = Parameter(np.zeros(self.num_features), "bias")
        self.running_mean = np.zeros(self.num_features)
        self.running_var = np.ones(self.num_features)
        self._cache = None

    def forward(self, x):
        """x: (N, num_features). Returns (N, num_features)."""
        x = as_float_array(x, "x", ndim=2)
        if x.shape[1] != self.num_features:
            raise ValueError(
                f"x must have shape (N, {self.num_features}) (num_features={self.num_features}), got {x.shape}"
            )
        if self.training:
            mean, var = self._batch_statistics(x)
        else:
            mean, var = self.running_mean, self.running_var
        inv_std = 1.0 / np.sqrt(var + self.eps)
        x_hat = (x - mean) * inv_std
        self._cache = (x_hat, inv_std, self.training)
        return self.weight.data * x_hat + self.bias.data

    def _batch_statistics(self, x):
        """Mean and biased variance over the examples (axis 0); updates the running statistics."""
        n = x.shape[0]
        if n < 2:
            raise ValueError(f"Expected more than 1 value per channel when training, got input of shape {x.shape}")
        mean = x.mean(axis=0)
        var = x.var(axis=0)
        self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mean
        self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var * n / (n - 1)
        return mean, var

    def backward(self, dout):
        """dout: (N, num_features). Adds into weight.grad and bias.grad; returns dx: (N, num_features)."""
        if self._cache is None:
            raise ValueError("call forward before backward")
        x_hat, inv_std, used_batch_statistics = self._cache
        dout = as_float_array(dout, "dout")
        check_shape(dout, x_hat.shape, "dout")
        self.weight.grad += np.sum(dout * x_hat, axis=0)
        self.bias.grad += np.sum(dout, axis=0)
        dx_hat = dout * self.weight.data
        if not used_batch_statistics:
            return dx_hat * inv_std
        n = x_hat.shape[0]
        return (inv_std / n) * (
            n * dx_hat - dx_hat.sum(axis=0) - x_hat * np.sum(dx_hat * x_hat, axis=0)
        )

    def __repr__(self):
        return f"BatchNorm1d({self.num_features}, eps={self.eps}, momentum={self.momentum})"
