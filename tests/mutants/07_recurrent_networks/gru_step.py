# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 10, `gru_step`: the lecture's GRU, reset before the product with W."""

_GOOD = '''
def gru_step(x_t, h_prev, params):
    r = sigmoid(h_prev @ params["W_r"].T + x_t @ params["U_r"].T)
    z = sigmoid(h_prev @ params["W_z"].T + x_t @ params["U_z"].T)
    h_tilde = np.tanh((r * h_prev) @ params["W"].T + x_t @ params["U"].T)
    return (1.0 - z) * h_prev + z * h_tilde
'''


def _mutated(old, new):
    assert old in _GOOD, old
    return _GOOD.replace(old, new)


MUTANTS = [
    wrong("torch's reset: r * (W h)", _mutated('np.tanh((r * h_prev) @ params["W"].T', 'np.tanh(r * (h_prev @ params["W"].T)'),
          expect_diagnosis="gru.reset_after_product"),

    wrong("Cho's convention: z keeps the old state", _mutated("return (1.0 - z) * h_prev + z * h_tilde",
                                                              "return z * h_prev + (1.0 - z) * h_tilde"),
          expect_diagnosis="gru.z_swapped"),

    wrong("no reset gate in the candidate", _mutated("(r * h_prev) @ params", "h_prev @ params"),
          expect_diagnosis="gru.no_reset"),

    correct("h_prev + z (h~ - h_prev), z as sigmoid of the negated pre-activation's complement", '''
def gru_step(x_t, h_prev, params):
    r = sigmoid(x_t @ params["U_r"].T + h_prev @ params["W_r"].T)
    one_minus_z = sigmoid(-(x_t @ params["U_z"].T + h_prev @ params["W_z"].T))
    h_tilde = np.tanh(np.einsum("hk,nk->nh", params["W"], r * h_prev) + x_t @ params["U"].T)
    return h_prev + (1.0 - one_minus_z) * (h_tilde - h_prev)
'''),

    correct("a loop over the examples in the lecture's column form", '''
def gru_step(x_t, h_prev, params):
    out = np.empty(np.shape(h_prev))
    for n, (x, h) in enumerate(zip(x_t, h_prev)):
        r = sigmoid(params["W_r"] @ h + params["U_r"] @ x)
        z = sigmoid(params["W_z"] @ h + params["U_z"] @ x)
        out[n] = (1 - z) * h + z * np.tanh(params["W"] @ (r * h) + params["U"] @ x)
    return out
'''),
]
