"""Grading a class: `python -m autograder grade` against plain serial `nbgrader autograde`.

    python benchmarks/grading.py [--students 40] [--workers N] [--kernels fork[,prestart,plain]]

Builds one class of submissions (the demo students of the assignment, perfect / blank / partial /
syntax error, repeated), grades it once with nbgrader's own command line in a fresh nbgrader course
folder (serial, one kernel started per notebook, the course's nbgrader settings) and once with the
autograder per kernel mode asked for (``plain`` = parallel workers only, nbgrader starting each
kernel; ``prestart``; ``fork``, the default), and prints the wall times, the ratios and whether every
cell's score agrees. The
autograder's time is its whole command (start-up, gradebook, feedback HTML, CSV files); nbgrader's
is `nbgrader autograde` alone (its `generate_feedback` is timed and printed separately).
"""

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder import demo  # noqa: E402
from autograder.course import Course, ensure_tools_on_path  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "grading"


def build_class(course, assignment, students, folder):
    """`students` submissions cycling through the demo's gradable students; returns the folder."""
    demo.build_class(course, assignment, folder / "demo")
    kinds = ["perfect", "blank", "partial", "syntax_error"]
    submissions = folder / "submitted"
    for i in range(students):
        kind = kinds[i % len(kinds)]
        shutil.copytree(folder / "demo" / "submissions" / kind, submissions / f"s{i + 1:03d}_{kind}")
    return submissions


def run(command, cwd):
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def nbgrader_baseline(course, assignment, submissions, folder):
    """Plain nbgrader in its own course folder; returns (autograde s, feedback s, {(student, cell): score})."""
    from nbgrader.api import Gradebook

    base = folder / "nbgrader"
    base.mkdir()
    settings = "".join(f"c.{section}.{name} = {value!r}\n"  # the same settings as the autograder's
                       for section, values in course.grading_config().items() for name, value in values.items())
    (base / "nbgrader_config.py").write_text(
        "c = get_config()\n" + settings +
        f"c.CourseDirectory.root = {str(base)!r}\n"
        f"c.CourseDirectory.source_directory = {str(course.source_dir)!r}\n"
        "c.CourseDirectory.release_directory = 'release'\n")
    shutil.copytree(submissions, base / "submitted")
    nbgrader = [sys.executable, "-m", "nbgrader"]
    subprocess.run(nbgrader + ["generate_assignment", assignment], cwd=base, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    autograde = run(nbgrader + ["autograde", assignment], base)
    feedback = run(nbgrader + ["generate_feedback", assignment], base)
    scores = {}
    with Gradebook(f"sqlite:///{base / 'gradebook.db'}", course.course_id) as gb:
        for notebook in gb.find_assignment(assignment).notebooks:
            for submission in notebook.submissions:
                for grade in submission.grades:
                    scores[(submission.student.id, notebook.name, grade.name)] = float(grade.score)
    return autograde, feedback, scores


def autograder_run(course, assignment, submissions, folder, workers, kernels):
    out = folder / f"graded-{kernels}"
    command = [sys.executable, "-m", "autograder", "--course", str(course.root), "grade", str(submissions),
               "--out", str(out), "--assignment", assignment, "--no-progress"]
    if workers:
        command += ["--workers", str(workers)]
    command += ["--kernels", kernels]
    seconds = run(command, ROOT)
    scores = {}
    with open(out / "grades_detail.csv") as f:
        for row in csv.DictReader(f):
            scores[(row["student_id"], row["notebook"], row["grade_id"])] = float(row["score"])
    return seconds, scores


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--course", type=Path, default=None,
                        help="default: this repository if notebook 01 exists, else the test fixture course")
    parser.add_argument("--assignment", default=None)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--kernels", default="fork", help="comma-separated kernel modes to time")
    args = parser.parse_args()
    ensure_tools_on_path()
    if args.course is None:
        has_01 = any((ROOT / "solutions" / demo.DEFAULT_ASSIGNMENT).glob("*.ipynb"))
        args.course = ROOT if has_01 else FIXTURE
    course = Course(args.course)
    assignment = args.assignment or (demo.DEFAULT_ASSIGNMENT if demo.DEFAULT_ASSIGNMENT in course.assignments()
                                     else course.assignments()[0])
    with tempfile.TemporaryDirectory(prefix="grading-bench-") as temp:
        folder = Path(temp)
        submissions = build_class(course, assignment, args.students, folder)
        print(f"{args.students} submissions of {assignment} ({course.root}); {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f} at start")
        base_s, feedback_s, base_scores = nbgrader_baseline(course, assignment, submissions, folder)
        print(f"nbgrader autograde, serial:          {base_s:7.1f} s   ({base_s / args.students:.2f} s per submission)")
        print(f"  (nbgrader generate_feedback after: {feedback_s:7.1f} s, not counted)")
        agree = True
        for mode in args.kernels.split(","):
            ours_s, our_scores = autograder_run(course, assignment, submissions, folder, args.workers, mode)
            differing = sorted(k for k in base_scores.keys() | our_scores.keys()
                               if base_scores.get(k) != our_scores.get(k))
            agree &= not differing
            print(f"python -m autograder grade, {mode + ':':9s} {ours_s:7.1f} s   ({ours_s / args.students:.2f} s per "
                  f"submission, feedback and CSVs included)  speed-up {base_s / ours_s:.2f}x, scores agree: "
                  f"{'yes' if not differing else 'NO'} ({len(base_scores)} graded cells compared)")
            for key in differing[:20]:
                print(f"  {key}: nbgrader {base_scores.get(key)}, autograder {our_scores.get(key)}")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
