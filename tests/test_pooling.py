"""Max and average pooling: forward and backward against torch, gradient checks, layers, bad input."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse.functional.pooling import avg_pool2d, avg_pool2d_backward, max_pool2d, max_pool2d_backward
from dlcourse.gradcheck import check_module_gradients, numerical_gradient_array, rel_error
from dlcourse.nn.pooling import AvgPool2d, MaxPool2d

TIGHT = {"atol": 1e-10, "rtol": 1e-8}

POOLS = {
    "max": (max_pool2d, max_pool2d_backward, F.max_pool2d),
    "avg": (avg_pool2d, avg_pool2d_backward, F.avg_pool2d),
}

CASES = [
    # (shape, kernel_size, stride)
    ((2, 3, 6, 6), 2, None),  # non-overlapping, stride defaults to the kernel size
    ((2, 2, 7, 7), 3, 2),  # overlapping windows
    ((1, 3, 5, 7), 3, 1),
    ((3, 1, 9, 6), 3, 3),
    ((2, 2, 4, 4), 1, 1),
]


@pytest.mark.parametrize("kind", sorted(POOLS))
@pytest.mark.parametrize("shape, k, stride", CASES)
def test_pooling_matches_torch_forward_and_backward(kind, shape, k, stride):
    forward, backward, torch_pool = POOLS[kind]
    rng = np.random.default_rng(sum(shape) + k)
    x = rng.standard_normal(shape)  # continuous values: no ties
    out = forward(x, k, stride)
    dout = rng.standard_normal(out.shape)
    xt = torch.tensor(x, requires_grad=True)
    out_torch = torch_pool(xt, k, stride)
    out_torch.backward(torch.tensor(dout))
    np.testing.assert_allclose(out, out_torch.detach().numpy(), **TIGHT, err_msg=f"{kind}_pool2d vs torch forward")
    dx = backward(dout, x, k, stride)
    np.testing.assert_allclose(dx, xt.grad.numpy(), **TIGHT, err_msg=f"{kind}_pool2d_backward vs torch autograd")


@pytest.mark.parametrize("kind", sorted(POOLS))
@pytest.mark.parametrize("size, k, stride", [(6, 2, None), (7, 3, 2)])
def test_pooling_backward_matches_numerical_gradient(kind, size, k, stride):
    forward, backward, _ = POOLS[kind]
    rng = np.random.default_rng(4)
    x = rng.standard_normal((2, 2, size, size))
    dout = rng.standard_normal(forward(x, k, stride).shape)
    numeric = numerical_gradient_array(lambda z: forward(z, k, stride), x.copy(), dout)
    assert rel_error(backward(dout, x, k, stride), numeric) < 1e-7, f"{kind} pooling backward vs centred differences"


def test_the_lectures_2x2_max_pool_example():
    # the slide's result [[6, 8], [3, 4]] for 2x2 windows with stride 2 (input as in CS231n's figure)
    x = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]], dtype=float)[None, None]
    np.testing.assert_array_equal(max_pool2d(x, 2, 2)[0, 0], [[6, 8], [3, 4]])
    assert max_pool2d(x, 2).size == x.size // 4, "k = 2 gives k^2 = 4 times fewer outputs in 2-D"


def test_max_pool_backward_sends_the_gradient_to_the_maximum_only():
    x = np.array([[1.0, 3.0], [2.0, 0.0]])[None, None]
    dx = max_pool2d_backward(np.array([[[[5.0]]]]), x, 2)
    np.testing.assert_array_equal(dx[0, 0], [[0.0, 5.0], [0.0, 0.0]])


@pytest.mark.parametrize("size, k, stride", [(8, 2, 2), (7, 3, 1), (7, 3, 2)])
def test_max_pool_backward_with_ties_preserves_the_gradient_sum(size, k, stride):
    x = np.zeros((2, 3, size, size))
    x[:, :, ::2, :] = 1.0  # many equal maxima in every window
    dout = np.random.default_rng(k + stride).standard_normal(max_pool2d(x, k, stride).shape)
    dx = max_pool2d_backward(dout, x, k, stride)
    assert dx.sum() == pytest.approx(dout.sum()), "every window passes on exactly its own gradient"
    assert np.all(dx[x < 1.0] == 0.0), "only a maximum receives gradient"


@settings(max_examples=30, deadline=None)
@given(k=st.integers(1, 3), stride=st.integers(1, 3), m=st.integers(1, 4), channels=st.integers(1, 2))
def test_avg_pool_backward_spreads_each_gradient_evenly(k, stride, m, channels):
    size = (m - 1) * stride + k
    x = np.random.default_rng(size).standard_normal((1, channels, size, size))
    dout = np.random.default_rng(m).standard_normal((1, channels, m, m))
    assert avg_pool2d(x, k, stride).shape == (1, channels, m, m)
    dx = avg_pool2d_backward(dout, x, k, stride)
    assert dx.sum() == pytest.approx(dout.sum()), "the K^2 shares of dout / K^2 add back to dout"
    # avg pooling is linear: <avg_pool(x), dout> = <x, backward(dout)>
    assert np.sum(avg_pool2d(x, k, stride) * dout) == pytest.approx(np.sum(x * dx))


# ---------------------------------------------------------------- invalid input


@pytest.mark.parametrize("kind", sorted(POOLS))
def test_pooling_rejects_invalid_sizes(kind):
    forward, backward, _ = POOLS[kind]
    with pytest.raises(ValueError, match="does not tile"):
        forward(np.zeros((1, 1, 7, 7)), 2)  # torch would floor to 3x3 and drop the last row and column
    with pytest.raises(ValueError, match="does not tile"):
        forward(np.zeros((1, 1, 6, 7)), 3, 2)  # H tiles, W does not
    with pytest.raises(ValueError, match="larger than the padded input"):
        forward(np.zeros((1, 1, 2, 2)), 3)
    with pytest.raises(ValueError, match="x must have 4 dimensions"):
        forward(np.zeros((4, 4)), 2)
    with pytest.raises(ValueError, match="kernel_size must be >= 1"):
        forward(np.zeros((1, 1, 4, 4)), 0)
    with pytest.raises(ValueError, match="stride must be >= 1"):
        forward(np.zeros((1, 1, 4, 4)), 2, 0)
    with pytest.raises(ValueError, match=r"dout must have shape \(1, 1, 2, 2\)"):
        backward(np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 4, 4)), 2)


# ---------------------------------------------------------------- layers


@pytest.mark.parametrize(
    "ours, theirs, size",
    [(MaxPool2d(3, 2), torch.nn.MaxPool2d(3, 2), 7), (AvgPool2d(2), torch.nn.AvgPool2d(2), 6)],
)
def test_pooling_layers_match_torch_modules(ours, theirs, size):
    rng = np.random.default_rng(9)
    x = rng.standard_normal((2, 3, size, size))
    xt = torch.tensor(x, requires_grad=True)
    out_torch = theirs(xt)
    out = ours(x)
    np.testing.assert_allclose(out, out_torch.detach().numpy(), **TIGHT, err_msg=f"{ours!r} forward vs torch")
    dout = rng.standard_normal(out.shape)
    out_torch.backward(torch.tensor(dout))
    np.testing.assert_allclose(ours.backward(dout), xt.grad.numpy(), **TIGHT, err_msg=f"{ours!r} backward vs torch")
    assert ours.parameters() == []


@pytest.mark.parametrize("layer", [MaxPool2d(2), AvgPool2d(3, 1)])
def test_pooling_layers_gradient_check(layer):
    x = np.random.default_rng(2).standard_normal((1, 2, 4, 4))
    errors = check_module_gradients(layer, x, rng=3)
    assert errors["input"] < 1e-7, errors


def test_pooling_layers_validate_arguments_and_order_of_calls():
    assert MaxPool2d(2).stride == 2 and AvgPool2d(3, 1).stride == 1
    assert repr(MaxPool2d(2)) == "MaxPool2d(kernel_size=2, stride=2)"
    assert repr(AvgPool2d(3, 1)) == "AvgPool2d(kernel_size=3, stride=1)"
    with pytest.raises(ValueError, match="kernel_size must be >= 1"):
        MaxPool2d(0)
    with pytest.raises(ValueError, match="stride must be an integer"):
        AvgPool2d(2, 1.5)
    for layer in (MaxPool2d(2), AvgPool2d(2)):
        with pytest.raises(ValueError, match="call forward before backward"):
            layer.backward(np.zeros((1, 1, 2, 2)))
