"""Tests for dlcourse.init: shapes, the distributions' scale, and parity with torch.nn.init.

Statistical tolerances. For N independent draws with standard deviation s and
kurtosis kappa (3 for a normal, 9/5 for a uniform), the sample standard
deviation has standard error s * sqrt((kappa - 1) / (4N)) and the sample mean
s / sqrt(N); the tests allow 6 standard errors (a false alarm about once in
10^9 runs). For U(-a, a), max |w| <= a always and max |w| < a (1 - eps) has
probability (1 - eps)^N ~ exp(-eps N): eps = 30 / N makes that e^-30.
For N(0, s^2), max |w| / s lies in [3.5, 6.5] except with probability below 1e-4.
"""

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse import init
from dlcourse.gradcheck import numerical_gradient

FAN_IN, FAN_OUT = 400, 300  # unequal, so that swapping fan_in and fan_out would be caught
N_DRAWS = FAN_IN * FAN_OUT
KURTOSIS = {"uniform": 9 / 5, "normal": 3.0}

# name -> (our initializer, torch's in-place initializer, distribution, torch's std formula from its fans)
TORCH_GAIN_LINEAR_DEFAULT = torch.nn.init.calculate_gain("leaky_relu", math.sqrt(5))
TORCH_GAIN_RELU = torch.nn.init.calculate_gain("relu")
CASES = {
    "uniform_fan_in": (
        init.uniform_fan_in,
        lambda w: torch.nn.init.kaiming_uniform_(w, a=math.sqrt(5)),  # nn.Linear's default weight
        "uniform",
        lambda fan_in, fan_out: TORCH_GAIN_LINEAR_DEFAULT / math.sqrt(fan_in),
    ),
    "xavier_uniform": (
        init.xavier_uniform,
        torch.nn.init.xavier_uniform_,
        "uniform",
        lambda fan_in, fan_out: math.sqrt(2.0 / (fan_in + fan_out)),
    ),
    "xavier_normal": (
        init.xavier_normal,
        torch.nn.init.xavier_normal_,
        "normal",
        lambda fan_in, fan_out: math.sqrt(2.0 / (fan_in + fan_out)),
    ),
    "he_normal": (
        init.he_normal,
        lambda w: torch.nn.init.kaiming_normal_(w, mode="fan_in", nonlinearity="relu"),
        "normal",
        lambda fan_in, fan_out: TORCH_GAIN_RELU / math.sqrt(fan_in),
    ),
    "he_uniform": (
        init.he_uniform,
        lambda w: torch.nn.init.kaiming_uniform_(w, mode="fan_in", nonlinearity="relu"),
        "uniform",
        lambda fan_in, fan_out: TORCH_GAIN_RELU / math.sqrt(fan_in),
    ),
}


def torch_draw(torch_init, fan_in, fan_out, seed=0):
    """torch's initializer applied to a float64 tensor in torch's (fan_out, fan_in) layout."""
    torch.manual_seed(seed)
    weight = torch.empty(fan_out, fan_in, dtype=torch.float64)
    with torch.no_grad():
        torch_init(weight)
    return weight.numpy()


def std_tolerance(std, n, kurtosis):
    return 6 * std * math.sqrt((kurtosis - 1) / (4 * n))


def check_distribution(w, std, kind, who):
    """Empirical mean, std and max |w| of ``w`` against the distribution with that std."""
    n = w.size
    np.testing.assert_allclose(w.mean(), 0.0, atol=6 * std / math.sqrt(n), err_msg=f"{who}: mean of the weights")
    np.testing.assert_allclose(
        w.std(), std, atol=std_tolerance(std, n, KURTOSIS[kind]), err_msg=f"{who}: std of the weights"
    )
    largest = np.abs(w).max()
    if kind == "uniform":
        bound = math.sqrt(3.0) * std
        assert largest <= bound, f"{who}: max |w| = {largest} exceeds the bound {bound}"
        assert largest >= bound * (1 - 30 / n), f"{who}: max |w| = {largest} is far below the bound {bound}"
    else:
        assert 3.5 * std <= largest <= 6.5 * std, f"{who}: max |w| = {largest} for std {std}"


# ---- shapes, dtype, reproducibility ------------------------------------------------------------


ALL_INITIALIZERS = [
    init.uniform_fan_in,
    init.xavier_uniform,
    init.xavier_normal,
    init.he_normal,
    init.he_uniform,
    init.orthogonal,
    init.zeros,
]


