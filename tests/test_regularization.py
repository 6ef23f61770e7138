"""Label smoothing (one-hot, smoothed targets, torch's convention) and FGSM adversarial examples.

Penalties: test_penalties.py; early stopping: test_early_stopping.py; augmentation: test_augmentation.py.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse.regularization.adversarial import fgsm
from dlcourse.regularization.labels import one_hot, smooth_labels, torch_eps_equivalent


def log_softmax(scores):
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def soft_cross_entropy(scores, targets):
    """Mean over examples of -sum_k t_k log softmax(s)_k."""
    return -np.mean(np.sum(targets * log_softmax(scores), axis=1))


# ---------------------------------------------------------------------------- one-hot and smoothing


def test_one_hot_matches_torch(rng):
    y = rng.integers(0, 5, size=12)
    np.testing.assert_array_equal(one_hot(y, 5), F.one_hot(torch.tensor(y), 5).numpy(),
                                  err_msg="one_hot vs torch.nn.functional.one_hot")
    assert one_hot(y, 5).dtype == np.float64


def test_smooth_labels_lecture_form():
    targets = smooth_labels(np.array([0, 2]), 4, 0.3)
    np.testing.assert_allclose(targets, [[0.7, 0.1, 0.1, 0.1], [0.1, 0.1, 0.7, 0.1]], rtol=1e-14,
                               err_msg="1 - eps on the true class, eps/(K-1) elsewhere")


@settings(max_examples=30, deadline=None)
@given(num_classes=st.integers(2, 12), eps=st.floats(0.0, 0.99), seed=st.integers(0, 2**16))
def test_smooth_labels_are_distributions(num_classes, eps, seed):
    y = np.random.default_rng(seed).integers(0, num_classes, size=7)
    targets = smooth_labels(y, num_classes, eps)
    assert targets.shape == (7, num_classes)
    np.testing.assert_allclose(targets.sum(axis=1), 1.0, rtol=1e-12, err_msg="rows sum to 1")
    assert np.all(targets >= 0)
    np.testing.assert_allclose(targets[np.arange(7), y], 1.0 - eps, err_msg="true class gets 1 - eps")
    # eps is the probability the label is WRONG (errata): the mass off the true class is eps
    np.testing.assert_allclose(1.0 - targets[np.arange(7), y], eps, atol=1e-12)


def test_smooth_labels_eps_zero_is_one_hot(rng):
    y = rng.integers(0, 3, size=5)
    np.testing.assert_array_equal(smooth_labels(y, 3, 0.0), one_hot(y, 3))


@pytest.mark.parametrize("num_classes", [2, 5, 10])
def test_smoothed_cross_entropy_matches_torch_label_smoothing(num_classes, rng):
    eps = 0.2
    scores = rng.standard_normal((8, num_classes))
    y = rng.integers(0, num_classes, size=8)
    targets = smooth_labels(y, num_classes, eps)
    loss = soft_cross_entropy(scores, targets)

    scores_t = torch.tensor(scores, dtype=torch.float64, requires_grad=True)
    loss_t = F.cross_entropy(scores_t, torch.tensor(y), label_smoothing=torch_eps_equivalent(eps, num_classes))
    loss_t.backward()
    np.testing.assert_allclose(loss, loss_t.item(), rtol=1e-12,
                               err_msg="lecture eps vs torch label_smoothing = eps K/(K-1)")
    # d loss / d scores = (softmax - targets) / N for soft targets
    grad = (np.exp(log_softmax(scores)) - targets) / scores.shape[0]
    np.testing.assert_allclose(grad, scores_t.grad.numpy(), rtol=1e-10, atol=1e-14,
                               err_msg="soft-target cross-entropy gradient vs torch autograd")


def test_torch_eps_equivalent_formula():
    assert torch_eps_equivalent(0.0, 10) == 0.0
    np.testing.assert_allclose(torch_eps_equivalent(0.9, 10), 1.0, err_msg="eps = (K-1)/K is uniform: torch's 1")


def test_label_bad_inputs():
    with pytest.raises(ValueError, match="eps must be in"):
        smooth_labels(np.array([0, 1]), 3, 1.0)
    with pytest.raises(ValueError, match="eps must be in"):
        smooth_labels(np.array([0, 1]), 3, -0.1)
    with pytest.raises(ValueError, match="num_classes >= 2"):
        smooth_labels(np.array([0, 0]), 1, 0.1)
    with pytest.raises(ValueError, match="num_classes >= 2"):
        torch_eps_equivalent(0.1, 1)
    with pytest.raises(ValueError, match="must be in \\[0, 3\\)"):
        one_hot(np.array([0, 3]), 3)
    with pytest.raises(ValueError, match="num_classes must be >= 1"):
        one_hot(np.array([0]), 0)
    with pytest.raises(ValueError, match="1-D"):
        one_hot(np.zeros((2, 2), dtype=int), 3)


# ---------------------------------------------------------------------------- FGSM


def test_fgsm_moves_every_coordinate_by_eps(rng):
    x = rng.standard_normal((4, 6))
    grad = rng.standard_normal((4, 6))
    grad[0, 0] = 0.0
    eps = 0.03
    x_adv = fgsm(x, grad, eps)
    moved = grad != 0
    np.testing.assert_allclose(np.abs(x_adv - x)[moved], eps, rtol=1e-12, err_msg="|x_adv - x| = eps")
    assert np.all(np.sign(x_adv - x)[moved] == np.sign(grad)[moved]), "moves along sign(grad)"
    assert x_adv[0, 0] == x[0, 0], "a zero gradient leaves the coordinate unchanged"
    np.testing.assert_array_equal(fgsm(x, grad, 0.0), x, err_msg="eps = 0 is the identity")


def test_fgsm_clip():
    x = np.array([0.0, 0.5, 1.0])
    grad = np.array([-1.0, 1.0, 1.0])
    np.testing.assert_allclose(fgsm(x, grad, 0.1, clip=(0.0, 1.0)), [0.0, 0.6, 1.0],
                               err_msg="x_adv clipped to the valid range")


def test_fgsm_increases_logistic_regression_loss(rng):
    x = rng.standard_normal((10, 5))
    y = rng.integers(0, 2, size=10).astype(np.float64)
    w = torch.tensor(rng.standard_normal(5), dtype=torch.float64)
    b = torch.tensor(0.1, dtype=torch.float64)

    def losses(inputs):
        return F.binary_cross_entropy_with_logits(inputs @ w + b, torch.tensor(y), reduction="none")

    x_t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    losses(x_t).mean().backward()
    x_adv = fgsm(x, x_t.grad.numpy(), eps=0.1)
    before = losses(torch.tensor(x)).detach().numpy()
    after = losses(torch.tensor(x_adv)).detach().numpy()
    assert after.mean() > before.mean(), "FGSM increases the mean loss"
    # for a linear model every example's logit moves by eps * sum|w| the wrong way
    assert np.all(after > before), "FGSM increases every example's loss"


def test_fgsm_bad_inputs():
    with pytest.raises(ValueError, match="grad must have the shape of x"):
        fgsm(np.ones(3), np.ones(4), 0.1)
    with pytest.raises(ValueError, match="eps must be >= 0"):
        fgsm(np.ones(3), np.ones(3), -0.1)
    with pytest.raises(ValueError, match="clip must be a pair"):
        fgsm(np.ones(3), np.ones(3), 0.1, clip=(0.0,))
    with pytest.raises(ValueError, match="lo <= hi"):
        fgsm(np.ones(3), np.ones(3), 0.1, clip=(1.0, 0.0))
    with pytest.raises(ValueError, match="NaN"):
        fgsm(np.ones(3), np.array([1.0, np.nan, 1.0]), 0.1)
