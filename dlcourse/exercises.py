"""Helpers for the course notebooks' exercise tests and demos.

    from dlcourse.exercises import check_close, require_answer, yours_or_reference

    check_close(softmax(s), expected, "each row must sum to 1: divide by the sum over the row")
    require_answer(loss_range, "loss_range")          # None: not answered yet
    scores_of = yours_or_reference(linear_scores, reference_scores)  # demos run before the exercise is done

A failing check says *what is probably wrong*: the notebook passes that message in.
"""

import numpy as np


def check_close(actual, expected, message, rtol=1e-7, atol=1e-10):
    """Fail with `message` (what is probably wrong) unless `actual` matches `expected`.

    actual, expected: arrays (or numbers) of the same shape; compared with np.allclose(rtol, atol).
    Raises AssertionError with `message`, the shapes or both values.
    """
    assert actual is not None, f"{message}\n  your function returned None: did you forget `return`?"
    actual = np.asarray(actual, dtype=float)
    expected = np.asarray(expected, dtype=float)
    assert actual.shape == expected.shape, \
        f"{message}\n  wrong shape: got {actual.shape}, expected {expected.shape}"
    if not np.allclose(actual, expected, rtol=rtol, atol=atol):
        with np.printoptions(precision=10):
            raise AssertionError(f"{message}\n  got\n{actual}\n  expected\n{expected}")


def require_answer(value, name):
    """An unanswered question (still None) fails like an unwritten function: NotImplementedError."""
    if value is None:
        raise NotImplementedError(f"{name} is still None: replace None with your answer")
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
