"""The base class of every optimizer: a list of parameters, a learning rate, per-parameter state.

An optimizer reads ``p.grad`` of each parameter and changes ``p.data`` IN PLACE
(``p.data -= update``), so that a model holding the parameter sees the new values.
Every training step is

    optimizer.zero_grad()          # p.grad <- 0 (backward ADDS into p.grad)
    loss = ...; model.backward()   # fills p.grad
    optimizer.step()               # p.data <- p.data + (update computed from p.grad)

``optimizer.lr`` is a plain attribute: a training loop or a schedule may set it
between steps (``optimizer.lr = step_decay(epoch, 0.1)``).
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import check_positive
from dlcourse.nn.module import Parameter


class Optimizer:
    """Base class: keeps ``params``, ``lr`` and ``state``; subclasses implement ``step()``.

    params: an iterable of ``Parameter`` (e.g. ``model.parameters()``); not empty, no repeats.
    lr: the learning rate (the lectures' epsilon), >= 0.
    state: dict, position of the parameter in ``params`` -> dict of named arrays
        (a velocity, a running average of g*g, ...), filled by the subclass.
    """

    def __init__(self, params, lr):
        self.params = _parameter_list(params)
        self.lr = check_positive(lr, "lr", allow_zero=True)
        self.state = {}

    def zero_grad(self):
        """Set every parameter's gradient to zero (call it before each backward)."""
        for p in self.params:
            p.zero_grad()

    def step(self):
        """Update every ``p.data`` in place from its ``p.grad``."""
        raise NotImplementedError(f"{type(self).__name__} does not implement step")

    def _current_lr(self):
        """``self.lr``, checked again because a schedule may have changed it since ``__init__``."""
        return check_positive(self.lr, "lr", allow_zero=True)

    def _grad(self, p):
        """``p.grad``, after checking that it has the shape of ``p.data``."""
        if np.shape(p.grad) != p.data.shape:
            raise ValueError(f"{p!r} has data of shape {p.data.shape} but grad of shape {np.shape(p.grad)}")
        return p.grad

    def state_dict(self):
        """A copy of the learning rate and of every per-parameter state array."""
        state = {i: {key: np.array(value, copy=True) if isinstance(value, np.ndarray) else value
                     for key, value in slots.items()}
                 for i, slots in self.state.items()}
        return {"lr": self.lr, "state": state}

    def load_state_dict(self, state_dict):
        """Restore what :meth:`state_dict` returned (same optimizer type, same parameters).

        Raises ValueError when a position, a key or an array shape does not match.
        """
        if set(state_dict.get("state", {})) != set(self.state):
            raise ValueError(f"state_dict holds state for parameters {sorted(state_dict.get('state', {}))}, "
                             f"this optimizer has {sorted(self.state)}")
        new_state = {}
        for i, slots in self.state.items():
            saved = state_dict["state"][i]
            if set(saved) != set(slots):
                raise ValueError(f"state of parameter {i} has keys {sorted(saved)}, expected {sorted(slots)}")
            new_state[i] = {}
            for key, value in slots.items():
                if isinstance(value, np.ndarray):
                    array = np.array(saved[key], dtype=np.float64, copy=True)
                    if array.shape != value.shape:
                        raise ValueError(f"state {key!r} of parameter {i} has shape {value.shape}, "
                                         f"state_dict has {array.shape}")
                    new_state[i][key] = array
                else:
                    new_state[i][key] = type(value)(saved[key])
        self.lr = check_positive(state_dict["lr"], "lr", allow_zero=True)
        self.state = new_state

    def __repr__(self):
        return f"{type(self).__name__}({len(self.params)} parameters, lr={self.lr})"


def _parameter_list(params):
    """Return ``params`` as a list, checking it is a non-empty iterable of distinct Parameters."""
    if isinstance(params, Parameter):
        raise ValueError("params must be an iterable of Parameters (e.g. model.parameters()), "
                         "got a single Parameter: wrap it in a list")
    try:
        params = list(params)
    except TypeError as exc:
        raise ValueError(f"params must be an iterable of Parameters, got {type(params).__name__}") from exc
    if not params:
        raise ValueError("params is empty: the optimizer has nothing to update")
    seen = set()
    for i, p in enumerate(params):
        if not isinstance(p, Parameter):
            raise ValueError(f"params[{i}] must be a Parameter, got {type(p).__name__}")
        if id(p) in seen:
            raise ValueError(f"params[{i}] appears more than once: it would be updated twice per step")
        seen.add(id(p))
    return params
