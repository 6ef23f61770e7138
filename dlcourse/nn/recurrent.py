"""Recurrent layers (lecture 004): the basic RNN, the LSTM and the GRU.

Each layer reads a whole sequence ``x: (N, T, D)`` (N sequences, T time steps,
D input features) and returns every hidden state ``(N, T, H)``. The same
weights are applied at every step, so ``forward`` is a loop over time around a
batch-vectorised step function, and ``backward`` is backpropagation through time
(BPTT): the loop runs backwards and the gradient reaching ``h_t`` is the sum of
what the loss sends to it directly (``dh[:, t]``) and what step ``t + 1`` sends
back through the recurrence.

Names follow torch where they can: ``weight_ih`` multiplies the input x,
``weight_hh`` the previous hidden state h. In the lecture's notation the input
weights are called U and the recurrent weights W. Unlike torch's ``*Cell``
modules (one time step each), these modules process the whole sequence.

Gradients: ``backward(dh)`` adds into every ``param.grad``, returns
``dx: (N, T, D)`` and stores the gradient with respect to the initial hidden
state as ``self.dh0: (N, H)`` (the LSTM also stores ``self.dc0``).
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array, as_rng, check_positive_int, check_shape
from dlcourse.nn.module import Module, Parameter


def _sigmoid(a):
    """Numerically stable logistic function 1 / (1 + exp(-a)), elementwise."""
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _uniform_parameter(rng, hidden_size, shape, name):
    """torch's recurrent initialisation: every entry ~ U(-1/sqrt(H), 1/sqrt(H))."""
    bound = 1.0 / np.sqrt(hidden_size)
    return Parameter(rng.uniform(-bound, bound, size=shape), name)


class _RecurrentLayer(Module):
    """Input checks shared by the three layers (a private helper, not a layer).

    Subclasses set ``input_size``, ``hidden_size`` and ``_caches`` (None until
    ``forward`` has run).
    """

    def __call__(self, x, **initial_states):
        return self.forward(x, **initial_states)

    def _check_sequence(self, x):
        """Return ``x`` as a float array of shape (N, T, D) with D == input_size."""
        x = as_float_array(x, "x", ndim=3)
        check_shape(x, (None, None, self.input_size), "x (N, T, input_size)")
        return x

    def _initial_state(self, state, batch_size, name):
        """Return the initial state (N, H): zeros when ``state`` is None, else the checked array."""
        if state is None:
            return np.zeros((batch_size, self.hidden_size))
        state = as_float_array(state, name, ndim=2)
        check_shape(state, (batch_size, self.hidden_size), f"{name} (N, hidden_size)")
        return state

    def _check_upstream(self, dh):
        """Return ``dh`` checked against the shape of the last forward's output (N, T, H)."""
        if self._caches is None:
            raise ValueError("call forward before backward")
        dh = as_float_array(dh, "dh", ndim=3)
        check_shape(dh, self._output_shape, "dh (N, T, hidden_size)")
        return dh

    def __repr__(self):
        return f"{type(self).__name__}(input_size={self.input_size}, hidden_size={self.hidden_size})"


# ----------------------------------------------------------------------------- basic RNN

_RNN_NONLINEARITIES = ("tanh", "relu")


def _rnn_step_forward(x_t, h_prev, U, W, b, nonlinearity):
    """One RNN step: a_t = b + W h_{t-1} + U x_t, h_t = tanh(a_t) (or relu(a_t)).

    x_t: (N, D), h_prev: (N, H), U: (H, D), W: (H, H), b: (H,).
    Returns h_t: (N, H) and the cache for the backward step.
    """
    a = b + h_prev @ W.T + x_t @ U.T
    h = np.tanh(a) if nonlinearity == "tanh" else np.maximum(a, 0.0)
    return h, (x_t, h_prev, h)


