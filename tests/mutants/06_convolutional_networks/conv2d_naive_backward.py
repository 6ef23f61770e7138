# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 13, `conv2d_naive_backward`: dw and dx accumulated over overlapping windows, dx cropped."""

MUTANTS = [
    wrong("dx of the padded input, not cropped", """
def conv2d_naive_backward(dout, x, w, stride=1, padding=0):
    x, w, dout = np.asarray(x), np.asarray(w), np.asarray(dout)
    N, C, H, W = x.shape
    C_out, _, K, _ = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dx_pad, dw = np.zeros(x_pad.shape), np.zeros(w.shape)
    for n in range(N):
        for k in range(C_out):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    rows, cols = slice(i * stride, i * stride + K), slice(j * stride, j * stride + K)
                    dw[k] += dout[n, k, i, j] * x_pad[n, :, rows, cols]
                    dx_pad[n, :, rows, cols] += dout[n, k, i, j] * w[k]
    return dx_pad, dw, dout.sum(axis=(0, 2, 3))
""", expect_diagnosis="conv2d_naive_backward.dx_not_cropped", expect_message="cut the border off"),

    wrong("dx assigned, not accumulated (overlapping windows)", """
def conv2d_naive_backward(dout, x, w, stride=1, padding=0):
    x, w, dout = np.asarray(x), np.asarray(w), np.asarray(dout)
    N, C, H, W = x.shape
    C_out, _, K, _ = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dx_pad, dw = np.zeros(x_pad.shape), np.zeros(w.shape)
    for n in range(N):
        for k in range(C_out):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    rows, cols = slice(i * stride, i * stride + K), slice(j * stride, j * stride + K)
                    dw[k] += dout[n, k, i, j] * x_pad[n, :, rows, cols]
                    dx_pad[n, :, rows, cols] = dout[n, k, i, j] * w[k]
    return dx_pad[:, :, padding:padding + H, padding:padding + W], dw, dout.sum(axis=(0, 2, 3))
""", expect_diagnosis="conv2d_naive_backward.dx", expect_message="accumulate"),

    wrong("db: the mean instead of the sum", """
def conv2d_naive_backward(dout, x, w, stride=1, padding=0):
    x, w, dout = np.asarray(x), np.asarray(w), np.asarray(dout)
    N, C, H, W = x.shape
    C_out, _, K, _ = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dx_pad, dw = np.zeros(x_pad.shape), np.zeros(w.shape)
    for n in range(N):
        for k in range(C_out):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    rows, cols = slice(i * stride, i * stride + K), slice(j * stride, j * stride + K)
                    dw[k] += dout[n, k, i, j] * x_pad[n, :, rows, cols]
                    dx_pad[n, :, rows, cols] += dout[n, k, i, j] * w[k]
    return dx_pad[:, :, padding:padding + H, padding:padding + W], dw, dout.mean(axis=(0, 2, 3))
""", expect_diagnosis="conv2d_naive_backward.db", expect_message="sum of dout"),

    correct("a loop over the kernel offsets with einsum", """
def conv2d_naive_backward(dout, x, w, stride=1, padding=0):
    x, w, dout = np.asarray(x), np.asarray(w), np.asarray(dout)
    N, C, H, W = x.shape
    K = w.shape[2]
    H_out, W_out = dout.shape[2], dout.shape[3]
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dx_pad, dw = np.zeros(x_pad.shape), np.zeros(w.shape)
    for u in range(K):
        for v in range(K):
            rows = slice(u, u + stride * (H_out - 1) + 1, stride)
            cols = slice(v, v + stride * (W_out - 1) + 1, stride)
            dw[:, :, u, v] = np.einsum("nkij,ncij->kc", dout, x_pad[:, :, rows, cols])
            dx_pad[:, :, rows, cols] += np.einsum("nkij,kc->ncij", dout, w[:, :, u, v])
    return dx_pad[:, :, padding:padding + H, padding:padding + W], dw, np.einsum("nkij->k", dout)
"""),
]
