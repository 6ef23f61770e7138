# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 4, `bptt`: the output layer's gradients (1 point) and the recurrence's (3 points)."""

_GOOD = '''
def bptt(x, y, h0, params):
    U, W, b, V, c = (params[k] for k in ("U", "W", "b", "V", "c"))
    N, T, _ = x.shape
    hs = rnn_forward(x, h0, U, W, b)
    loss = sequence_loss(hs, y, V, c)
    o = hs @ V.T + c
    p = np.exp(o - o.max(axis=2, keepdims=True))
    p /= p.sum(axis=2, keepdims=True)
    do = p
    np.put_along_axis(do, y[..., None], np.take_along_axis(do, y[..., None], axis=2) - 1.0, axis=2)
    do /= N
    dV = np.einsum("ntk,nth->kh", do, hs)
    dc = do.sum(axis=(0, 1))
    dh_from_output = do @ V
    dU, dW, db = np.zeros_like(U), np.zeros_like(W), np.zeros_like(b)
    dh_next = np.zeros_like(h0)
    for t in reversed(range(T)):
        da = (dh_from_output[:, t] + dh_next) * (1.0 - hs[:, t] ** 2)
        h_prev = hs[:, t - 1] if t > 0 else h0
        dU += da.T @ x[:, t]
        dW += da.T @ h_prev
        db += da.sum(axis=0)
        dh_next = da @ W
    return loss, {"U": dU, "W": dW, "b": db, "V": dV, "c": dc, "h0": dh_next}
'''


def _mutated(old, new):
    assert old in _GOOD, old
    return _GOOD.replace(old, new)


BOTH = ["test_bptt_output", "test_bptt_recurrent"]

MUTANTS = [
    wrong("no gradient from step t + 1: dh_next never added",
          _mutated("da = (dh_from_output[:, t] + dh_next)", "da = (dh_from_output[:, t])"),
          tests="test_bptt_recurrent", expect_diagnosis="bptt.no_recurrent_gradient"),

    wrong("dL/do not divided by N", _mutated("    do /= N\n", ""), tests=BOTH, expect_diagnosis="bptt.loss_scale"),

    wrong("dL/do divided by N T: the loss taken as a mean over time", _mutated("    do /= N\n", "    do /= N * T\n"),
          tests=BOTH, expect_diagnosis="bptt.loss_scale"),

wrong("grads['h0'] is dA_1, not dA_1 W", _mutated('"h0": dh_next}', '"h0": da}'), tests="test_bptt_recurrent",
          expect_diagnosis="bptt.dh0"),

    correct("one-hot targets, the steps kept in lists, the parameters copied", '''
def bptt(x, y, h0, params):
    p_ = {k: np.array(v, dtype=float) for k, v in params.items()}
    N, T, _ = x.shape
    hs = rnn_forward(x, h0, p_["U"], p_["W"], p_["b"])
    loss = sequence_loss(hs, y, p_["V"], p_["c"])
    grads = {k: np.zeros_like(v) for k, v in p_.items()}
    dh_next = np.zeros_like(h0, dtype=float)
    for t in range(T - 1, -1, -1):
        o = hs[:, t] @ p_["V"].T + p_["c"]
        e = np.exp(o - o.max(axis=1, keepdims=True))
        do = (e / e.sum(axis=1, keepdims=True) - np.eye(len(p_["c"]))[y[:, t]]) / N
        grads["V"] += do.T @ hs[:, t]
        grads["c"] += do.sum(axis=0)
        da = (do @ p_["V"] + dh_next) * (1 - hs[:, t] ** 2)
        grads["U"] += da.T @ x[:, t]
        grads["W"] += da.T @ (hs[:, t - 1] if t else h0)
        grads["b"] += da.sum(axis=0)
        dh_next = da @ p_["W"]
    grads["h0"] = dh_next
    return float(loss), grads
''', tests=BOTH),
]
