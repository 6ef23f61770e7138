"""One-hot targets and label smoothing.

Label smoothing (lecture 004) replaces the hard target ``[1, 0, ..., 0]`` by

    [1 - eps, eps/(K-1), ..., eps/(K-1)]

so the softmax is never pushed towards probabilities of exactly 0 or 1.
Errata: the slide calls eps "a probability for which we think the labels are
correct"; eps is the probability that the label is *wrong*, spread evenly over
the K - 1 other classes.

torch's ``F.cross_entropy(..., label_smoothing=s)`` uses another form: ``s/K``
on every class plus ``1 - s`` on the true class, i.e. ``1 - s + s/K`` and
``s/K``. The two agree when ``s = eps K / (K - 1)``
(see :func:`torch_eps_equivalent`).
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_labels, check_positive_int, check_probability


def one_hot(y, num_classes):
    """One-hot targets: row i is 1 in column ``y[i]`` and 0 elsewhere.

    y: (N,) integer class labels in [0, num_classes). num_classes: K >= 1.
    Returns (N, K) float64.
    """
    num_classes = check_positive_int(num_classes, "num_classes")
    y = as_labels(y, num_classes=num_classes)
    targets = np.zeros((y.shape[0], num_classes))
    targets[np.arange(y.shape[0]), y] = 1.0
    return targets


def smooth_labels(y, num_classes, eps):
    """Smoothed targets: ``1 - eps`` on the true class, ``eps / (K - 1)`` on each other class.

    y: (N,) integer class labels. num_classes: K >= 2.
    eps: probability that a label is wrong, in [0, 1). eps = 0 gives one-hot targets.
    Returns (N, K) float64; every row sums to 1.
    """
    num_classes = check_positive_int(num_classes, "num_classes")
    if num_classes < 2:
        raise ValueError(f"label smoothing needs num_classes >= 2, got {num_classes}")
    eps = check_probability(eps, "eps")
    hard = one_hot(y, num_classes)
    return hard * (1.0 - eps) + (1.0 - hard) * (eps / (num_classes - 1))


def torch_eps_equivalent(eps, num_classes):
    """torch's ``label_smoothing`` value that gives the same targets as :func:`smooth_labels`.

    torch puts ``s/K`` on every wrong class; the lecture puts ``eps/(K-1)``.
    Equal when ``s = eps K / (K - 1)``. torch accepts s only up to 1, that is
    ``eps <= (K - 1) / K`` (uniform targets).

    eps: the lecture's smoothing, in [0, 1). num_classes: K >= 2.
    Returns s as a float.
    """
    num_classes = check_positive_int(num_classes, "num_classes")
    if num_classes < 2:
        raise ValueError(f"label smoothing needs num_classes >= 2, got {num_classes}")
    eps = check_probability(eps, "eps")
    return eps * num_classes / (num_classes - 1)
