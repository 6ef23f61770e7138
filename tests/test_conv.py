"""Convolution: output size, padding, naive == im2col == torch, gradients, im2col/col2im, Conv2d."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dlcourse.functional.conv import (
    col2im,
    conv2d,
    conv2d_backward,
    conv2d_naive,
    conv2d_naive_backward,
    conv_output_size,
    im2col,
    padding_for_output,
)
from dlcourse.gradcheck import check_module_gradients, numerical_gradient_array, rel_error
from dlcourse.nn.conv import Conv2d

TIGHT = {"atol": 1e-10, "rtol": 1e-8}


def torch_conv(x, w, b, stride, padding, dout):
    """Forward and the three gradients of torch's F.conv2d (float64)."""
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    out = F.conv2d(xt, wt, bt, stride=stride, padding=padding)
    out.backward(torch.tensor(dout, dtype=torch.float64))
    return out.detach().numpy(), xt.grad.numpy(), wt.grad.numpy(), bt.grad.numpy()


# ---------------------------------------------------------------- output size and padding


def test_output_size_of_the_lectures_7x7_input_with_3x3_kernel():
    assert conv_output_size(7, 3, stride=1) == 5
    assert conv_output_size(7, 3, stride=2) == 3
    with pytest.raises(ValueError, match="does not tile.*padding=1"):
        conv_output_size(7, 3, stride=3)  # the slide's "invalid dimension", never floored to 2


def test_output_size_with_zero_padding():
    # the slide: N = 7 padded by one zero on each side is 9; F = 3, S = 3 gives 3
    assert conv_output_size(7, 3, stride=3, padding=1) == 3
    assert conv_output_size(7, 3, stride=1, padding=1) == 7
    assert conv_output_size(32, 5, stride=1, padding=2) == 32
    assert conv_output_size(5, 5) == 1


@pytest.mark.parametrize(
    "args, match",
    [
        ((3, 5), "larger than the padded input"),
        ((3, 7, 1, 1), "larger than the padded input.*padding >= 2"),
        ((7, 2, 2), r"does not tile.*stride that divides n \+ 2p - f = 5"),
        ((0, 3), "input size n must be >= 1"),
        ((7, 0), "filter size f must be >= 1"),
        ((7, 3, 0), "stride must be >= 1"),
        ((7, 3, 1, -1), "padding must be >= 0"),
        ((7.0, 3), "must be an integer"),
    ],
)
def test_output_size_rejects_invalid_sizes(args, match):
    with pytest.raises(ValueError, match=match):
        conv_output_size(*args)


def test_padding_for_output_reproduces_the_slide_example():
    # slide: N = 7, F = 3, S = 3, M = 3 -> Z = ((3-1)3 + 3 - 7)/2 = 1
    assert padding_for_output(7, 3, 3, 3) == 1


@pytest.mark.parametrize("f", [1, 3, 5, 7])
def test_same_padding_for_stride_one_is_half_the_filter_minus_one(f):
    # errata: the slide's "F-S/2" should read Z = (F - 1)/2
    assert padding_for_output(28, f, 1, 28) == (f - 1) // 2
    assert conv_output_size(28, f, 1, (f - 1) // 2) == 28


def test_padding_for_output_rejects_impossible_outputs():
    with pytest.raises(ValueError, match="no whole padding"):
        padding_for_output(28, 4, 1, 28)  # "same" with an even filter needs Z = 1.5
    with pytest.raises(ValueError, match="negative padding"):
        padding_for_output(7, 3, 1, 3)  # shrinking more than the filter does
    with pytest.raises(ValueError, match="output size m must be >= 1"):
        padding_for_output(7, 3, 1, 0)


@settings(max_examples=30, deadline=None)
@given(
    f=st.integers(1, 4),
    stride=st.integers(1, 3),
    padding=st.integers(0, 2),
    m=st.integers(1, 4),
    channels=st.integers(1, 2),
)
def test_conv2d_output_shape_matches_conv_output_size(f, stride, padding, m, channels):
    n = (m - 1) * stride + f - 2 * padding  # every valid combination can be written this way
    assume(n >= 1)
    x = np.random.default_rng(n).standard_normal((1, channels, n, n))
    w = np.ones((2, channels, f, f))
    expected = conv_output_size(n, f, stride, padding)
    assert expected == m
    assert conv2d(x, w, stride=stride, padding=padding).shape == (1, 2, m, m)
    assert padding_for_output(n, f, stride, m) == padding


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 12), f=st.integers(1, 6), stride=st.integers(1, 4), padding=st.integers(0, 2))
def test_output_size_is_whole_or_an_error(n, f, stride, padding):
    if f <= n + 2 * padding and (n + 2 * padding - f) % stride == 0:
        m = conv_output_size(n, f, stride, padding)
        assert (m - 1) * stride + f == n + 2 * padding, "the last window must end exactly at the padded border"
    else:
        with pytest.raises(ValueError):
            conv_output_size(n, f, stride, padding)


