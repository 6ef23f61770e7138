"""Tests of dlcourse.nn.recurrent: RNN, LSTM and GRU with backpropagation through time.

Every layer is compared with torch autograd on an unrolled loop (float64), its
gradients with centred differences, and its inputs are checked.
"""

import itertools

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse.gradcheck import check_module_gradients, numerical_gradient
from dlcourse.nn.recurrent import GRUCell, LSTMCell, RNNCell

ATOL, RTOL = 1e-10, 1e-8
GRAD_TOL = 1e-6  # worst relative error allowed against centred differences


def _t(array, requires_grad=False):
    return torch.tensor(np.asarray(array), dtype=torch.float64, requires_grad=requires_grad)


def _sequence_data(rng, N=3, T=4, D=5, H=6, scale=1.0):
    """x: (N, T, D), h0: (N, H), G: (N, T, H) for the linear loss sum(h * G)."""
    x = scale * rng.standard_normal((N, T, D))
    h0 = 0.5 * rng.standard_normal((N, H))
    G = rng.standard_normal((N, T, H))
    return x, h0, G


def _unroll(step, x, h):
    """Run a torch step function ``h = step(x_t, h)`` over time: returns (N, T, H)."""
    states = []
    for t in range(x.shape[1]):
        h = step(x[:, t], h)
        states.append(h)
    return torch.stack(states, dim=1)


def _assert_close(ours, theirs, what):
    np.testing.assert_allclose(ours, theirs.detach().numpy(), atol=ATOL, rtol=RTOL, err_msg=what)


def _assert_numerical_check(module, x, what):
    errors = check_module_gradients(module, x, rng=1)
    for name, err in errors.items():
        assert err < GRAD_TOL, f"{what}: gradient of {name} differs from centred differences by {err:.2e}"


# ----------------------------------------------------------------------------- RNN


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_rnn_matches_torch_rnncell_unrolled(rng, nonlinearity):
    x, h0, G = _sequence_data(rng)
    rnn = RNNCell(5, 6, nonlinearity=nonlinearity, rng=rng)
    h = rnn.forward(x, h0=h0)
    dx = rnn.backward(G)

    cell = torch.nn.RNNCell(5, 6, nonlinearity=nonlinearity).double()
    with torch.no_grad():
        cell.weight_ih.copy_(_t(rnn.weight_ih.data))
        cell.weight_hh.copy_(_t(rnn.weight_hh.data))
        cell.bias_ih.copy_(_t(rnn.bias.data))
        cell.bias_hh.zero_()
    xt, h0t = _t(x, True), _t(h0, True)
    ht = _unroll(cell, xt, h0t)
    (ht * _t(G)).sum().backward()

    _assert_close(h, ht, f"RNN ({nonlinearity}) hidden states vs torch RNNCell")
    _assert_close(dx, xt.grad, "RNN dL/dx vs torch")
    _assert_close(rnn.dh0, h0t.grad, "RNN dL/dh0 vs torch h0.grad")
    _assert_close(rnn.weight_ih.grad, cell.weight_ih.grad, "RNN dL/dU (weight_ih) vs torch")
    _assert_close(rnn.weight_hh.grad, cell.weight_hh.grad, "RNN dL/dW (weight_hh) vs torch")
    _assert_close(rnn.bias.grad, cell.bias_ih.grad, "RNN dL/db vs torch bias_ih.grad")


def test_rnn_matches_lecture_formula(rng):
    """h_t = tanh(b + W h_{t-1} + U x_t), written out step by step."""
    x, h0, _ = _sequence_data(rng, N=2, T=3)
    rnn = RNNCell(5, 6, rng=rng)
    U, W, b = rnn.weight_ih.data, rnn.weight_hh.data, rnn.bias.data
    h, expected = h0, []
    for t in range(3):
        h = np.tanh(b + h @ W.T + x[:, t] @ U.T)
        expected.append(h)
    np.testing.assert_allclose(rnn(x, h0=h0), np.stack(expected, axis=1), atol=1e-14, err_msg="RNN vs lecture")


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_rnn_numerical_gradients(rng, nonlinearity):
    rnn = RNNCell(3, 4, nonlinearity=nonlinearity, rng=rng)
    x = rng.standard_normal((2, 3, 3))
    _assert_numerical_check(rnn, x, f"RNN ({nonlinearity})")


