"""The course's small real data set: 1,797 handwritten digits of 8x8 pixels, shipped in ``data/digits.npz``.

They are the test set of the UCI "Optical Recognition of Handwritten Digits" data
(E. Alpaydin and C. Kaynak, 1998, CC BY 4.0), as bundled by scikit-learn; see
``data/README.md``. Every pixel counts the ink in a 4x4 block of a 32x32 bitmap: 0..16.

The split into train / validation / test (1,197 / 300 / 300) is fixed, so results in
the notebooks can be compared: a permutation drawn with ``seed=0`` orders the examples,
and within each class the first ones in that order go to test, the next to
validation, the rest to training. Every split keeps the class proportions of the whole.

    data = load_digits()                        # all six arrays
    X_train, y_train = load_digits("train")     # X: (1197, 64) float64 in [0, 1]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlcourse._validation import check_positive_int
from dlcourse.data.download import ENV_VAR, data_dirs

FILE_NAME = "digits.npz"
VAL_SIZE = 300
TEST_SIZE = 300
SPLITS = ("train", "val", "test")


@dataclass(frozen=True)
class DigitsSplits:
    """The three splits. X: (N, 64) or (N, 1, 8, 8); y: (N,) int64 digits 0..9."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def load_digits(split=None, flatten=True, normalize=True, seed=0):
    """Load the digits with the course's fixed split.

    split: None for all splits, or "train", "val", "test" for one of them.
    flatten: True gives X: (N, 64), for linear models and MLPs; False gives
        X: (N, 1, 8, 8), the (batch, channel, height, width) layout of a convolution.
    normalize: True divides the pixel counts by 16, giving float64 in [0, 1];
        False keeps them as float64 in 0..16.
    seed: the permutation that defines the split. Keep 0, the course's split;
        other values give other stratified splits of the same sizes.
    Returns a :class:`DigitsSplits`, or ``(X, y)`` when ``split`` is given.
    """
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be None or one of {SPLITS}, got {split!r}")
    check_positive_int(seed, "seed", allow_zero=True)
    images, labels = read_digits_file()
    X = images.astype(np.float64)
    if normalize:
        X /= 16.0
    X = X.reshape(len(X), -1) if flatten else X[:, None, :, :]
    y = labels.astype(np.int64)

    idx = split_indices(y, seed)
    if split is not None:
        return X[idx[split]], y[idx[split]]
    return DigitsSplits(
        X_train=X[idx["train"]], y_train=y[idx["train"]],
        X_val=X[idx["val"]], y_val=y[idx["val"]],
        X_test=X[idx["test"]], y_test=y[idx["test"]],
    )


def split_indices(y, seed=0, val_size=VAL_SIZE, test_size=TEST_SIZE):
    """Stratified train/val/test indices into the labels ``y: (N,)``.

    Within each class, examples are taken in the order of ``permutation(N)`` drawn
    with ``seed``: the first go to test, the next to val, the rest to train.
    Per-class counts are proportional to the class sizes (rounded so that the
    totals are exactly ``val_size`` and ``test_size``).
    Returns {"train": idx, "val": idx, "test": idx}, each in permutation order.
    """
    y = np.asarray(y)
    counts = np.bincount(y)
    order = np.random.default_rng(seed).permutation(len(y))
    # rank of each example among those of its class, in permutation order
    grouped = order[np.argsort(y[order], kind="stable")]
    class_start = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rank = np.empty(len(y), dtype=np.int64)
    rank[grouped] = np.arange(len(y)) - class_start[y[grouped]]

    test_quota = proportional_counts(counts, test_size)
    val_quota = proportional_counts(counts, val_size)
    in_test = rank < test_quota[y]
    in_val = ~in_test & (rank < test_quota[y] + val_quota[y])
    in_train = ~in_test & ~in_val
    return {name: order[mask[order]] for name, mask in (("train", in_train), ("val", in_val), ("test", in_test))}


def proportional_counts(counts, total):
    """Split ``total`` over classes in proportion to ``counts`` (largest-remainder rounding).

    counts: (K,) class sizes. Returns (K,) ints summing to ``total``: each is
    ``floor(total * counts / sum(counts))``, plus one for the classes with the largest
    fractional parts until the sum is reached.
    """
    exact = total * counts / counts.sum()
    quota = np.floor(exact).astype(np.int64)
    by_remainder = np.argsort(-(exact - quota), kind="stable")
    quota[by_remainder[: total - quota.sum()]] += 1
    return quota


def read_digits_file():
    """The raw arrays: images uint8 (1797, 8, 8) with values 0..16, labels uint8 (1797,).

    Looks for ``digits.npz`` in ``$DLCOURSE_DATA``, then in the checkout's ``data/``.
    """
    path = find_digits_file()
    with np.load(path) as archive:
        return archive["images"], archive["labels"]


def find_digits_file():
    """Path of the first ``digits.npz`` found in :func:`dlcourse.data.download.data_dirs`."""
    candidates = [folder / FILE_NAME for folder in data_dirs()]
    for path in candidates:
        if path.is_file():
            return path
    looked = ", ".join(str(p) for p in candidates)
    raise FileNotFoundError(
        f"{FILE_NAME} not found (looked in: {looked}). It ships in the repository's data/ folder; "
        f"with a non-editable install, set {ENV_VAR} to a folder holding a copy of it."
    )