# ---------------------------------------------------------------- cross-correlation vs convolution


def test_lecture_example_is_cross_correlation_and_convolution_flips_the_kernel():
    # errata: 3x4 input a..l = 1..12 and kernel [[w, x], [y, z]] = [[1, 10], [100, 1000]]
    image = np.arange(1.0, 13.0).reshape(3, 4)
    kernel = np.array([[1.0, 10.0], [100.0, 1000.0]])
    a, b, e, f = image[0, 0], image[0, 1], image[1, 0], image[1, 1]
    w, x, y, z = kernel.ravel()
    cross = conv2d(image[None, None], kernel[None, None])[0, 0]
    assert cross.shape == (2, 3)
    assert cross[0, 0] == a * w + b * x + e * y + f * z == 6521
    # the true convolution S(i, j) = sum I(i - m, j - n) K(m, n) is the cross-correlation with the flipped kernel
    convolution = conv2d(image[None, None], kernel[::-1, ::-1][None, None])[0, 0]
    assert convolution[0, 0] == a * z + b * y + e * x + f * w == 1256
    # and it agrees with the definition of convolution on the full (zero-extended) output
    full = np.zeros((4, 5))
    for i in range(4):
        for j in range(5):
            full[i, j] = sum(
                image[i - m, j - n] * kernel[m, n]
                for m in range(2)
                for n in range(2)
                if 0 <= i - m < 3 and 0 <= j - n < 4
            )
    np.testing.assert_array_equal(
        full[1:3, 1:4], convolution, err_msg="flipped-kernel cross-correlation vs convolution"
    )


def test_convolution_commutes_but_cross_correlation_does_not():
    # "full" outputs (padding F - 1) of a 3x3 image and a 2x2 kernel, both 4x4
    rng = np.random.default_rng(3)
    image, kernel = rng.standard_normal((1, 1, 3, 3)), rng.standard_normal((1, 1, 2, 2))

    def flip(a):
        return a[:, :, ::-1, ::-1]

    conv_ik = conv2d(image, flip(kernel), padding=1)  # I * K
    conv_ki = conv2d(kernel, flip(image), padding=2)  # K * I
    np.testing.assert_allclose(conv_ik, conv_ki, **TIGHT, err_msg="convolution is commutative")
    corr_ik = conv2d(image, kernel, padding=1)
    corr_ki = conv2d(kernel, image, padding=2)
    assert not np.allclose(corr_ik, corr_ki), "cross-correlation does not commute"
    np.testing.assert_allclose(corr_ki, flip(corr_ik), **TIGHT, err_msg="swapping the arguments rotates by 180 degrees")


# ---------------------------------------------------------------- naive == im2col == torch

CASES = [
    # (N, C_in, H, W, C_out, K, stride, padding)
    (2, 3, 5, 5, 4, 3, 1, 0),
    (2, 3, 7, 7, 2, 3, 2, 0),
    (1, 2, 7, 7, 3, 3, 3, 1),
    (3, 1, 6, 8, 2, 2, 2, 0),
    (2, 2, 5, 7, 3, 3, 1, 1),
    (1, 4, 9, 9, 2, 5, 2, 2),
    (2, 3, 4, 4, 5, 1, 1, 0),
]


@pytest.mark.parametrize("n, c_in, h, w, c_out, k, stride, padding", CASES)
def test_naive_and_im2col_match_torch_forward_and_gradients(n, c_in, h, w, c_out, k, stride, padding):
    rng = np.random.default_rng(n * 100 + h * 10 + k)
    x = rng.standard_normal((n, c_in, h, w))
    weight = rng.standard_normal((c_out, c_in, k, k))
    bias = rng.standard_normal(c_out)
    out = conv2d(x, weight, bias, stride, padding)
    dout = rng.standard_normal(out.shape)
    out_torch, dx_torch, dw_torch, db_torch = torch_conv(x, weight, bias, stride, padding, dout)
    out_naive = conv2d_naive(x, weight, bias, stride, padding)
    np.testing.assert_allclose(out_naive, out_torch, **TIGHT, err_msg="conv2d_naive vs torch F.conv2d")
    np.testing.assert_allclose(out, out_torch, **TIGHT, err_msg="conv2d (im2col) vs torch F.conv2d")
    for name, backward in [("naive", conv2d_naive_backward), ("im2col", conv2d_backward)]:
        dx, dw, db = backward(dout, x, weight, stride, padding)
        np.testing.assert_allclose(dx, dx_torch, **TIGHT, err_msg=f"dx of {name} backward vs torch autograd")
        np.testing.assert_allclose(dw, dw_torch, **TIGHT, err_msg=f"dw of {name} backward vs torch autograd")
        np.testing.assert_allclose(db, db_torch, **TIGHT, err_msg=f"db of {name} backward vs torch autograd")