def test_rnn_initialisation_bounds_and_seed():
    rnn = RNNCell(7, 16, rng=0)
    bound = 1 / np.sqrt(16)
    for name, p in rnn.named_parameters():
        assert np.all(np.abs(p.data) <= bound), f"{name} must lie in U(-1/sqrt(H), 1/sqrt(H))"
    assert [n for n, _ in rnn.named_parameters()] == ["weight_ih", "weight_hh", "bias"]
    assert rnn.weight_ih.shape == (16, 7) and rnn.weight_hh.shape == (16, 16) and rnn.bias.shape == (16,)
    again = RNNCell(7, 16, rng=0)
    np.testing.assert_array_equal(rnn.weight_hh.data, again.weight_hh.data, err_msg="same seed, same weights")


# ----------------------------------------------------------------------------- LSTM


def _torch_lstm_like(lstm, bias):
    cell = torch.nn.LSTMCell(lstm.input_size, lstm.hidden_size, bias=bias).double()
    with torch.no_grad():
        cell.weight_ih.copy_(_t(lstm.weight_ih.data))
        cell.weight_hh.copy_(_t(lstm.weight_hh.data))
        if bias:
            cell.bias_ih.copy_(_t(lstm.bias.data))
            cell.bias_hh.zero_()
    return cell


@pytest.mark.parametrize("bias", [False, True])
def test_lstm_matches_torch_lstmcell_unrolled(rng, bias):
    x, h0, G = _sequence_data(rng)
    c0 = rng.standard_normal(h0.shape)
    lstm = LSTMCell(5, 6, bias=bias, rng=rng)
    h = lstm.forward(x, h0=h0, c0=c0)
    dx = lstm.backward(G)

    cell = _torch_lstm_like(lstm, bias)
    xt, h0t, c0t = _t(x, True), _t(h0, True), _t(c0, True)
    states, hc = [], (h0t, c0t)
    for t in range(x.shape[1]):
        hc = cell(xt[:, t], hc)
        states.append(hc[0])
    ht = torch.stack(states, dim=1)
    (ht * _t(G)).sum().backward()

    _assert_close(h, ht, f"LSTM (bias={bias}) hidden states vs torch LSTMCell")
    _assert_close(lstm.c, hc[1], "LSTM last cell state self.c vs torch")
    _assert_close(dx, xt.grad, "LSTM dL/dx vs torch")
    _assert_close(lstm.dh0, h0t.grad, "LSTM dL/dh0 vs torch h0.grad")
    _assert_close(lstm.dc0, c0t.grad, "LSTM dL/dc0 vs torch c0.grad")
    _assert_close(lstm.weight_ih.grad, cell.weight_ih.grad, "LSTM dL/dweight_ih vs torch")
    _assert_close(lstm.weight_hh.grad, cell.weight_hh.grad, "LSTM dL/dweight_hh vs torch")
    if bias:
        _assert_close(lstm.bias.grad, cell.bias_ih.grad, "LSTM dL/dbias vs torch bias_ih.grad")
    else:
        assert [n for n, _ in lstm.named_parameters()] == ["weight_ih", "weight_hh"]


def test_lstm_matches_lecture_formula(rng):
    """The lecture's gate equations with the blocks taken out of the stacked weights (i, f, g, o)."""
    x, h0, _ = _sequence_data(rng, N=2, T=3)
    lstm = LSTMCell(5, 6, rng=rng)
    U_i, U_f, U, U_o = np.split(lstm.weight_ih.data, 4)
    W_i, W_f, W, W_o = np.split(lstm.weight_hh.data, 4)

    def sigma(a):
        return 1 / (1 + np.exp(-a))

    h, c, expected = h0, np.zeros_like(h0), []
    for t in range(3):
        xt = x[:, t]
        f = sigma(h @ W_f.T + xt @ U_f.T)
        i = sigma(h @ W_i.T + xt @ U_i.T)
        o = sigma(h @ W_o.T + xt @ U_o.T)
        c_tilde = np.tanh(h @ W.T + xt @ U.T)
        c = f * c + i * c_tilde
        h = o * np.tanh(c)
        expected.append(h)
    np.testing.assert_allclose(lstm(x, h0=h0), np.stack(expected, axis=1), atol=1e-14, err_msg="LSTM vs lecture")
    np.testing.assert_allclose(lstm.c, c, atol=1e-14, err_msg="LSTM self.c is the last cell state")


