"""dlcourse.selfcheck: right/wrong for multiple-choice answers, never the key."""

import ast
import functools
import hashlib
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse import selfcheck
from dlcourse.selfcheck import answer_hash, check_answer, normalize_answer

REPO = Path(__file__).resolve().parents[1]
QUESTION = "99.test_question"
KEY = {"B", "d"}


@pytest.fixture
def table(monkeypatch):
    """A hash table holding one test question whose answer is the set KEY."""
    monkeypatch.setattr(selfcheck, "_ANSWER_HASHES", {QUESTION: answer_hash(QUESTION, KEY)})


@pytest.mark.parametrize("answer, expected", [
    ("  Adam ", "adam"),
    ("Leaky\t ReLU\n", "leaky relu"),
    (3, "3"),
    (np.int64(3), "3"),
    (2.0, "2"),
    (np.float64(0.1), "0.1"),
    (1 / 3, "0.333333333333"),
    (True, "true"),
    (False, "false"),
    ({"b", " A"}, "a,b"),
    (frozenset({2, 1}), "1,2"),
    ({"a", "A", "a "}, "a,a,a"),
    (["B", "a"], "b,a"),
    ((1, 2.0), "1,2"),
    ((2, 1), "2,1"),
    (["c"], "c"),
    ([], ""),
])
def test_normalize_answer(answer, expected):
    assert normalize_answer(answer) == expected


@pytest.mark.parametrize("answer, match", [
    (None, "None: set it"),
    ({"a": 1}, "must be a string, a number"),
    (1 + 2j, "must be a string, a number"),
    ([["a"], "b"], "nested"),
])
def test_normalize_answer_rejects(answer, match):
    with pytest.raises(ValueError, match=match):
        normalize_answer(answer)


def test_answer_hash_is_the_documented_salted_sha256():
    expected = hashlib.sha256(b"dlcourse-selfcheck-v1:01.q:a,b").hexdigest()[:16]
    assert answer_hash("01.q", {"b", "A"}) == expected


def test_same_answer_to_two_questions_hashes_differently():
    assert answer_hash("01.q1", "a") != answer_hash("01.q2", "a")


@pytest.mark.parametrize("question_id", ["", None, 3])
def test_answer_hash_rejects_bad_question_id(question_id):
    with pytest.raises(ValueError, match="question_id must be a non-empty string"):
        answer_hash(question_id, "a")


@pytest.mark.parametrize("answer", [{"b", "d"}, {"D", "b"}, frozenset({" d", "B "})])
def test_check_answer_right(table, capsys, answer):
    assert check_answer(QUESTION, answer) is True
    out = capsys.readouterr().out
    assert out.startswith("Right"), f"a right answer must say so, printed {out!r}"


@pytest.mark.parametrize("answer", [{"b"}, {"b", "c"}, ["d", "b"], "bd", "b d", {"b", "d", "e"}])
def test_check_answer_wrong_never_reveals_the_key(table, capsys, answer):
    assert check_answer(QUESTION, answer) is False
    out = capsys.readouterr().out
    assert out.startswith("Not right"), f"a wrong answer must say so, printed {out!r}"
    shown = out.replace(repr(answer), "")  # the student's own answer may be echoed
    assert "'B'" not in shown and "'d'" not in shown and "b,d" not in shown, f"the key leaks: {out!r}"
    assert selfcheck._ANSWER_HASHES[QUESTION] not in out


def test_check_answer_unknown_question_lists_known_ids(table):
    with pytest.raises(ValueError, match=r"unknown question id '01\.nope'; known ids: 99\.test_question"):
        check_answer("01.nope", "a")


def test_check_answer_with_empty_table(monkeypatch):
    monkeypatch.setattr(selfcheck, "_ANSWER_HASHES", {})
    with pytest.raises(ValueError, match="known ids: none yet"):
        check_answer("01.q", "a")


def test_check_answer_none_is_not_silently_wrong(table):
    with pytest.raises(ValueError, match="None: set it"):
        check_answer(QUESTION, None)


def test_table_holds_only_well_formed_hashes():
    for question_id, digest in selfcheck._ANSWER_HASHES.items():
        assert re.fullmatch(r"\d\d\.[a-z0-9_]+", question_id), f"question id {question_id!r} is not NN.name"
        assert re.fullmatch(r"[0-9a-f]{16}", digest), f"hash of {question_id} is not 16 hex digits"


@functools.cache
def solution_answers(number):
    """{variable: value} assigned by the answer cells of instructor notebook `number` ("01")."""
    answers = {}
    for path in sorted((REPO / "solutions").glob(f"{number}_*/{number}_*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            grader = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and grader.get("solution") and grader["grade_id"].startswith("answer_"):
                for statement in ast.parse(cell.source).body:  # plain assignments, the last one wins
                    if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
                        answers[statement.targets[0].id] = ast.literal_eval(statement.value)
    return answers


@pytest.mark.parametrize("question_id", sorted(selfcheck._ANSWER_HASHES))
def test_table_agrees_with_the_instructor_notebooks(question_id, capsys):
    number, name = question_id.split(".")
    answers = solution_answers(number)
    assert name in answers, f"no answer cell of solutions/{number}_* sets {name}"
    assert check_answer(question_id, answers[name]) is True, (
        f"the hash of {question_id} does not match the instructor's answer: "
        f"recompute it with answer_hash({question_id!r}, ...)")


options = st.sets(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1, max_size=5)


@settings(max_examples=30, deadline=None)
@given(options, st.sampled_from([str.upper, str.lower, lambda s: f"  {s}\t"]))
def test_case_and_spacing_never_change_the_hash_of_a_set(choices, spell):
    assert answer_hash("01.q", {spell(c) for c in choices}) == answer_hash("01.q", choices)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=2, max_size=4, unique=True))
def test_a_sequence_keeps_its_order(values):
    assert answer_hash("01.q", list(values)) == answer_hash("01.q", tuple(float(v) for v in values))
    assert answer_hash("01.q", values) != answer_hash("01.q", values[::-1])


@pytest.mark.parametrize("question_id", sorted(selfcheck._ANSWER_HASHES))
def test_the_student_notebook_says_how_to_check_each_question(question_id):
    number = question_id.split(".")[0]
    (path,) = sorted((REPO / "notebooks").glob(f"{number}_*/{number}_*.ipynb"))
    markdown = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    assert f'check_answer("{question_id}"' in markdown, \
        f"{path.name}: a markdown cell after the question should show check_answer({question_id!r}, ...)"
