"""The two building blocks of every layer: ``Parameter`` and ``Module``.

A ``Module`` computes ``forward(x)``, remembers what it needs, and in
``backward(dout)`` returns the gradient with respect to its input while *adding*
the gradients of its parameters into ``param.grad`` (like torch, gradients
accumulate until ``zero_grad()``).
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array


class Parameter:
    """A trainable array with its gradient.

    data: any shape, float. grad: same shape, starts at zero.
    """

    def __init__(self, data, name=None):
        self.data = np.array(as_float_array(data, name or "Parameter data"), dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self.name = name

    @property
    def shape(self):
        return self.data.shape

    def zero_grad(self):
        self.grad = np.zeros_like(self.data)

    def __repr__(self):
        label = f" {self.name!r}" if self.name else ""
        return f"Parameter{label}(shape={self.data.shape})"


class Module:
    """Base class of all layers.

    Subclasses implement ``forward(x)`` and ``backward(dout) -> dx``. Parameters and
    sub-modules stored as attributes (or in lists/tuples of modules) are found by
    ``parameters()``: a module's own parameters first, in the order they were
    assigned, then its sub-modules' (torch's order).
    """

    training = True

    def forward(self, x):
        raise NotImplementedError(f"{type(self).__name__} does not implement forward")

    def backward(self, dout):
        raise NotImplementedError(f"{type(self).__name__} does not implement backward")

    def __call__(self, x):
        return self.forward(x)

    def children(self):
        """Direct sub-modules, in assignment order."""
        for value in vars(self).values():
            if isinstance(value, Module):
                yield value
            elif isinstance(value, (list, tuple)):
                yield from (v for v in value if isinstance(v, Module))

    def named_parameters(self, prefix=""):
        """Yield ``(dotted_name, Parameter)`` pairs, this module's first, then its children's."""
        for key, value in vars(self).items():
            if isinstance(value, Parameter):
                yield prefix + key, value
        for key, value in vars(self).items():
            if isinstance(value, Module):
                yield from value.named_parameters(f"{prefix}{key}.")
            elif isinstance(value, (list, tuple)):
                for i, item in enumerate(value):
                    if isinstance(item, Module):
                        yield from item.named_parameters(f"{prefix}{key}.{i}.")

    def parameters(self):
        """All trainable parameters of this module and its sub-modules, as a list."""
        return [p for _, p in self.named_parameters()]

    def zero_grad(self):
        for p in self.parameters():
            p.zero_grad()

    def train(self, mode=True):
        """Switch to training mode (dropout active, batch statistics). Returns self."""
        self.training = bool(mode)
        for child in self.children():
            child.train(mode)
        return self

    def eval(self):
        """Switch to evaluation mode (dropout off, running statistics). Returns self."""
        return self.train(False)

    def state_dict(self):
        """A copy of every parameter's data (and buffers a subclass lists in ``_buffers``)."""
        state = {name: p.data.copy() for name, p in self.named_parameters()}
        for name, module in self._named_modules():
            for buf in getattr(module, "_buffers", ()):
                state[name + buf] = np.array(getattr(module, buf), copy=True)
        return state

    def load_state_dict(self, state):
        """Restore what :meth:`state_dict` returned.

        Raises ValueError on a missing parameter or buffer, or a shape that differs.
        """
        for name, p in self.named_parameters():
            if name not in state:
                raise ValueError(f"state is missing parameter {name!r}")
            value = np.asarray(state[name], dtype=np.float64)
            if value.shape != p.data.shape:
                raise ValueError(f"parameter {name!r} has shape {p.data.shape}, state has {value.shape}")
            p.data = value.copy()
        for name, module in self._named_modules():
            for buf in getattr(module, "_buffers", ()):
                if name + buf not in state:
                    raise ValueError(f"state is missing buffer {name + buf!r}")
                value = np.array(state[name + buf], dtype=np.float64, copy=True)
                if value.shape != np.shape(getattr(module, buf)):
                    raise ValueError(f"buffer {name + buf!r} has shape {np.shape(getattr(module, buf))}, "
                                     f"state has {value.shape}")
                setattr(module, buf, value)

    def _named_modules(self, prefix=""):
        yield prefix, self
        for key, value in vars(self).items():
            if isinstance(value, Module):
                yield from value._named_modules(f"{prefix}{key}.")
            elif isinstance(value, (list, tuple)):
                for i, item in enumerate(value):
                    if isinstance(item, Module):
                        yield from item._named_modules(f"{prefix}{key}.{i}.")

    def __repr__(self):
        return f"{type(self).__name__}()"
