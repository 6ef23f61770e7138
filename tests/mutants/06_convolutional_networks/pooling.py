# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 9-10, `max_pool2d` and `avg_pool2d`: K x K windows, stride K by default, per image and channel.

Each mutant replaces one of the two functions.
"""

MUTANTS = [
    # ---- exercise 9
    wrong("max: the default stride 1", """
def max_pool2d(x, kernel_size, stride=1):
    x = np.asarray(x)
    K, S = kernel_size, stride
    N, C, H, W = x.shape
    out = np.zeros((N, C, (H - K) // S + 1, (W - K) // S + 1))
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            out[:, :, i, j] = x[:, :, i * S:i * S + K, j * S:j * S + K].max(axis=(2, 3))
    return out
""", replaces="max_pool2d", expect_diagnosis="max_pool2d.default_stride", expect_message="stride = K"),

    wrong("max: the windows always K apart (stride ignored)", """
def max_pool2d(x, kernel_size, stride=None):
    x = np.asarray(x)
    K = kernel_size
    N, C, H, W = x.shape
    out = np.zeros((N, C, H // K, W // K))
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            out[:, :, i, j] = x[:, :, i * K:i * K + K, j * K:j * K + K].max(axis=(2, 3))
    return out
""", replaces="max_pool2d"),

    wrong("max: over the channels too", """
def max_pool2d(x, kernel_size, stride=None):
    x = np.asarray(x)
    K = kernel_size
    S = K if stride is None else stride
    N, C, H, W = x.shape
    out = np.zeros((N, 1, (H - K) // S + 1, (W - K) // S + 1))
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            out[:, 0, i, j] = x[:, :, i * S:i * S + K, j * S:j * S + K].max(axis=(1, 2, 3))
    return out
""", replaces="max_pool2d", expect_diagnosis="max_pool2d.mixes_channels", expect_message="every channel separately"),

    correct("max: sliding_window_view, every S-th window", """
def max_pool2d(x, kernel_size, stride=None):
    S = stride or kernel_size
    windows = np.lib.stride_tricks.sliding_window_view(np.asarray(x), (kernel_size, kernel_size), axis=(2, 3))
    return windows[:, :, ::S, ::S].max(axis=(-2, -1))
""", replaces="max_pool2d"),

    # ---- exercise 10
    wrong("avg: divided by K, not K * K", """
def avg_pool2d(x, kernel_size, stride=None):
    x = np.asarray(x)
    K = kernel_size
    S = K if stride is None else stride
    N, C, H, W = x.shape
    out = np.zeros((N, C, (H - K) // S + 1, (W - K) // S + 1))
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            out[:, :, i, j] = x[:, :, i * S:i * S + K, j * S:j * S + K].sum(axis=(2, 3)) / K
    return out
""", replaces="avg_pool2d", expect_diagnosis="avg_pool2d.divides_by_k", expect_message="K * K"),

    wrong("avg: the default stride 1", """
def avg_pool2d(x, kernel_size, stride=1):
    x = np.asarray(x)
    K, S = kernel_size, stride
    N, C, H, W = x.shape
    out = np.zeros((N, C, (H - K) // S + 1, (W - K) // S + 1))
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            out[:, :, i, j] = x[:, :, i * S:i * S + K, j * S:j * S + K].mean(axis=(2, 3))
    return out
""", replaces="avg_pool2d", expect_diagnosis="avg_pool2d.default_stride", expect_message="stride = K"),

    correct("avg: a sum over the K * K offsets", """
def avg_pool2d(x, kernel_size, stride=None):
    x = np.asarray(x, dtype=float)
    K = kernel_size
    S = K if stride is None else stride
    H_out, W_out = (x.shape[2] - K) // S + 1, (x.shape[3] - K) // S + 1
    total = 0.0
    for u in range(K):
        for v in range(K):
            total = total + x[:, :, u:u + S * (H_out - 1) + 1:S, v:v + S * (W_out - 1) + 1:S]
    return total / (K * K)
""", replaces="avg_pool2d"),
]
