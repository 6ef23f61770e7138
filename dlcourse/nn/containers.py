"""Modules that hold or reshape other modules' data: ``Sequential`` and ``Flatten``.

``Sequential(l1, l2, l3)`` is the network ``l3(l2(l1(x)))``. Its backward pass
is the chain rule read backwards: ``l1.backward(l2.backward(l3.backward(dout)))``.
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array
from dlcourse.nn.module import Module


class Sequential(Module):
    """A chain of layers applied one after the other.

    layers: Module instances, in the order the input flows through them. They are
    kept in ``self.layers``, so their parameters are named ``layers.0.weight``, ...
    """

    def __init__(self, *layers):
        for i, layer in enumerate(layers):
            if not isinstance(layer, Module):
                raise ValueError(f"layer {i} must be a Module, got {type(layer).__name__}")
        self.layers = list(layers)

    def forward(self, x):
        """x: whatever the first layer accepts. Returns the last layer's output."""
        for layer in self.layers:
            x = layer(x)
        return x

    def backward(self, dout):
        """dout: shaped like the last layer's output. Returns the gradient w.r.t. the input."""
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return dout

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Sequential(*self.layers[index])
        return self.layers[index]

    def __len__(self):
        return len(self.layers)

    def __iter__(self):
        return iter(self.layers)

    def __repr__(self):
        if not self.layers:
            return "Sequential()"
        lines = [f"  ({i}): " + repr(layer).replace("\n", "\n  ") for i, layer in enumerate(self.layers)]
        return "Sequential(\n" + "\n".join(lines) + "\n)"


class Flatten(Module):
    """Keep the batch axis, flatten the rest: ``(N, d1, d2, ...) -> (N, d1 * d2 * ...)``.

    Backward reshapes the gradient back to the input's shape.
    """

    def __init__(self):
        self._input_shape = None

    def forward(self, x):
        """x: (N, d1, d2, ...), at least 2 dimensions. Returns (N, d1 * d2 * ...)."""
        x = as_float_array(x, "x", min_ndim=2)
        self._input_shape = x.shape
        return x.reshape(x.shape[0], int(np.prod(x.shape[1:])))

    def backward(self, dout):
        """dout: (N, d1 * d2 * ...). Returns dx: (N, d1, d2, ...)."""
        if self._input_shape is None:
            raise ValueError("call forward before backward")
        dout = as_float_array(dout, "dout")
        expected = (self._input_shape[0], int(np.prod(self._input_shape[1:])))
        if dout.shape != expected:
            raise ValueError(f"dout must have shape {expected}, got {dout.shape}")
        return dout.reshape(self._input_shape)

    def __repr__(self):
        return "Flatten()"
