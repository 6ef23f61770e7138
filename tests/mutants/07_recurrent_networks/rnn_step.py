# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 1, `rnn_step`: h_t = tanh(b + h_prev W^T + x_t U^T) for a batch."""

MUTANTS = [
    wrong("no bias", '''
def rnn_step(x_t, h_prev, U, W, b):
    return np.tanh(h_prev @ W.T + x_t @ U.T)
''', expect_diagnosis="rnn_step.no_bias"),

    wrong("U and W swapped", '''
def rnn_step(x_t, h_prev, U, W, b):
    return np.tanh(b + h_prev @ U.T + x_t @ W.T)
''', expect_diagnosis="rnn_step.swapped_weights"),

    wrong("no tanh: a_t returned", '''
def rnn_step(x_t, h_prev, U, W, b):
    return b + h_prev @ W.T + x_t @ U.T
''', expect_diagnosis="rnn_step.no_tanh"),

    wrong("the lecture's W h written h_prev @ W (no transpose)", '''
def rnn_step(x_t, h_prev, U, W, b):
    return np.tanh(b + h_prev @ W + x_t @ U.T)
'''),

    correct("a loop over the examples with the lecture's column form", '''
def rnn_step(x_t, h_prev, U, W, b):
    return np.array([np.tanh(b + W @ h + U @ x) for x, h in zip(x_t, h_prev)]).reshape(len(h_prev), len(b))
'''),

    correct("einsum, float32 inputs promoted", '''
def rnn_step(x_t, h_prev, U, W, b):
    x_t, h_prev = np.asarray(x_t, dtype=np.float64), np.asarray(h_prev, dtype=np.float64)
    return np.tanh(np.einsum("hk,nk->nh", W, h_prev) + np.einsum("hd,nd->nh", U, x_t) + b)
'''),
]
