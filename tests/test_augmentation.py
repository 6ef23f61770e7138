"""Data augmentation: flips, padded random crops, Gaussian noise, fancy PCA colour jitter."""

import numpy as np
import pytest
import torch

from dlcourse.regularization.augmentation import add_noise, fancy_pca, random_crop, random_flip, rgb_pca

# ---------------------------------------------------------------------------- flips


@pytest.mark.parametrize("shape", [(4, 3, 5, 6), (4, 5, 6)])
@pytest.mark.parametrize("axis", ["horizontal", "vertical"])
def test_flip_twice_is_identity(shape, axis, rng):
    x = rng.standard_normal(shape)
    np.testing.assert_array_equal(random_flip(random_flip(x, p=1.0, axis=axis), p=1.0, axis=axis), x,
                                  err_msg="flipping every image twice gives the input back")
    # with the same seed the same images are chosen, so two flips cancel too
    once = random_flip(x, rng=7, axis=axis)
    np.testing.assert_array_equal(random_flip(once, rng=7, axis=axis), x)


@pytest.mark.parametrize(("axis", "torch_dim"), [("horizontal", -1), ("vertical", -2)])
def test_flip_matches_torch_flip(axis, torch_dim, rng):
    x = rng.standard_normal((3, 2, 4, 5))
    expected = torch.flip(torch.tensor(x, dtype=torch.float64), dims=[torch_dim]).numpy()
    np.testing.assert_array_equal(random_flip(x, p=1.0, axis=axis), expected, err_msg=f"{axis} flip vs torch.flip")
    np.testing.assert_array_equal(random_flip(x, p=0.0, axis=axis), x, err_msg="p = 0 never flips")


def test_flip_is_per_image(rng):
    x = rng.standard_normal((400, 3, 3))
    out = random_flip(x, rng=rng)
    flipped = np.all(out == x[:, :, ::-1], axis=(1, 2))
    unchanged = np.all(out == x, axis=(1, 2))
    assert np.all(flipped | unchanged), "each image is either flipped whole or left alone"
    assert 150 < flipped.sum() < 250, "about half of the images are flipped with p = 0.5"


def test_flip_does_not_modify_input(rng):
    x = rng.standard_normal((2, 3, 3))
    copy = x.copy()
    random_flip(x, p=1.0)
    np.testing.assert_array_equal(x, copy)


# ---------------------------------------------------------------------------- crops


def find_window(padded, crop):
    """All (top, left) where crop equals the window of padded (both (..., H, W))."""
    size = crop.shape[-1]
    hits = []
    for top in range(padded.shape[-2] - size + 1):
        for left in range(padded.shape[-1] - size + 1):
            if np.array_equal(padded[..., top:top + size, left:left + size], crop):
                hits.append((top, left))
    return hits


@pytest.mark.parametrize("shape", [(5, 3, 6, 6), (5, 6, 7)])
def test_crop_is_a_window_of_the_zero_padded_image(shape, rng):
    x = rng.uniform(1.0, 2.0, size=shape)  # non-zero, so padding is recognisable
    padding, size = 2, 5
    out = random_crop(x, size, padding=padding, rng=rng)
    assert out.shape == shape[:-2] + (size, size)
    pad = [(0, 0)] * (x.ndim - 3) + [(padding, padding), (padding, padding)]
    for image, crop in zip(x, out):
        assert find_window(np.pad(image, pad), crop), "each crop is a sub-window of its padded image"


def test_crop_positions_vary_and_cover_the_range(rng):
    x = np.arange(36, dtype=float).reshape(1, 6, 6).repeat(300, axis=0) + 1.0
    out = random_crop(x, 4, padding=1, rng=rng)
    corners = {find_window(np.pad(image, 1), crop)[0] for image, crop in zip(x, out)}
    assert corners == {(t, l) for t in range(5) for l in range(5)}, "every position occurs"


def test_crop_full_size_without_padding_is_identity(rng):
    x = rng.standard_normal((3, 2, 4, 4))
    np.testing.assert_array_equal(random_crop(x, 4, rng=rng), x)


# ---------------------------------------------------------------------------- noise


def test_noise_statistics(rng):
    x = np.full((50, 3, 20, 20), 2.0)
    std = 0.3
    noise = add_noise(x, std, rng=rng) - x
    n = noise.size
    assert abs(noise.mean()) < 5 * std / np.sqrt(n), "noise has mean 0"
    assert abs(noise.std() / std - 1.0) < 5 / np.sqrt(2 * n), "noise has the requested standard deviation"
    np.testing.assert_array_equal(add_noise(x, 0.0, rng=rng), x, err_msg="std = 0 adds nothing")


# ---------------------------------------------------------------------------- fancy PCA


def pixel_matrix_by_loops(images):
    """(N*H*W, 3): one RGB row per pixel, built without reshapes."""
    n, _, h, w = images.shape
    return np.array([images[i, :, r, c] for i in range(n) for r in range(h) for c in range(w)])


