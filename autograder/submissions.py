"""Finding the submissions: nbgrader's folder layout, or a zip downloaded from an LMS.

Folder layout (nbgrader's ``submitted`` directory)::

    SUBMISSIONS/<student_id>/<assignment>/<notebook>.ipynb     (+ an optional timestamp.txt)

A zip from an LMS is collected into that layout by nbgrader's ``ZipCollectApp`` and its
``FileNameCollectorPlugin``, which reads the student and the notebook from each file name with a
regular expression. The default, `CANVAS_PATTERN`, reads Canvas's "Download Submissions" names::

    <student>_<user id>_<submission id>_<notebook>.ipynb        e.g. doejane_1234_567890_01_linear_classifiers.ipynb
    <student>_LATE_<user id>_<submission id>_<notebook>.ipynb   (a late submission)
    <student>_<user id>_<submission id>_<notebook>-1.ipynb      (Canvas renames a resubmitted file)

Any other LMS: pass ``--named-regexp`` with the groups ``(?P<student_id>...)`` and ``(?P<file_id>...)``
(and optionally ``(?P<lms_id>...)``); it is matched against the whole path of each extracted file.

With a roster (``--roster``, see `autograder.export`), a file whose LMS id (Canvas's user id, the
``lms_id`` group) is in the roster is filed under the roster's ``student_id``, so the zip's students get
the same ids as the folders the course uses elsewhere. A file whose LMS id the roster lacks is still
graded, under the name in the file, and listed (`collect_zip`'s ``not_in_roster``).
"""

import logging
import re
import shutil
import zipfile
from pathlib import Path

from .course import CourseError
from .job import Submission


def roster_collector(lms_to_student):
    """nbgrader's `FileNameCollectorPlugin`, filing a file under the roster's student id for its LMS id.

    lms_to_student: {lms_id: student_id}. The class is made here, not at import, so that nbgrader is
    imported only when a zip is collected.
    """
    from nbgrader.plugins.zipcollect import FileNameCollectorPlugin

    class RosterCollectorPlugin(FileNameCollectorPlugin):
        def collect(self, submitted_file):
            info = super().collect(submitted_file)
            if info and info.get("lms_id") in lms_to_student:
                info["student_id"] = lms_to_student[info["lms_id"]]
            return info

    return RosterCollectorPlugin

CANVAS_PATTERN = (r".*/(?P<student_id>[^/_]+)(?:_LATE)?_(?P<lms_id>\d+)_\d+_"
                  r"(?P<file_id>[^/]+?)(?:-\d+)?\.ipynb$")

_VALID_ID = re.compile(r"^[^\s*?\[\]/\\+]+$")


def valid_id(name):
    """Whether nbgrader can use `name` as a student id (it is used as a path and as a glob)."""
    return bool(_VALID_ID.match(name)) and not name.startswith(".")


