import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dlcourse.functional.activations import (
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)
from dlcourse.gradcheck import check_module_gradients, numerical_gradient_array
from dlcourse.nn.activations import LeakyReLU, ReLU, Sigmoid, Tanh

EXTREMES = np.array([-1000.0, -50.0, -1.0, 0.0, 1.0, 50.0, 1000.0])

# (name, numpy function, numpy derivative, torch function, dlcourse layer, torch layer)
CASES = [
    ("sigmoid", sigmoid, sigmoid_grad, torch.sigmoid, Sigmoid, torch.nn.Sigmoid),
    ("tanh", tanh, tanh_grad, torch.tanh, Tanh, torch.nn.Tanh),
    ("relu", relu, relu_grad, F.relu, ReLU, torch.nn.ReLU),
    (
        "leaky_relu(0.1)",
        lambda x: leaky_relu(x, 0.1),
        lambda x: leaky_relu_grad(x, 0.1),
        lambda t: F.leaky_relu(t, 0.1),
        lambda: LeakyReLU(0.1),
        lambda: torch.nn.LeakyReLU(0.1),
    ),
]
IDS = [case[0] for case in CASES]


def away_from_zero(rng, shape):
    """Random inputs with |x| >= 0.1: centred differences must not straddle the ReLU kink."""
    x = rng.standard_normal(shape)
    return x + np.where(x >= 0, 0.1, -0.1)


def torch_value_and_grad(torch_fn, x, dout):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    out = torch_fn(t)
    out.backward(torch.tensor(dout, dtype=torch.float64))
    return out.detach().numpy(), t.grad.numpy()


# ---------------------------------------------------------------- functions


@pytest.mark.parametrize("name, fn, grad_fn, torch_fn, layer, torch_layer", CASES, ids=IDS)
def test_derivative_matches_numerical_gradient(name, fn, grad_fn, torch_fn, layer, torch_layer, rng):
    x = away_from_zero(rng, (3, 4))
    dout = rng.standard_normal((3, 4))
    numeric = numerical_gradient_array(fn, x.copy(), dout)
    np.testing.assert_allclose(dout * grad_fn(x), numeric, rtol=1e-7, atol=1e-9,
                               err_msg=f"{name}: analytic derivative vs centred difference")


@pytest.mark.parametrize("name, fn, grad_fn, torch_fn, layer, torch_layer", CASES, ids=IDS)
def test_function_and_derivative_match_torch(name, fn, grad_fn, torch_fn, layer, torch_layer, rng):
    x = np.concatenate([rng.standard_normal(20) * 3, EXTREMES])
    dout = rng.standard_normal(x.shape)
    expected_out, expected_dx = torch_value_and_grad(torch_fn, x, dout)
    np.testing.assert_allclose(fn(x), expected_out, rtol=1e-12, atol=1e-15,
                               err_msg=f"{name}: forward vs torch (incl. +-1000)")
    np.testing.assert_allclose(dout * grad_fn(x), expected_dx, rtol=1e-10, atol=1e-13,
                               err_msg=f"{name}: derivative vs torch autograd (incl. +-1000 and the kink at 0)")


@pytest.mark.parametrize("name, fn, grad_fn, torch_fn, layer, torch_layer", CASES, ids=IDS)
def test_no_overflow_warning_at_plus_minus_1000(name, fn, grad_fn, torch_fn, layer, torch_layer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            out, grad = fn(EXTREMES), grad_fn(EXTREMES)
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(grad)), f"{name}: non-finite values at +-1000"


def test_sigmoid_limits_and_symmetry(rng):
    np.testing.assert_array_equal(sigmoid(np.array([-1000.0, 0.0, 1000.0])), [0.0, 0.5, 1.0],
                                  err_msg="sigmoid saturates to exactly 0 and 1 and is 1/2 at 0")
    x = rng.standard_normal(10) * 5
    np.testing.assert_allclose(sigmoid(-x), 1 - sigmoid(x), rtol=1e-12, atol=1e-15,
                               err_msg="sigmoid(-x) = 1 - sigmoid(x)")


def test_tanh_is_a_scaled_sigmoid_as_the_lecture_writes(rng):
    x = rng.standard_normal(10) * 3
    np.testing.assert_allclose(tanh(x), 2 * sigmoid(2 * x) - 1, rtol=1e-12, atol=1e-14,
                               err_msg="tanh(x) = 2 sigmoid(2x) - 1 (lecture 003)")


def test_derivative_maxima_and_saturation():
    assert sigmoid_grad(0.0) == 0.25, "sigmoid' is largest at 0, where it is 1/4"
    assert tanh_grad(0.0) == 1.0, "tanh' is 1 at 0"
    np.testing.assert_array_equal(sigmoid_grad(np.array([-1000.0, 1000.0])), [0.0, 0.0],
                                  err_msg="saturated sigmoid kills the gradient")


