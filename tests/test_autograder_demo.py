"""The demo class (`python -m autograder demo`): the fixture course, and every course notebook."""

import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder import demo
from autograder.course import Course

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Course(ROOT / "tests" / "fixtures" / "grading")
ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").iterdir() if (p / f"{p.name}.ipynb").is_file())


def fixture_source():
    return nbformat.read(FIXTURE.source_dir / "ps0_numpy" / "ps0_numpy.ipynb", as_version=4)


def test_exercises_are_answer_cells_with_the_tests_after_them():
    assert demo.exercises(fixture_source()) == [
        (["softmax"], ["test_softmax"], 2.0), (["nll"], ["test_nll"], 2.0),
        (["mean_pixel"], ["test_mean_pixel"], 1.0), (["choice"], ["test_choice"], 2.0)]


def test_solved_fills_only_the_chosen_answers():
    source = fixture_source()
    release = nbformat.read(FIXTURE.release_dir / "ps0_numpy" / "ps0_numpy.ipynb", as_version=4)
    notebook = demo.solved(release, source, ["nll", "choice"], broken_id="choice")
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in notebook.cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    assert answers["nll"].strip().endswith("return -np.log(probs[y])") and "SOLUTION" not in answers["nll"]
    assert "NotImplementedError" in answers["softmax"], "other answers stay blank"
    assert answers["choice"].startswith("def oops(:"), "the broken answer does not parse"


def test_demo_command_on_the_fixture_course(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "autograder", "--course", str(FIXTURE.root), "demo", str(tmp_path / "demo"),
         "--assignment", "ps0_numpy"], capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "MISMATCH" not in completed.stdout and "partial       expected 4, got 4.0" in completed.stdout
    assert (tmp_path / "demo" / "graded" / "feedback" / "perfect" / "ps0_numpy" / "ps0_numpy.html").exists()


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_demo_class_of_each_notebook_is_graded_exactly(tmp_path, assignment):
    course = Course(ROOT)
    started = time.monotonic()
    summary, expected, folder = demo.run(course, tmp_path / "demo", assignment=assignment, progress=False)
    if assignment == demo.DEFAULT_ASSIGNMENT:
        assert time.monotonic() - started < 180, "make demo must take under 3 minutes"
    lines, ok = demo.compare(summary, expected)
    assert ok, "\n".join(lines)
    assert expected["perfect"] == max(float(g[4]) for g in summary.grades) > 0, "perfect = max"
    assert expected["blank"] == 0 and 0 < expected["partial"] < expected["perfect"]
    assert [p[0] for p in summary.problems] == ["malformed"], "only the malformed file is a problem"
    assert {g[0] for g in summary.grades} == set(expected), "no student is lost"
    # the blank notebook fails every graded test cleanly: the answers are missing, nothing else broke
    blank = nbformat.read(folder / "graded" / "autograded" / "blank" / assignment /
                          f"{assignment}.ipynb", as_version=4)
    for cell in blank.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code":
            errors = [o.ename for o in cell.outputs if o.output_type == "error"]
            assert errors and errors[0] in ("NotImplementedError", "NameError"), \
                f"{cell.metadata.nbgrader.grade_id}: {errors or 'no error'}"
    # the feedback pages (figures included) are the ones nbgrader's generate_feedback makes
    from test_autograder_grade import nbgrader_feedback, same_page

    for student in ("perfect", "blank"):
        ours = (folder / "graded" / "feedback" / student / assignment /
                f"{assignment}.html").read_text()
        assert same_page(ours, nbgrader_feedback(folder / "graded", course, assignment, student))