def _rnn_step_backward(dh, cache, U, W, nonlinearity):
    """Backward of one RNN step.

    dh: (N, H), the total gradient reaching h_t.
    Returns dx_t (N, D), dh_prev (N, H), dU (H, D), dW (H, H), db (H,).
    """
    x_t, h_prev, h = cache
    # tanh'(a) = 1 - tanh(a)^2 and relu'(a) = [a > 0] = [h > 0]: both read off h.
    da = dh * (1.0 - h**2) if nonlinearity == "tanh" else dh * (h > 0)
    return da @ U, da @ W, da.T @ x_t, da.T @ h_prev, da.sum(axis=0)


class RNNCell(_RecurrentLayer):
    """The basic (Elman) RNN of lecture 004, unrolled over a whole sequence.

        a_t = b + W h_{t-1} + U x_t
        h_t = tanh(a_t)            (or relu(a_t) with nonlinearity="relu", as torch allows)

    Parameters: ``weight_ih`` (H, D) = U, ``weight_hh`` (H, H) = W, ``bias`` (H,) = b,
    all initialised from U(-1/sqrt(H), 1/sqrt(H)) like torch. torch's ``nn.RNNCell``
    has two biases; it equals this layer with ``bias_ih = bias`` and ``bias_hh = 0``.

    forward(x: (N, T, D), h0: (N, H) = zeros) -> h: (N, T, H).
    backward(dh: (N, T, H)) -> dx: (N, T, D); sets ``self.dh0``.
    """

    def __init__(self, input_size, hidden_size, nonlinearity="tanh", rng=None):
        self.input_size = check_positive_int(input_size, "input_size")
        self.hidden_size = check_positive_int(hidden_size, "hidden_size")
        if nonlinearity not in _RNN_NONLINEARITIES:
            raise ValueError(f"nonlinearity must be one of {_RNN_NONLINEARITIES}, got {nonlinearity!r}")
        self.nonlinearity = nonlinearity
        rng = as_rng(rng)
        H, D = self.hidden_size, self.input_size
        self.weight_ih = _uniform_parameter(rng, H, (H, D), "weight_ih")
        self.weight_hh = _uniform_parameter(rng, H, (H, H), "weight_hh")
        self.bias = _uniform_parameter(rng, H, (H,), "bias")
        self._caches = None
        self.dh0 = None

    def forward(self, x, h0=None):
        """x: (N, T, D), h0: (N, H) or None (zeros). Returns all hidden states h: (N, T, H)."""
        x = self._check_sequence(x)
        N, T, _ = x.shape
        h = self._initial_state(h0, N, "h0")
        U, W, b = self.weight_ih.data, self.weight_hh.data, self.bias.data
        hs = np.empty((N, T, self.hidden_size))
        caches = []
        for t in range(T):
            h, cache = _rnn_step_forward(x[:, t], h, U, W, b, self.nonlinearity)
            hs[:, t] = h
            caches.append(cache)
        self._caches, self._output_shape = caches, hs.shape
        return hs

    def backward(self, dh):
        """dh: (N, T, H), dLoss/dh_t for every t. Returns dx: (N, T, D); sets self.dh0: (N, H)."""
        dh = self._check_upstream(dh)
        N, T, _ = dh.shape
        U, W = self.weight_ih.data, self.weight_hh.data
        dx = np.empty((N, T, self.input_size))
        dU, dW, db = np.zeros_like(U), np.zeros_like(W), np.zeros(self.hidden_size)
        dh_next = np.zeros((N, self.hidden_size))  # what step t + 1 sends back to h_t
        for t in reversed(range(T)):
            dx[:, t], dh_next, dU_t, dW_t, db_t = _rnn_step_backward(
                dh[:, t] + dh_next, self._caches[t], U, W, self.nonlinearity
            )
            dU += dU_t
            dW += dW_t
            db += db_t
        self.weight_ih.grad += dU
        self.weight_hh.grad += dW
        self.bias.grad += db
        self.dh0 = dh_next
        return dx


# ----------------------------------------------------------------------------- LSTM


