import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse.gradcheck import check_module_gradients
from dlcourse.nn.batchnorm import BatchNorm1d

TOL = {"atol": 1e-10, "rtol": 1e-8}


def random_layer(rng, d):
    """A BatchNorm1d with random weight, bias and running statistics."""
    layer = BatchNorm1d(d)
    layer.weight.data = rng.standard_normal(d)
    layer.bias.data = rng.standard_normal(d)
    layer.running_mean = rng.standard_normal(d)
    layer.running_var = rng.uniform(0.5, 2.0, d)
    return layer


def torch_copy(layer):
    """A float64 torch.nn.BatchNorm1d with the same parameters and running statistics."""
    ref = torch.nn.BatchNorm1d(layer.num_features, eps=layer.eps, momentum=layer.momentum, dtype=torch.float64)
    with torch.no_grad():
        ref.weight.copy_(torch.from_numpy(layer.weight.data))
        ref.bias.copy_(torch.from_numpy(layer.bias.data))
        ref.running_mean.copy_(torch.from_numpy(layer.running_mean))
        ref.running_var.copy_(torch.from_numpy(layer.running_var))
    return ref


@pytest.mark.parametrize("training", [True, False])
def test_gradients_match_numerical(rng, training):
    layer = random_layer(rng, 3)
    layer.train(training)
    x = rng.standard_normal((5, 3)) * 2 + 1
    errors = check_module_gradients(layer, x, rng=1)
    assert set(errors) == {"input", "weight", "bias"}
    for name, err in errors.items():
        assert err < 1e-7, f"{'train' if training else 'eval'} mode, gradient of {name}: relative error {err}"


def test_train_mode_matches_torch_over_several_steps(rng):
    """Forward, backward and the running statistics (momentum, unbiased variance) after 4 steps."""
    d = 4
    layer = random_layer(rng, d)
    layer.momentum = 0.3
    ref = torch_copy(layer)
    for step in range(4):
        n = int(rng.integers(2, 7))
        x = rng.standard_normal((n, d)) * 3 - 1
        dout = rng.standard_normal((n, d))
        layer.zero_grad()
        out = layer(x)
        dx = layer.backward(dout)

        ref.zero_grad()
        xt = torch.tensor(x, requires_grad=True)
        out_t = ref(xt)
        out_t.backward(torch.from_numpy(dout))

        where = f" (train step {step})"
        np.testing.assert_allclose(out, out_t.detach().numpy(), **TOL, err_msg="forward vs torch" + where)
        np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL, err_msg="dx vs torch autograd" + where)
        np.testing.assert_allclose(layer.weight.grad, ref.weight.grad.numpy(), **TOL, err_msg="dgamma" + where)
        np.testing.assert_allclose(layer.bias.grad, ref.bias.grad.numpy(), **TOL, err_msg="dbeta" + where)
        np.testing.assert_allclose(layer.running_mean, ref.running_mean.numpy(), **TOL, err_msg="running_mean" + where)
        np.testing.assert_allclose(layer.running_var, ref.running_var.numpy(), **TOL, err_msg="running_var" + where)


def test_eval_mode_matches_torch_after_training_steps(rng):
    d = 3
    layer = BatchNorm1d(d, momentum=0.2)
    layer.weight.data = rng.standard_normal(d)
    layer.bias.data = rng.standard_normal(d)
    ref = torch_copy(layer)
    for _ in range(3):
        x = rng.standard_normal((6, d)) * 2 + 3
        layer(x)
        ref(torch.from_numpy(x))
    layer.eval()
    ref.eval()
    x = rng.standard_normal((4, d))
    dout = rng.standard_normal((4, d))
    layer.zero_grad()
    out = layer(x)
    dx = layer.backward(dout)
    xt = torch.tensor(x, requires_grad=True)
    out_t = ref(xt)
    out_t.backward(torch.from_numpy(dout))
    np.testing.assert_allclose(out, out_t.detach().numpy(), **TOL, err_msg="eval forward vs torch")
    np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL, err_msg="eval dx vs torch autograd")
    np.testing.assert_allclose(layer.weight.grad, ref.weight.grad.numpy(), **TOL, err_msg="eval dgamma vs torch")
    np.testing.assert_allclose(layer.bias.grad, ref.bias.grad.numpy(), **TOL, err_msg="eval dbeta vs torch")
    running_before = layer.running_mean.copy(), layer.running_var.copy()
    layer(x)
    np.testing.assert_array_equal(layer.running_mean, running_before[0], err_msg="eval must not update running_mean")
    np.testing.assert_array_equal(layer.running_var, running_before[1], err_msg="eval must not update running_var")