@pytest.mark.parametrize("bias", [False, True])
def test_lstm_numerical_gradients(rng, bias):
    lstm = LSTMCell(3, 2, bias=bias, rng=rng)
    x = rng.standard_normal((2, 3, 3))
    _assert_numerical_check(lstm, x, f"LSTM (bias={bias})")


def test_lstm_dc0_numerically(rng):
    lstm = LSTMCell(3, 2, rng=rng)
    x, h0, G = _sequence_data(rng, N=2, T=3, D=3, H=2)
    c0 = rng.standard_normal(h0.shape)
    lstm.forward(x, h0=h0, c0=c0)
    lstm.backward(G)
    numeric = numerical_gradient(lambda c: np.sum(lstm.forward(x, h0=h0, c0=c) * G), c0.copy())
    np.testing.assert_allclose(lstm.dc0, numeric, rtol=1e-6, atol=1e-9, err_msg="LSTM dc0 vs centred differences")


# ----------------------------------------------------------------------------- GRU


def _torch_lecture_gru_step(weight_ih, weight_hh):
    """The lecture's GRU (Cho et al. 2014) written in torch ops, rows [r, z, h~]."""
    U_r, U_z, U = weight_ih.chunk(3)
    W_r, W_z, W = weight_hh.chunk(3)

    def step(x, h):
        r = torch.sigmoid(h @ W_r.T + x @ U_r.T)
        z = torch.sigmoid(h @ W_z.T + x @ U_z.T)
        h_tilde = torch.tanh((r * h) @ W.T + x @ U.T)
        return (1 - z) * h + z * h_tilde

    return step


def test_gru_lecture_matches_torch_autograd_of_lecture_formula(rng):
    x, h0, G = _sequence_data(rng)
    gru = GRUCell(5, 6, rng=rng)
    h = gru.forward(x, h0=h0)
    dx = gru.backward(G)

    xt, h0t = _t(x, True), _t(h0, True)
    wih, whh = _t(gru.weight_ih.data, True), _t(gru.weight_hh.data, True)
    ht = _unroll(_torch_lecture_gru_step(wih, whh), xt, h0t)
    (ht * _t(G)).sum().backward()

    _assert_close(h, ht, "lecture GRU hidden states vs torch ops of the same formula")
    _assert_close(dx, xt.grad, "lecture GRU dL/dx vs torch autograd")
    _assert_close(gru.dh0, h0t.grad, "lecture GRU dL/dh0 vs torch h0.grad")
    _assert_close(gru.weight_ih.grad, wih.grad, "lecture GRU dL/dweight_ih (U_r, U_z, U) vs torch")
    _assert_close(gru.weight_hh.grad, whh.grad, "lecture GRU dL/dweight_hh (W_r, W_z, W) vs torch")
    assert [n for n, _ in gru.named_parameters()] == ["weight_ih", "weight_hh"]


def test_gru_torch_variant_matches_nn_grucell(rng):
    x, h0, G = _sequence_data(rng)
    gru = GRUCell(5, 6, variant="torch", rng=rng)
    h = gru.forward(x, h0=h0)
    dx = gru.backward(G)

    cell = torch.nn.GRUCell(5, 6).double()
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(cell, name).copy_(_t(getattr(gru, name).data))
    xt, h0t = _t(x, True), _t(h0, True)
    ht = _unroll(cell, xt, h0t)
    (ht * _t(G)).sum().backward()

    _assert_close(h, ht, "torch-variant GRU hidden states vs nn.GRUCell")
    _assert_close(dx, xt.grad, "torch-variant GRU dL/dx vs nn.GRUCell")
    _assert_close(gru.dh0, h0t.grad, "torch-variant GRU dL/dh0 vs torch h0.grad")
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        _assert_close(getattr(gru, name).grad, getattr(cell, name).grad, f"torch-variant GRU dL/d{name}")


@pytest.mark.parametrize("variant", ["lecture", "torch"])
def test_gru_numerical_gradients(rng, variant):
    gru = GRUCell(3, 2, variant=variant, rng=rng)
    x = rng.standard_normal((2, 3, 3))
    _assert_numerical_check(gru, x, f"GRU ({variant})")


def _torch_variant_with(weight_ih, weight_hh):
    """A torch-variant GRUCell with the given weights and zero biases."""
    gru = GRUCell(weight_ih.shape[1], weight_hh.shape[1], variant="torch")
    gru.weight_ih.data = weight_ih.copy()
    gru.weight_hh.data = weight_hh.copy()
    gru.bias_ih.data[:] = 0.0
    gru.bias_hh.data[:] = 0.0
    return gru


