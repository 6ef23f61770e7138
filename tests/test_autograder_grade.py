"""Grading a class with `python -m autograder grade`, on the small fixture course (numpy only).

One class holds every kind of submission the grader must survive; it is graded once and each
`check_*` function checks one promise. Expected scores come from the points in the fixture notebook.
"""

import copy
import csv
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder import demo
from autograder.course import Course, CourseError
from autograder.export import export
from autograder.grade import grade
from autograder.job import Submission, grade_submission
from autograder.submissions import CANVAS_PATTERN, valid_id

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Course(ROOT / "tests" / "fixtures" / "grading")
ASSIGNMENT = "ps0_numpy"
TOTAL = 7.0  # the fixture's points: softmax 2, nll 2, mean_pixel 1, choice 2


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def scores(out):
    return {row["student_id"]: float(row["score"]) for row in read_csv(out / "grades.csv")}


def write_student(folder, student, notebook):
    path = folder / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def perfect():
    return nbformat.read(FIXTURE.source_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)


def with_code(notebook, grade_id, code):
    """`notebook` with `code` appended to the cell `grade_id`."""
    notebook = copy.deepcopy(notebook)
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    cell.source += "\n" + code
    return notebook


def grade_a_hard_class(folder):
    """The demo class plus students who time out, crash, delete a test, forget the notebook, ..."""
    expected = demo.build_class(FIXTURE, ASSIGNMENT, folder)
    submissions = folder / "submissions"
    # the solution cell defines softmax, then sleeps: interrupted after 2 s, everything still graded
    write_student(submissions, "slowpoke", with_code(perfect(), "softmax", "import time\ntime.sleep(60)"))
    # ignores the interrupt: the notebook cannot be finished
    write_student(submissions, "stubborn", with_code(perfect(), "softmax",
                                                     "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                                     "time.sleep(600)"))
    write_student(submissions, "crasher", with_code(perfect(), "nll", "import os\nos._exit(3)"))
    deleter = perfect()
    deleter.cells = [c for c in deleter.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_choice"]
    write_student(submissions, "deleter", deleter)
    (submissions / "forgetful" / ASSIGNMENT).mkdir(parents=True)
    (submissions / "forgetful" / ASSIGNMENT / "Untitled.ipynb").write_text("{}")
    write_student(submissions, "bad name", perfect())
    out = folder / "graded"
    summary = grade(FIXTURE, submissions, out, workers=2, cell_timeout=2, progress=False)
    return summary, expected, out


def check_the_demo_class_gets_exactly_the_expected_scores(graded):
    summary, expected, out = graded
    got = scores(out)
    for student, score in expected.items():
        assert got[student] == score, f"{student}: expected {score}, got {got[student]}"
    assert expected["perfect"] == TOTAL and expected["blank"] == 0
    assert 0 < expected["partial"] < TOTAL and 0 < expected["syntax_error"] < TOTAL


def check_no_student_is_lost_and_every_row_is_complete(graded):
    summary, _, out = graded
    students = {p.name for p in (out.parent / "submissions").iterdir()}
    rows = read_csv(out / "grades.csv")
    assert {r["student_id"] for r in rows} == students, "one row per student folder"
    assert all(r["assignment"] == ASSIGNMENT and r["notebook"] == ASSIGNMENT and float(r["max_score"]) == TOTAL
               for r in rows)
    detail = read_csv(out / "grades_detail.csv")
    assert len(detail) == 4 * len(students), "one row per graded cell and student"
    per_student = {}
    for row in detail:
        per_student[row["student_id"]] = per_student.get(row["student_id"], 0.0) + float(row["score"])
    assert per_student == scores(out), "the cell scores add up to the notebook scores"
    for student in students - {"bad name"}:
        assert (out / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").exists(), student
    assert summary.graded == len(students) and summary.skipped == 0


def check_problems_are_reported_with_their_reason(graded):
    _, _, out = graded
    problems = {r["student_id"]: r for r in read_csv(out / "problems.csv")}
    assert set(problems) == {"malformed", "slowpoke", "stubborn", "crasher", "forgetful", "bad name"}
    assert problems["malformed"]["status"] == "malformed" and "JSON" in problems["malformed"]["reason"]
    assert problems["slowpoke"]["status"] == "timeout" and "softmax" in problems["slowpoke"]["reason"]
    assert problems["stubborn"]["status"] == "timeout" and "did not stop" in problems["stubborn"]["reason"]
    assert problems["crasher"]["status"] == "kernel_died" and "nll" in problems["crasher"]["reason"]
    assert problems["forgetful"]["status"] == "missing" and "Untitled.ipynb" in problems["forgetful"]["reason"]
    assert problems["bad name"]["status"] == "error" and "rename" in problems["bad name"]["reason"]
    feedback = (out / "feedback" / "crasher" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "kernel died" in feedback, "a student whose notebook could not be graded is told why"


def check_real_class_settings(graded):
    got = scores(graded[2])
    assert got["slowpoke"] == TOTAL, "a cell timeout fails that cell only; the rest is graded"
    assert got["stubborn"] == 0, "stuck in the first answer: nothing finished"
    assert got["crasher"] == 2, "the kernel died in nll: the softmax test, which finished before, keeps its points"
    assert got["deleter"] == TOTAL, "a deleted test cell is put back and graded (add_missing_cells)"
    assert got["perfect"] == TOTAL, "the nll test prints a RuntimeWarning on stderr; it must not cost points"


@pytest.mark.slow
def test_a_class_with_every_kind_of_submission(tmp_path):
    """Graded once (one grading run is the expensive part), then each promise is checked."""
    graded = grade_a_hard_class(tmp_path)
    check_the_demo_class_gets_exactly_the_expected_scores(graded)
    check_no_student_is_lost_and_every_row_is_complete(graded)
    check_problems_are_reported_with_their_reason(graded)
    check_real_class_settings(graded)
    check_feedback_is_the_page_nbgrader_makes(graded)
    check_master_gradebook_holds_the_class(graded)


def nbgrader_feedback(out, course, assignment, student):
    """The feedback page nbgrader's own generate_feedback makes from OUT, for comparison."""
    from nbgrader.converters import GenerateFeedback
    from nbgrader.coursedir import CourseDirectory

    config = course.nbgrader_config(out, feedback_directory="feedback_by_nbgrader")
    config.CourseDirectory.assignment_id = assignment
    config.CourseDirectory.student_id = student
    GenerateFeedback(coursedir=CourseDirectory(config=config), config=config).start()
    return (out / "feedback_by_nbgrader" / student / assignment / f"{assignment}.html").read_text()


def same_page(ours, theirs):
    """Whether two feedback pages are the same once both are serialized by BeautifulSoup."""
    from bs4 import BeautifulSoup

    return str(BeautifulSoup(ours, features="html.parser")) == str(BeautifulSoup(theirs, features="html.parser"))


def check_feedback_is_the_page_nbgrader_makes(graded):
    _, _, out = graded
    for student in ("perfect", "partial"):
        ours = (out / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
        assert same_page(ours, nbgrader_feedback(out, FIXTURE, ASSIGNMENT, student)), student


def check_master_gradebook_holds_the_class(graded):
    from nbgrader.api import Gradebook

    _, _, out = graded
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}", FIXTURE.course_id) as gb:
        stored = {s.student.id: s.score for s in gb.find_assignment(ASSIGNMENT).submissions}
    expected = {k: v for k, v in scores(out).items() if valid_id(k)}
    assert stored == expected
    assert (out / "nbgrader_config.py").exists() and (out / "nbgrader_export.csv").exists()


def test_rerun_is_idempotent_force_regrades_and_an_interrupted_run_resumes(tmp_path):
    folder = tmp_path / "class"
    demo.build_class(FIXTURE, ASSIGNMENT, folder)
    submissions, out = folder / "submissions", tmp_path / "graded"
    first = tmp_path / "first"  # an interrupted run: only two students were graded
    for student in ("perfect", "blank"):
        shutil.copytree(submissions / student, first / student)
    summary = grade(FIXTURE, first, out, progress=False)
    assert (summary.graded, summary.skipped) == (2, 0)
    feedback = out / "feedback" / "perfect" / ASSIGNMENT / f"{ASSIGNMENT}.html"
    stamp = feedback.stat().st_mtime_ns

    summary = grade(FIXTURE, submissions, out, progress=False)
    assert (summary.graded, summary.skipped) == (3, 2), "the run resumes where the first one stopped"
    assert feedback.stat().st_mtime_ns == stamp, "what was graded is not touched again"
    complete = scores(out)
    assert len(complete) == 5

    summary = grade(FIXTURE, submissions, out, progress=False)
    assert (summary.graded, summary.skipped) == (0, 5), "nothing is graded twice"

    nbformat.write(perfect(), submissions / "blank" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    summary = grade(FIXTURE, submissions, out, progress=False)
    assert (summary.graded, summary.skipped) == (1, 4), "a changed submission is graded again"
    assert scores(out)["blank"] == TOTAL

    summary = grade(FIXTURE, submissions, out, force=True, progress=False)
    assert (summary.graded, summary.skipped) == (5, 0)
    assert scores(out) == dict(complete, blank=TOTAL)


def test_lms_zip_is_collected_with_nbgraders_zip_collect(tmp_path):
    folder = tmp_path / "class"
    demo.build_class(FIXTURE, ASSIGNMENT, folder)
    archive = tmp_path / "submissions.zip"
    names = {"perfect": "perfect_101_9001_ps0_numpy.ipynb",
             "blank": "blank_LATE_102_9002_ps0_numpy.ipynb",
             "partial": "partial_103_9003_ps0_numpy-1.ipynb"}
    with zipfile.ZipFile(archive, "w") as zf:
        for student, name in names.items():
            zf.write(folder / "submissions" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", name)
        zf.writestr("somebody.ipynb", "{}")
    out = tmp_path / "graded"
    summary = grade(FIXTURE, archive, out, progress=False)
    assert scores(out) == {"perfect": TOTAL, "blank": 0.0, "partial": 4.0}
    assert (out / "submitted" / "perfect" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists(), \
        "nbgrader's zip_collect fills OUT/submitted"
    unmatched = [r for r in read_csv(out / "problems.csv") if r["status"] == "unmatched"]
    assert [r["notebook"] for r in unmatched] == ["submissions/somebody.ipynb"], "no file is silently dropped"
    assert summary.graded == 3


def test_a_roster_files_a_zips_students_under_their_course_ids(tmp_path):
    """Canvas names files by the student's display name and user id; the roster's lms_id column maps the
    user id to the id the course uses, and a student the roster lacks is graded and listed, not dropped."""
    folder = tmp_path / "class"
    demo.build_class(FIXTURE, ASSIGNMENT, folder)
    archive = tmp_path / "submissions.zip"
    names = {"perfect": "doejane_101_9001_ps0_numpy.ipynb",
             "blank": "roebob_LATE_102_9002_ps0_numpy.ipynb",
             "partial": "newcomer_777_9003_ps0_numpy.ipynb"}
    with zipfile.ZipFile(archive, "w") as zf:
        for student, name in names.items():
            zf.write(folder / "submissions" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", name)
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,lms_id,name,course_id\n"
                      "jdoe,101,Jane Doe,DL-1\nbroe,102,Bob Roe,DL-1\nabsent,103,Al Absent,DL-1\n")
    out = tmp_path / "graded"
    grade(FIXTURE, archive, out, progress=False, roster=roster)
    assert scores(out) == {"jdoe": TOTAL, "broe": 0.0, "newcomer": 4.0}, \
        "files are filed under the roster's student id of their LMS id; an unknown one under its file name"
    problems = [r for r in read_csv(out / "problems.csv") if r["status"] == "not in roster"]
    assert [(r["student_id"], r["assignment"]) for r in problems] == [("newcomer", ASSIGNMENT)]
    assert "LMS id 777" in problems[0]["reason"]

    exported = export(out, "canvas", roster=roster)
    assert sorted(exported.unmatched) == [("absent", "in the roster but no graded submission"),
                                          ("newcomer", "graded but not in the roster")], "nobody is dropped on export"


def test_canvas_pattern():
    import re

    match = re.match(CANVAS_PATTERN, "/x/doejane_LATE_1234_567890_01_linear_classifiers-2.ipynb")
    assert match and match.group("student_id") == "doejane" and match.group("file_id") == "01_linear_classifiers"
    assert match.group("lms_id") == "1234", "the Canvas user id, for the roster"
    assert re.match(CANVAS_PATTERN, "/x/01_linear_classifiers.ipynb") is None


def run_job(notebook, **bundle_options):
    """The job is a pure function: run it on a plain process pool, as Dask would."""
    import concurrent.futures

    from autograder.course import make_bundle

    bundle = make_bundle(FIXTURE, ASSIGNMENT, **bundle_options)
    submission = Submission("s1", ASSIGNMENT, {ASSIGNMENT: nbformat.writes(notebook).encode()})
    with concurrent.futures.ProcessPoolExecutor(1) as pool:
        (result,) = pool.submit(grade_submission, bundle, submission).result()["notebooks"]
    return result


@pytest.mark.parametrize("mode", ["prestart", "plain"])
def test_every_kernel_mode_grades_alike(mode):
    result = run_job(perfect(), kernel_mode=mode)
    assert (result["status"], result["score"], result["max_score"]) == ("graded", TOTAL, TOTAL)
    assert b"Score: 7.0 / 7.0" in result["feedback_html"]


def test_a_notebook_over_its_time_limit_is_stopped():
    started = time.monotonic()
    result = run_job(with_code(perfect(), "nll", "import time\ntime.sleep(100)"), notebook_timeout=2)
    assert time.monotonic() - started < 30
    assert result["status"] == "timeout" and "kernel was stopped while running nll" in result["reason"]
    assert result["score"] == 2, "the softmax test finished before the time ran out: it keeps its points"


def test_command_line(tmp_path):
    folder = tmp_path / "class"
    demo.build_class(FIXTURE, ASSIGNMENT, folder)
    for student in ("partial", "syntax_error"):
        shutil.rmtree(folder / "submissions" / student)
    command = [sys.executable, "-m", "autograder", "--course", str(FIXTURE.root), "grade",
               str(folder / "submissions"), "--out", str(tmp_path / "graded"), "--no-progress"]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, "a class with a malformed submission is still graded: exit 0\n" + completed.stderr
    assert "malformed" in completed.stdout and "problem(s)" in completed.stdout, completed.stdout


def test_command_line_errors(tmp_path, capsys):
    from autograder.cli import main

    course = ["--course", str(FIXTURE.root)]
    assert main(course + ["grade", str(tmp_path), "--out", str(FIXTURE.root / "graded")]) == 2
    assert "inside the course" in capsys.readouterr().err, "gradebooks stay out of the repository"
    assert main(course + ["grade", str(tmp_path / "nothing"), "--out", str(tmp_path / "g")]) == 2
    assert "not found" in capsys.readouterr().err


def test_submissions_folder_without_the_assignment_is_an_error(tmp_path):
    (tmp_path / "someone" / "other_assignment").mkdir(parents=True)
    with pytest.raises(CourseError, match="no submissions of any assignment"):
        grade(FIXTURE, tmp_path, tmp_path / "graded", progress=False)


def _processes_with(tag):
    """Pids of live processes whose environment holds `tag` (the grader's workers, zygotes, kernels)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and tag.encode() in (proc / "environ").read_bytes():
                if (proc / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                    found.append(int(proc.name))
        except OSError:
            pass
    return found


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_stops_everything_at_once_and_the_run_resumes(tmp_path):
    import os
    import signal
    import uuid

    class_folder = tmp_path / "class"
    demo.build_class(FIXTURE, ASSIGNMENT, class_folder)
    submissions = tmp_path / "many"
    for i in range(24):
        shutil.copytree(class_folder / "submissions" / "perfect", submissions / f"s{i:02d}")
    out, tag = tmp_path / "graded", f"AUTOGRADER_TEST_{uuid.uuid4().hex}"
    command = [sys.executable, "-m", "autograder", "--course", str(FIXTURE.root), "grade", str(submissions),
               "--out", str(out), "--no-progress", "--quiet"]
    run = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ, **{tag: "1"}), start_new_session=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not list((out / ".autograder").glob("*/*.json")) and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    started = time.monotonic()
    _, stderr = run.communicate(timeout=30)
    assert run.returncode == 130 and "run the same command again" in stderr, stderr
    assert time.monotonic() - started < 15, "Ctrl-C stops the workers at once"
    deadline = time.monotonic() + 10  # a kernel whose zygote is gone notices within a second
    while _processes_with(tag) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_with(tag) == [], "no worker, zygote or kernel is left running"
    done = len(list((out / ".autograder").glob("*/*.json")))
    assert 1 <= done < 24
    summary = grade(FIXTURE, submissions, out, progress=False)
    assert (summary.graded, summary.skipped) == (24 - done, done)
    assert set(scores(out).values()) == {TOTAL}


@pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX signals")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the swallowed interrupt
def test_a_ctrl_c_swallowed_by_a_finalizer_still_stops_the_run():
    """CI once saw Ctrl-C land in SQLAlchemy's __del__: Python printed 'Exception ignored' and went on."""
    import gc
    import os

    from autograder.grade import _CtrlC

    class SendsCtrlCWhenCollected:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(1000):  # the handler runs here, inside __del__, and its exception is ignored
                pass

    before = signal.getsignal(signal.SIGINT)
    ctrl_c = _CtrlC().install()
    try:
        SendsCtrlCWhenCollected()
        gc.collect()
        assert ctrl_c.pressed, "the Ctrl-C was not seen at all"
        with pytest.raises(KeyboardInterrupt):
            ctrl_c.check()
    finally:
        ctrl_c.restore()
    assert signal.getsignal(signal.SIGINT) is before
