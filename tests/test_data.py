"""Tests for dlcourse.data: the shipped digits, the toy sets and surfaces, minibatches."""

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse.data import digits as digits_module
from dlcourse.data import download as download_module
from dlcourse.data.batching import minibatches
from dlcourse.data.digits import (
    DigitsSplits,
    find_digits_file,
    load_digits,
    proportional_counts,
    read_digits_file,
    split_indices,
)
from dlcourse.data.toy import (
    QuadraticSurface,
    RosenbrockSurface,
    make_blobs,
    make_moons,
    make_spiral,
    make_xor,
    quadratic_surface,
    rosenbrock,
)
from dlcourse.gradcheck import numerical_gradient

DIGITS_SHA256 = "78a85852f7f6b2b5d209ab9b246a3f6783ba99bf264099704d8725980b7e0b97"  # as in data/README.md
SPLIT_SIZES = {"train": 1197, "val": 300, "test": 300}


@pytest.fixture(scope="module")
def digits():
    return load_digits()


# ---------------------------------------------------------------- digits


def test_digits_file_is_the_documented_one():
    path = find_digits_file()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == DIGITS_SHA256
    readme = (Path(__file__).resolve().parents[1] / "data" / "README.md").read_text()
    assert DIGITS_SHA256 in readme, "data/README.md must state the sha256 of the shipped file"


def test_raw_digits_arrays():
    images, labels = read_digits_file()
    assert images.shape == (1797, 8, 8) and images.dtype == np.uint8
    assert labels.shape == (1797,) and labels.dtype == np.uint8
    assert images.min() == 0 and images.max() == 16
    assert set(np.unique(labels)) == set(range(10))


def test_split_sizes_shapes_and_dtypes(digits):
    assert isinstance(digits, DigitsSplits)
    for name, size in SPLIT_SIZES.items():
        X, y = getattr(digits, f"X_{name}"), getattr(digits, f"y_{name}")
        assert X.shape == (size, 64) and X.dtype == np.float64
        assert y.shape == (size,) and y.dtype == np.int64


def test_normalized_values_in_unit_interval(digits):
    for X in (digits.X_train, digits.X_val, digits.X_test):
        assert X.min() >= 0.0 and X.max() <= 1.0
    assert digits.X_train.max() == 1.0, "the brightest pixel count, 16, becomes 1"


def test_unnormalized_and_conv_layout(digits):
    X_raw, y_raw = load_digits("val", normalize=False)
    np.testing.assert_array_equal(X_raw / 16.0, digits.X_val, err_msg="normalize only divides by 16")
    np.testing.assert_array_equal(X_raw, np.round(X_raw), err_msg="raw pixel counts are integers")
    X_img, y_img = load_digits("val", flatten=False)
    assert X_img.shape == (300, 1, 8, 8)
    np.testing.assert_array_equal(X_img.reshape(300, 64), digits.X_val, err_msg="flatten is a reshape of NCHW")
    np.testing.assert_array_equal(y_img, digits.y_val)
    np.testing.assert_array_equal(y_raw, digits.y_val)


def test_one_split_equals_the_matching_fields(digits):
    for name in SPLIT_SIZES:
        X, y = load_digits(name)
        np.testing.assert_array_equal(X, getattr(digits, f"X_{name}"), err_msg=f"load_digits({name!r}) X")
        np.testing.assert_array_equal(y, getattr(digits, f"y_{name}"), err_msg=f"load_digits({name!r}) y")


def test_splits_are_disjoint_and_cover_everything():
    _, labels = read_digits_file()
    idx = split_indices(labels)
    all_idx = np.concatenate([idx["train"], idx["val"], idx["test"]])
    assert len(all_idx) == len(labels) == len(np.unique(all_idx)), "every example in exactly one split"


def test_split_is_stratified():
    _, labels = read_digits_file()
    counts = np.bincount(labels)
    idx = split_indices(labels)
    for name in ("val", "test"):
        per_class = np.bincount(labels[idx[name]], minlength=10)
        assert per_class.min() > 0, f"every class appears in {name}"
        np.testing.assert_allclose(per_class, 300 * counts / counts.sum(), atol=1,
                                   err_msg=f"{name} keeps the class proportions to within one example")
    assert np.bincount(labels[idx["train"]], minlength=10).min() > 0


