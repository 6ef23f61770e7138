"""Norm penalties (L1, L2, elastic net), the weight-decay shrink, and soft thresholding."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse.gradcheck import numerical_gradient, rel_error
from dlcourse.regularization.penalties import elastic_net, l1_penalty, l2_penalty, l2_shrink
from dlcourse.regularization.soft_threshold import soft_threshold


def weights_away_from_zero(rng, shape):
    """Random weights with |w| >= 0.1, so |w| is differentiable within a finite-difference step."""
    magnitude = rng.uniform(0.1, 2.0, size=shape)
    return magnitude * rng.choice([-1.0, 1.0], size=shape)


PENALTIES = {
    "l1": (l1_penalty, lambda w, lam: lam * w.abs().sum()),
    "l2": (l2_penalty, lambda w, lam: lam * (w * w).sum()),
    "elastic_net": (
        lambda w, lam: elastic_net(w, lam, beta=0.7),
        lambda w, lam: lam * (0.7 * w * w + w.abs()).sum(),
    ),
}


# ---------------------------------------------------------------------------- gradients


@pytest.mark.parametrize("name", sorted(PENALTIES))
@pytest.mark.parametrize("shape", [(5,), (3, 4), (2, 3, 2)])
def test_penalty_gradient_matches_numerical(name, shape, rng):
    penalty, _ = PENALTIES[name]
    w = weights_away_from_zero(rng, shape)
    lam = 0.3
    _, grad = penalty(w, lam)
    numeric = numerical_gradient(lambda z: penalty(z, lam)[0], w.copy())
    assert grad.shape == w.shape
    assert rel_error(grad, numeric) < 1e-8, f"{name}: analytic vs centred-difference gradient"


@pytest.mark.parametrize("name", sorted(PENALTIES))
def test_penalty_value_and_gradient_match_torch_autograd(name, rng):
    penalty, torch_formula = PENALTIES[name]
    w = weights_away_from_zero(rng, (4, 3))
    lam = 0.45
    value, grad = penalty(w, lam)
    w_t = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    value_t = torch_formula(w_t, lam)
    value_t.backward()
    np.testing.assert_allclose(value, value_t.item(), rtol=1e-12, err_msg=f"{name}: value vs torch")
    np.testing.assert_allclose(grad, w_t.grad.numpy(), rtol=1e-12, atol=1e-14, err_msg=f"{name}: grad vs torch")


def test_l1_subgradient_is_zero_at_zero():
    _, grad = l1_penalty(np.array([-2.0, 0.0, 3.0]), 0.5)
    np.testing.assert_array_equal(grad, [-0.5, 0.0, 0.5], err_msg="L1 subgradient: lam*sign(w), 0 at w = 0")
    _, grad = elastic_net(np.array([0.0]), 0.5, beta=2.0)
    np.testing.assert_array_equal(grad, [0.0], err_msg="elastic net subgradient at w = 0")


def test_elastic_net_is_l1_plus_beta_times_l2(rng):
    w = rng.standard_normal((3, 5))
    lam, beta = 0.2, 1.5
    value, grad = elastic_net(w, lam, beta=beta)
    l1_value, l1_grad = l1_penalty(w, lam)
    l2_value, l2_grad = l2_penalty(w, lam * beta)
    np.testing.assert_allclose(value, l1_value + l2_value, rtol=1e-13, err_msg="elastic net value = L1 + beta L2")
    np.testing.assert_allclose(grad, l1_grad + l2_grad, rtol=1e-13, err_msg="elastic net grad = L1 + beta L2")
    np.testing.assert_allclose(elastic_net(w, lam, beta=0.0)[0], l1_value, err_msg="beta = 0 is pure L1")


def test_lecture_004_weight_decay_is_l2_with_half_alpha(rng):
    # lecture 004: alpha/2 w^T w has gradient alpha w; lecture 001's lam sum w^2 with lam = alpha/2
    w = rng.standard_normal(6)
    alpha = 0.8
    value, grad = l2_penalty(w, alpha / 2)
    np.testing.assert_allclose(value, alpha / 2 * w @ w, rtol=1e-13, err_msg="alpha/2 w^T w")
    np.testing.assert_allclose(grad, alpha * w, rtol=1e-13, err_msg="gradient alpha w")


# ---------------------------------------------------------------------------- lecture 001 example


def test_lecture_001_l2_prefers_spread_weights_l1_ties():
    x = np.array([1.0, 1.0, 1.0, 1.0])
    w1 = np.array([1.0, 0.0, 0.0, 0.0])
    w2 = np.array([0.25, 0.25, 0.25, 0.25])
    assert w1 @ x == w2 @ x == 1.0, "both weight vectors give the same score"
    l2_w1, l2_w2 = l2_penalty(w1, 1.0)[0], l2_penalty(w2, 1.0)[0]
    assert (l2_w1, l2_w2) == (1.0, 0.25)
    assert l2_w2 < l2_w1, "L2 prefers the spread-out w2"
    assert l1_penalty(w1, 1.0)[0] == l1_penalty(w2, 1.0)[0] == 1.0, "L1 cannot tell them apart"


# ---------------------------------------------------------------------------- weight decay shrink


def test_l2_shrink_is_the_penalty_part_of_a_gradient_step(rng):
    w = rng.standard_normal((3, 4))
    data_grad = rng.standard_normal((3, 4))
    lr, lam = 0.1, 0.05
    full_step = w - lr * (data_grad + l2_penalty(w, lam)[1])
    np.testing.assert_allclose(
        l2_shrink(w, lr, lam) - lr * data_grad, full_step, rtol=1e-13,
        err_msg="(1 - 2 lr lam) w - lr g equals w - lr (g + 2 lam w)",
    )
    np.testing.assert_allclose(l2_shrink(w, lr, lam), (1 - 2 * lr * lam) * w, rtol=1e-14)


def test_l2_shrink_matches_torch_sgd_weight_decay(rng):
    # torch's weight_decay=wd adds wd * w to the gradient: the penalty wd/2 ||w||^2, so wd = 2 lam
    w = rng.standard_normal(5)
    lr, lam = 0.3, 0.2
    w_t = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    w_t.grad = torch.zeros_like(w_t)
    torch.optim.SGD([w_t], lr=lr, weight_decay=2 * lam).step()
    np.testing.assert_allclose(l2_shrink(w, lr, lam), w_t.detach().numpy(), rtol=1e-14,
                               err_msg="l2_shrink vs torch SGD(weight_decay=2 lam) with zero data gradient")


def test_l2_shrink_does_not_modify_input():
    w = np.array([1.0, -2.0])
    l2_shrink(w, 0.1, 0.1)
    np.testing.assert_array_equal(w, [1.0, -2.0])


# ---------------------------------------------------------------------------- soft thresholding


def golden_section_minimum(f, lo, hi, tol=1e-11):
    """Minimiser of a convex 1-D function on [lo, hi] (scipy-free)."""
    ratio = (np.sqrt(5.0) - 1.0) / 2.0
    a, b = lo, hi
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    while b - a > tol:
        if f(c) < f(d):
            b, d = d, c
            c = b - ratio * (b - a)
        else:
            a, c = c, d
            d = a + ratio * (b - a)
    return (a + b) / 2.0


@settings(max_examples=30, deadline=None)
@given(
    w_star=st.floats(-5.0, 5.0),
    hessian=st.floats(0.1, 10.0),
    alpha=st.floats(0.0, 5.0),
)
def test_soft_threshold_is_the_l1_regularized_minimum(w_star, hessian, alpha):
    # lecture 004: min_w 1/2 H (w - w*)^2 + alpha |w|  ->  sign(w*) max(|w*| - alpha/H, 0)
    def objective(w):
        return 0.5 * hessian * (w - w_star) ** 2 + alpha * abs(w)

    searched = golden_section_minimum(objective, -abs(w_star) - 1.0, abs(w_star) + 1.0)
    closed_form = soft_threshold(w_star, alpha / hessian)
    # Where |w*| = alpha/H the objective is flat to second order at the kink w = 0, so a golden-section
    # search can only locate the minimum to about sqrt(machine eps) ~ 1e-8 there: compare at 1e-6;
    # the objective comparison below is the strict check.
    np.testing.assert_allclose(closed_form, searched, atol=1e-6,
                               err_msg="closed form vs golden-section search of the regularized objective")
    assert objective(float(closed_form)) <= objective(searched) + 1e-12


def test_soft_threshold_beats_a_fine_grid(rng):
    grid = np.linspace(-4.0, 4.0, 80001)
    for w_star, t in zip(rng.uniform(-3, 3, size=10), rng.uniform(0, 2, size=10)):
        objective = 0.5 * (grid - w_star) ** 2 + t * np.abs(grid)
        best_on_grid = grid[np.argmin(objective)]
        assert abs(soft_threshold(w_star, t) - best_on_grid) <= 1e-4, "closed form vs grid argmin"


def test_soft_threshold_sparsity_and_shift(rng):
    w = rng.standard_normal(1000)
    t = 0.5
    out = soft_threshold(w, t)
    small = np.abs(w) <= t
    assert np.all(out[small] == 0.0), "weights with |w*| <= threshold become exactly 0"
    np.testing.assert_allclose(np.abs(w[~small]) - np.abs(out[~small]), t, rtol=1e-12,
                               err_msg="the others move towards 0 by exactly the threshold")
    assert np.all(np.sign(out[~small]) == np.sign(w[~small])), "no sign flips"
    # L2 only rescales: w* H / (H + alpha) is never 0 for w* != 0
    assert np.count_nonzero(w / (1.0 + t)) == w.size


def test_soft_threshold_per_coordinate_threshold():
    w_star = np.array([3.0, 3.0, -1.0])
    hessian_diag = np.array([1.0, 4.0, 1.0])
    alpha = 2.0
    np.testing.assert_allclose(soft_threshold(w_star, alpha / hessian_diag), [1.0, 2.5, 0.0],
                               err_msg="threshold alpha / H_ii per coordinate")
    np.testing.assert_array_equal(soft_threshold(w_star, 0.0), w_star, err_msg="threshold 0 is the identity")


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("penalty", [l1_penalty, l2_penalty, elastic_net])
def test_penalties_reject_negative_lambda(penalty):
    with pytest.raises(ValueError, match="lam must be >= 0"):
        penalty(np.ones(3), -0.1)


def test_penalties_accept_large_lambda():
    # errata: lecture 004 writes alpha in [0, 1]; any alpha >= 0 is valid
    assert l2_penalty(np.ones(2), 10.0)[0] == 20.0


def test_penalty_bad_inputs():
    with pytest.raises(ValueError, match="beta must be >= 0"):
        elastic_net(np.ones(3), 0.1, beta=-1.0)
    with pytest.raises(ValueError, match="NaN"):
        l1_penalty(np.array([1.0, np.nan]), 0.1)
    with pytest.raises(ValueError, match="array of numbers"):
        l2_penalty(["a", "b"], 0.1)
    with pytest.raises(ValueError, match="2 \\* lr \\* lam must be <= 1"):
        l2_shrink(np.ones(3), 1.0, 1.0)
    with pytest.raises(ValueError, match="lr must be >= 0"):
        l2_shrink(np.ones(3), -1.0, 0.1)
    with pytest.raises(ValueError, match="threshold must be >= 0"):
        soft_threshold(np.ones(3), -0.5)