def test_gru_variants_differ_for_every_row_order(rng):
    """Conventions table (errata.md): lecture GRU != torch GRU, whatever the gate order, zero biases."""
    x, h0, _ = _sequence_data(rng, N=2, T=3, scale=2.0)
    lecture = GRUCell(5, 6, rng=rng)
    h_lecture = lecture(x, h0=h0)
    blocks_ih = np.split(lecture.weight_ih.data, 3)
    blocks_hh = np.split(lecture.weight_hh.data, 3)
    for order in itertools.permutations(range(3)):
        for z_sign in (1.0, -1.0):  # -1 flips sigma(a) to 1 - sigma(a): undoes the swapped role of z
            ih = [blocks_ih[k].copy() for k in order]
            hh = [blocks_hh[k].copy() for k in order]
            ih[1] *= z_sign
            hh[1] *= z_sign
            h_torch = _torch_variant_with(np.concatenate(ih), np.concatenate(hh))(x, h0=h0)
            gap = np.max(np.abs(h_lecture - h_torch))
            assert gap > 1e-3, f"rows {order}, z sign {z_sign}: variants agree to {gap:.1e}, expected to differ"


def test_gru_variants_differ_only_through_the_reset_gate_at_first_step(rng):
    """With h0 = 0 the reset gate has nothing to act on: negating the z rows makes step 1 equal.

    From step 2 on h != 0 and W (r * h) != r * (W h), so the two variants part.
    """
    x, _, _ = _sequence_data(rng, N=2, T=3)
    lecture = GRUCell(5, 6, rng=rng)
    h_lecture = lecture(x)
    flip_z = np.repeat([1.0, -1.0, 1.0], 6)[:, None]
    h_torch = _torch_variant_with(lecture.weight_ih.data * flip_z, lecture.weight_hh.data * flip_z)(x)
    np.testing.assert_allclose(
        h_torch[:, 0], h_lecture[:, 0], atol=1e-14, err_msg="step 1 from h0 = 0: variants equal once z is flipped"
    )
    assert np.max(np.abs(h_torch[:, 1:] - h_lecture[:, 1:])) > 1e-3, "later steps must differ (reset gate)"


def test_gru_torch_variant_parameter_names(rng):
    gru = GRUCell(4, 3, variant="torch", rng=rng)
    shapes = {n: p.shape for n, p in gru.named_parameters()}
    assert shapes == {"weight_ih": (9, 4), "weight_hh": (9, 3), "bias_ih": (9,), "bias_hh": (9,)}


# ----------------------------------------------------------------------------- all three

LAYERS = {
    "rnn": lambda D, H, rng: RNNCell(D, H, rng=rng),
    "lstm": lambda D, H, rng: LSTMCell(D, H, bias=True, rng=rng),
    "gru": lambda D, H, rng: GRUCell(D, H, rng=rng),
    "gru_torch": lambda D, H, rng: GRUCell(D, H, variant="torch", rng=rng),
}


@pytest.mark.parametrize("kind", LAYERS)
def test_dh0_numerically(rng, kind):
    layer = LAYERS[kind](3, 2, rng)
    x, h0, G = _sequence_data(rng, N=2, T=3, D=3, H=2)
    layer.forward(x, h0=h0)
    layer.backward(G)
    numeric = numerical_gradient(lambda h: np.sum(layer.forward(x, h0=h) * G), h0.copy())
    np.testing.assert_allclose(layer.dh0, numeric, rtol=1e-6, atol=1e-9, err_msg=f"{kind} dh0 vs centred differences")


@pytest.mark.parametrize("kind", LAYERS)
def test_backward_accumulates_gradients(rng, kind):
    layer = LAYERS[kind](3, 2, rng)
    x, _, G = _sequence_data(rng, N=2, T=3, D=3, H=2)
    layer.forward(x)
    layer.backward(G)
    once = {n: p.grad.copy() for n, p in layer.named_parameters()}
    layer.backward(G)
    for name, p in layer.named_parameters():
        np.testing.assert_allclose(p.grad, 2 * once[name], rtol=1e-12, err_msg=f"{kind}: {name}.grad accumulates")


