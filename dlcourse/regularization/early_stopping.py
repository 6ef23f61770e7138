"""Early stopping: stop when the validation metric stops improving, keep the best weights.

Lecture 004: training error keeps falling while validation error turns back up;
returning to the parameters with the lowest validation error gives a better
model. Training time becomes a hyperparameter chosen on the validation set.

Typical use::

    stopper = EarlyStopping(patience=5)
    for epoch in range(max_epochs):
        train_one_epoch(model)
        if stopper.step(validation_loss(model), model):
            break
    stopper.restore(model)      # back to the weights of the best epoch
"""

from __future__ import annotations

import numbers

import numpy as np

from dlcourse._validation import check_positive, check_positive_int
from dlcourse.nn.module import Module


class EarlyStopping:
    """Tracks a validation metric and says when to stop.

    patience: stop after this many epochs in a row without improvement (int >= 1).
    restore_best: snapshot ``model.state_dict()`` at every new best epoch so that
        :meth:`restore` can load it back.
    min_delta: an epoch improves only if it beats the best by more than this (>= 0).
    mode: "min" for a loss or error rate, "max" for an accuracy.

    Attributes: ``best`` (best metric so far, None before the first step),
    ``best_epoch`` (0-based index of the step that gave it), ``epochs_since_best``,
    ``epoch`` (number of steps taken).
    """

    def __init__(self, patience=5, restore_best=True, min_delta=0.0, mode="min"):
        self.patience = check_positive_int(patience, "patience")
        self.restore_best = bool(restore_best)
        self.min_delta = check_positive(min_delta, "min_delta", allow_zero=True)
        if mode not in ("min", "max"):
            raise ValueError(f"mode must be 'min' or 'max', got {mode!r}")
        self.mode = mode
        self.best = None
        self.best_epoch = None
        self.epochs_since_best = 0
        self.epoch = 0
        self.best_state = None

    def _improves(self, metric):
        if self.best is None:
            return True
        if self.mode == "min":
            return metric < self.best - self.min_delta
        return metric > self.best + self.min_delta

    def step(self, metric, model=None):
        """Record one epoch's validation metric. Returns True when training should stop.

        metric: a real number (NaN raises ValueError: a diverged run should fail loudly).
        model: the ``Module`` being trained; with restore_best its weights are
            snapshotted whenever the metric improves.
        """
        if isinstance(metric, bool) or not isinstance(metric, (numbers.Real, np.floating, np.integer)):
            raise ValueError(f"metric must be a real number, got {metric!r}")
        metric = float(metric)
        if np.isnan(metric):
            raise ValueError("metric is NaN: the validation metric must be a number")
        if model is not None and not isinstance(model, Module):
            raise ValueError(f"model must be a dlcourse Module, got {type(model).__name__}")
        if self._improves(metric):
            self.best = metric
            self.best_epoch = self.epoch
            self.epochs_since_best = 0
            if self.restore_best and model is not None:
                self.best_state = model.state_dict()
        else:
            self.epochs_since_best += 1
        self.epoch += 1
        return self.epochs_since_best >= self.patience

    def restore(self, model):
        """Load the weights saved at the best epoch into ``model``."""
        if not isinstance(model, Module):
            raise ValueError(f"model must be a dlcourse Module, got {type(model).__name__}")
        if self.best_state is None:
            raise ValueError("no weights saved: use restore_best=True and pass the model to step()")
        model.load_state_dict(self.best_state)