def test_split_is_deterministic_and_pinned(digits):
    again = load_digits()
    for name in SPLIT_SIZES:
        np.testing.assert_array_equal(getattr(again, f"X_{name}"), getattr(digits, f"X_{name}"))
    _, labels = read_digits_file()
    idx = split_indices(labels)
    # the course's split is a contract (notebook results depend on it): the first indices
    # of each split, recorded in data/README.md when the split was made, must not move
    assert idx["train"][:5].tolist() == [1707, 421, 1524, 1790, 1763]
    assert idx["val"][:5].tolist() == [1185, 206, 1666, 1134, 471]
    assert idx["test"][:5].tolist() == [360, 1773, 1482, 600, 850]


def test_other_seed_gives_another_split_of_the_same_sizes(digits):
    other = load_digits(seed=1)
    assert other.X_test.shape == digits.X_test.shape
    assert not np.array_equal(other.y_test, digits.y_test)


def test_proportional_counts_sum_exactly():
    counts = np.array([178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    quota = proportional_counts(counts, 300)
    assert quota.sum() == 300
    assert np.all(np.abs(quota - 300 * counts / counts.sum()) < 1)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 50), min_size=1, max_size=8), st.integers(0, 100))
def test_proportional_counts_property(counts, total):
    counts = np.array(counts)
    quota = proportional_counts(counts, total)
    assert quota.sum() == total
    assert np.all(np.abs(quota - total * counts / counts.sum()) < 1), "largest remainder: within one of exact"


def test_load_digits_bad_arguments():
    with pytest.raises(ValueError, match="split must be"):
        load_digits("training")
    with pytest.raises(ValueError, match="seed"):
        load_digits(seed=-1)


def test_digits_found_through_environment_variable(tmp_path, monkeypatch):
    shutil.copy(find_digits_file(), tmp_path / "digits.npz")
    monkeypatch.setattr(download_module, "REPO_DATA_DIR", tmp_path / "not-a-checkout")
    monkeypatch.setenv("DLCOURSE_DATA", str(tmp_path))
    assert find_digits_file() == tmp_path / "digits.npz"
    X, _ = load_digits("test")
    assert X.shape == (300, 64)


def test_missing_digits_file_names_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setattr(download_module, "REPO_DATA_DIR", tmp_path / "repo-data")
    monkeypatch.setenv("DLCOURSE_DATA", str(tmp_path / "env-data"))
    with pytest.raises(FileNotFoundError, match="DLCOURSE_DATA") as info:
        digits_module.load_digits()
    assert str(tmp_path / "env-data") in str(info.value) and str(tmp_path / "repo-data") in str(info.value)


# ---------------------------------------------------------------- toy sets


@pytest.mark.parametrize(
    "make, kwargs, size, classes",
    [
        (make_spiral, dict(n_per_class=20, n_classes=4), 80, 4),
        (make_blobs, dict(n_per_class=15, n_classes=3), 45, 3),
        (make_xor, dict(n=50), 50, 2),
        (make_moons, dict(n=41), 41, 2),
    ],
)
def test_toy_sets_shapes_labels_and_seeds(make, kwargs, size, classes):
    X, y = make(**kwargs, rng=0)
    assert X.shape == (size, 2) and X.dtype == np.float64
    assert y.shape == (size,) and y.dtype == np.int64
    assert set(np.unique(y)) == set(range(classes))
    X_again, y_again = make(**kwargs, rng=0)
    np.testing.assert_array_equal(X, X_again, err_msg="the same seed gives the same set")
    np.testing.assert_array_equal(y, y_again)
    X_other, _ = make(**kwargs, rng=1)
    assert not np.array_equal(X, X_other)


def test_spiral_without_noise_follows_the_formula():
    X, y = make_spiral(n_per_class=5, n_classes=2, noise=0.0)
    r = np.linspace(0, 1, 5)
    t = 4 * (1 + r)  # class 1
    np.testing.assert_allclose(X[y == 1], np.c_[r * np.sin(t), r * np.cos(t)], atol=1e-15,
                               err_msg="CS231n spiral: (r sin t, r cos t), t = 4 (k + r)")
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), np.tile(r, 2), atol=1e-15, err_msg="radius r")


