# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 15, `conv2d_im2col`: one product, then (N, H_out, W_out, C_out) moved to (N, C_out, H_out, W_out)."""

MUTANTS = [
    wrong("the product reshaped straight to (N, C_out, H_out, W_out)", """
def conv2d_im2col(x, w, b=None, stride=1, padding=0):
    N, _, H, W = np.shape(x)
    C_out, _, K, _ = np.shape(w)
    H_out, W_out = (H + 2 * padding - K) // stride + 1, (W + 2 * padding - K) // stride + 1
    out = im2col(x, K, stride, padding) @ np.asarray(w).reshape(C_out, -1).T
    if b is not None:
        out = out + b
    return out.reshape(N, C_out, H_out, W_out)
""", expect_diagnosis="conv2d_im2col.layout", expect_message="move the channels to axis 1"),

    wrong("the bias forgotten", """
def conv2d_im2col(x, w, b=None, stride=1, padding=0):
    N, _, H, W = np.shape(x)
    C_out, _, K, _ = np.shape(w)
    H_out, W_out = (H + 2 * padding - K) // stride + 1, (W + 2 * padding - K) // stride + 1
    out = im2col(x, K, stride, padding) @ np.asarray(w).reshape(C_out, -1).T
    return out.reshape(N, H_out, W_out, C_out).transpose(0, 3, 1, 2)
"""),

    correct("the filters on the left, then np.moveaxis", """
def conv2d_im2col(x, w, b=None, stride=1, padding=0):
    N, _, H, W = np.shape(x)
    C_out, _, K, _ = np.shape(w)
    H_out, W_out = (H + 2 * padding - K) // stride + 1, (W + 2 * padding - K) // stride + 1
    out = np.asarray(w).reshape(C_out, -1) @ im2col(x, K, stride, padding).T      # (C_out, N * H_out * W_out)
    if b is not None:
        out += np.asarray(b).reshape(-1, 1)
    return np.moveaxis(out.reshape(C_out, N, H_out, W_out), 0, 1)
"""),
]
