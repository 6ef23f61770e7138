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
