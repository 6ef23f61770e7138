"""Mutation testing of the graders (tests/mutants/): every graded exercise of every notebook loses its
points to the classic wrong answers, keeps them for correct answers in other forms, and names the
classic mistakes in the message the student sees. docs/grading-quality.md holds the figures.

Fast tests check the mutant files against the notebooks; the slow one grades every mutant with the
real grader, as one class, once.
"""

import re
from collections import Counter

import pytest
from mutants import DIAGNOSIS, FOLDER, Notebook, diagnosis, load, run
from mutants.report import DOC, generated_part, render
from notebook_helpers import SOLUTIONS, strip_hidden_tests

ASSIGNMENTS = sorted(p.name for p in SOLUTIONS.iterdir() if (p / f"{p.name}.ipynb").is_file())
WITH_MUTANTS = [a for a in ASSIGNMENTS if (FOLDER / a).is_dir()]
MIN_WRONG, MIN_CORRECT = 2, 1


def test_notebook_01_has_mutants():
    assert "01_linear_classifiers" in WITH_MUTANTS


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_exercise_has_wrong_and_correct_mutants(assignment):
    if assignment not in WITH_MUTANTS:
        pytest.skip(f"no mutants for {assignment} yet: add tests/mutants/{assignment}/<answer cell grade_id>.py")
    notebook = Notebook(assignment)
    mutants = load(assignment, notebook)  # raises on a mutant that does not fit the notebook
    for exercise in notebook.exercises:
        about = [m for m in mutants if set(m.tests) & set(exercise.tests)]
        wrong = sum(m.kind == "wrong" for m in about)
        right = sum(m.kind == "correct" for m in about)
        assert wrong >= MIN_WRONG and right >= MIN_CORRECT, (
            f"{assignment}, exercise {exercise.number} ({exercise.title}): {wrong} wrong and {right} correct "
            f"mutants; at least {MIN_WRONG} wrong and {MIN_CORRECT} correct are needed")


@pytest.mark.parametrize("assignment", WITH_MUTANTS)
def test_expected_diagnoses_are_in_the_visible_tests(assignment):
    notebook = Notebook(assignment)
    for mutant in load(assignment, notebook):
        if mutant.expect_diagnosis:
            visible = "".join(strip_hidden_tests(notebook.tests[t]) for t in mutant.tests)
            assert f"[{mutant.expect_diagnosis}] " in visible, \
                f"{mutant.key}: no visible message of {mutant.tests} starts with [{mutant.expect_diagnosis}]"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_diagnosis_codes_have_one_form(assignment):
    """A message that starts with [...] carries a code `exercise.mistake` (docs/grading-quality.md)."""
    notebook = Notebook(assignment)
    for test, source in notebook.tests.items():
        for code in re.findall(r"""["']\[([A-Za-z_][A-Za-z0-9_.-]*)\] """, source):
            assert DIAGNOSIS.match(f"[{code}] "), f"{assignment} / {test}: [{code}] is not a diagnosis code"


@pytest.mark.slow
@pytest.mark.timeout(1800)  # every mutant of every notebook, one class: 5 minutes on 2 busy cores
def test_every_mutant_is_graded_as_declared(tmp_path):
    """One class, graded once by the real grader: the mutants of every notebook that has some."""
    verdicts, problems, _, _ = run(folder=tmp_path)
    assert problems == [], "\n".join(problems)
    slipped = [f"{v.mutant.key} ({v.student}): {v.scores}" for v in verdicts if v.mutant.kind == "wrong" and not v.ok]
    rejected = [f"{v.mutant.key} ({v.student}): {v.scores} {v.messages}" for v in verdicts
                if v.mutant.kind == "correct" and not v.ok]
    unnamed = [f"{v.mutant.key} ({v.student}): expected [{v.mutant.expect_diagnosis}] {v.mutant.expect_message!r}, "
               f"got {v.messages}" for v in verdicts if v.named is False]
    assert slipped == [], "wrong answers that keep points: strengthen the hidden tests\n" + "\n".join(slipped)
    assert rejected == [], "correct answers that lose points\n" + "\n".join(rejected)
    assert unnamed == [], "classic mistakes the message does not name\n" + "\n".join(unnamed)
    assert generated_part(DOC.read_text()) == render(verdicts), \
        f"{DOC.name} is out of date: run `python -m tests.mutants.report` and commit it"
    check_the_class_report_counts_the_diagnoses(verdicts, tmp_path / "graded")


def check_the_class_report_counts_the_diagnoses(verdicts, out):
    """The class report (autograder.report) shows each classic mistake of the mutant class, per test
    cell, as often as the students' failure messages name it."""
    from autograder.report import figures

    reported = Counter()
    for exercise in figures(out)["exercises"]:
        for found in exercise["diagnoses"]:
            if DIAGNOSIS.match(f"[{found['code']}] "):
                reported[(exercise["assignment"], exercise["grade_id"], found["code"])] += found["count"]
    shown = Counter()
    for verdict in verdicts:
        for test, message in verdict.messages.items():
            if verdict.mutant.kind == "wrong" and diagnosis(message):
                shown[(verdict.mutant.assignment, test, diagnosis(message))] += 1
    # a mutant's own test cells are counted here; a later test that uses the mutated function may show
    # the same mistake once more (a wrong forward pass reaching the backward test): the report counts it
    undercounted = {key: (n, reported[key]) for key, n in shown.items() if reported[key] < n}
    assert undercounted == {}, f"(messages, report) counts of diagnoses the report misses: {undercounted}"
    expected = {(v.mutant.assignment, v.mutant.expect_diagnosis) for v in verdicts if v.named and v.mutant.expect_diagnosis}
    missing = expected - {(assignment, code) for assignment, _, code in reported}
    assert missing == set(), f"classic mistakes missing from the class report: {sorted(missing)}"
