"""Data set augmentation for images (lecture 004): flips, crops, noise, fancy PCA colour jitter.

Images are batches, either (N, C, H, W) (channels first, as torch) or (N, H, W)
(grey). Every function returns a new array and leaves its input unchanged; the
random choices are made per image.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from dlcourse._validation import (
    as_float_array,
    as_rng,
    check_positive,
    check_positive_int,
    check_probability,
    check_shape,
)


def random_flip(x, rng=None, p=0.5, axis="horizontal"):
    """Flip each image with probability p.

    "horizontal" mirrors left-right (reverses W, the last axis); "vertical"
    upside-down (reverses H). Careful: a flip must not change the label (a
    mirrored "b" is a "d").

    x: (N, C, H, W) or (N, H, W). p: flip probability in [0, 1].
    Returns an array of x.shape.
    """
    x = as_float_array(x, "x", ndim=(3, 4))
    p = check_probability(p, "p", high_inclusive=True)
    if axis not in ("horizontal", "vertical"):
        raise ValueError(f"axis must be 'horizontal' or 'vertical', got {axis!r}")
    flip_axis = -1 if axis == "horizontal" else -2
    flip = as_rng(rng).random(x.shape[0]) < p
    out = x.copy()
    out[flip] = np.flip(x[flip], axis=flip_axis)
    return out


def random_crop(x, size, padding=0, rng=None):
    """Zero-pad each image by ``padding`` on every side, then cut a random (size x size) window.

    With padding = 4 and size = H this is the random translation used on CIFAR-10.

    x: (N, C, H, W) or (N, H, W). size: crop side, at most H + 2 padding and W + 2 padding.
    padding: zeros added on each side (>= 0).
    Returns (N, C, size, size) or (N, size, size).
    """
    x = as_float_array(x, "x", ndim=(3, 4))
    size = check_positive_int(size, "size")
    padding = check_positive_int(padding, "padding", allow_zero=True)
    height, width = x.shape[-2] + 2 * padding, x.shape[-1] + 2 * padding
    if size > height or size > width:
        raise ValueError(f"crop size {size} is larger than the padded image {height}x{width}")
    pad = [(0, 0)] * (x.ndim - 2) + [(padding, padding), (padding, padding)]
    padded = np.pad(x, pad)
    # windows[n, ..., top, left] is the (size x size) window whose corner is (top, left)
    windows = sliding_window_view(padded, (size, size), axis=(-2, -1))
    rng = as_rng(rng)
    n = x.shape[0]
    top = rng.integers(0, height - size + 1, size=n)
    left = rng.integers(0, width - size + 1, size=n)
    if x.ndim == 4:
        return windows[np.arange(n), :, top, left]
    return windows[np.arange(n), top, left]


def add_noise(x, std, rng=None):
    """Add independent Gaussian noise ``N(0, std^2)`` to every entry.

    x: (any shape). std: standard deviation, >= 0.
    Returns an array of x.shape.
    """
    x = as_float_array(x, "x")
    std = check_positive(std, "std", allow_zero=True)
    return x + as_rng(rng).normal(0.0, std, size=x.shape)


def rgb_pca(images):
    """PCA of the RGB values of all pixels of a data set.

    Every pixel of every image is one sample in R^3; the covariance is
    ``np.cov`` of those samples (centred, divided by M - 1).

    images: (N, 3, H, W).
    Returns (eigvals: (3,), eigvecs: (3, 3)), eigenvalues in decreasing order and
    the eigenvector p_i in column i (``cov @ eigvecs = eigvecs * eigvals``).
    """
    images = as_float_array(images, "images", ndim=4)
    check_shape(images, (None, 3, None, None), "images")
    pixels = images.transpose(0, 2, 3, 1).reshape(-1, 3)  # (N*H*W, 3)
    if pixels.shape[0] < 2:
        raise ValueError("rgb_pca needs at least 2 pixels to estimate a covariance")
    cov = np.cov(pixels, rowvar=False)
    eigvals, eigvecs = np.linalg.eigh(cov)  # ascending
    order = np.argsort(eigvals)[::-1]
    return eigvals[order], eigvecs[:, order]


def fancy_pca(images, std=0.1, rng=None, eigvals=None, eigvecs=None):
    """AlexNet colour jitter: shift every pixel of an image along the data set's RGB principal axes.

    For each image draw ``a_1, a_2, a_3 ~ N(0, std^2)`` once and add

        [p_1 p_2 p_3] [a_1 lambda_1, a_2 lambda_2, a_3 lambda_3]^T

    (a vector in R^3) to *every* RGB pixel of that image; lambda_i, p_i are the
    eigenvalues and eigenvectors of the pixel covariance (:func:`rgb_pca`).
    Errata: the slide calls 0.1 a variance and adds p_i[...] to "the i-th colour
    channel"; AlexNet uses a standard deviation of 0.1 and the whole 3-vector is
    added to each pixel.

    images: (N, 3, H, W). std: standard deviation of the a_i, >= 0 (0 = no change).
    eigvals: (3,), eigvecs: (3, 3) columns p_i, both or neither; by default the
        PCA of ``images`` itself (pass the training set's PCA to jitter other data).
    Returns (N, 3, H, W).
    """
    images = as_float_array(images, "images", ndim=4)
    check_shape(images, (None, 3, None, None), "images")
    std = check_positive(std, "std", allow_zero=True)
    if (eigvals is None) != (eigvecs is None):
        raise ValueError("pass both eigvals and eigvecs, or neither")
    if eigvals is None:
        eigvals, eigvecs = rgb_pca(images)
    eigvals = as_float_array(eigvals, "eigvals")
    eigvecs = as_float_array(eigvecs, "eigvecs")
    check_shape(eigvals, (3,), "eigvals")
    check_shape(eigvecs, (3, 3), "eigvecs")
    alphas = as_rng(rng).normal(0.0, std, size=(images.shape[0], 3))  # one draw per image
    offsets = (alphas * eigvals) @ eigvecs.T  # (N, 3): row n = sum_i a_i lambda_i p_i
    return images + offsets[:, :, None, None]
