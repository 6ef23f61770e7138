"""Dropout: randomly switch units off during training (inverted dropout).

In training mode every element is kept independently with probability ``1 - p``
and the kept ones are scaled by ``1 / (1 - p)``::

    mask ~ Bernoulli(1 - p)            (same shape as x)
    y = x * mask / (1 - p)             so that E[y] = x
    dL/dx = dout * mask / (1 - p)      (the same mask as the forward pass)

Because of the scaling at training time, evaluation mode is simply the identity:
nothing has to be rescaled at test time ("weight scaling" of lecture 003 is the
same idea applied after training instead of during it).

About ``p``: here, as in torch, ``p`` is the probability of DROPPING a unit
(lecture 003's "probability of dropping a unit", typical 0.2 for inputs and
0.5 for hidden units). One slide of lecture 003 instead calls ``p`` the
probability of KEEPING a neuron active: with that slide's p, use
``Dropout(1 - p)``. The same slide's "randomly select weights to update" describes
DropConnect (dropping individual weights); dropout drops units (activations).
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array, as_rng, check_probability, check_shape
from dlcourse.nn.module import Module


class Dropout(Module):
    """Inverted dropout with drop probability ``p``.

    p: probability that an element is zeroed, in [0, 1]. p = 0 keeps everything;
    p = 1 zeroes everything (the output and gradient are all zeros, as in torch).
    rng: None, an int seed or a numpy Generator, used to draw the masks.
    """

    def __init__(self, p=0.5, rng=None):
        self.p = check_probability(p, "p", high_inclusive=True)
        self.rng = as_rng(rng)
        self._scaled_mask = None

    def forward(self, x):
        """x: any shape. Returns an array of the same shape."""
        x = as_float_array(x, "x")
        if not self.training:
            self._scaled_mask = np.ones_like(x)
            return x
        keep_prob = 1.0 - self.p
        mask = self.rng.random(x.shape) < keep_prob
        if keep_prob > 0:
            self._scaled_mask = mask.astype(x.dtype) / keep_prob
        else:
            self._scaled_mask = np.zeros_like(x)
        return x * self._scaled_mask

    def backward(self, dout):
        """dout: shaped like the forward output. Returns dx = dout * mask / (1 - p)."""
        if self._scaled_mask is None:
            raise ValueError("call forward before backward")
        dout = as_float_array(dout, "dout")
        check_shape(dout, self._scaled_mask.shape, "dout")
        return dout * self._scaled_mask

    def __repr__(self):
        return f"Dropout(p={self.p})"