def test_conv2d_without_bias_matches_torch_and_still_returns_db():
    rng = np.random.default_rng(7)
    x, weight = rng.standard_normal((2, 2, 5, 5)), rng.standard_normal((3, 2, 3, 3))
    out = conv2d(x, weight, None, 1, 1)
    expected = F.conv2d(torch.tensor(x), torch.tensor(weight), None, padding=1).numpy()
    np.testing.assert_allclose(out, expected, **TIGHT, err_msg="conv2d with b=None vs torch")
    np.testing.assert_allclose(conv2d_naive(x, weight, None, 1, 1), expected, **TIGHT, err_msg="naive, b=None")
    dout = rng.standard_normal(out.shape)
    _, _, db = conv2d_backward(dout, x, weight, 1, 1)
    np.testing.assert_allclose(db, dout.sum(axis=(0, 2, 3)), **TIGHT, err_msg="db is the bias gradient sum(dout)")


def test_conv2d_backward_matches_numerical_gradient():
    rng = np.random.default_rng(11)
    x = rng.standard_normal((2, 2, 5, 5))
    weight = rng.standard_normal((3, 2, 3, 3))
    bias = rng.standard_normal(3)
    stride, padding = 2, 1
    dout = rng.standard_normal(conv2d(x, weight, bias, stride, padding).shape)
    for name, forward, backward in [
        ("im2col", conv2d, conv2d_backward),
        ("naive", conv2d_naive, conv2d_naive_backward),
    ]:
        dx, dw, db = backward(dout, x, weight, stride, padding)
        num_dx = numerical_gradient_array(lambda z: forward(z, weight, bias, stride, padding), x.copy(), dout)
        num_dw = numerical_gradient_array(lambda z: forward(x, z, bias, stride, padding), weight.copy(), dout)
        num_db = numerical_gradient_array(lambda z: forward(x, weight, z, stride, padding), bias.copy(), dout)
        assert rel_error(dx, num_dx) < 1e-7, f"{name} dx vs centred differences"
        assert rel_error(dw, num_dw) < 1e-7, f"{name} dw vs centred differences"
        assert rel_error(db, num_db) < 1e-7, f"{name} db vs centred differences"


def test_conv2d_keeps_float32_and_converts_integers():
    x = np.arange(2 * 16, dtype=np.float32).reshape(1, 2, 4, 4)
    w = np.ones((1, 2, 3, 3), dtype=np.float32)
    assert conv2d(x, w).dtype == np.float32
    assert conv2d(x.astype(int), w.astype(int)).dtype == np.float64
    dx, dw, db = conv2d_backward(np.ones((1, 1, 2, 2), dtype=np.float32), x, w)
    assert dx.dtype == dw.dtype == db.dtype == np.float32
    np.testing.assert_allclose(conv2d(x, w), conv2d_naive(x, w), rtol=1e-6, err_msg="float32 im2col vs naive")


# ---------------------------------------------------------------- im2col / col2im


def test_im2col_layout_is_the_documented_one():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((2, 3, 5, 7))
    k, stride, padding = 3, 2, 1
    cols = im2col(x, k, stride, padding)
    h_out, w_out = conv_output_size(5, k, stride, padding), conv_output_size(7, k, stride, padding)
    assert cols.shape == (2 * h_out * w_out, 3 * k * k)
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    for n, i, j in [(0, 0, 0), (1, 2, 1), (1, h_out - 1, w_out - 1)]:
        row = (n * h_out + i) * w_out + j
        patch = x_pad[n, :, i * stride : i * stride + k, j * stride : j * stride + k]
        np.testing.assert_array_equal(cols[row], patch.reshape(-1), err_msg=f"row of output pixel {(n, i, j)}")


def test_im2col_copies_and_never_aliases_the_input():
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    cols = im2col(x, 1)  # a 1x1 kernel: the transposed patches happen to be contiguous
    cols[:] = -1.0
    assert x[0, 0, 0, 0] == 0.0