def test_kink_at_zero_uses_torchs_choice():
    assert relu_grad(0.0) == 0.0, "relu'(0) = 0 as torch"
    assert leaky_relu_grad(0.0, 0.2) == 0.2, "leaky_relu'(0) = negative_slope as torch"
    x = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_array_equal(leaky_relu_grad(x, 0.0), relu_grad(x),
                                  err_msg="leaky ReLU with slope 0 has ReLU's derivative")
    np.testing.assert_array_equal(leaky_relu(x, 0.0), relu(x), err_msg="leaky ReLU with slope 0 is ReLU")


def test_leaky_relu_default_slope_is_the_lectures_0_01():
    np.testing.assert_allclose(leaky_relu(np.array([-3.0, 2.0])), [-0.03, 2.0], rtol=1e-15,
                               err_msg="a x for x < 0 with a = 0.01, x otherwise")
    np.testing.assert_allclose(leaky_relu_grad(np.array([-3.0, 2.0])), [0.01, 1.0], rtol=1e-15,
                               err_msg="derivative a for x < 0, 1 for x > 0")


@pytest.mark.parametrize("name, fn, grad_fn, torch_fn, layer, torch_layer", CASES, ids=IDS)
def test_float32_stays_float32_and_shape_is_kept(name, fn, grad_fn, torch_fn, layer, torch_layer, rng):
    x = rng.standard_normal((2, 3, 4)).astype(np.float32)
    assert fn(x).dtype == np.float32 and fn(x).shape == x.shape, f"{name} forward dtype/shape"
    assert grad_fn(x).dtype == np.float32 and grad_fn(x).shape == x.shape, f"{name} derivative dtype/shape"
    assert fn([1, -2]).dtype == np.float64, f"{name}: integer input becomes float64"


@pytest.mark.parametrize("bad", [-0.1, float("nan"), float("inf"), "0.1", None, True])
def test_negative_slope_is_validated(bad):
    with pytest.raises(ValueError, match="negative_slope"):
        leaky_relu(np.ones(3), bad)
    with pytest.raises(ValueError, match="negative_slope"):
        leaky_relu_grad(np.ones(3), bad)
    with pytest.raises(ValueError, match="negative_slope"):
        LeakyReLU(bad)


@pytest.mark.parametrize("fn", [sigmoid, sigmoid_grad, tanh, tanh_grad, relu, relu_grad, leaky_relu, leaky_relu_grad])
def test_bad_input_raises(fn):
    with pytest.raises(ValueError, match="NaN"):
        fn(np.array([1.0, np.nan]))
    with pytest.raises(ValueError, match="numbers"):
        fn(["a", "b"])


# ---------------------------------------------------------------- layers


@pytest.mark.parametrize("name, fn, grad_fn, torch_fn, layer, torch_layer", CASES, ids=IDS)
def test_layer_backward_matches_numerical_gradient(name, fn, grad_fn, torch_fn, layer, torch_layer, rng):
    module = layer()
    errors = check_module_gradients(module, away_from_zero(rng, (4, 5)), rng=1)
    assert errors == pytest.approx({"input": 0.0}, abs=1e-8), f"{name}: worst relative errors {errors}"


@pytest.mark.parametrize("name, fn, grad_fn, torch_fn, layer, torch_layer", CASES, ids=IDS)
def test_layer_matches_torch_module(name, fn, grad_fn, torch_fn, layer, torch_layer, rng):
    x = np.concatenate([rng.standard_normal((3, 4)) * 3, EXTREMES[:4].reshape(1, 4), EXTREMES[3:].reshape(1, 4)])
    dout = rng.standard_normal(x.shape)
    expected_out, expected_dx = torch_value_and_grad(torch_layer(), x, dout)
    module = layer()
    out = module(x)
    dx = module.backward(dout)
    np.testing.assert_allclose(out, expected_out, rtol=1e-12, atol=1e-15, err_msg=f"{name}: layer forward vs torch")
    np.testing.assert_allclose(dx, expected_dx, rtol=1e-10, atol=1e-13, err_msg=f"{name}: layer backward vs torch")


@pytest.mark.parametrize("name, fn, grad_fn, torch_fn, layer, torch_layer", CASES, ids=IDS)
def test_layer_has_no_parameters_and_checks_its_use(name, fn, grad_fn, torch_fn, layer, torch_layer):
    module = layer()
    assert module.parameters() == [] and module.state_dict() == {}, f"{name} must have no parameters"
    with pytest.raises(ValueError, match="call forward before backward"):
        module.backward(np.ones(3))
    module.forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match="dout must have shape"):
        module.backward(np.ones((3, 2)))


def test_layer_backward_uses_the_latest_forward_input():
    module = ReLU()
    module.forward(np.array([1.0, -1.0]))
    module.forward(np.array([-1.0, 1.0]))
    np.testing.assert_array_equal(module.backward(np.array([5.0, 7.0])), [0.0, 7.0],
                                  err_msg="backward must use the input of the last forward")


def test_leaky_relu_layer_repr_and_slope():
    module = LeakyReLU(0.2)
    assert repr(module) == "LeakyReLU(negative_slope=0.2)"
    np.testing.assert_allclose(module(np.array([-1.0, 2.0])), [-0.2, 2.0], rtol=1e-15,
                               err_msg="LeakyReLU(0.2) forward")
    assert LeakyReLU().negative_slope == 0.01, "default slope as lecture 003 and torch"