def _lstm_step_forward(x_t, h_prev, c_prev, weight_ih, weight_hh, bias):
    """One LSTM step in the lecture's form, the gates stacked in torch's row order i, f, g, o.

        i = sigma(W_i h + U_i x),  f = sigma(W_f h + U_f x),  o = sigma(W_o h + U_o x)
        g = c~ = tanh(W h + U x)
        c_t = f * c_{t-1} + i * g,   h_t = o * tanh(c_t)

    x_t: (N, D), h_prev, c_prev: (N, H), weight_ih: (4H, D), weight_hh: (4H, H),
    bias: (4H,) or None. Returns h_t, c_t: (N, H) and the cache.
    """
    a = x_t @ weight_ih.T + h_prev @ weight_hh.T
    if bias is not None:
        a = a + bias
    a_i, a_f, a_g, a_o = np.split(a, 4, axis=1)
    i, f, g, o = _sigmoid(a_i), _sigmoid(a_f), np.tanh(a_g), _sigmoid(a_o)
    c = f * c_prev + i * g
    tanh_c = np.tanh(c)
    h = o * tanh_c
    return h, c, (x_t, h_prev, c_prev, i, f, g, o, tanh_c)


def _lstm_step_backward(dh, dc, cache, weight_ih, weight_hh):
    """Backward of one LSTM step.

    dh, dc: (N, H), the total gradients reaching h_t and c_t.
    Returns dx_t (N, D), dh_prev (N, H), dc_prev (N, H), dweight_ih (4H, D),
    dweight_hh (4H, H), dbias (4H,).
    """
    x_t, h_prev, c_prev, i, f, g, o, tanh_c = cache
    do = dh * tanh_c
    dc = dc + dh * o * (1.0 - tanh_c**2)  # c_t reaches the loss through c_{t+1} and through h_t
    di, df, dg = dc * g, dc * c_prev, dc * i
    dc_prev = dc * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g**2), do * o * (1 - o)], axis=1)
    return da @ weight_ih, da @ weight_hh, dc_prev, da.T @ x_t, da.T @ h_prev, da.sum(axis=0)


class LSTMCell(_RecurrentLayer):
    """The LSTM of lecture 004, unrolled over a whole sequence.

        f_t = sigma(W_f h_{t-1} + U_f x_t)        forget gate
        i_t = sigma(W_i h_{t-1} + U_i x_t)        input gate
        o_t = sigma(W_o h_{t-1} + U_o x_t)        output gate
        c~_t = tanh(W h_{t-1} + U x_t)            candidate memory (torch calls it g)
        c_t = f_t * c_{t-1} + i_t * c~_t
        h_t = o_t * tanh(c_t)

    The lecture's gates have no biases, hence the default ``bias=False``.
    Parameters, stacked in torch's row order i, f, g (= c~), o:
    ``weight_ih`` (4H, D) = [U_i; U_f; U; U_o], ``weight_hh`` (4H, H) = [W_i; W_f; W; W_o],
    and with ``bias=True`` one ``bias`` (4H,) added to all four pre-activations.
    This equals torch's ``nn.LSTMCell(bias=False)`` with the same weights; with
    ``bias=True`` it equals torch's with ``bias_ih = bias`` and ``bias_hh = 0``.

    forward(x: (N, T, D), h0: (N, H) = zeros, c0: (N, H) = zeros) -> h: (N, T, H).
    After forward, ``self.c: (N, H)`` is the last cell state c_T (the last hidden
    state is ``h[:, -1]``). backward assumes the loss depends on the cell states only
    through the hidden states (no gradient arrives at c_T directly).
    backward(dh: (N, T, H)) -> dx: (N, T, D); sets ``self.dh0`` and ``self.dc0``: (N, H).
    """

    def __init__(self, input_size, hidden_size, bias=False, rng=None):
        self.input_size = check_positive_int(input_size, "input_size")
        self.hidden_size = check_positive_int(hidden_size, "hidden_size")
        if not isinstance(bias, bool):
            raise ValueError(f"bias must be True or False, got {bias!r}")
        rng = as_rng(rng)
        H, D = self.hidden_size, self.input_size
        self.weight_ih = _uniform_parameter(rng, H, (4 * H, D), "weight_ih")
        self.weight_hh = _uniform_parameter(rng, H, (4 * H, H), "weight_hh")
        self.bias = _uniform_parameter(rng, H, (4 * H,), "bias") if bias else None
        self._caches = None
        self.c = None
        self.dh0 = None
        self.dc0 = None

    def forward(self, x, h0=None, c0=None):
        """x: (N, T, D), h0, c0: (N, H) or None (zeros). Returns h: (N, T, H); sets self.c = c_T."""
        x = self._check_sequence(x)
        N, T, _ = x.shape
        h = self._initial_state(h0, N, "h0")
        c = self._initial_state(c0, N, "c0")
        bias = None if self.bias is None else self.bias.data
        hs = np.empty((N, T, self.hidden_size))
        caches = []
        for t in range(T):
            h, c, cache = _lstm_step_forward(x[:, t], h, c, self.weight_ih.data, self.weight_hh.data, bias)
            hs[:, t] = h
            caches.append(cache)
        self._caches, self._output_shape = caches, hs.shape
        self.c = c
        return hs

    def backward(self, dh):
        """dh: (N, T, H). Returns dx: (N, T, D); sets self.dh0 and self.dc0: (N, H)."""
        dh = self._check_upstream(dh)
        N, T, _ = dh.shape
        H = self.hidden_size
        dx = np.empty((N, T, self.input_size))
        dweight_ih = np.zeros_like(self.weight_ih.data)
        dweight_hh = np.zeros_like(self.weight_hh.data)
        dbias = np.zeros(4 * H)
        dh_next, dc_next = np.zeros((N, H)), np.zeros((N, H))
        for t in reversed(range(T)):
            dx[:, t], dh_next, dc_next, dwi, dwh, db = _lstm_step_backward(
                dh[:, t] + dh_next, dc_next, self._caches[t], self.weight_ih.data, self.weight_hh.data
            )
            dweight_ih += dwi
            dweight_hh += dwh
            dbias += db
        self.weight_ih.grad += dweight_ih
        self.weight_hh.grad += dweight_hh
        if self.bias is not None:
            self.bias.grad += dbias
        self.dh0, self.dc0 = dh_next, dc_next
        return dx

    def __repr__(self):
        return (
            f"LSTMCell(input_size={self.input_size}, hidden_size={self.hidden_size}, "
            f"bias={self.bias is not None})"
        )


