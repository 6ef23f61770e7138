# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 2, `rnn_forward`: every state h_1 .. h_T, shape (N, T, H).

The wrong ones write the step out instead of calling rnn_step, so that they can share a student with
the wrong rnn_step mutants (a smaller class).
"""

MUTANTS = [
    wrong("every step from h0: no recurrence", '''
def rnn_forward(x, h0, U, W, b):
    return np.stack([np.tanh(b + h0 @ W.T + x[:, t] @ U.T) for t in range(x.shape[1])], axis=1)
''', expect_diagnosis="rnn_forward.no_recurrence"),

    wrong("stacked along axis 0: shape (T, N, H)", '''
def rnn_forward(x, h0, U, W, b):
    hs, h = [], h0
    for t in range(x.shape[1]):
        h = np.tanh(b + h @ W.T + x[:, t] @ U.T)
        hs.append(h)
    return np.stack(hs)
''', expect_diagnosis="rnn_forward.time_axis"),

    wrong("h0 stored first, the last state dropped", '''
def rnn_forward(x, h0, U, W, b):
    hs, h = [], h0
    for t in range(x.shape[1]):
        hs.append(h)
        h = np.tanh(b + h @ W.T + x[:, t] @ U.T)
    return np.stack(hs, axis=1)
''', expect_diagnosis="rnn_forward.stores_h0"),

correct("a list transposed with np.transpose, the step written out", '''
def rnn_forward(x, h0, U, W, b):
    states, h = [], np.array(h0, dtype=float)
    for x_t in np.swapaxes(x, 0, 1):
        h = np.tanh(b + h @ W.T + x_t @ U.T)
        states.append(h)
    return np.transpose(np.array(states), (1, 0, 2))
'''),

    correct("one sequence at a time", '''
def rnn_forward(x, h0, U, W, b):
    out = np.zeros((x.shape[0], x.shape[1], len(b)))
    for n in range(x.shape[0]):
        h = h0[n]
        for t in range(x.shape[1]):
            h = rnn_step(x[n, t][None], h[None], U, W, b)[0]
            out[n, t] = h
    return out
'''),
]
