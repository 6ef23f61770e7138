"""Input checks shared by the whole package.

Every public function converts its array arguments with :func:`as_float_array`
and checks hyperparameters with :func:`check_positive` and friends, so that bad
input fails early with a ``ValueError`` that says what was expected.
"""

from __future__ import annotations

import numbers

import numpy as np

DEFAULT_DTYPE = np.float64


def as_float_array(x, name="x", ndim=None, min_ndim=None, allow_nan=False, dtype=DEFAULT_DTYPE):
    """Return ``x`` as a floating-point numpy array, checking its rank and values.

    x: array-like of numbers. Integer and boolean input is converted to ``dtype``;
    floating input keeps its own precision (float32 stays float32).
    ndim: the exact number of dimensions required (an int or a tuple of allowed ints).
    min_ndim: the least number of dimensions required.
    Raises ValueError for non-numeric input, a wrong rank, or NaN/inf (unless allow_nan).
    """
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged lists and the like
        raise ValueError(f"{name} must be an array of numbers, got {type(x).__name__}: {exc}") from exc
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise ValueError(f"{name} must be an array of numbers, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise ValueError(f"{name} must be real, got dtype {arr.dtype}")
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(dtype)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(a) for a in allowed)
            raise ValueError(f"{name} must have {want} dimensions, got shape {arr.shape}")
    if min_ndim is not None and arr.ndim < min_ndim:
        raise ValueError(f"{name} must have at least {min_ndim} dimensions, got shape {arr.shape}")
    if not allow_nan and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def as_labels(y, num_samples=None, num_classes=None, name="y"):
    """Return integer class labels ``y: (N,)`` after checking them.

    Raises ValueError when y is not 1-D, not integral, has the wrong length,
    or holds a label outside ``[0, num_classes)``.
    """
    arr = np.asarray(y)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of class indices, got shape {arr.shape}")
    if arr.size and not np.issubdtype(arr.dtype, np.integer):
        if np.issubdtype(arr.dtype, np.floating) and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)):
            arr = arr.astype(np.int64)
        else:
            raise ValueError(f"{name} must hold integer class indices, got dtype {arr.dtype}")
    arr = arr.astype(np.int64, copy=False)
    if num_samples is not None and arr.shape[0] != num_samples:
        raise ValueError(f"{name} has {arr.shape[0]} labels but there are {num_samples} samples")
    if num_classes is not None and arr.size and (arr.min() < 0 or arr.max() >= num_classes):
        raise ValueError(f"{name} must be in [0, {num_classes}), got values from {arr.min()} to {arr.max()}")
    return arr


def check_number(value, name):
    """Return ``value`` as a float, raising ValueError unless it is a finite real number."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def check_positive(value, name, allow_zero=False):
    """Return ``value`` as a float, raising ValueError unless it is > 0 (>= 0 with allow_zero)."""
    value = check_number(value, name)
    if value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be {bound}, got {value}")
    return value


def check_probability(value, name, low_inclusive=True, high_inclusive=False):
    """Return ``value`` as a float in [0, 1) (bounds configurable), else raise ValueError."""
    value = check_number(value, name)
    low_ok = value >= 0 if low_inclusive else value > 0
    high_ok = value <= 1 if high_inclusive else value < 1
    if not (low_ok and high_ok):
        lo = "[" if low_inclusive else "("
        hi = "]" if high_inclusive else ")"
        raise ValueError(f"{name} must be in {lo}0, 1{hi}, got {value}")
    return value


def check_positive_int(value, name, allow_zero=False):
    """Return ``value`` as an int, raising ValueError unless it is a positive integer."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    value = int(value)
    if value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else ">= 1"
        raise ValueError(f"{name} must be {bound}, got {value}")
    return value


def check_shape(arr, expected, name="x"):
    """Raise ValueError unless ``arr.shape`` matches ``expected`` (None in expected = any size)."""
    shape = np.shape(arr)
    if len(shape) != len(expected) or any(e is not None and e != s for e, s in zip(expected, shape)):
        want = "(" + ", ".join("*" if e is None else str(e) for e in expected) + ")"
        raise ValueError(f"{name} must have shape {want}, got {shape}")


def as_rng(rng):
    """Return a ``numpy.random.Generator`` from None, an int seed, or a Generator."""
    if rng is None or isinstance(rng, (numbers.Integral, np.integer)):
        return np.random.default_rng(rng)
    if isinstance(rng, np.random.Generator):
        return rng
    raise ValueError(f"rng must be None, an int seed or a numpy Generator, got {type(rng).__name__}")