# ----------------------------------------------------------------------------- GRU

_GRU_VARIANTS = ("lecture", "torch")


def _gru_lecture_step_forward(x_t, h_prev, weight_ih, weight_hh):
    """One GRU step as lecture 004 writes it (citing Cho et al. 2014), rows stacked [r, z, h~]:

        r = sigma(W_r h + U_r x),  z = sigma(W_z h + U_z x)
        h~ = tanh(W (r * h) + U x)
        h_t = (1 - z) * h_{t-1} + z * h~

    x_t: (N, D), h_prev: (N, H), weight_ih: (3H, D), weight_hh: (3H, H).
    Returns h_t: (N, H) and the cache.
    """
    W_r, W_z, W = np.split(weight_hh, 3, axis=0)
    ax_r, ax_z, ax_h = np.split(x_t @ weight_ih.T, 3, axis=1)
    r = _sigmoid(ax_r + h_prev @ W_r.T)
    z = _sigmoid(ax_z + h_prev @ W_z.T)
    reset_h = r * h_prev
    h_tilde = np.tanh(ax_h + reset_h @ W.T)
    h = (1 - z) * h_prev + z * h_tilde
    return h, (x_t, h_prev, r, z, reset_h, h_tilde)


def _gru_lecture_step_backward(dh, cache, weight_ih, weight_hh):
    """Backward of one lecture-GRU step.

    dh: (N, H), the total gradient reaching h_t.
    Returns dx_t (N, D), dh_prev (N, H), dweight_ih (3H, D), dweight_hh (3H, H).
    """
    x_t, h_prev, r, z, reset_h, h_tilde = cache
    W_r, W_z, W = np.split(weight_hh, 3, axis=0)
    da_h = dh * z * (1 - h_tilde**2)
    da_z = dh * (h_tilde - h_prev) * z * (1 - z)
    dreset_h = da_h @ W
    da_r = dreset_h * h_prev * r * (1 - r)
    dh_prev = dh * (1 - z) + dreset_h * r + da_r @ W_r + da_z @ W_z
    da = np.concatenate([da_r, da_z, da_h], axis=1)
    dweight_hh = np.concatenate([da_r.T @ h_prev, da_z.T @ h_prev, da_h.T @ reset_h], axis=0)
    return da @ weight_ih, dh_prev, da.T @ x_t, dweight_hh


