# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 12, `conv2d_naive`: the cross-correlation of x_pad with every filter, over all channels, plus b[k]."""

MUTANTS = [
    wrong("the kernel flipped (a true convolution)", """
def conv2d_naive(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x), np.asarray(w)[:, :, ::-1, ::-1]
    N, C, H, W = x.shape
    C_out, _, K, _ = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    H_out, W_out = (H + 2 * padding - K) // stride + 1, (W + 2 * padding - K) // stride + 1
    out = np.zeros((N, C_out, H_out, W_out))
    for n in range(N):
        for k in range(C_out):
            for i in range(H_out):
                for j in range(W_out):
                    window = x_pad[n, :, i * stride:i * stride + K, j * stride:j * stride + K]
                    out[n, k, i, j] = np.sum(window * w[k]) + (0.0 if b is None else b[k])
    return out
""", expect_diagnosis="conv2d_naive.flipped", expect_message="cross-correlation"),

    wrong("the channels not summed (channel 0 only)", """
def conv2d_naive(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x), np.asarray(w)
    N, C, H, W = x.shape
    C_out, _, K, _ = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    H_out, W_out = (H + 2 * padding - K) // stride + 1, (W + 2 * padding - K) // stride + 1
    out = np.zeros((N, C_out, H_out, W_out))
    for n in range(N):
        for k in range(C_out):
            for i in range(H_out):
                for j in range(W_out):
                    window = x_pad[n, 0, i * stride:i * stride + K, j * stride:j * stride + K]
                    out[n, k, i, j] = np.sum(window * w[k, 0]) + (0.0 if b is None else b[k])
    return out
""", expect_diagnosis="conv2d_naive.channels_not_summed", expect_message="all input channels"),

    wrong("windows start at i, not i * stride", """
def conv2d_naive(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x), np.asarray(w)
    N, C, H, W = x.shape
    C_out, _, K, _ = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    H_out, W_out = (H + 2 * padding - K) // stride + 1, (W + 2 * padding - K) // stride + 1
    out = np.zeros((N, C_out, H_out, W_out))
    for n in range(N):
        for k in range(C_out):
            for i in range(H_out):
                for j in range(W_out):
                    window = x_pad[n, :, i:i + K, j:j + K]
                    out[n, k, i, j] = np.sum(window * w[k]) + (0.0 if b is None else b[k])
    return out
""", expect_diagnosis="conv2d_naive.stride", expect_message="stride 2"),

    correct("sliding windows and one einsum, float32 kept", """
def conv2d_naive(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x), np.asarray(w)
    K = w.shape[2]
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    windows = np.lib.stride_tricks.sliding_window_view(x_pad, (K, K), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("ncijuv,kcuv->nkij", windows, w)
    if b is not None:
        out = out + np.asarray(b)[None, :, None, None]
    return out
"""),
]
