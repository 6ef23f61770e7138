"""dlcourse.exercises: the checks the notebooks' tests use say what is wrong."""

import numpy as np
import pytest

from dlcourse.exercises import check_close, require_answer, yours_or_reference


def test_check_close_passes_equal_values_and_names_the_mistake_otherwise():
    check_close([1.0, 2.0], np.array([1.0, 2.0 + 1e-12]), "unused")
    with pytest.raises(AssertionError, match="forget `return`"):
        check_close(None, [1.0], "softmax")
    with pytest.raises(AssertionError, match=r"rows must sum to 1\n  wrong shape: got \(2,\), expected \(2, 1\)"):
        check_close([1.0, 2.0], [[1.0], [2.0]], "rows must sum to 1")
    with pytest.raises(AssertionError, match=r"(?s)the bias is missing\n  got\n.*1\..*\n  expected\n.*2\."):
        check_close([1.0], [2.0], "the bias is missing")


def test_require_answer():
    assert require_answer("B", "loss_range") == "B"
    assert require_answer(0, "count") == 0, "a falsy answer is still an answer"
    with pytest.raises(NotImplementedError, match="loss_range is still None"):
        require_answer(None, "loss_range")


def test_yours_or_reference_falls_back_while_the_exercise_is_not_written(capsys):
    def unwritten(x):
        raise NotImplementedError()

    def written(x):
        return x + 1

    demo = yours_or_reference(unwritten, lambda x: 2 * x)
    assert demo(3) == 6 and demo(4) == 8
    assert capsys.readouterr().out.count("unwritten is not written yet") == 1, "said once, not per call"
    assert yours_or_reference(written, lambda x: 2 * x)(3) == 4
    assert capsys.readouterr().out == ""


class EqualsAnything:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__

    def __float__(self):
        return 0.0


class SneakyArray(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(self), dtype=bool)


def test_check_close_accepts_plain_values_in_any_correct_form():
    with pytest.raises(AssertionError, match=r"expected numbers, got \['a'\]"):
        check_close(["a"], [1.0], "a list of strings is not an array of numbers")
    check_close([[1, 2], [3, 4]], np.array([[1.0, 2.0], [3.0, 4.0]]), "a nested list of ints is fine")
    check_close(np.float32(0.5), 0.5, "a numpy scalar is fine", rtol=1e-6)
    check_close(np.array([np.inf, -np.inf, 1.0]), [np.inf, -np.inf, 1.0], "equal infinities are equal")
    with pytest.raises(AssertionError, match="got"):
        check_close([np.nan], [np.nan], "nan never passes")


def test_check_close_cannot_be_fooled_by_objects_or_patches(monkeypatch):
    with pytest.raises(AssertionError, match="expected a numpy array or a number, got a EqualsAnything"):
        check_close(EqualsAnything(), [1.0], "scores")
    with pytest.raises(AssertionError, match="got a SneakyArray"):
        check_close(np.zeros(2).view(SneakyArray), [1.0, 2.0], "scores")
    with pytest.raises(AssertionError, match="got a list"):
        check_close([EqualsAnything(), 1.0], [1.0, 1.0], "scores")
    monkeypatch.setattr(np, "allclose", lambda *args, **kwargs: True)
    monkeypatch.setattr(np, "absolute", lambda x: 0 * x)
    with pytest.raises(AssertionError, match="the bias is missing"):
        check_close([1.0], [2.0], "the bias is missing")


def test_require_answer_takes_only_plain_values():
    assert require_answer({"A", "d"}, "choices") == {"A", "d"}
    assert require_answer({"curve A": "momentum 0.9"}, "curves") == {"curve A": "momentum 0.9"}
    assert require_answer((1, np.int64(2)), "orders") == (1, 2)
    with pytest.raises(AssertionError, match="loss_range must be a plain value .* not a EqualsAnything"):
        require_answer(EqualsAnything(), "loss_range")
    with pytest.raises(AssertionError, match="plain value"):
        require_answer({"A", EqualsAnything()}, "choices")