def find_submissions(folder, course, assignments=None):
    """The submissions in `folder` (nbgrader layout), one `Submission` per student and assignment.

    assignments: the assignment ids to look for; None: every assignment of the course that at least
    one student folder holds. A student folder without the assignment, or without one of its
    notebooks, still gives a `Submission` (the notebook is None: "missing"), so nobody is lost.
    Returns (assignments, submissions).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CourseError(f"submissions folder not found: {folder}")
    students = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if assignments is None:
        assignments = [a for a in course.assignments() if any((s / a).is_dir() for s in students)]
        if not assignments:
            raise CourseError(
                f"no submissions of any assignment of the course ({', '.join(course.assignments())}) in "
                f"{folder}; expected {folder}/<student_id>/<assignment>/<notebook>.ipynb")
    for assignment in assignments:
        course.check_assignment(assignment)
    submissions = []
    for assignment in assignments:
        names = course.notebooks(assignment)
        for student in students:
            where = student / assignment
            notebooks = {name: _read(where / f"{name}.ipynb") for name in names}
            others = tuple(sorted(p.name for p in where.iterdir() if p.is_file()
                                  and p.name != "timestamp.txt" and p.stem not in names)) if where.is_dir() else ()
            stamp = where / "timestamp.txt"
            timestamp = (stamp.read_text().strip() or None) if stamp.is_file() else None
            submissions.append(Submission(student.name, assignment, notebooks, timestamp, others))
    return list(assignments), submissions


def _read(path):
    return path.read_bytes() if path.is_file() else None


def collect_zip(archive, course, out, assignment=None, named_regexp=CANVAS_PATTERN, roster=None):
    """Collect an LMS zip into ``out/submitted/`` with nbgrader's ZipCollectApp.

    Works in nbgrader's own folders under `out`: ``downloaded/<assignment>/archive`` (a copy of the
    zip), ``downloaded/<assignment>/extracted`` and ``submitted/<student>/<assignment>/``.
    assignment: None means the one assignment whose notebook names the zip's files carry.
    roster: {student_id: {"lms_id": ..., ...}} (`autograder.export.read_roster`) or None.
    Returns a `Collected`.
    """
    from nbgrader.apps.zipcollectapp import ZipCollectApp
    from nbgrader.coursedir import CourseDirectory

    archive, out = Path(archive), Path(out)
    if not zipfile.is_zipfile(archive):
        raise CourseError(f"not a zip file: {archive}")
    if assignment is None:
        assignment = _assignment_in_zip(archive, course, named_regexp)
    course.check_assignment(assignment)
    config = course.nbgrader_config(out, release_directory=course.release_dir)
    config.CourseDirectory.assignment_id = assignment
    config.FileNameCollectorPlugin.named_regexp = named_regexp
    config.ZipCollectApp.force = True  # a re-run replaces what an earlier run collected
    config.ExtractorPlugin.force = True
    lms_to_student = {entry["lms_id"]: student for student, entry in (roster or {}).items() if entry["lms_id"]}
    if roster is not None:
        config.ZipCollectApp.collector_plugin = roster_collector(lms_to_student)
    app = ZipCollectApp(config=config)
    app.log_level = logging.ERROR  # a file matching no student is reported in problems.csv instead
    app.coursedir = CourseDirectory(config=config)
    archive_dir = Path(app._format_collect_path(app.archive_directory))
    if archive_dir.exists():
        shutil.rmtree(archive_dir)
    archive_dir.mkdir(parents=True)
    shutil.copy(archive, archive_dir / archive.name)
    try:
        app.init_plugins()
        app.extract_archive_files()
        app.process_extracted_files()
    except SystemExit:  # ZipCollectApp.fail logs the reason and exits
        raise CourseError(f"nbgrader zip_collect could not collect {archive} (see the log above)") from None
    extracted = Path(app._format_collect_path(app.extracted_directory))
    unmatched, not_in_roster = [], set()
    for path in sorted(p for p in extracted.rglob("*") if p.is_file()):
        info = app.collector_plugin_inst.collect(str(path))
        if not info:
            unmatched.append(str(path.relative_to(extracted)))
        elif roster is not None and info["student_id"] not in roster:
            not_in_roster.add((info["student_id"], info.get("lms_id") or ""))
    return Collected(assignment, out / "submitted", unmatched, sorted(not_in_roster))


class Collected:
    """What `collect_zip` made of a zip.

    assignment; submitted: the folder in nbgrader's layout; unmatched: the zip's files the pattern did
    not match; not_in_roster: (student_id, lms_id) of students graded under the name in their file
    because the roster lacks them.
    """

    def __init__(self, assignment, submitted, unmatched, not_in_roster):
        self.assignment, self.submitted = assignment, submitted
        self.unmatched, self.not_in_roster = unmatched, not_in_roster


def _assignment_in_zip(archive, course, named_regexp):
    """The assignment whose notebooks the zip's file names (matched by `named_regexp`) name."""
    with zipfile.ZipFile(archive) as zf:
        file_ids = {m.group("file_id") for m in (re.match(named_regexp, "/" + n) for n in zf.namelist()) if m}
    found = [a for a in course.assignments() if file_ids & set(course.notebooks(a))]
    if len(found) != 1:
        raise CourseError(f"cannot tell which assignment {archive.name} holds (notebooks named: "
                          f"{', '.join(sorted(file_ids)) or 'none'}); pass --assignment")
    return found[0]