def test_rgb_pca_is_the_eigendecomposition_of_the_pixel_covariance(rng):
    mixing = rng.standard_normal((3, 3))
    images = np.einsum("ij,njhw->nihw", mixing, rng.standard_normal((6, 3, 4, 5)))
    eigvals, eigvecs = rgb_pca(images)
    cov = np.cov(pixel_matrix_by_loops(images), rowvar=False)
    np.testing.assert_allclose(eigvals, np.sort(np.linalg.eigvalsh(cov))[::-1], rtol=1e-10,
                               err_msg="eigenvalues of the RGB covariance, decreasing")
    np.testing.assert_allclose(cov @ eigvecs, eigvecs * eigvals, atol=1e-10, err_msg="cov p_i = lambda_i p_i")
    np.testing.assert_allclose(eigvecs.T @ eigvecs, np.eye(3), atol=1e-12, err_msg="orthonormal eigenvectors")


def test_fancy_pca_adds_one_offset_per_image(rng):
    images = rng.uniform(0, 1, size=(5, 3, 4, 4))
    out = fancy_pca(images, rng=rng)
    offsets = out - images
    np.testing.assert_allclose(offsets, offsets[:, :, :1, :1] * np.ones((1, 1, 4, 4)), atol=1e-14,
                               err_msg="the same RGB vector is added to every pixel of an image")
    assert not np.allclose(offsets[0, :, 0, 0], offsets[1, :, 0, 0]), "a new draw for each image"


def test_fancy_pca_offset_lies_in_the_span_of_the_principal_axes(rng):
    # grey images (R = G = B): the covariance has rank 1, its only axis is (1, 1, 1)/sqrt(3)
    grey = rng.uniform(0, 1, size=(8, 1, 4, 4)).repeat(3, axis=1)
    offsets = (fancy_pca(grey, std=0.5, rng=rng) - grey)[:, :, 0, 0]
    np.testing.assert_allclose(offsets, offsets[:, :1] * np.ones((1, 3)), atol=1e-12,
                               err_msg="jitter of grey images stays grey: along the single eigenvector")
    # given PCA: offset = sum_i a_i lambda_i p_i, so its coordinate on p_i is a_i lambda_i
    eigvecs = np.linalg.qr(rng.standard_normal((3, 3)))[0]
    eigvals = np.array([2.0, 0.5, 0.0])
    images = np.zeros((4000, 3, 1, 1))
    offsets = fancy_pca(images, std=0.1, rng=rng, eigvals=eigvals, eigvecs=eigvecs)[:, :, 0, 0]
    coords = offsets @ eigvecs  # (N, 3): a_i lambda_i
    np.testing.assert_allclose(coords[:, 2], 0.0, atol=1e-14, err_msg="no component along a zero-variance axis")
    a = coords[:, :2] / eigvals[:2]
    assert np.all(np.abs(a.std(axis=0) / 0.1 - 1.0) < 0.06), "a_i has standard deviation 0.1 (errata: not variance)"
    assert np.all(np.abs(a.mean(axis=0)) < 0.01), "a_i has mean 0"


def test_fancy_pca_std_zero_is_identity(rng):
    images = rng.uniform(0, 1, size=(3, 3, 4, 4))
    np.testing.assert_array_equal(fancy_pca(images, std=0.0, rng=rng), images)


def test_fancy_pca_default_uses_the_images_own_pca(rng):
    images = rng.uniform(0, 1, size=(4, 3, 3, 3))
    eigvals, eigvecs = rgb_pca(images)
    np.testing.assert_array_equal(fancy_pca(images, rng=3), fancy_pca(images, rng=3, eigvals=eigvals, eigvecs=eigvecs))


# ---------------------------------------------------------------------------- bad input


def test_augmentation_bad_inputs():
    x = np.zeros((2, 3, 4, 4))
    with pytest.raises(ValueError, match="3 or 4 dimensions"):
        random_flip(np.zeros((4, 4)))
    with pytest.raises(ValueError, match="axis must be"):
        random_flip(x, axis="diagonal")
    with pytest.raises(ValueError, match="p must be in"):
        random_flip(x, p=1.5)
    with pytest.raises(ValueError, match="larger than the padded image"):
        random_crop(x, 7, padding=1)
    with pytest.raises(ValueError, match="size must be >= 1"):
        random_crop(x, 0)
    with pytest.raises(ValueError, match="padding must be >= 0"):
        random_crop(x, 2, padding=-1)
    with pytest.raises(ValueError, match="std must be >= 0"):
        add_noise(x, -1.0)
    with pytest.raises(ValueError, match="rng must be"):
        add_noise(x, 1.0, rng="seed")
    with pytest.raises(ValueError, match=r"images must have shape \(\*, 3, \*, \*\)"):
        fancy_pca(np.zeros((2, 4, 3, 3)))
    with pytest.raises(ValueError, match="4 dimensions"):
        rgb_pca(np.zeros((3, 4, 4)))
    with pytest.raises(ValueError, match="at least 2 pixels"):
        rgb_pca(np.zeros((1, 3, 1, 1)))
    with pytest.raises(ValueError, match="both eigvals and eigvecs"):
        fancy_pca(x, eigvals=np.ones(3))
    with pytest.raises(ValueError, match=r"eigvecs must have shape \(3, 3\)"):
        fancy_pca(x, eigvals=np.ones(3), eigvecs=np.eye(2))
    with pytest.raises(ValueError, match="std must be >= 0"):
        fancy_pca(x, std=-0.1)