def test_xor_labels_are_the_xor_of_the_nearest_corner():
    X, y = make_xor(n=200, noise=0.1, rng=0)
    corner = np.round(X).clip(0, 1).astype(int)  # noise 0.1 is far below the 0.5 to the next corner
    np.testing.assert_array_equal(y, corner[:, 0] ^ corner[:, 1])


def test_moons_without_noise_lie_on_their_half_circles():
    X, y = make_moons(n=30, noise=0.0)
    np.testing.assert_allclose(np.linalg.norm(X[y == 0], axis=1), 1.0, err_msg="outer moon: unit circle")
    np.testing.assert_allclose(np.linalg.norm(X[y == 1] - [1.0, 0.5], axis=1), 1.0,
                               err_msg="inner moon: unit circle around (1, 0.5)")
    assert np.all(X[y == 0, 1] >= 0) and np.all(X[y == 1, 1] <= 0.5)


def test_blobs_are_centred_on_a_circle():
    X, y = make_blobs(n_per_class=400, n_classes=4, std=0.1, radius=3.0, rng=0)
    centres = np.array([X[y == k].mean(axis=0) for k in range(4)])
    np.testing.assert_allclose(centres, [[3, 0], [0, 3], [-3, 0], [0, -3]], atol=0.03)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: make_spiral(n_per_class=0), "n_per_class"),
        (lambda: make_spiral(n_classes=1), "n_classes"),
        (lambda: make_spiral(noise=-0.1), "noise"),
        (lambda: make_xor(n=2.5), "n must be an integer"),
        (lambda: make_moons(n=1), "n must be >= 2"),
        (lambda: make_blobs(radius=0), "radius"),
        (lambda: make_blobs(std=-1), "std"),
        (lambda: make_moons(rng="seed"), "rng"),
    ],
)
def test_toy_sets_reject_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------- surfaces

SURFACES = [quadratic_surface(), quadratic_surface(a=2.0, b=0.5), rosenbrock(), rosenbrock(a=-0.5, b=3.0)]


@pytest.mark.parametrize("surface", SURFACES, ids=repr)
def test_surface_gradient_matches_numerical_gradient(surface, rng):
    for p in rng.uniform(-2, 2, size=(5, 2)):
        np.testing.assert_allclose(surface.grad(p), numerical_gradient(surface.value, p.copy()),
                                   rtol=1e-7, atol=1e-7, err_msg=f"{surface!r}: grad vs centred differences at {p}")


@pytest.mark.parametrize("surface", SURFACES, ids=repr)
def test_surface_hessian_matches_numerical_jacobian_of_gradient(surface, rng):
    for p in rng.uniform(-2, 2, size=(5, 2)):
        numeric = np.stack([numerical_gradient(lambda q, i=i: surface.grad(q)[i], p.copy()) for i in range(2)])
        np.testing.assert_allclose(surface.hessian(p), numeric, rtol=1e-6, atol=1e-6,
                                   err_msg=f"{surface!r}: hessian vs differences of grad at {p}")
        np.testing.assert_allclose(surface.hessian(p), surface.hessian(p).T, err_msg="a Hessian is symmetric")


@pytest.mark.parametrize("surface", SURFACES, ids=repr)
def test_surface_minimum(surface, rng):
    m = surface.minimum
    assert m.shape == (2,)
    np.testing.assert_allclose(surface.value(m), 0.0, atol=1e-15, err_msg="f is 0 at the minimum")
    np.testing.assert_allclose(surface.grad(m), 0.0, atol=1e-12, err_msg="the gradient vanishes at the minimum")
    assert np.all(np.linalg.eigvalsh(surface.hessian(m)) > 0), "positive definite Hessian: a strict minimum"
    assert np.all(surface.value(m + rng.uniform(-1, 1, size=(100, 2))) > 0)


@pytest.mark.parametrize("surface", SURFACES, ids=repr)
def test_surface_is_vectorised_over_grids(surface, rng):
    grid = rng.uniform(-2, 2, size=(3, 4, 2))
    values, grads, hessians = surface.value(grid), surface.grad(grid), surface.hessian(grid)
    assert values.shape == (3, 4) and grads.shape == (3, 4, 2) and hessians.shape == (3, 4, 2, 2)
    for i, j in np.ndindex(3, 4):
        np.testing.assert_allclose(values[i, j], surface.value(grid[i, j]), err_msg="value on a grid")
        np.testing.assert_allclose(grads[i, j], surface.grad(grid[i, j]), err_msg="grad on a grid")
        np.testing.assert_allclose(hessians[i, j], surface.hessian(grid[i, j]), err_msg="hessian on a grid")


