"""A demo class, graded: ``python -m autograder demo [FOLDER]``.

Five students submit the assignment (notebook 01 by default):

``perfect``       the release with every answer cell filled with the instructor's solution
``blank``         the release as handed out
``partial``       the release with the first half of the exercises solved
``syntax_error``  every exercise solved, but the last one's answer does not parse
``malformed``     a notebook file cut in half (not valid JSON)

An exercise is one or more answer cells followed by the test cells that grade them. Later exercises
may use earlier answers, never the reverse, so solving a prefix of the exercises earns exactly their
points: every expected score is computed from the points in the notebook, never hard-coded.
"""

import copy
import tempfile
from pathlib import Path

import nbformat

from .course import CourseError, generate_assignment

DEFAULT_ASSIGNMENT = "01_linear_classifiers"
_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def exercises(notebook):
    """The exercises of an instructor notebook: [(answer cell ids, test cell ids, points)].

    Answer cells are nbgrader solution cells; test cells are autograded grade cells. Tests belong to
    the answers right before them; tests following tests belong to the same exercise.
    """
    found, answers = [], []
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and not meta.get("grade"):
            answers.append(meta["grade_id"])
        elif meta.get("grade") and not meta.get("solution") and cell.cell_type == "code":
            if answers or not found:
                found.append((answers, [], 0.0))
                answers = []
            ids, tests, points = found[-1]
            found[-1] = (ids, tests + [meta["grade_id"]], points + float(meta.get("points", 0)))
    return found


def solved(release, source, answer_ids, broken_id=None):
    """`release` with the answer cells `answer_ids` replaced by the solution from `source`.

    broken_id: an answer cell that gets a syntax error in front of its solution.
    """
    solutions = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    notebook = copy.deepcopy(release)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answer_ids:
            lines = [line for line in solutions[grade_id].splitlines() if line.strip() not in _MARKERS]
            cell.source = "\n".join(lines)
            if grade_id == broken_id:
                cell.source = "def oops(:  # a typo that stops the whole cell\n" + cell.source
    return notebook


def build_class(course, assignment, folder):
    """Write the five demo students into ``folder/submissions``; returns {student: expected score}.

    The malformed student's expected score is 0 (it cannot be graded).
    """
    notebooks = course.notebooks(assignment)
    if len(notebooks) != 1:
        raise CourseError(f"the demo needs an assignment with one notebook; {assignment} has {len(notebooks)}")
    name = notebooks[0]
    source = nbformat.read(course.source_dir / assignment / f"{name}.ipynb", as_version=4)
    with tempfile.TemporaryDirectory(prefix="autograder-demo-") as temp:
        release_bytes = (generate_assignment(course, assignment, temp) / f"{name}.ipynb").read_bytes()
    release = nbformat.reads(release_bytes.decode(), as_version=4)
    parts = exercises(source)
    if len(parts) < 2:
        raise CourseError(f"the demo needs at least two graded exercises in {assignment}")
    every = [i for ids, _, _ in parts for i in ids]
    half = len(parts) // 2
    total = sum(points for _, _, points in parts)
    students = {
        "perfect": (solved(release, source, every), total),
        "blank": (release, 0.0),
        "partial": (solved(release, source, [i for ids, _, _ in parts[:half] for i in ids]),
                    sum(points for _, _, points in parts[:half])),
        "syntax_error": (solved(release, source, every, broken_id=parts[-1][0][0]), total - parts[-1][2]),
    }
    expected = {}
    for student, (notebook, score) in students.items():
        path = Path(folder) / "submissions" / student / assignment / f"{name}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, path)
        expected[student] = score
    broken = Path(folder) / "submissions" / "malformed" / assignment / f"{name}.ipynb"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(release_bytes[: len(release_bytes) // 2])
    expected["malformed"] = 0.0
    return expected


def run(course, folder=None, assignment=None, workers=None, progress=True):
    """Build the demo class in `folder` (a new temp folder by default), grade it, and return
    (summary, expected scores, folder)."""
    from .grade import grade

    assignment = assignment or DEFAULT_ASSIGNMENT
    course.check_assignment(assignment)
    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="dlcourse-demo-"))
    expected = build_class(course, assignment, folder)
    summary = grade(course, folder / "submissions", folder / "graded", assignments=[assignment],
                    workers=workers, force=True, progress=progress)
    return summary, expected, folder


def compare(summary, expected):
    """Lines comparing each student's score with the expected one; (lines, all equal)."""
    scores = {row[0]: float(row[3]) for row in summary.grades}
    lines, ok = [], True
    for student, score in expected.items():
        match = abs(scores.get(student, float("nan")) - score) < 1e-9
        ok &= match
        lines.append(f"  {student:13s} expected {score:g}, got {scores.get(student, 'nothing')}"
                     f"{'' if match else '   <-- MISMATCH'}")
    return lines, ok
