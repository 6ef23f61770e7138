"""Helpers for the course notebooks' exercise tests and demos.

    from dlcourse.exercises import check_close, require_answer, yours_or_reference

    check_close(softmax(s), expected, "each row must sum to 1: divide by the sum over the row")
    require_answer(loss_range, "loss_range")          # None: not answered yet
    scores_of = yours_or_reference(linear_scores, reference_scores)  # demos run before the exercise is done

A failing check says *what is probably wrong*: the notebook passes that message in.

The checks accept only plain values (numpy arrays, lists, numbers, strings, ...; exact types, no
subclasses) and compare with numpy functions taken when this module is imported: an object that
claims to equal anything, or a patched ``np.allclose``, cannot pass them.
"""

import numpy as np

_absolute, _isnan = np.absolute, np.isnan  # taken now: a student's later `np.absolute = ...` changes nothing
_PLAIN_LEAVES = (str, int, float, bool)
_PLAIN_CONTAINERS = (list, tuple, set, frozenset)


def _is_plain(value):
    """Whether `value` is built only of plain types: str, int, float, bool, numpy scalars and arrays of
    numbers, and lists, tuples, sets and dicts of those (exact types, no subclasses)."""
    kind = type(value)
    if kind in _PLAIN_LEAVES or value is None:
        return True
    if kind is np.ndarray:
        return value.dtype.kind in "biuf"
    if isinstance(value, np.generic):
        return kind.__module__ == "numpy" and value.dtype.kind in "biufU"
    if kind in _PLAIN_CONTAINERS:
        return all(_is_plain(item) for item in value)
    if kind is dict:
        return all(_is_plain(k) and _is_plain(v) for k, v in value.items())
    return False


def _plain_array(value, message):
    """`value` as a new float64 array, if it is a plain array, number or (nested) list of numbers."""
    if not _is_plain(value) or type(value) in (str, set, frozenset, dict):
        raise AssertionError(f"{message}\n  expected a numpy array or a number, got a {type(value).__name__}")
    try:
        return np.array(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise AssertionError(f"{message}\n  expected numbers, got {value!r}: {error}") from None


def check_close(actual, expected, message, rtol=1e-7, atol=1e-10):
    """Fail with `message` (what is probably wrong) unless `actual` matches `expected`.

    actual, expected: arrays (or numbers) of the same shape; compared with np.allclose(rtol, atol).
    Raises AssertionError with `message`, the shapes or both values.
    """
    assert actual is not None, f"{message}\n  your function returned None: did you forget `return`?"
    actual = _plain_array(actual, message)
    expected = np.array(expected, dtype=float)
    assert actual.shape == expected.shape, \
        f"{message}\n  wrong shape: got {actual.shape}, expected {expected.shape}"
    with np.errstate(invalid="ignore"):  # inf - inf: equal infinities are caught by ==
        close = (_absolute(actual - expected) <= atol + rtol * _absolute(expected)) | (actual == expected)
    if _isnan(actual).any() or not close.all():
        with np.printoptions(precision=10):
            raise AssertionError(f"{message}\n  got\n{actual}\n  expected\n{expected}")


def require_answer(value, name):
    """An unanswered question (still None) fails like an unwritten function: NotImplementedError.

    An answer must be a plain value (a string, a number, a tuple, list, set or dict of those):
    anything else fails with AssertionError.
    """
    if value is None:
        raise NotImplementedError(f"{name} is still None: replace None with your answer")
    if not _is_plain(value):
        raise AssertionError(f"{name} must be a plain value (a string, a number, or a tuple, list, set or "
                             f"dict of those), not a {type(value).__name__}")
    return value


def yours_or_reference(yours, reference):
    """Your function once it is written, else the course's reference: the demos always run.

    Returns a function that calls `yours`, and `reference` instead while `yours` raises
    NotImplementedError (saying so once).
    """
    def call(*args, **kwargs):
        try:
            return yours(*args, **kwargs)
        except NotImplementedError:
            if not call.noted:
                print(f"({yours.__name__} is not written yet: this demo uses the reference)")
                call.noted = True
            return reference(*args, **kwargs)
    call.noted = False
    return call
