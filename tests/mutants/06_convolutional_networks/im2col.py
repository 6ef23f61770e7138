# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 14, `im2col`: one ROW per output position (n, i, j), columns ordered (c, u, v)."""

MUTANTS = [
    wrong("columns ordered (u, v, c): channels last", """
def im2col(x, kernel_size, stride=1, padding=0):
    x = np.asarray(x)
    N, C, H, W = x.shape
    K = kernel_size
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    H_out, W_out = (H + 2 * padding - K) // stride + 1, (W + 2 * padding - K) // stride + 1
    rows = [x_pad[n, :, i * stride:i * stride + K, j * stride:j * stride + K].transpose(1, 2, 0).ravel()
            for n in range(N) for i in range(H_out) for j in range(W_out)]
    return np.array(rows)
""", expect_diagnosis="im2col.column_order", expect_message="channels FIRST"),

    wrong("an off-by-one: the last output row and column missing", """
def im2col(x, kernel_size, stride=1, padding=0):
    x = np.asarray(x)
    N, C, H, W = x.shape
    K = kernel_size
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    H_out, W_out = (H + 2 * padding - K) // stride, (W + 2 * padding - K) // stride
    rows = [x_pad[n, :, i * stride:i * stride + K, j * stride:j * stride + K].ravel()
            for n in range(N) for i in range(H_out) for j in range(W_out)]
    return np.array(rows)
"""),

    correct("one patch per row, in loops", """
def im2col(x, kernel_size, stride=1, padding=0):
    x = np.asarray(x)
    N, C, H, W = x.shape
    K = kernel_size
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    H_out, W_out = (H + 2 * padding - K) // stride + 1, (W + 2 * padding - K) // stride + 1
    cols = np.empty((N * H_out * W_out, C * K * K), dtype=float)
    row = 0
    for n in range(N):
        for i in range(H_out):
            for j in range(W_out):
                cols[row] = x_pad[n, :, i * stride:i * stride + K, j * stride:j * stride + K].reshape(-1)
                row += 1
    return cols
"""),
]