@pytest.mark.parametrize(
    "shape, k, stride, padding", [((2, 3, 5, 5), 3, 1, 1), ((1, 2, 7, 7), 3, 2, 0), ((2, 1, 6, 6), 2, 2, 2)]
)
def test_col2im_is_the_adjoint_of_im2col(shape, k, stride, padding):
    rng = np.random.default_rng(sum(shape))
    x = rng.standard_normal(shape)
    cols = im2col(x, k, stride, padding)
    c = rng.standard_normal(cols.shape)
    lhs = np.sum(cols * c)
    rhs = np.sum(x * col2im(c, shape, k, stride, padding))
    assert lhs == pytest.approx(rhs, rel=1e-12), "<im2col(x), c> must equal <x, col2im(c)>"


def test_col2im_counts_how_many_patches_cover_each_pixel():
    # folding a matrix of ones gives, at each pixel, the number of windows that contain it
    ones = np.ones((9, 9))
    counts = col2im(ones, (1, 1, 5, 5), 3, 1, 0)[0, 0]
    assert counts[0, 0] == 1 and counts[0, 2] == 3 and counts[2, 2] == 9
    assert counts.sum() == 81


@settings(max_examples=20, deadline=None)
@given(
    n=st.integers(1, 2),
    c=st.integers(1, 3),
    k=st.integers(1, 3),
    stride=st.integers(1, 3),
    padding=st.integers(0, 2),
    m=st.integers(1, 3),
)
def test_im2col_col2im_adjointness_property(n, c, k, stride, padding, m):
    size = (m - 1) * stride + k - 2 * padding
    assume(size >= 1)
    rng = np.random.default_rng(size)
    x = rng.standard_normal((n, c, size, size))
    cols = rng.standard_normal((n * m * m, c * k * k))
    assert np.sum(im2col(x, k, stride, padding) * cols) == pytest.approx(
        np.sum(x * col2im(cols, x.shape, k, stride, padding)), rel=1e-10, abs=1e-10
    )


# ---------------------------------------------------------------- invalid input


@pytest.mark.parametrize("fn", [conv2d, conv2d_naive])
def test_conv2d_rejects_bad_inputs(fn):
    x, w = np.zeros((1, 2, 5, 5)), np.zeros((3, 2, 3, 3))
    with pytest.raises(ValueError, match="x must have 4 dimensions"):
        fn(np.zeros((2, 5, 5)), w)
    with pytest.raises(ValueError, match="w must have 4 dimensions"):
        fn(x, np.zeros((3, 2, 3)))
    with pytest.raises(ValueError, match="square filters"):
        fn(x, np.zeros((3, 2, 3, 2)))
    with pytest.raises(ValueError, match="x has 2 channels but w expects C_in = 4"):
        fn(x, np.zeros((3, 4, 3, 3)))
    with pytest.raises(ValueError, match="b must have shape"):
        fn(x, w, np.zeros(2))
    with pytest.raises(ValueError, match="does not tile"):
        fn(np.zeros((1, 2, 7, 7)), w, stride=3)
    with pytest.raises(ValueError, match="larger than the padded input"):
        fn(np.zeros((1, 2, 2, 2)), w)
    with pytest.raises(ValueError, match="stride must be >= 1"):
        fn(x, w, stride=0)
    with pytest.raises(ValueError, match="padding must be >= 0"):
        fn(x, w, padding=-1)
    with pytest.raises(ValueError, match="NaN"):
        fn(np.full((1, 2, 5, 5), np.nan), w)


@pytest.mark.parametrize("backward", [conv2d_backward, conv2d_naive_backward])
def test_conv2d_backward_rejects_a_wrong_dout(backward):
    x, w = np.zeros((1, 2, 5, 5)), np.zeros((3, 2, 3, 3))
    with pytest.raises(ValueError, match=r"dout must have shape \(1, 3, 3, 3\)"):
        backward(np.zeros((1, 3, 5, 5)), x, w)
    with pytest.raises(ValueError, match="dout must have 4 dimensions"):
        backward(np.zeros((3, 3, 3)), x, w)


def test_im2col_and_col2im_reject_bad_inputs():
    with pytest.raises(ValueError, match="x must have 4 dimensions"):
        im2col(np.zeros((5, 5)), 3)
    with pytest.raises(ValueError, match="kernel_size must be >= 1"):
        im2col(np.zeros((1, 1, 5, 5)), 0)
    with pytest.raises(ValueError, match="does not tile"):
        im2col(np.zeros((1, 1, 7, 7)), 3, stride=3)
    with pytest.raises(ValueError, match="x_shape must be"):
        col2im(np.zeros((9, 9)), (5, 5), 3)
    with pytest.raises(ValueError, match=r"cols must have shape \(9, 9\)"):
        col2im(np.zeros((9, 8)), (1, 1, 5, 5), 3)
    with pytest.raises(ValueError, match="x_shape entry must be >= 1"):
        col2im(np.zeros((9, 9)), (1, 0, 5, 5), 3)