def test_surface_formulas_at_a_point():
    q = QuadraticSurface(a=1.0, b=10.0)
    np.testing.assert_allclose(q.value([2.0, 1.0]), 0.5 * (4 + 10))
    np.testing.assert_allclose(q.grad([2.0, 1.0]), [2.0, 10.0])
    r = RosenbrockSurface(a=1.0, b=100.0)
    np.testing.assert_allclose(r.value([0.0, 0.0]), 1.0, err_msg="(a - 0)^2 + b (0 - 0)^2 = 1")
    np.testing.assert_allclose(r.minimum, [1.0, 1.0])


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: quadratic_surface(a=0.0), "a must be > 0"),
        (lambda: quadratic_surface(b=-1.0), "b must be > 0"),
        (lambda: rosenbrock(b=0.0), "b must be > 0"),
        (lambda: rosenbrock(a=float("nan")), "a must be finite"),
        (lambda: quadratic_surface().value([1.0, 2.0, 3.0]), r"\(\.\.\., 2\)"),
        (lambda: rosenbrock().grad(np.zeros((4, 3))), r"\(\.\.\., 2\)"),
        (lambda: quadratic_surface().hessian(1.0), "at least 1 dimensions"),
    ],
)
def test_surfaces_reject_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------- minibatches


def test_minibatches_cover_every_example_once():
    X = np.arange(23 * 3).reshape(23, 3)
    y = np.arange(23)
    batches = list(minibatches(X, y, batch_size=5, rng=0))
    assert [len(yb) for _, yb in batches] == [5, 5, 5, 5, 3], "the last, partial batch is kept"
    seen = np.concatenate([yb for _, yb in batches])
    np.testing.assert_array_equal(np.sort(seen), y, err_msg="every example exactly once per epoch")
    for xb, yb in batches:
        np.testing.assert_array_equal(xb, X[yb], err_msg="X rows stay with their labels")
    assert not np.array_equal(seen, y), "shuffled"


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 40), st.integers(1, 50), st.booleans())
def test_minibatches_property(n, batch_size, shuffle):
    y = np.arange(n)
    batches = [yb for _, yb in minibatches(y * 10, y, batch_size, shuffle=shuffle, rng=n)]
    assert len(batches) == -(-n // batch_size)
    assert all(len(b) == batch_size for b in batches[:-1]) and 1 <= len(batches[-1]) <= batch_size
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), y)


def test_minibatches_seeded_shuffle_is_reproducible():
    X, y = np.zeros((50, 2)), np.arange(50)
    first = [yb for _, yb in minibatches(X, y, 8, rng=3)]
    second = [yb for _, yb in minibatches(X, y, 8, rng=3)]
    other = [yb for _, yb in minibatches(X, y, 8, rng=4)]
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b, err_msg="same seed, same batches")
    assert not all(np.array_equal(a, b) for a, b in zip(first, other, strict=True))


def test_minibatches_generator_draws_a_new_order_each_epoch():
    rng = np.random.default_rng(0)
    y = np.arange(30)
    epoch1 = np.concatenate([yb for _, yb in minibatches(y, y, 30, rng=rng)])
    epoch2 = np.concatenate([yb for _, yb in minibatches(y, y, 30, rng=rng)])
    assert not np.array_equal(epoch1, epoch2)


def test_minibatches_without_shuffle_keep_order():
    y = np.arange(7)
    batches = [yb for _, yb in minibatches(y, y, 3, shuffle=False)]
    assert [b.tolist() for b in batches] == [[0, 1, 2], [3, 4, 5], [6]]


@pytest.mark.parametrize(
    "X, y, batch_size, match",
    [
        (np.zeros((5, 2)), np.zeros(4), 2, "same number of examples"),
        (np.zeros((5, 2)), np.zeros(5), 0, "batch_size must be >= 1"),
        (np.zeros((5, 2)), np.zeros(5), 2.0, "batch_size must be an integer"),
        (np.float64(3.0), np.zeros(1), 1, "arrays of examples"),
    ],
)
def test_minibatches_reject_bad_input(X, y, batch_size, match):
    with pytest.raises(ValueError, match=match):
        list(minibatches(X, y, batch_size))