@pytest.mark.parametrize("initializer", ALL_INITIALIZERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("fan_in, fan_out", [(5, 3), (3, 5), (4, 4), (1, 7)])
def test_shape_is_torch_layout_fan_out_by_fan_in(initializer, fan_in, fan_out):
    w = initializer(fan_in, fan_out, rng=0)
    assert w.shape == (fan_out, fan_in), f"{initializer.__name__} must return (fan_out, fan_in)"
    assert w.dtype == np.float64
    fans = torch.nn.init._calculate_fan_in_and_fan_out(torch.from_numpy(w))
    assert fans == (fan_in, fan_out), "torch reads (fan_in, fan_out) from our array the same way"


def test_sparse_shape():
    assert init.sparse(20, 6, rng=0).shape == (6, 20)


@pytest.mark.parametrize("initializer", ALL_INITIALIZERS[:-1], ids=lambda f: f.__name__)
def test_same_seed_same_weights_and_generators_accepted(initializer):
    np.testing.assert_array_equal(initializer(6, 4, rng=3), initializer(6, 4, rng=3))
    assert not np.array_equal(initializer(6, 4, rng=3), initializer(6, 4, rng=4))
    w = initializer(6, 4, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(w, initializer(6, 4, rng=3), err_msg="a Generator and its seed agree")


# ---- scale of the distributions, against the formulas and against torch --------------------------


@pytest.mark.parametrize("name", list(CASES))
def test_std_and_bound_match_formula_and_torch(name):
    ours, torch_init, kind, torch_std = CASES[name]
    expected_std = torch_std(FAN_IN, FAN_OUT)  # torch's formula, with torch's meaning of fan_in, fan_out
    check_distribution(ours(FAN_IN, FAN_OUT, rng=0), expected_std, kind, f"dlcourse.init.{name}")
    check_distribution(torch_draw(torch_init, FAN_IN, FAN_OUT), expected_std, kind, f"torch for {name}")


def test_formulas_written_as_in_the_lectures():
    """The bounds and stds in the docstrings' own form (m = fan_in, n = fan_out)."""
    m, n = FAN_IN, FAN_OUT
    assert math.isclose(CASES["uniform_fan_in"][3](m, n) * math.sqrt(3), 1 / math.sqrt(m))
    # Xavier: bound sqrt(6/(m+n)), not the slide's 6/sqrt(m+n) (erratum, lecture 004)
    assert math.isclose(CASES["xavier_uniform"][3](m, n) * math.sqrt(3), math.sqrt(6 / (m + n)))
    assert math.isclose(CASES["he_uniform"][3](m, n) * math.sqrt(3), math.sqrt(6 / m))
    assert math.isclose(CASES["he_normal"][3](m, n), math.sqrt(2 / m))
    w = init.xavier_uniform(m, n, rng=1)
    assert np.abs(w).max() < 6 / math.sqrt(m + n) / 2, "the slide's bound 6/sqrt(m+n) is sqrt(6) times too wide"


@pytest.mark.parametrize("gain", [0.5, 5 / 3])
@pytest.mark.parametrize(
    "name, torch_init, kind",
    [
        ("xavier_uniform", torch.nn.init.xavier_uniform_, "uniform"),
        ("xavier_normal", torch.nn.init.xavier_normal_, "normal"),
    ],
)
def test_xavier_gain_scales_like_torch(name, torch_init, kind, gain):
    expected_std = gain * math.sqrt(2.0 / (FAN_IN + FAN_OUT))
    ours = getattr(init, name)(FAN_IN, FAN_OUT, gain=gain, rng=2)
    check_distribution(ours, expected_std, kind, f"{name} gain={gain}")
    drawn = torch_draw(lambda w: torch_init(w, gain=gain), FAN_IN, FAN_OUT)
    check_distribution(drawn, expected_std, kind, f"torch {name} gain={gain}")


# ---- orthogonal -----------------------------------------------------------------------------------


@pytest.mark.parametrize("gain", [1.0, 2.0])
@pytest.mark.parametrize("fan_in, fan_out", [(7, 4), (4, 7), (5, 5)])
def test_orthogonal_rows_or_columns_orthonormal_times_gain(fan_in, fan_out, gain):
    w = init.orthogonal(fan_in, fan_out, gain=gain, rng=0)
    if fan_out <= fan_in:
        np.testing.assert_allclose(w @ w.T, gain**2 * np.eye(fan_out), atol=1e-12, err_msg="wide: W W^T = g^2 I")
    else:
        np.testing.assert_allclose(w.T @ w, gain**2 * np.eye(fan_in), atol=1e-12, err_msg="tall: W^T W = g^2 I")


@pytest.mark.parametrize("fan_in, fan_out", [(7, 4), (4, 7), (5, 5)])
def test_orthogonal_equals_torch_on_the_same_gaussian(fan_in, fan_out):
    """torch draws a (fan_out, fan_in) Gaussian then applies QR with the sign fix: same steps, same Q."""
    torch.manual_seed(5)
    expected = torch.nn.init.orthogonal_(torch.empty(fan_out, fan_in, dtype=torch.float64), gain=1.5)
    torch.manual_seed(5)
    gaussian = torch.empty(fan_out, fan_in, dtype=torch.float64).normal_(0, 1).numpy()
    np.testing.assert_allclose(
        1.5 * init._orthonormalize(gaussian), expected.numpy(), atol=1e-12,
        err_msg="orthogonal vs torch's orthogonal_",
    )


def test_orthogonal_sign_fix_makes_the_qr_diagonal_positive():
    """Q R = A with diag(R) > 0 is the unique QR; the sign fix selects it (so Q is Haar-uniform)."""
    gaussian = np.random.default_rng(0).standard_normal((6, 4))
    q = init._orthonormalize(gaussian)
    r = q.T @ gaussian
    np.testing.assert_allclose(np.tril(r, -1), 0.0, atol=1e-12, err_msg="Q^T A is upper triangular")
    assert np.all(np.diag(r) > 0)


# ---- sparse (Martens 2010) ------------------------------------------------------------------------


@pytest.mark.parametrize("fan_in, fan_out, k", [(50, 40, 15), (15, 3, 15), (8, 5, 1)])
def test_sparse_has_exactly_k_nonzero_incoming_weights_per_unit(fan_in, fan_out, k):
    w = init.sparse(fan_in, fan_out, nonzeros=k, rng=0)
    np.testing.assert_array_equal(np.count_nonzero(w, axis=1), k, err_msg="nonzeros per row (per unit)")


def test_sparse_default_is_martens_15_and_positions_differ_between_units():
    w = init.sparse(100, 200, rng=0)
    np.testing.assert_array_equal(np.count_nonzero(w, axis=1), 15)
    patterns = {tuple(np.flatnonzero(row)) for row in w}
    assert len(patterns) > 190, "each unit draws its own inputs"
    assert np.count_nonzero(w.sum(axis=0)) > 90, "almost every input is used by some unit"


@settings(max_examples=30, deadline=None)
@given(fan_in=st.integers(1, 30), fan_out=st.integers(1, 10), data=st.data())
def test_sparse_row_count_property(fan_in, fan_out, data):
    k = data.draw(st.integers(1, fan_in))
    w = init.sparse(fan_in, fan_out, nonzeros=k, rng=data.draw(st.integers(0, 1000)))
    assert np.all(np.count_nonzero(w, axis=1) == k)


def test_sparse_nonzero_values_are_normal_with_given_std():
    w = init.sparse(100, 2000, nonzeros=10, std=0.5, rng=1)
    check_distribution(w[w != 0], 0.5, "normal", "sparse nonzero weights")


# ---- zeros: symmetry is never broken --------------------------------------------------------------


def two_layer_gradients(w1, b1, w2, b2, x, y):
    """h = sigmoid(x W1^T + b1), out = h W2^T + b2, L = (1/2N) sum (out - y)^2. Returns L and the grads."""
    n = x.shape[0]
    h = 1.0 / (1.0 + np.exp(-(x @ w1.T + b1)))
    out = h @ w2.T + b2
    loss = 0.5 * np.sum((out - y) ** 2) / n
    dout = (out - y) / n
    dw2, db2 = dout.T @ h, dout.sum(axis=0)
    dpre = (dout @ w2) * h * (1 - h)
    dw1, db1 = dpre.T @ x, dpre.sum(axis=0)
    return loss, (dw1, db1, dw2, db2)


def train(w1, w2, x, y, steps=20, lr=0.5):
    """Plain gradient descent on the two-layer network; returns the final weights and last gradients."""
    b1, b2 = np.zeros(w1.shape[0]), np.zeros(w2.shape[0])
    for _ in range(steps):
        _, (dw1, db1, dw2, db2) = two_layer_gradients(w1, b1, w2, b2, x, y)
        w1, b1, w2, b2 = w1 - lr * dw1, b1 - lr * db1, w2 - lr * dw2, b2 - lr * db2
    return w1, b1, w2, (dw1, db1, dw2, db2)


def test_two_layer_backprop_used_below_is_correct(rng):
    x, y = rng.standard_normal((6, 3)), rng.standard_normal((6, 2))
    w1, b1 = rng.standard_normal((4, 3)), rng.standard_normal(4)
    w2, b2 = rng.standard_normal((2, 4)), rng.standard_normal(2)
    _, (dw1, _, dw2, _) = two_layer_gradients(w1, b1, w2, b2, x, y)
    numeric_w1 = numerical_gradient(lambda w: two_layer_gradients(w, b1, w2, b2, x, y)[0], w1.copy())
    numeric_w2 = numerical_gradient(lambda w: two_layer_gradients(w1, b1, w, b2, x, y)[0], w2.copy())
    np.testing.assert_allclose(dw1, numeric_w1, rtol=1e-6, atol=1e-9, err_msg="dL/dW1 vs numerical")
    np.testing.assert_allclose(dw2, numeric_w2, rtol=1e-6, atol=1e-9, err_msg="dL/dW2 vs numerical")


def test_zeros_every_hidden_unit_gets_the_same_gradient_forever(rng):
    x, y = rng.standard_normal((16, 3)), rng.standard_normal((16, 2))
    hidden = 5
    w1, b1, w2, (dw1, db1, dw2, _) = train(init.zeros(3, hidden), init.zeros(hidden, 2), x, y)
    assert np.abs(dw1).max() > 1e-6 and np.abs(dw2).max() > 1e-6, "the network is learning"
    # hidden unit j: incoming weights W1[j, :], bias b1[j], outgoing weights W2[:, j]
    per_hidden_unit = {"dW1 rows": dw1, "db1": db1[:, None], "dW2 columns": dw2.T, "W1 rows": w1, "W2 columns": w2.T}
    for name, rows in per_hidden_unit.items():
        np.testing.assert_allclose(rows, np.broadcast_to(rows[0], rows.shape), rtol=1e-12, atol=1e-15,
                                   err_msg=f"{name}: all hidden units identical after zero init")


def test_random_init_breaks_the_symmetry(rng):
    x, y = rng.standard_normal((16, 3)), rng.standard_normal((16, 2))
    w1, _, w2, _ = train(init.xavier_uniform(3, 5, rng=0), init.xavier_uniform(5, 2, rng=1), x, y)
    assert np.abs(w1 - w1[0]).max() > 1e-2, "hidden units differ"


def test_zeros_is_all_zero():
    np.testing.assert_array_equal(init.zeros(3, 2), np.zeros((2, 3)))


# ---- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("initializer", ALL_INITIALIZERS + [init.sparse], ids=lambda f: f.__name__)
@pytest.mark.parametrize("fan_in, fan_out", [(0, 3), (3, 0), (-2, 3), (2.5, 3), ("3", 3), (True, 3)])
def test_bad_fans_raise(initializer, fan_in, fan_out):
    with pytest.raises(ValueError, match="fan_(in|out)"):
        initializer(fan_in, fan_out)


@pytest.mark.parametrize(
    "initializer", [init.xavier_uniform, init.xavier_normal, init.orthogonal], ids=lambda f: f.__name__
)
@pytest.mark.parametrize("gain", [0.0, -1.0, float("nan"), "1"])
def test_bad_gain_raises(initializer, gain):
    with pytest.raises(ValueError, match="gain"):
        initializer(4, 3, gain=gain)


def test_sparse_bad_arguments_raise():
    with pytest.raises(ValueError, match="nonzeros must be <= fan_in"):
        init.sparse(10, 4)  # Martens' default k = 15 needs at least 15 inputs
    with pytest.raises(ValueError, match="nonzeros"):
        init.sparse(10, 4, nonzeros=0)
    with pytest.raises(ValueError, match="std"):
        init.sparse(20, 4, std=0.0)


def test_bad_rng_raises():
    with pytest.raises(ValueError, match="rng"):
        init.he_normal(4, 3, rng="seed")
