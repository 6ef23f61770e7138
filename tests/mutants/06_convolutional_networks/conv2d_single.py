# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 3-4, `cross_correlate2d` (the kernel as it is) and `convolve2d` (the kernel flipped both ways).

Each mutant replaces one of the two functions. The instructor's convolve2d calls cross_correlate2d, so a
wrong cross_correlate2d may cost exercise 4's point too.
"""

MUTANTS = [
    # ---- exercise 3
    wrong("cross-correlation: the kernel flipped", """
def cross_correlate2d(I, K):
    I, K = np.asarray(I, dtype=float), np.asarray(K, dtype=float)[::-1, ::-1]
    kh, kw = K.shape
    S = np.zeros((I.shape[0] - kh + 1, I.shape[1] - kw + 1))
    for i in range(S.shape[0]):
        for j in range(S.shape[1]):
            S[i, j] = np.sum(I[i:i + kh, j:j + kw] * K)
    return S
""", replaces="cross_correlate2d", expect_diagnosis="cross_correlate2d.flipped", expect_message="flipped the kernel"),

    wrong("cross-correlation: one output row and column short", """
def cross_correlate2d(I, K):
    I, K = np.asarray(I, dtype=float), np.asarray(K, dtype=float)
    kh, kw = K.shape
    S = np.zeros((I.shape[0] - kh, I.shape[1] - kw))
    for i in range(S.shape[0]):
        for j in range(S.shape[1]):
            S[i, j] = np.sum(I[i:i + kh, j:j + kw] * K)
    return S
""", replaces="cross_correlate2d", expect_message="2x3 output"),

    correct("cross-correlation: sliding_window_view and einsum", """
def cross_correlate2d(I, K):
    K = np.asarray(K, dtype=float)
    windows = np.lib.stride_tricks.sliding_window_view(np.asarray(I, dtype=float), K.shape)
    return np.einsum("ijmn,mn->ij", windows, K)
""", replaces="cross_correlate2d"),

    # ---- exercise 4
    wrong("convolution: the kernel not flipped", """
def convolve2d(I, K):
    return cross_correlate2d(I, K)
""", replaces="convolve2d", expect_diagnosis="convolve2d.not_flipped", expect_message="K[::-1, ::-1]"),

    wrong("convolution: flipped along the rows only", """
def convolve2d(I, K):
    return cross_correlate2d(I, np.asarray(K)[::-1])
""", replaces="convolve2d", expect_diagnosis="convolve2d.flipped_one_axis", expect_message="rows AND columns"),

    correct("convolution: its own loops, K[kh - 1 - m, kw - 1 - n]", """
def convolve2d(I, K):
    I, K = np.asarray(I, dtype=float), np.asarray(K, dtype=float)
    kh, kw = K.shape
    S = np.zeros((I.shape[0] - kh + 1, I.shape[1] - kw + 1))
    for i in range(S.shape[0]):
        for j in range(S.shape[1]):
            for m in range(kh):
                for n in range(kw):
                    S[i, j] += I[i + m, j + n] * K[kh - 1 - m, kw - 1 - n]
    return S
""", replaces="convolve2d"),
]
