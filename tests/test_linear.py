import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse.gradcheck import check_module_gradients
from dlcourse.nn.linear import Linear


def torch_linear_like(layer):
    """A float64 torch.nn.Linear holding a copy of ``layer``'s weights."""
    ref = torch.nn.Linear(layer.in_features, layer.out_features, bias=layer.bias is not None, dtype=torch.float64)
    with torch.no_grad():
        ref.weight.copy_(torch.from_numpy(layer.weight.data))
        if layer.bias is not None:
            ref.bias.copy_(torch.from_numpy(layer.bias.data))
    return ref


@pytest.mark.parametrize("bias", [True, False])
def test_gradients_match_numerical(rng, bias):
    layer = Linear(4, 3, bias=bias, rng=1)
    errors = check_module_gradients(layer, rng.standard_normal((5, 4)), rng=2)
    expected_keys = {"input", "weight", "bias"} if bias else {"input", "weight"}
    assert set(errors) == expected_keys
    for name, err in errors.items():
        assert err < 1e-7, f"gradient of {name}: relative error {err}"


@pytest.mark.parametrize("bias", [True, False])
def test_forward_and_backward_match_torch(rng, bias):
    n, d_in, d_out = rng.integers(1, 7, size=3)
    layer = Linear(d_in, d_out, bias=bias, rng=rng)
    ref = torch_linear_like(layer)
    x = rng.standard_normal((n, d_in))
    dout = rng.standard_normal((n, d_out))

    out = layer(x)
    dx = layer.backward(dout)

    xt = torch.tensor(x, requires_grad=True)
    out_t = ref(xt)
    out_t.backward(torch.from_numpy(dout))

    tol = {"atol": 1e-12, "rtol": 1e-10}
    np.testing.assert_allclose(out, out_t.detach().numpy(), **tol, err_msg="forward vs torch Linear")
    np.testing.assert_allclose(dx, xt.grad.numpy(), **tol, err_msg="dx vs torch autograd")
    np.testing.assert_allclose(layer.weight.grad, ref.weight.grad.numpy(), **tol, err_msg="dW vs torch")
    if bias:
        np.testing.assert_allclose(layer.bias.grad, ref.bias.grad.numpy(), **tol, err_msg="db vs torch")
    else:
        assert layer.bias is None


def test_formulas_of_the_backward_pass(rng):
    layer = Linear(3, 2, rng=0)
    x, dout = rng.standard_normal((4, 3)), rng.standard_normal((4, 2))
    np.testing.assert_allclose(layer(x), x @ layer.weight.data.T + layer.bias.data, err_msg="y = x W^T + b")
    dx = layer.backward(dout)
    np.testing.assert_allclose(layer.weight.grad, dout.T @ x, err_msg="dW = dout^T x")
    np.testing.assert_allclose(layer.bias.grad, dout.sum(axis=0), err_msg="db = sum over the batch")
    np.testing.assert_allclose(dx, dout @ layer.weight.data, err_msg="dx = dout W")


def test_backward_accumulates_until_zero_grad(rng):
    layer = Linear(3, 2, rng=0)
    x, dout = rng.standard_normal((4, 3)), rng.standard_normal((4, 2))
    layer(x)
    layer.backward(dout)
    once = layer.weight.grad.copy(), layer.bias.grad.copy()
    layer.backward(dout)
    np.testing.assert_allclose(layer.weight.grad, 2 * once[0], err_msg="second backward adds to weight.grad")
    np.testing.assert_allclose(layer.bias.grad, 2 * once[1], err_msg="second backward adds to bias.grad")
    layer.zero_grad()
    assert not layer.weight.grad.any() and not layer.bias.grad.any()


def test_initialisation_is_torch_default_uniform():
    d_in, d_out = 16, 400
    layer = Linear(d_in, d_out, rng=0)
    bound = 1 / np.sqrt(d_in)
    assert layer.weight.shape == (d_out, d_in) and layer.bias.shape == (d_out,)
    for name, values in [("weight", layer.weight.data), ("bias", layer.bias.data)]:
        assert np.all(np.abs(values) <= bound), f"{name} outside U(-1/sqrt(in), 1/sqrt(in))"
    # U(-a, a) has variance a^2 / 3; the sample variance of 6400 draws is within a few percent.
    np.testing.assert_allclose(layer.weight.data.var(), bound**2 / 3, rtol=0.1, err_msg="weight variance a^2/3")
    # torch's own default init draws from the same distribution
    ref = torch.nn.Linear(d_in, d_out, dtype=torch.float64)
    assert torch.all(ref.weight.abs() <= bound)
    np.testing.assert_allclose(ref.weight.var().item(), bound**2 / 3, rtol=0.1, err_msg="torch weight variance")


def test_seed_makes_initialisation_reproducible():
    a, b, c = Linear(5, 3, rng=7), Linear(5, 3, rng=7), Linear(5, 3, rng=8)
    np.testing.assert_array_equal(a.weight.data, b.weight.data)
    assert not np.array_equal(a.weight.data, c.weight.data)


def test_integer_input_becomes_float64():
    layer = Linear(2, 1, rng=0)
    out = layer(np.array([[1, 2]]))
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, [[layer.weight.data[0] @ [1, 2] + layer.bias.data[0]]])


def test_parameters_and_repr():
    layer = Linear(3, 2, rng=0)
    assert [name for name, _ in layer.named_parameters()] == ["weight", "bias"]
    assert repr(layer) == "Linear(in_features=3, out_features=2, bias=True)"
    assert repr(Linear(3, 2, bias=False)) == "Linear(in_features=3, out_features=2, bias=False)"
    assert len(Linear(3, 2, bias=False).parameters()) == 1


@pytest.mark.parametrize(
    "x, match",
    [
        (np.zeros((2, 4)), r"\(N, 3\).*in_features=3"),
        (np.zeros(3), "2 dimensions"),
        (np.zeros((1, 2, 3)), "2 dimensions"),
        (np.array([[1.0, np.nan, 0.0]]), "NaN"),
        (np.array([["a", "b", "c"]]), "numbers"),
    ],
)
def test_bad_input_raises(x, match):
    with pytest.raises(ValueError, match=match):
        Linear(3, 2, rng=0)(x)


def test_bad_backward_raises(rng):
    layer = Linear(3, 2, rng=0)
    with pytest.raises(ValueError, match="call forward before backward"):
        layer.backward(np.zeros((4, 2)))
    layer(rng.standard_normal((4, 3)))
    with pytest.raises(ValueError, match=r"dout must have shape \(4, 2\)"):
        layer.backward(np.zeros((4, 3)))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"in_features": 0, "out_features": 2}, "in_features"),
        ({"in_features": 2.5, "out_features": 2}, "in_features"),
        ({"in_features": 2, "out_features": -1}, "out_features"),
        ({"in_features": 2, "out_features": 2, "rng": "seed"}, "rng"),
    ],
)
def test_bad_constructor_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Linear(**kwargs)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 5), d_in=st.integers(1, 5), d_out=st.integers(1, 5), seed=st.integers(0, 2**16))
def test_forward_is_affine_in_x(n, d_in, d_out, seed):
    """f(a x1 + (1 - a) x2) = a f(x1) + (1 - a) f(x2) for an affine map."""
    rng = np.random.default_rng(seed)
    layer = Linear(d_in, d_out, rng=rng)
    x1, x2 = rng.standard_normal((2, n, d_in))
    a = rng.uniform()
    np.testing.assert_allclose(
        layer(a * x1 + (1 - a) * x2), a * layer(x1) + (1 - a) * layer(x2), atol=1e-12, err_msg="Linear is affine"
    )
