"""A training loop: minibatch SGD (any optimizer) with history, schedules and early stopping.

    history = fit(model, cross_entropy, SGD(model.parameters(), lr=0.1),
                  load_digits(), epochs=20, batch_size=64)

One epoch = one pass over the training set in minibatches of ``batch_size``
examples (the batch size is the number of examples per gradient estimate; an
epoch is a full pass: one lecture slide mixes the two up).
"""

from __future__ import annotations

import os

import numpy as np
from tqdm.auto import tqdm

from dlcourse._validation import as_float_array, as_labels, as_rng, check_positive_int
from dlcourse.data.batching import minibatches


def fit(model, loss, optimizer, data, epochs, batch_size, schedule=None, early_stopping=None,
        progress=True, rng=None):
    """Train ``model`` and return its history.

    model: a ``dlcourse.nn.Module`` mapping X (N, ...) to scores (N, C).
    loss: callable ``(scores (N, C), y (N,)) -> (loss, dscores (N, C))``, e.g.
        ``dlcourse.functional.cross_entropy``.
    optimizer: a ``dlcourse.optim`` optimizer over ``model.parameters()``.
    data: ``(X_train, y_train)``, ``(X_train, y_train, X_val, y_val)``, or an object
        with attributes ``X_train, y_train`` and optionally ``X_val, y_val`` (such as
        what ``dlcourse.data.load_digits()`` returns).
    schedule: optional callable ``epoch -> learning rate``, applied at the start of each epoch.
    early_stopping: optional ``dlcourse.regularization.EarlyStopping``, fed the validation
        loss (the training loss when there is no validation set) after every epoch.
    progress: show a tqdm bar (always silent while nbgrader grades: NBGRADER_EXECUTION).
    Returns a dict: ``loss`` (mean training loss per epoch), ``train_acc``, ``val_loss``,
    ``val_acc`` (empty without validation data), ``lr`` per epoch, and ``best_epoch``.
    """
    X_train, y_train, X_val, y_val = _unpack(data)
    epochs = check_positive_int(epochs, "epochs")
    batch_size = check_positive_int(batch_size, "batch_size")
    if not callable(loss):
        raise ValueError("loss must be a callable (scores, y) -> (loss, dscores)")
    if schedule is not None and not callable(schedule):
        raise ValueError("schedule must be a callable epoch -> learning rate")
    rng = as_rng(rng)
    history = {"loss": [], "train_acc": [], "val_loss": [], "val_acc": [], "lr": [], "best_epoch": None}

    quiet = not progress or bool(os.environ.get("NBGRADER_EXECUTION"))
    bar = tqdm(range(epochs), desc="training", unit="epoch", disable=quiet)
    for epoch in bar:
        if schedule is not None:
            optimizer.lr = float(schedule(epoch))
        history["lr"].append(optimizer.lr)
        history["loss"].append(train_epoch(model, loss, optimizer, X_train, y_train, batch_size, rng))
        history["train_acc"].append(evaluate(model, loss, X_train, y_train)[1])
        if X_val is not None:
            val_loss, val_acc = evaluate(model, loss, X_val, y_val)
            history["val_loss"].append(val_loss)
            history["val_acc"].append(val_acc)
        bar.set_postfix(_postfix(history))
        if early_stopping is not None:
            monitored = history["val_loss"][-1] if X_val is not None else history["loss"][-1]
            if early_stopping.step(monitored, model):
                break
    bar.close()

    if early_stopping is not None:
        history["best_epoch"] = early_stopping.best_epoch
        if early_stopping.restore_best:
            early_stopping.restore(model)
    else:
        curve = history["val_acc"] or history["train_acc"]
        history["best_epoch"] = int(np.argmax(curve))
    return history


def train_epoch(model, loss, optimizer, X, y, batch_size, rng=None):
    """One pass over (X, y) in shuffled minibatches. Returns the mean loss over examples."""
    model.train()
    total, count = 0.0, 0
    for X_batch, y_batch in minibatches(X, y, batch_size, shuffle=True, rng=rng):
        optimizer.zero_grad()
        batch_loss, dscores = loss(_finite_scores(model, X_batch), y_batch)
        model.backward(dscores)
        optimizer.step()
        total += float(batch_loss) * len(y_batch)
        count += len(y_batch)
    return total / count


def evaluate(model, loss, X, y, batch_size=1024):
    """Mean loss and accuracy of ``model`` on (X, y), in eval mode.

    X: (N, ...); y: (N,) class indices. Returns ``(loss, accuracy)``.
    The model is left in eval mode; ``fit`` switches it back to train mode.
    """
    model.eval()
    total_loss, correct = 0.0, 0
    for start in range(0, len(y), batch_size):
        scores = _finite_scores(model, X[start:start + batch_size])
        batch_y = y[start:start + batch_size]
        total_loss += float(loss(scores, batch_y)[0]) * len(batch_y)
        correct += int(np.sum(np.argmax(scores, axis=1) == batch_y))
    return total_loss / len(y), correct / len(y)


def predict(model, X, batch_size=1024):
    """Predicted class indices (N,) of ``model`` on X (N, ...), in eval mode."""
    model.eval()
    return np.concatenate([np.argmax(model.forward(X[s:s + batch_size]), axis=1)
                           for s in range(0, len(X), batch_size)])


def _finite_scores(model, X):
    scores = model.forward(X)
    if not np.all(np.isfinite(scores)):
        raise ValueError("the model's scores became NaN or infinite: "
                         "the learning rate is probably too high")
    return scores


def _unpack(data):
    if hasattr(data, "X_train"):
        parts = (data.X_train, data.y_train, getattr(data, "X_val", None), getattr(data, "y_val", None))
    elif isinstance(data, (tuple, list)) and len(data) in (2, 4):
        parts = tuple(data) + (None, None) if len(data) == 2 else tuple(data)
    else:
        raise ValueError("data must be (X_train, y_train), (X_train, y_train, X_val, y_val) "
                         "or an object with X_train and y_train attributes")
    X_train = as_float_array(parts[0], "X_train", min_ndim=2)
    y_train = as_labels(parts[1], num_samples=len(X_train), name="y_train")
    if parts[2] is None or parts[3] is None:
        return X_train, y_train, None, None
    X_val = as_float_array(parts[2], "X_val", min_ndim=2)
    y_val = as_labels(parts[3], num_samples=len(X_val), name="y_val")
    return X_train, y_train, X_val, y_val


def _postfix(history):
    shown = {"loss": f"{history['loss'][-1]:.4f}", "train_acc": f"{history['train_acc'][-1]:.3f}"}
    if history["val_acc"]:
        shown["val_acc"] = f"{history['val_acc'][-1]:.3f}"
    return shown
