"""Minibatches: one epoch of a data set cut into batches for stochastic gradient descent.

The batch size is the number of examples behind one gradient estimate; an epoch is
one pass over the whole training set. (Lecture 003's hyperparameter list defines
batch size as "the number of times the entire training set passes through the
network": that is an epoch.) Lecture 003: shuffle the data each epoch, so that
consecutive batches are not correlated (e.g. all of one class).
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_rng, check_positive_int


def minibatches(X, y, batch_size, shuffle=True, rng=None):
    """Yield ``(X_batch, y_batch)`` covering every example exactly once.

    X: (N, ...) any array of examples; y: (N,) or (N, ...) their targets.
    batch_size: examples per batch; the last batch holds the N mod batch_size left over
        (if any), so no example is dropped.
    shuffle: visit the examples in a random order (a new one each call: call once per epoch).
    rng: None, an int seed or a numpy Generator, used when shuffling.
    Yields X_batch: (B, ...), y_batch: (B, ...) with B = batch_size except maybe the last.
    """
    X = np.asarray(X)
    y = np.asarray(y)
    batch_size = check_positive_int(batch_size, "batch_size")
    if X.ndim == 0 or y.ndim == 0:
        raise ValueError(f"X and y must be arrays of examples, got shapes {X.shape} and {y.shape}")
    if len(X) != len(y):
        raise ValueError(f"X and y must hold the same number of examples, got {len(X)} and {len(y)}")
    order = as_rng(rng).permutation(len(X)) if shuffle else np.arange(len(X))
    for start in range(0, len(X), batch_size):
        batch = order[start : start + batch_size]
        yield X[batch], y[batch]
