import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse.gradcheck import check_module_gradients, numerical_gradient_array
from dlcourse.nn.dropout import Dropout


@pytest.mark.parametrize("p", [0.2, 0.5, 0.8])
def test_mean_is_preserved_and_fraction_dropped_is_p(p):
    n = 200 * 500
    x = np.ones((200, 500))
    out = Dropout(p, rng=0)(x)
    kept = np.count_nonzero(out)
    # kept ~ Binomial(n, 1 - p): the fraction dropped has std sqrt(p (1 - p) / n) and the
    # output mean kept / (n (1 - p)) has std sqrt(p / ((1 - p) n)); allow 5 standard deviations.
    fraction_dropped = 1 - kept / n
    assert abs(fraction_dropped - p) < 5 * np.sqrt(p * (1 - p) / n), f"dropped {fraction_dropped}, expected {p}"
    assert abs(out.mean() - 1.0) < 5 * np.sqrt(p / ((1 - p) * n)), f"mean {out.mean()}, expected 1"


def test_kept_elements_are_scaled_by_one_over_keep_probability(rng):
    p = 0.3
    x = rng.standard_normal((50, 40)) + 5  # no element is 0
    out = Dropout(p, rng=1)(x)
    kept = out != 0
    np.testing.assert_allclose(out[kept], x[kept] / (1 - p), err_msg="kept elements are x / (1 - p)")


def test_eval_mode_is_identity(rng):
    layer = Dropout(0.5, rng=0).eval()
    x = rng.standard_normal((6, 7))
    np.testing.assert_array_equal(layer(x), x)
    dout = rng.standard_normal((6, 7))
    np.testing.assert_array_equal(layer.backward(dout), dout)
    errors = check_module_gradients(layer, x, rng=1)
    assert errors["input"] < 1e-7


def test_backward_uses_the_forward_mask(rng):
    p = 0.4
    layer = Dropout(p, rng=3)
    x = rng.standard_normal((8, 9)) + 5
    out = layer(x)
    scaled_mask = out / x  # 0 where dropped, 1 / (1 - p) where kept
    dout = rng.standard_normal((8, 9))
    dx = layer.backward(dout)
    np.testing.assert_allclose(dx, dout * scaled_mask, atol=1e-12, err_msg="dx = dout * mask / (1 - p)")
    # the same dout a second time: still the same mask (backward draws nothing)
    np.testing.assert_array_equal(layer.backward(dout), dx)
    # numerical check of the map z -> z * mask / (1 - p) with that fixed mask
    numeric = numerical_gradient_array(lambda z: z * scaled_mask, x.copy(), dout)
    np.testing.assert_allclose(dx, numeric, atol=1e-8, err_msg="dx vs numerical gradient with the fixed mask")


def test_backward_matches_torch_autograd_of_the_same_formula(rng):
    p = 0.5
    layer = Dropout(p, rng=2)
    x = rng.standard_normal((5, 6))
    out = layer(x)
    dx = layer.backward(dout := rng.standard_normal((5, 6)))
    mask = torch.from_numpy((out != 0).astype(np.float64))
    xt = torch.tensor(x, requires_grad=True)
    out_t = xt * mask / (1 - p)
    out_t.backward(torch.from_numpy(dout))
    np.testing.assert_allclose(out, out_t.detach().numpy(), atol=1e-12, err_msg="forward vs torch formula")
    np.testing.assert_allclose(dx, xt.grad.numpy(), atol=1e-12, err_msg="dx vs torch autograd")


def test_torch_dropout_has_the_same_meaning_of_p():
    """torch.nn.Dropout(p) also drops with probability p and scales by 1/(1-p)."""
    p, n = 0.3, 100_000
    torch.manual_seed(0)
    out_t = torch.nn.Dropout(p)(torch.ones(n, dtype=torch.float64)).numpy()
    out = Dropout(p, rng=0)(np.ones(n))
    tolerance = 5 * np.sqrt(p * (1 - p) / n)
    assert abs(np.mean(out_t == 0) - p) < tolerance and abs(np.mean(out == 0) - p) < tolerance
    np.testing.assert_allclose(np.unique(out_t), np.unique(out), err_msg="values {0, 1/(1-p)} in both")


def test_masks_differ_between_calls_and_seed_reproduces_them():
    x = np.ones((20, 20))
    a, b = Dropout(0.5, rng=11), Dropout(0.5, rng=11)
    first, second = a(x), a(x)
    assert not np.array_equal(first, second), "a new mask is drawn at every forward"
    np.testing.assert_array_equal(b(x), first)


def test_p_zero_keeps_everything_and_p_one_drops_everything(rng):
    x = rng.standard_normal((4, 5))
    np.testing.assert_array_equal(Dropout(0.0, rng=0)(x), x)
    layer = Dropout(1.0, rng=0)
    out = layer(x)
    assert np.all(out == 0) and np.all(np.isfinite(out))
    dx = layer.backward(np.ones_like(x))
    assert np.all(dx == 0) and np.all(np.isfinite(dx))
    np.testing.assert_array_equal(out, torch.nn.Dropout(1.0)(torch.from_numpy(x)).numpy())


def test_float32_stays_float32():
    out = Dropout(0.5, rng=0)(np.ones((3, 3), dtype=np.float32))
    assert out.dtype == np.float32


def test_no_parameters_and_repr():
    layer = Dropout(0.25)
    assert layer.parameters() == []
    assert repr(layer) == "Dropout(p=0.25)"


@pytest.mark.parametrize("p", [-0.1, 1.5, float("nan"), "0.5", None])
def test_bad_p_raises(p):
    with pytest.raises(ValueError, match="p must"):
        Dropout(p)


def test_bad_input_and_backward_raise(rng):
    layer = Dropout(0.5, rng=0)
    with pytest.raises(ValueError, match="call forward before backward"):
        layer.backward(np.ones((2, 2)))
    with pytest.raises(ValueError, match="NaN"):
        layer(np.array([1.0, np.nan]))
    layer(rng.standard_normal((2, 3)))
    with pytest.raises(ValueError, match=r"dout must have shape \(2, 3\)"):
        layer.backward(np.ones((3, 2)))
    with pytest.raises(ValueError, match="rng"):
        Dropout(0.5, rng=1.5)


@settings(max_examples=30, deadline=None)
@given(p=st.floats(0.0, 0.95), seed=st.integers(0, 2**16))
def test_every_output_is_zero_or_scaled_input(p, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((3, 4))
    out = Dropout(p, rng=rng)(x)
    dropped = out == 0
    np.testing.assert_allclose(out[~dropped], x[~dropped] / (1 - p), err_msg="kept elements are x / (1 - p)")
