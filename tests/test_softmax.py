import warnings

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from dlcourse.functional.softmax import log_softmax, softmax

FEW = settings(max_examples=30, deadline=None)

# Arrays of 1 to 3 dimensions, up to 5 entries per dimension, scores up to +-1000.
scores = arrays(
    np.float64,
    array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5),
    elements=st.floats(-1000, 1000, allow_nan=False, allow_infinity=False),
)


def random_axis(data, x):
    return data.draw(st.integers(-x.ndim, x.ndim - 1), label="axis")


def torch_softmaxes(x, axis):
    t = torch.tensor(x, dtype=torch.float64)
    return torch.softmax(t, dim=axis).numpy(), torch.log_softmax(t, dim=axis).numpy()


# ---------------------------------------------------------------- torch parity


def test_matches_torch_on_random_scores(rng):
    x = rng.standard_normal((4, 6)) * 5
    expected_p, expected_logp = torch_softmaxes(x, -1)
    np.testing.assert_allclose(softmax(x), expected_p, rtol=1e-13, atol=1e-300, err_msg="softmax vs torch")
    np.testing.assert_allclose(log_softmax(x), expected_logp, rtol=1e-13, atol=1e-13, err_msg="log_softmax vs torch")


def test_stable_and_matches_torch_at_plus_minus_1000():
    x = np.array([[1000.0, -1000.0, 0.0], [1000.0, 1000.0, 1000.0], [-1000.0, -1000.0, -999.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            p, logp = softmax(x), log_softmax(x)
    expected_p, expected_logp = torch_softmaxes(x, -1)
    assert np.all(np.isfinite(p)) and np.all(np.isfinite(logp)), "no inf or NaN for scores of +-1000"
    np.testing.assert_allclose(p, expected_p, rtol=1e-13, atol=1e-300, err_msg="softmax vs torch at +-1000")
    np.testing.assert_allclose(logp, expected_logp, rtol=1e-13, atol=1e-13, err_msg="log_softmax vs torch at +-1000")
    np.testing.assert_array_equal(logp[0], [0.0, -2000.0, -1000.0],
                                  err_msg="log-softmax stays finite where the probability underflows to 0")


@FEW
@given(x=scores, data=st.data())
def test_matches_torch_along_any_axis(x, data):
    axis = random_axis(data, x)
    expected_p, expected_logp = torch_softmaxes(x, axis)
    np.testing.assert_allclose(softmax(x, axis=axis), expected_p, rtol=1e-12, atol=1e-300,
                               err_msg=f"softmax vs torch along axis {axis}")
    np.testing.assert_allclose(log_softmax(x, axis=axis), expected_logp, rtol=1e-12, atol=1e-10,
                               err_msg=f"log_softmax vs torch along axis {axis}")


def test_lecture_cat_example():
    # Lecture 001: scores cat 3.2, car 5.1, frog -1.7 -> probabilities 0.13, 0.87, 0.00.
    np.testing.assert_allclose(softmax(np.array([3.2, 5.1, -1.7])), [0.13, 0.87, 0.00], atol=0.005,
                               err_msg="the lecture's rounded probabilities")


# ---------------------------------------------------------------- properties


@FEW
@given(x=scores, data=st.data())
def test_probabilities_are_positive_and_sum_to_one(x, data):
    axis = random_axis(data, x)
    p = softmax(x, axis=axis)
    assert p.shape == x.shape
    assert np.all((p >= 0) & (p <= 1)), "probabilities lie in [0, 1]"
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=0, atol=1e-12, err_msg="softmax sums to 1 along axis")
    assert np.all(log_softmax(x, axis=axis) <= 0), "log-probabilities are <= 0"


@FEW
@given(x=scores, c=st.floats(-1000, 1000), data=st.data())
def test_adding_a_constant_changes_nothing(x, c, data):
    axis = random_axis(data, x)
    # x + c is rounded (to about 1e-13 for entries near 2000), so compare with a matching tolerance.
    np.testing.assert_allclose(softmax(x + c, axis=axis), softmax(x, axis=axis), rtol=1e-9, atol=1e-12,
                               err_msg="softmax(x + c) == softmax(x)")
    np.testing.assert_allclose(log_softmax(x + c, axis=axis), log_softmax(x, axis=axis), rtol=1e-9, atol=1e-9,
                               err_msg="log_softmax(x + c) == log_softmax(x)")


@FEW
@given(x=scores, data=st.data())
def test_log_softmax_is_log_of_softmax_where_finite(x, data):
    axis = random_axis(data, x)
    p = softmax(x, axis=axis)
    normal = p > np.finfo(np.float64).tiny  # below it p is 0 or subnormal (few significant digits)
    np.testing.assert_allclose(log_softmax(x, axis=axis)[normal], np.log(p[normal]), rtol=1e-12, atol=1e-12,
                               err_msg="log_softmax == log(softmax) where softmax is a normal float")


@FEW
@given(x=scores, data=st.data())
def test_any_axis_equals_last_axis_after_moving_it(x, data):
    axis = random_axis(data, x)
    moved = np.moveaxis(x, axis, -1)
    np.testing.assert_array_equal(softmax(x, axis=axis), np.moveaxis(softmax(moved), -1, axis),
                                  err_msg="softmax along axis k == softmax along the last axis after moveaxis")
    np.testing.assert_array_equal(log_softmax(x, axis=axis), np.moveaxis(log_softmax(moved), -1, axis),
                                  err_msg="log_softmax along axis k == along the last axis after moveaxis")


def test_equal_scores_give_uniform_probabilities():
    np.testing.assert_allclose(softmax(np.full((2, 4), 7.0)), 0.25, rtol=1e-15, err_msg="equal scores -> 1/C")
    np.testing.assert_allclose(log_softmax(np.full((2, 4), 7.0)), -np.log(4), rtol=1e-15,
                               err_msg="equal scores -> log(1/C)")


def test_float32_stays_float32_and_integers_work():
    assert softmax(np.ones(3, dtype=np.float32)).dtype == np.float32
    assert log_softmax(np.ones(3, dtype=np.float32)).dtype == np.float32
    np.testing.assert_allclose(softmax([0, 0]), [0.5, 0.5], rtol=1e-15, err_msg="integer input")


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("fn", [softmax, log_softmax])
def test_bad_input_raises(fn):
    with pytest.raises(ValueError, match="NaN"):
        fn(np.array([1.0, np.nan]))
    with pytest.raises(ValueError, match="at least 1 dimensions"):
        fn(3.0)
    with pytest.raises(ValueError, match=r"axis must be in \[-2, 2\)"):
        fn(np.ones((2, 3)), axis=2)
    with pytest.raises(ValueError, match="axis must be an integer"):
        fn(np.ones((2, 3)), axis=1.0)
    with pytest.raises(ValueError, match="axis must be an integer"):
        fn(np.ones((2, 3)), axis=True)
    with pytest.raises(ValueError, match="at least one entry along axis 1"):
        fn(np.ones((2, 0)))
