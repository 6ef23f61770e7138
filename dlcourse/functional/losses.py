"""Loss functions, each returning ``(loss, gradient of the loss with respect to its input)``.

    cross_entropy                 softmax classifier, lecture 001 (label smoothing: lecture 004)
    binary_cross_entropy          logistic output units, lectures 002 and 003
    binary_cross_entropy_with_logits   the same, computed from the pre-sigmoid z (stable)
    mse                           mean squared error

Every loss is a mean (over the batch, or over all elements), as torch's default
``reduction="mean"``, so the gradients carry a ``1 / N`` factor. Logs are natural logs.
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array, as_labels, check_positive, check_probability, check_shape
from dlcourse.functional.activations import sigmoid
from dlcourse.functional.softmax import log_softmax, softmax

_SMOOTHING_FORMS = ("lecture", "torch")


def cross_entropy(scores, y, label_smoothing=0.0, smoothing="lecture"):
    """Softmax cross-entropy, averaged over the batch, and its gradient.

    scores: (N, C) unnormalized log-probabilities. y: (N,) integer labels in [0, C).
    label_smoothing: eps in [0, 1), the probability that a label is wrong.
    smoothing: how eps is spread over the classes (the target row t_i):

        "lecture" (004):  t = 1 - eps on the true class, eps / (K - 1) on each other class
        "torch":          t = eps / K on every class, plus 1 - eps on the true class
                          (torch's ``label_smoothing=eps``; the lecture's eps equals
                          torch's eps (K - 1) / K)

    With eps = 0 both are the one-hot vector of lecture 001. Each t row sums to 1, so::

        L      = -(1/N) sum_i sum_k t_ik log softmax(s_i)_k
        dL/ds  = (softmax(s) - t) / N

    Returns (loss: float, dscores: (N, C)).

    Lecture 001 computes -log(0.13) = 0.89 for its cat example: that is log10;
    the natural log gives 2.04. Lecture 004 calls eps "a probability for which we
    think the labels are correct": it is the probability that they are wrong.
    """
    scores = as_float_array(scores, "scores", ndim=2)
    num_samples, num_classes = scores.shape
    if num_samples == 0 or num_classes == 0:
        raise ValueError(f"scores must have at least one sample and one class, got shape {scores.shape}")
    y = as_labels(y, num_samples, num_classes)
    targets = _smoothed_targets(y, num_classes, label_smoothing, smoothing)
    loss = -np.sum(targets * log_softmax(scores, axis=1)) / num_samples
    dscores = (softmax(scores, axis=1) - targets) / num_samples
    return float(loss), dscores


def _smoothed_targets(y, num_classes, label_smoothing, smoothing):
    """The target distribution t: (N, C), one row per label (one-hot when eps = 0)."""
    eps = check_probability(label_smoothing, "label_smoothing")
    if smoothing not in _SMOOTHING_FORMS:
        raise ValueError(f"smoothing must be one of {_SMOOTHING_FORMS}, got {smoothing!r}")
    one_hot = np.zeros((y.shape[0], num_classes))
    one_hot[np.arange(y.shape[0]), y] = 1.0
    if eps == 0:
        return one_hot
    if smoothing == "torch":
        return (1.0 - eps) * one_hot + eps / num_classes
    if num_classes < 2:
        raise ValueError("the lecture's label smoothing spreads eps over K - 1 other classes: it needs K >= 2")
    return (1.0 - eps) * one_hot + eps / (num_classes - 1) * (1.0 - one_hot)


def binary_cross_entropy(probs, targets, eps=1e-12):
    """Cross-entropy of predicted probabilities p against targets t, averaged over all elements.

    probs: any shape, values in [0, 1] (e.g. sigmoid outputs h(x)).
    targets: same shape, values in [0, 1] (usually 0 or 1).
    eps: p is clipped into [eps, 1 - eps] inside the logs and the division, so
    p = 0 or 1 gives a large but finite loss and gradient.

        L     = -(1/M) sum [t log p + (1 - t) log(1 - p)]        (M = number of elements)
        dL/dp = (1/M) (p - t) / (p (1 - p))

    The gradient is this formula with the clipped p in the denominator only (as
    torch, which divides by max(p (1 - p), 1e-12)), not the zero slope of the clip:
    it is 0 where p = t, and a confidently wrong p = 0 is still pushed towards t.
    Returns (loss: float, dprobs: probs' shape).

    Lectures 002 and 003 write the cost without the leading minus; only with it is
    the cost minimised by gradient descent and is dL/dz = a - y for p = sigmoid(z).
    """
    probs = as_float_array(probs, "probs")
    targets = _check_targets(targets, probs)
    if np.any((probs < 0) | (probs > 1)):
        raise ValueError(f"probs must be in [0, 1], got values from {probs.min()} to {probs.max()}")
    eps = check_positive(eps, "eps")
    if eps >= 0.5:
        raise ValueError(f"eps must be in (0, 0.5), got {eps}")
    p = np.clip(probs, eps, 1.0 - eps)
    loss = -np.mean(targets * np.log(p) + (1.0 - targets) * np.log(1.0 - p))
    dprobs = (probs - targets) / (p * (1.0 - p)) / probs.size
    return float(loss), dprobs


def binary_cross_entropy_with_logits(logits, targets):
    """Binary cross-entropy of ``p = sigmoid(z)`` computed from the logits z, stable for any z.

    logits: any shape, z. targets: same shape, values in [0, 1].

    Substituting log p = -log(1 + exp(-z)) and log(1 - p) = -z - log(1 + exp(-z)) gives
    the per-element loss ``log(1 + exp(-z)) + (1 - t) z``; written so that exp never
    sees a positive argument::

        loss_elem = max(z, 0) - t z + log(1 + exp(-|z|))
        L         = (1/M) sum loss_elem                          (M = number of elements)
        dL/dz     = (sigmoid(z) - t) / M

    dL/dz is the output delta "a - y" of lectures 002 and 003.
    Returns (loss: float, dlogits: logits' shape).
    """
    logits = as_float_array(logits, "logits")
    targets = _check_targets(targets, logits)
    per_element = np.maximum(logits, 0.0) - targets * logits + np.log1p(np.exp(-np.abs(logits)))
    dlogits = (sigmoid(logits) - targets) / logits.size
    return float(np.mean(per_element)), dlogits


def mse(pred, target):
    """Mean squared error over all elements, like torch's ``F.mse_loss``.

    pred: any shape. target: same shape.

        L        = (1/M) sum (pred - target)^2                   (M = number of elements)
        dL/dpred = 2 (pred - target) / M

    Returns (loss: float, dpred: pred's shape).
    """
    pred = as_float_array(pred, "pred")
    if pred.size == 0:
        raise ValueError("pred must have at least one element")
    target = as_float_array(target, "target")
    check_shape(target, pred.shape, "target")
    diff = pred - target
    return float(np.mean(diff * diff)), 2.0 * diff / pred.size


def _check_targets(targets, inputs):
    """Targets for the binary losses: same shape as the (non-empty) inputs, values in [0, 1]."""
    if inputs.size == 0:
        raise ValueError("the input must have at least one element")
    targets = as_float_array(targets, "targets")
    check_shape(targets, inputs.shape, "targets")
    if np.any((targets < 0) | (targets > 1)):
        raise ValueError(f"targets must be in [0, 1], got values from {targets.min()} to {targets.max()}")
    return targets