def _gru_torch_step_forward(x_t, h_prev, weight_ih, weight_hh, bias_ih, bias_hh):
    """One step of torch's ``nn.GRUCell``, rows stacked [r, z, n]:

        r = sigma(W_ir x + b_ir + W_hr h + b_hr),  z = sigma(W_iz x + b_iz + W_hz h + b_hz)
        n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
        h_t = (1 - z) * n + z * h_{t-1}

    x_t: (N, D), h_prev: (N, H), weight_ih: (3H, D), weight_hh: (3H, H), biases: (3H,).
    Returns h_t: (N, H) and the cache.
    """
    gx_r, gx_z, gx_n = np.split(x_t @ weight_ih.T + bias_ih, 3, axis=1)
    gh_r, gh_z, gh_n = np.split(h_prev @ weight_hh.T + bias_hh, 3, axis=1)
    r = _sigmoid(gx_r + gh_r)
    z = _sigmoid(gx_z + gh_z)
    n = np.tanh(gx_n + r * gh_n)
    h = (1 - z) * n + z * h_prev
    return h, (x_t, h_prev, r, z, n, gh_n)


def _gru_torch_step_backward(dh, cache, weight_ih, weight_hh):
    """Backward of one torch-GRU step.

    dh: (N, H). Returns dx_t (N, D), dh_prev (N, H), dweight_ih (3H, D),
    dweight_hh (3H, H), dbias_ih (3H,), dbias_hh (3H,).
    """
    x_t, h_prev, r, z, n, gh_n = cache
    da_n = dh * (1 - z) * (1 - n**2)
    da_z = dh * (h_prev - n) * z * (1 - z)
    da_r = da_n * gh_n * r * (1 - r)
    dgx = np.concatenate([da_r, da_z, da_n], axis=1)  # gradient of x @ weight_ih.T + bias_ih
    dgh = np.concatenate([da_r, da_z, da_n * r], axis=1)  # gradient of h @ weight_hh.T + bias_hh
    dh_prev = dh * z + dgh @ weight_hh
    return dgx @ weight_ih, dh_prev, dgx.T @ x_t, dgh.T @ h_prev, dgx.sum(axis=0), dgh.sum(axis=0)


