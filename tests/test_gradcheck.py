import numpy as np
import pytest

from dlcourse.gradcheck import (
    check_module_gradients,
    forward_difference,
    numerical_gradient,
    numerical_gradient_array,
    rel_error,
)
from dlcourse.nn.module import Module, Parameter


def test_centred_difference_matches_analytic_gradient(rng):
    x = rng.standard_normal((3, 4))
    grad = numerical_gradient(lambda z: np.sum(np.sin(z) * z), x)
    np.testing.assert_allclose(grad, np.cos(x) * x + np.sin(x), rtol=1e-8, atol=1e-10)


def test_numerical_gradient_restores_its_input(rng):
    x = rng.standard_normal(5)
    before = x.copy()
    numerical_gradient(lambda z: np.sum(z ** 2), x)
    np.testing.assert_array_equal(x, before, err_msg="x must be restored after perturbation")


def test_lecture_example_derivative_of_w_squared_at_10():
    # Lecture 001: Loss(W) = W^2 at W = 10 with h = 0.01 gives (100.2001 - 100) / 0.01 = 20.01
    # by the forward difference; the centred difference gives 20 (error O(h) vs O(h^2)),
    # and one step with learning rate 0.1 moves W to 10 - 0.1 * 20.01 = 7.999.
    f = lambda w: float(np.sum(w ** 2))
    w = np.array([10.0])
    forward = forward_difference(f, w, h=0.01)[0]
    centred = numerical_gradient(f, w, h=0.01)[0]
    assert forward == pytest.approx(20.01, abs=1e-9)
    assert centred == pytest.approx(20.0, abs=1e-9)
    assert 10.0 - 0.1 * forward == pytest.approx(7.999, abs=1e-9)


def test_centred_difference_error_shrinks_faster_than_forward(rng):
    f = lambda z: float(np.sum(np.exp(z)))
    x = rng.standard_normal(4)
    exact = np.exp(x)
    for h in (1e-2, 1e-3):
        centred_err = np.max(np.abs(numerical_gradient(f, x, h) - exact))
        forward_err = np.max(np.abs(forward_difference(f, x, h) - exact))
        assert centred_err < forward_err / 10, f"h={h}: centred {centred_err}, forward {forward_err}"


def test_vector_jacobian_product(rng):
    x = rng.standard_normal((2, 3))
    dout = rng.standard_normal((2, 3))
    np.testing.assert_allclose(numerical_gradient_array(np.tanh, x, dout), dout * (1 - np.tanh(x) ** 2),
                               rtol=1e-7, atol=1e-10)


def test_rel_error_properties():
    assert rel_error(np.ones(3), np.ones(3)) == 0.0
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rel_error(np.array([1.0]), np.array([-1.0])) == pytest.approx(1.0)
    assert rel_error(np.zeros(0), np.zeros(0)) == 0.0
    assert rel_error(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-6])) == pytest.approx(1e-6 / 4.000001)


class _Scale(Module):
    """y = w * x with a deliberately wrong backward when ``broken``."""

    def __init__(self, broken=False):
        self.w = Parameter(np.array([1.5, -2.0]))
        self.broken = broken

    def forward(self, x):
        self.x = x
        return x * self.w.data

    def backward(self, dout):
        self.w.grad += np.sum(dout * self.x, axis=0) * (2.0 if self.broken else 1.0)
        return dout * self.w.data


def test_check_module_gradients_passes_a_correct_module(rng):
    errors = check_module_gradients(_Scale(), rng.standard_normal((4, 2)), rng=1)
    assert set(errors) == {"input", "w"}
    assert max(errors.values()) < 1e-8, errors


def test_check_module_gradients_catches_a_wrong_backward(rng):
    errors = check_module_gradients(_Scale(broken=True), rng.standard_normal((4, 2)),
                                    dout=rng.standard_normal((4, 2)))
    assert errors["input"] < 1e-8
    assert errors["w"] > 0.1, "a parameter gradient twice too large must show a large error"


@pytest.mark.parametrize("bad", [
    dict(f=lambda z: z, x=np.ones(3)),          # not a scalar
    dict(f=lambda z: 0.0, x=np.ones(3), h=-1),  # negative step
    dict(f="not callable", x=np.ones(3)),
    dict(f=lambda z: 0.0, x=np.array([np.nan])),
])
def test_numerical_gradient_rejects_bad_input(bad):
    with pytest.raises(ValueError):
        numerical_gradient(**bad)


def test_rel_error_rejects_shape_mismatch():
    with pytest.raises(ValueError, match="same shape"):
        rel_error(np.ones(2), np.ones(3))


def test_check_module_gradients_rejects_wrong_dout_shape(rng):
    with pytest.raises(ValueError, match="output's shape"):
        check_module_gradients(_Scale(), rng.standard_normal((4, 2)), dout=np.ones(3))
