"""Grades in an LMS's own import format: ``python -m autograder export OUT --to canvas|moodle``.

The grade table (``OUT/grades.csv``, one row per student, assignment and notebook) becomes one row per
student and one column per assignment (the sum of its notebooks), in the CSV layout the LMS imports:

    canvas   Canvas's gradebook CSV: the columns Student, ID, SIS User ID, SIS Login ID, Section, then
             one column per assignment; a second row "Points Possible" gives each assignment's maximum.
             Canvas matches students by ID (its user id) or SIS User ID; a column whose name is not an
             existing assignment creates one.
    moodle   Moodle's CSV grade import: ID number, Email address, Name, then one column per assignment;
             on import, map "ID number" (or "Email address") to the user field and each assignment
             column to its grade item.

Student ids are mapped through an optional roster (CSV with a header), one row per student:

    student_id   the id the grader knows (the submission folder, or the name in the LMS zip's file names)
    lms_id       the LMS's id of the student (Canvas: the user ID; Moodle: the ID number)
    name         the student's name as the LMS shows it
    course_id    the course or section (Canvas: Section)
    email, sis_user_id, sis_login_id    optional

Nobody is dropped: a graded student missing from the roster keeps a row with the LMS columns empty,
and a roster student without a grade keeps a row with the grade empty; both are listed in the
returned `Export.unmatched` and in ``OUT/export_unmatched.csv``.
"""

import csv
from pathlib import Path

from .course import CourseError

FORMATS = ("canvas", "moodle")
ROSTER_REQUIRED = ("student_id", "lms_id", "name", "course_id")
ROSTER_OPTIONAL = ("email", "sis_user_id", "sis_login_id")
CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_IDENTITY = ["ID number", "Email address", "Name"]
UNMATCHED_COLUMNS = ["student_id", "reason"]


class Export:
    """What an export wrote: the file, the number of students, and who did not match the roster."""

    def __init__(self, path, students, unmatched):
        self.path, self.students, self.unmatched = path, students, unmatched

    def report(self):
        lines = [f"{self.students} student(s) written to {self.path}"]
        lines += [f"  not matched: {student}: {reason}" for student, reason in self.unmatched]
        return "\n".join(lines)


def read_roster(path):
    """{student_id: {column: value}} from a roster CSV; raises CourseError on a bad file."""
    path = Path(path)
    if not path.is_file():
        raise CourseError(f"the roster {path} does not exist")
    with path.open(newline="", encoding="utf-8-sig") as file:  # utf-8-sig: spreadsheets add a BOM
        reader = csv.DictReader(file)
        missing = [c for c in ROSTER_REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise CourseError(f"the roster {path} lacks the column(s) {', '.join(missing)}; "
                              f"its header must name {', '.join(ROSTER_REQUIRED)}")
        roster = {}
        for line, row in enumerate(reader, start=2):
            student = (row["student_id"] or "").strip()
            if not student:
                raise CourseError(f"the roster {path}, line {line}: student_id is empty")
            if student in roster:
                raise CourseError(f"the roster {path}, line {line}: student {student!r} appears twice")
            roster[student] = {k: (row.get(k) or "").strip() for k in ROSTER_REQUIRED + ROSTER_OPTIONAL}
    return roster


def assignment_totals(grades_csv):
    """({student: {assignment: score}}, {assignment: max_score}) from ``grades.csv``, notebooks summed."""
    scores, maxima = {}, {}
    with Path(grades_csv).open(newline="") as file:
        for row in csv.DictReader(file):
            student, assignment = row["student_id"], row["assignment"]
            if not student:
                continue  # a file of a zip that matched no student: it is in problems.csv
            per_student = scores.setdefault(student, {})
            per_student[assignment] = per_student.get(assignment, 0.0) + float(row["score"] or 0)
            notebook_max = maxima.setdefault(assignment, {})
            notebook_max[row["notebook"]] = max(notebook_max.get(row["notebook"], 0.0), float(row["max_score"] or 0))
    return scores, {a: sum(per_notebook.values()) for a, per_notebook in maxima.items()}


def _number(value):
    return f"{value:g}"


def _rows(scores, roster, assignments):
    """[(student, roster entry or None, [score or ""] per assignment)] and the unmatched students."""
    rows, unmatched = [], []
    for student in sorted(set(scores) | set(roster or {})):
        entry = roster.get(student) if roster is not None else None
        if roster is not None and entry is None:
            unmatched.append((student, "graded but not in the roster"))
        if roster is not None and student not in scores:
            unmatched.append((student, "in the roster but no graded submission"))
        got = scores.get(student, {})
        rows.append((student, entry, [_number(got[a]) if a in got else "" for a in assignments]))
    return rows, unmatched


def canvas_table(scores, maxima, roster=None):
    """Canvas's gradebook CSV as a list of rows (header, Points Possible, one row per student)."""
    assignments = sorted(maxima)
    table = [CANVAS_IDENTITY + assignments,
             ["Points Possible", "", "", "", ""] + [_number(maxima[a]) for a in assignments]]
    rows, unmatched = _rows(scores, roster, assignments)
    for student, entry, values in rows:
        if entry is None:
            identity = [student, "", "", "", ""]
        else:
            identity = [entry["name"] or student, entry["lms_id"], entry["sis_user_id"],
                        entry["sis_login_id"], entry["course_id"]]
        table.append(identity + values)
    return table, unmatched


def moodle_table(scores, maxima, roster=None):
    """Moodle's CSV grade import as a list of rows (header, one row per student)."""
    assignments = sorted(maxima)
    table = [MOODLE_IDENTITY + assignments]
    rows, unmatched = _rows(scores, roster, assignments)
    for student, entry, values in rows:
        identity = [student, "", student] if entry is None else [entry["lms_id"], entry["email"], entry["name"]]
        table.append(identity + values)
    return table, unmatched


def export(out, fmt, roster=None, path=None):
    """Write ``OUT/grades_<fmt>.csv`` (or `path`) from ``OUT/grades.csv``; returns an `Export`."""
    out = Path(out)
    if fmt not in FORMATS:
        raise CourseError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    grades = out / "grades.csv"
    if not grades.is_file():
        raise CourseError(f"{grades} does not exist: grade the class into {out} first")
    scores, maxima = assignment_totals(grades)
    roster = read_roster(roster) if roster else None
    table, unmatched = (canvas_table if fmt == "canvas" else moodle_table)(scores, maxima, roster)
    path = Path(path) if path else out / f"grades_{fmt}.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(table)
    with (out / "export_unmatched.csv").open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows([UNMATCHED_COLUMNS, *unmatched])
    return Export(path, len(table) - (2 if fmt == "canvas" else 1), unmatched)