# ---------------------------------------------------------------- the Conv2d layer


def test_conv2d_layer_matches_torch_module_with_copied_weights():
    rng = np.random.default_rng(21)
    layer = Conv2d(3, 4, 3, stride=2, padding=1, rng=rng)
    reference = torch.nn.Conv2d(3, 4, 3, stride=2, padding=1).double()
    with torch.no_grad():
        reference.weight.copy_(torch.tensor(layer.weight.data))
        reference.bias.copy_(torch.tensor(layer.bias.data))
    x = rng.standard_normal((2, 3, 7, 7))
    xt = torch.tensor(x, requires_grad=True)
    out_torch = reference(xt)
    out = layer(x)
    np.testing.assert_allclose(out, out_torch.detach().numpy(), **TIGHT, err_msg="Conv2d vs torch nn.Conv2d forward")
    dout = rng.standard_normal(out.shape)
    out_torch.backward(torch.tensor(dout))
    dx = layer.backward(dout)
    np.testing.assert_allclose(dx, xt.grad.numpy(), **TIGHT, err_msg="Conv2d dx vs torch")
    np.testing.assert_allclose(layer.weight.grad, reference.weight.grad.numpy(), **TIGHT, err_msg="weight.grad")
    np.testing.assert_allclose(layer.bias.grad, reference.bias.grad.numpy(), **TIGHT, err_msg="bias.grad vs torch")
    layer.backward(dout)  # gradients accumulate, like torch, until zero_grad()
    np.testing.assert_allclose(layer.weight.grad, 2 * reference.weight.grad.numpy(), **TIGHT, err_msg="accumulation")


def test_conv2d_layer_gradients_are_numerically_correct():
    for bias in (True, False):
        layer = Conv2d(2, 3, 3, stride=1, padding=1, bias=bias, rng=0)
        x = np.random.default_rng(1).standard_normal((2, 2, 4, 4))
        errors = check_module_gradients(layer, x, rng=2)
        assert set(errors) == ({"input", "weight", "bias"} if bias else {"input", "weight"})
        assert max(errors.values()) < 1e-7, errors


def test_conv2d_layer_initialisation_matches_torch_default_bounds():
    layer = Conv2d(8, 32, 3, rng=0)
    bound = 1 / np.sqrt(8 * 3 * 3)
    assert layer.weight.shape == (32, 8, 3, 3) and layer.bias.shape == (32,)
    assert np.abs(layer.weight.data).max() <= bound
    assert np.abs(layer.weight.data).max() > 0.95 * bound, "uniform over the whole interval"
    assert np.abs(layer.bias.data).max() <= bound
    torch.manual_seed(0)
    reference = torch.nn.Conv2d(8, 32, 3)
    torch_weights = reference.weight.detach().double().numpy()
    assert np.abs(torch_weights).max() <= bound + 1e-7, "torch's kaiming-uniform(a=sqrt(5)) has the same bound"
    assert abs(layer.weight.data.std() - torch_weights.std()) < 0.1 * bound, "same spread as torch: U(-b, b)"
    np.testing.assert_array_equal(Conv2d(8, 32, 3, rng=0).weight.data, layer.weight.data, err_msg="seeded init")


def test_conv2d_layer_validates_arguments_and_order_of_calls():
    with pytest.raises(ValueError, match="in_channels must be >= 1"):
        Conv2d(0, 4, 3)
    with pytest.raises(ValueError, match="kernel_size must be an integer"):
        Conv2d(3, 4, (3, 3))
    with pytest.raises(ValueError, match="padding must be >= 0"):
        Conv2d(3, 4, 3, padding=-1)
    layer = Conv2d(3, 4, 3)
    with pytest.raises(ValueError, match="call forward before backward"):
        layer.backward(np.zeros((1, 4, 3, 3)))
    with pytest.raises(ValueError, match="x has 2 channels"):
        layer(np.zeros((1, 2, 5, 5)))
    assert repr(layer) == "Conv2d(3, 4, kernel_size=3, stride=1, padding=0, bias=True)"
    assert Conv2d(3, 4, 3, bias=False).parameters()[0].name == "weight"
    assert len(Conv2d(3, 4, 3, bias=False).parameters()) == 1