@pytest.mark.parametrize("kind", LAYERS)
def test_default_h0_is_zeros_and_float32_input(rng, kind):
    layer = LAYERS[kind](3, 2, rng)
    x = rng.standard_normal((2, 4, 3))
    np.testing.assert_array_equal(layer(x), layer(x, h0=np.zeros((2, 2))), err_msg=f"{kind}: default h0 = 0")
    out32 = layer(x.astype(np.float32))
    np.testing.assert_allclose(out32, layer(x.astype(np.float32).astype(np.float64)), rtol=1e-12)
    assert layer(np.ones((2, 4, 3), dtype=np.int64)).shape == (2, 4, 2), "integer input is accepted"


@pytest.mark.parametrize("kind", LAYERS)
@settings(max_examples=15, deadline=None)
@given(N=st.integers(1, 3), T=st.integers(1, 4), seed=st.integers(0, 2**16))
def test_batch_independence_and_causality(kind, N, T, seed):
    """Each sequence is processed on its own, and h_t depends only on x_1..x_t."""
    rng = np.random.default_rng(seed)
    layer = LAYERS[kind](2, 3, rng)
    x = rng.standard_normal((N, T, 2))
    h = layer(x)
    for n in range(N):
        np.testing.assert_allclose(layer(x[n : n + 1])[0], h[n], atol=1e-14, err_msg=f"{kind}: sequence {n} alone")
    for k in range(1, T + 1):
        np.testing.assert_allclose(layer(x[:, :k]), h[:, :k], atol=1e-14, err_msg=f"{kind}: prefix of length {k}")
    if kind != "rnn":  # tanh-bounded and gated states (the relu RNN is unbounded)
        assert np.all(np.abs(h) < 1), f"{kind}: hidden states stay in (-1, 1) from h0 = 0"


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("kind", LAYERS)
def test_bad_inputs_raise(rng, kind):
    layer = LAYERS[kind](3, 2, rng)
    with pytest.raises(ValueError, match="call forward before backward"):
        layer.backward(np.zeros((1, 1, 2)))
    with pytest.raises(ValueError, match="x must have 3 dimensions"):
        layer.forward(np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"x \(N, T, input_size\) must have shape \(\*, \*, 3\)"):
        layer.forward(np.zeros((2, 4, 5)))
    with pytest.raises(ValueError, match=r"h0 \(N, hidden_size\) must have shape \(2, 2\)"):
        layer.forward(np.zeros((2, 4, 3)), h0=np.zeros((3, 2)))
    with pytest.raises(ValueError, match="h0 must have 2 dimensions"):
        layer.forward(np.zeros((2, 4, 3)), h0=np.zeros(2))
    with pytest.raises(ValueError, match="NaN"):
        layer.forward(np.full((2, 4, 3), np.nan))
    layer.forward(np.zeros((2, 4, 3)))
    with pytest.raises(ValueError, match=r"dh \(N, T, hidden_size\) must have shape \(2, 4, 2\)"):
        layer.backward(np.zeros((2, 3, 2)))


def test_lstm_bad_c0_and_bias(rng):
    lstm = LSTMCell(3, 2, rng=rng)
    with pytest.raises(ValueError, match=r"c0 \(N, hidden_size\) must have shape \(2, 2\)"):
        lstm.forward(np.zeros((2, 4, 3)), c0=np.zeros((2, 3)))
    with pytest.raises(ValueError, match="bias must be True or False"):
        LSTMCell(3, 2, bias=1)


def test_bad_hyperparameters_raise():
    with pytest.raises(ValueError, match="nonlinearity must be one of"):
        RNNCell(3, 2, nonlinearity="sigmoid")
    with pytest.raises(ValueError, match="variant must be one of"):
        GRUCell(3, 2, variant="keras")
    with pytest.raises(ValueError, match="hidden_size must be >= 1"):
        RNNCell(3, 0)
    with pytest.raises(ValueError, match="input_size must be an integer"):
        LSTMCell(2.5, 2)
    with pytest.raises(ValueError, match="rng must be None"):
        GRUCell(3, 2, rng="seed")


def test_repr():
    assert repr(RNNCell(3, 2)) == "RNNCell(input_size=3, hidden_size=2)"
    assert repr(LSTMCell(3, 2, bias=True)) == "LSTMCell(input_size=3, hidden_size=2, bias=True)"
    assert repr(GRUCell(3, 2, variant="torch")) == "GRUCell(input_size=3, hidden_size=2, variant='torch')"
