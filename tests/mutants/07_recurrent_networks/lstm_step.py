# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 8, `lstm_step`: the lecture's LSTM cell without biases; returns (h_t, c_t)."""

_GOOD = '''
def lstm_step(x_t, h_prev, c_prev, params):
    def pre_activation(gate):
        return h_prev @ params["W" + gate].T + x_t @ params["U" + gate].T

    f = sigmoid(pre_activation("_f"))
    i = sigmoid(pre_activation("_i"))
    o = sigmoid(pre_activation("_o"))
    c_tilde = np.tanh(pre_activation(""))
    c = f * c_prev + i * c_tilde
    return o * np.tanh(c), c
'''


def _mutated(old, new):
    assert old in _GOOD, old
    return _GOOD.replace(old, new)


MUTANTS = [
    wrong("h_t = o * c, no tanh", _mutated("return o * np.tanh(c), c", "return o * c, c"),
          expect_diagnosis="lstm.h_without_tanh"),

    wrong("the forget and input gates swapped", _mutated("c = f * c_prev + i * c_tilde", "c = i * c_prev + f * c_tilde"),
          expect_diagnosis="lstm.gates_swapped"),

    wrong("a sigmoid for the candidate", _mutated('c_tilde = np.tanh(pre_activation(""))', 'c_tilde = sigmoid(pre_activation(""))'),
          expect_diagnosis="lstm.candidate_sigmoid"),

    wrong("(c_t, h_t): the pair in the wrong order", _mutated("return o * np.tanh(c), c", "return c, o * np.tanh(c)"),
          expect_diagnosis="lstm.return_order"),

    correct("one stacked product split in four, its own sigmoid with np.exp", '''
def lstm_step(x_t, h_prev, c_prev, params):
    Wall = np.concatenate([params[k] for k in ("W_f", "W_i", "W_o", "W")])
    Uall = np.concatenate([params[k] for k in ("U_f", "U_i", "U_o", "U")])
    a_f, a_i, a_o, a_c = np.split(h_prev @ Wall.T + x_t @ Uall.T, 4, axis=1)
    f, i, o = (1.0 / (1.0 + np.exp(-a)) for a in (a_f, a_i, a_o))
    c = f * c_prev + i * np.tanh(a_c)
    return o * np.tanh(c), c
'''),

    correct("a loop over the examples in the lecture's column form, a list [h, c]", '''
def lstm_step(x_t, h_prev, c_prev, params):
    hs, cs = [], []
    for x, h, c in zip(x_t, h_prev, c_prev):
        g = {k: sigmoid(params["W_" + k] @ h + params["U_" + k] @ x) for k in "fio"}
        c_new = g["f"] * c + g["i"] * np.tanh(params["W"] @ h + params["U"] @ x)
        hs.append(g["o"] * np.tanh(c_new))
        cs.append(c_new)
    return [np.array(hs), np.array(cs)]
'''),
]