def test_statistics_are_over_the_examples_per_unit(rng):
    """The corrected axis: every column (unit) of the output has mean 0 and variance 1."""
    x = rng.standard_normal((8, 5)) * np.arange(1, 6) + np.arange(5)  # units with different scales
    out = BatchNorm1d(5, eps=1e-12)(x)
    np.testing.assert_allclose(out.mean(axis=0), 0, atol=1e-12, err_msg="per-unit mean over the examples")
    np.testing.assert_allclose(out.var(axis=0), 1, atol=1e-9, err_msg="per-unit biased variance over the examples")
    assert not np.allclose(out.mean(axis=1), 0), "rows (examples) are not normalised"


def test_running_statistics_formula(rng):
    x = rng.standard_normal((5, 2))
    layer = BatchNorm1d(2, momentum=0.25)
    layer(x)
    np.testing.assert_allclose(layer.running_mean, 0.75 * 0 + 0.25 * x.mean(axis=0), err_msg="running_mean update")
    np.testing.assert_allclose(layer.running_var, 0.75 * 1 + 0.25 * x.var(axis=0, ddof=1), err_msg="unbiased var")


def test_backward_matches_autograd_of_the_lecture_formula(rng):
    """Algorithm 1 of lecture 003/004 written in torch ops, differentiated by autograd."""
    n, d, eps = 6, 3, 1e-5
    layer = random_layer(rng, d)
    x, dout = rng.standard_normal((n, d)), rng.standard_normal((n, d))
    out = layer(x)
    dx = layer.backward(dout)
    xt = torch.tensor(x, requires_grad=True)
    gamma = torch.tensor(layer.weight.data, requires_grad=True)
    beta = torch.tensor(layer.bias.data, requires_grad=True)
    mu = xt.sum(0) / n
    var = ((xt - mu) ** 2).sum(0) / n
    y = gamma * (xt - mu) / torch.sqrt(var + eps) + beta
    y.backward(torch.from_numpy(dout))
    np.testing.assert_allclose(out, y.detach().numpy(), **TOL, err_msg="forward vs Algorithm 1")
    np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL, err_msg="compact dx vs autograd of Algorithm 1")
    np.testing.assert_allclose(layer.weight.grad, gamma.grad.numpy(), **TOL, err_msg="dgamma vs autograd")
    np.testing.assert_allclose(layer.bias.grad, beta.grad.numpy(), **TOL, err_msg="dbeta vs autograd")


def test_backward_uses_the_mode_of_the_forward_pass(rng):
    """Switching to eval between forward and backward does not change the gradient formula."""
    layer = random_layer(rng, 3)
    x, dout = rng.standard_normal((4, 3)), rng.standard_normal((4, 3))
    layer(x)
    expected = layer.backward(dout)
    layer(x)
    layer.eval()
    np.testing.assert_allclose(layer.backward(dout), expected, err_msg="backward follows the forward's mode")