class GRUCell(_RecurrentLayer):
    """The gated recurrent unit, unrolled over a whole sequence, in two variants.

    variant="lecture" (default): exactly as lecture 004 writes it (citing Cho et al. 2014), no biases:

        r_t = sigma(W_r h_{t-1} + U_r x_t)         reset gate
        z_t = sigma(W_z h_{t-1} + U_z x_t)         update gate
        h~_t = tanh(W (r_t * h_{t-1}) + U x_t)
        h_t = (1 - z_t) * h_{t-1} + z_t * h~_t

    Parameters ``weight_ih`` (3H, D) = [U_r; U_z; U], ``weight_hh`` (3H, H) = [W_r; W_z; W].

    variant="torch": torch's ``nn.GRUCell``, with two biases:

        r_t = sigma(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
        z_t = sigma(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
        n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_{t-1} + b_hn))
        h_t = (1 - z_t) * n_t + z_t * h_{t-1}

    Parameters ``weight_ih`` (3H, D), ``weight_hh`` (3H, H), ``bias_ih``, ``bias_hh`` (3H,),
    rows in torch's order r, z, n, so torch's weights can be copied in as they are.

    The two are different functions, not a relabelling (see the conventions table of
    errata.md): the lecture applies the reset gate *before* the recurrent product,
    W (r * h), torch *after* it, r * (W h + b); and z keeps the old state in torch
    (z * h) but admits the new candidate in the lecture (z * h~). Negating the z rows
    undoes the swap, but the reset-gate placement differs whenever r != 1 and h != 0,
    so no reordering of the rows (and no choice of biases) makes them equal.

    All parameters start from U(-1/sqrt(H), 1/sqrt(H)), like torch.
    forward(x: (N, T, D), h0: (N, H) = zeros) -> h: (N, T, H).
    backward(dh: (N, T, H)) -> dx: (N, T, D); sets ``self.dh0``.
    """

    def __init__(self, input_size, hidden_size, variant="lecture", rng=None):
        self.input_size = check_positive_int(input_size, "input_size")
        self.hidden_size = check_positive_int(hidden_size, "hidden_size")
        if variant not in _GRU_VARIANTS:
            raise ValueError(f"variant must be one of {_GRU_VARIANTS}, got {variant!r}")
        self.variant = variant
        rng = as_rng(rng)
        H, D = self.hidden_size, self.input_size
        self.weight_ih = _uniform_parameter(rng, H, (3 * H, D), "weight_ih")
        self.weight_hh = _uniform_parameter(rng, H, (3 * H, H), "weight_hh")
        if variant == "torch":
            self.bias_ih = _uniform_parameter(rng, H, (3 * H,), "bias_ih")
            self.bias_hh = _uniform_parameter(rng, H, (3 * H,), "bias_hh")
        self._caches = None
        self.dh0 = None

    def _step_forward(self, x_t, h_prev):
        if self.variant == "lecture":
            return _gru_lecture_step_forward(x_t, h_prev, self.weight_ih.data, self.weight_hh.data)
        return _gru_torch_step_forward(
            x_t, h_prev, self.weight_ih.data, self.weight_hh.data, self.bias_ih.data, self.bias_hh.data
        )

    def forward(self, x, h0=None):
        """x: (N, T, D), h0: (N, H) or None (zeros). Returns all hidden states h: (N, T, H)."""
        x = self._check_sequence(x)
        N, T, _ = x.shape
        h = self._initial_state(h0, N, "h0")
        hs = np.empty((N, T, self.hidden_size))
        caches = []
        for t in range(T):
            h, cache = self._step_forward(x[:, t], h)
            hs[:, t] = h
            caches.append(cache)
        self._caches, self._output_shape = caches, hs.shape
        return hs

    def backward(self, dh):
        """dh: (N, T, H), dLoss/dh_t for every t. Returns dx: (N, T, D); sets self.dh0: (N, H)."""
        dh = self._check_upstream(dh)
        N, T, _ = dh.shape
        weight_ih, weight_hh = self.weight_ih.data, self.weight_hh.data
        dx = np.empty((N, T, self.input_size))
        dweight_ih, dweight_hh = np.zeros_like(weight_ih), np.zeros_like(weight_hh)
        dbias_ih, dbias_hh = np.zeros(3 * self.hidden_size), np.zeros(3 * self.hidden_size)
        dh_next = np.zeros((N, self.hidden_size))
        for t in reversed(range(T)):
            dh_t = dh[:, t] + dh_next
            if self.variant == "lecture":
                dx[:, t], dh_next, dwi, dwh = _gru_lecture_step_backward(
                    dh_t, self._caches[t], weight_ih, weight_hh
                )
            else:
                dx[:, t], dh_next, dwi, dwh, dbi, dbh = _gru_torch_step_backward(
                    dh_t, self._caches[t], weight_ih, weight_hh
                )
                dbias_ih += dbi
                dbias_hh += dbh
            dweight_ih += dwi
            dweight_hh += dwh
        self.weight_ih.grad += dweight_ih
        self.weight_hh.grad += dweight_hh
        if self.variant == "torch":
            self.bias_ih.grad += dbias_ih
            self.bias_hh.grad += dbias_hh
        self.dh0 = dh_next
        return dx

    def __repr__(self):
        return (
            f"GRUCell(input_size={self.input_size}, hidden_size={self.hidden_size}, "
            f"variant={self.variant!r})"
        )
