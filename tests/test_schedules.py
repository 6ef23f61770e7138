"""Tests of dlcourse.optim.schedules against torch.optim.lr_scheduler and the lectures' formulas."""

import math
import warnings

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse.optim.schedules import exponential_decay, inverse_time_decay, linear_decay, step_decay


def torch_schedule(lr0, make_scheduler, steps):
    """The learning rates k = 0 .. steps-1 that a torch scheduler gives (stepped once per k)."""
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr0)
    scheduler = make_scheduler(optimizer)
    rates = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no real training: torch warns about the step order
        for _ in range(steps):
            rates.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            scheduler.step()
    return np.array(rates)


def test_linear_decay_matches_torch_linear_lr_and_lambda_lr():
    """eps_k = (1 - k/tau) eps_0 + (k/tau) eps_tau, then constant: LinearLR(1, eps_tau/eps_0, tau)."""
    lr0, lr_tau, tau = 0.1, 0.001, 20
    ours = np.array([linear_decay(k, lr0, lr_tau, tau) for k in range(30)])
    linear = torch_schedule(lr0, lambda o: torch.optim.lr_scheduler.LinearLR(
        o, start_factor=1.0, end_factor=lr_tau / lr0, total_iters=tau), 30)
    lam = torch_schedule(lr0, lambda o: torch.optim.lr_scheduler.LambdaLR(
        o, lambda k: (1 - min(k, tau) / tau) + min(k, tau) / tau * lr_tau / lr0), 30)
    np.testing.assert_allclose(ours, linear, rtol=1e-12, err_msg="linear_decay vs torch LinearLR")
    np.testing.assert_allclose(ours, lam, rtol=1e-12, err_msg="linear_decay vs torch LambdaLR")


def test_linear_decay_endpoints_and_rising_schedule():
    assert linear_decay(0, 0.1, 0.001, 10) == 0.1
    assert linear_decay(10, 0.1, 0.001, 10) == pytest.approx(0.001, rel=1e-12)
    assert linear_decay(1000, 0.1, 0.001, 10) == pytest.approx(0.001, rel=1e-12)
    assert linear_decay(5, 0.0, 1.0, 10) == pytest.approx(0.5), "lr_tau > lr0 is a linear warm-up"


def test_step_decay_matches_torch_step_lr():
    ours = np.array([step_decay(k, 0.1, drop=0.5, every=7) for k in range(40)])
    theirs = torch_schedule(0.1, lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5), 40)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, err_msg="step_decay vs torch StepLR")
    assert step_decay(9, 1.0) == 1.0 and step_decay(10, 1.0) == 0.5, "defaults: halve every 10 epochs"


def test_exponential_decay_matches_torch_exponential_lr():
    rate = 0.05
    ours = np.array([exponential_decay(k, 0.1, rate) for k in range(40)])
    theirs = torch_schedule(0.1, lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=math.exp(-rate)), 40)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, err_msg="exponential_decay vs ExponentialLR(exp(-rate))")


def test_inverse_time_decay_matches_torch_lambda_lr():
    rate = 0.3
    ours = np.array([inverse_time_decay(k, 0.1, rate) for k in range(40)])
    theirs = torch_schedule(0.1, lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda k: 1 / (1 + rate * k)), 40)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, err_msg="inverse_time_decay vs LambdaLR(1/(1+rate k))")


@settings(max_examples=30, deadline=None)
@given(st.floats(1e-4, 1.0), st.floats(0.0, 1.0), st.integers(1, 50), st.floats(0.0, 2.0), st.floats(0.05, 1.0))
def test_schedules_never_increase_and_stay_positive(lr0, fraction, tau, rate, drop):
    """Property: with lr_tau <= lr0, rate >= 0 and drop <= 1 every schedule is non-increasing in k."""
    schedules = {
        "linear": lambda k: linear_decay(k, lr0, fraction * lr0, tau),
        "step": lambda k: step_decay(k, lr0, drop=drop, every=3),
        "exponential": lambda k: exponential_decay(k, lr0, rate),
        "inverse_time": lambda k: inverse_time_decay(k, lr0, rate),
    }
    for name, schedule in schedules.items():
        rates = np.array([schedule(k) for k in range(60)])
        assert rates[0] == pytest.approx(lr0, rel=1e-12), f"{name} starts at lr0"
        assert np.all(np.diff(rates) <= 1e-15 * lr0), f"{name} increased"
        assert np.all(rates >= 0), f"{name} went negative"


@pytest.mark.parametrize("call, match", [
    (lambda: linear_decay(-1, 0.1, 0.01, 10), "k must be >= 0"),
    (lambda: linear_decay(1.5, 0.1, 0.01, 10), "k must be an integer"),
    (lambda: linear_decay(1, -0.1, 0.01, 10), "lr0 must be >= 0"),
    (lambda: linear_decay(1, 0.1, -0.01, 10), "lr_tau must be >= 0"),
    (lambda: linear_decay(1, 0.1, 0.01, 0), "tau must be >= 1"),
    (lambda: step_decay(1, 0.1, drop=0.0), "drop must be in"),
    (lambda: step_decay(1, 0.1, drop=1.5), "drop must be in"),
    (lambda: step_decay(1, 0.1, every=0), "every must be >= 1"),
    (lambda: step_decay(-2, 0.1), "k must be >= 0"),
    (lambda: step_decay(1, float("nan")), "lr0 must be finite"),
    (lambda: exponential_decay(1, 0.1, -0.5), "rate must be >= 0"),
    (lambda: exponential_decay(1, -0.1, 0.5), "lr0 must be >= 0"),
    (lambda: exponential_decay(-1, 0.1, 0.5), "k must be >= 0"),
    (lambda: inverse_time_decay(1, 0.1, -0.5), "rate must be >= 0"),
    (lambda: inverse_time_decay(1, -0.1, 0.5), "lr0 must be >= 0"),
    (lambda: inverse_time_decay(-1, 0.1, 0.5), "k must be >= 0"),
])
def test_bad_schedule_arguments_raise(call, match):
    with pytest.raises(ValueError, match=match):
        call()