def test_train_mode_gradient_sums_to_zero_over_the_batch(rng):
    """Shifting every example by the same vector does not change the output, so sum_i dx_i = 0."""
    layer = random_layer(rng, 4)
    layer(rng.standard_normal((7, 4)))
    dx = layer.backward(rng.standard_normal((7, 4)))
    np.testing.assert_allclose(dx.sum(axis=0), 0, atol=1e-12, err_msg="sum over the batch of dx")


def test_initial_state_and_buffers():
    layer = BatchNorm1d(3)
    np.testing.assert_array_equal(layer.weight.data, np.ones(3))
    np.testing.assert_array_equal(layer.bias.data, np.zeros(3))
    np.testing.assert_array_equal(layer.running_mean, np.zeros(3))
    np.testing.assert_array_equal(layer.running_var, np.ones(3))
    assert BatchNorm1d._buffers == ("running_mean", "running_var")
    assert set(layer.state_dict()) == {"weight", "bias", "running_mean", "running_var"}
    assert [name for name, _ in layer.named_parameters()] == ["weight", "bias"]
    assert repr(layer) == "BatchNorm1d(3, eps=1e-05, momentum=0.1)"


def test_state_dict_round_trip_restores_running_statistics(rng):
    layer = random_layer(rng, 3)
    layer(rng.standard_normal((5, 3)))
    state = layer.state_dict()
    other = BatchNorm1d(3)
    other.load_state_dict(state)
    layer.eval()
    other.eval()
    x = rng.standard_normal((4, 3))
    np.testing.assert_array_equal(other(x), layer(x))
    state["running_mean"][:] = 100.0
    assert not np.any(other.running_mean == 100.0), "loaded buffers are copies"


def test_single_example_in_train_mode_raises_like_torch():
    with pytest.raises(ValueError, match="Expected more than 1 value per channel when training"):
        BatchNorm1d(3)(np.ones((1, 3)))
    with pytest.raises(ValueError, match="Expected more than 1 value per channel when training"):
        torch.nn.BatchNorm1d(3)(torch.ones(1, 3))
    out = BatchNorm1d(3).eval()(np.ones((1, 3)))  # eval mode accepts one example
    assert out.shape == (1, 3)


@pytest.mark.parametrize(
    "x, match",
    [
        (np.zeros((4, 2)), r"\(N, 3\).*num_features=3"),
        (np.zeros(3), "2 dimensions"),
        (np.zeros((4, 3, 2)), "2 dimensions"),
        (np.array([[1.0, np.inf, 0.0], [0.0, 0.0, 0.0]]), "NaN or infinite"),
    ],
)
def test_bad_input_raises(x, match):
    with pytest.raises(ValueError, match=match):
        BatchNorm1d(3)(x)


def test_bad_backward_raises(rng):
    layer = BatchNorm1d(3)
    with pytest.raises(ValueError, match="call forward before backward"):
        layer.backward(np.zeros((4, 3)))
    layer(rng.standard_normal((4, 3)))
    with pytest.raises(ValueError, match=r"dout must have shape \(4, 3\)"):
        layer.backward(np.zeros((3, 3)))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"num_features": 0}, "num_features"),
        ({"num_features": 3, "eps": 0}, "eps"),
        ({"num_features": 3, "eps": -1e-5}, "eps"),
        ({"num_features": 3, "momentum": 1.5}, "momentum"),
        ({"num_features": 3, "momentum": -0.1}, "momentum"),
    ],
)
def test_bad_constructor_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        BatchNorm1d(**kwargs)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(2, 6), d=st.integers(1, 4), scale=st.floats(0.1, 10), shift=st.floats(-10, 10),
       seed=st.integers(0, 2**16))
def test_train_output_is_invariant_to_affine_change_of_the_input(n, d, scale, shift, seed):
    """BN(a x + b) = BN(x) for a > 0 (up to eps), the point of normalising."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d))
    layer = BatchNorm1d(d, eps=1e-12)
    np.testing.assert_allclose(layer(scale * x + shift), layer(x), atol=1e-6, err_msg="BN(a x + b) = BN(x)")
