"""Grades in Canvas's and Moodle's import formats (autograder.export), read back with the csv module."""

import csv

import pytest

from autograder import export
from autograder.course import CourseError

GRADES = [  # grades.csv as the grader writes it: two assignments, the second with two notebooks
    ["student_id", "assignment", "notebook", "score", "max_score", "status"],
    ["alice", "01_linear_classifiers", "01_linear_classifiers", "30.0", "30.0", "graded"],
    ["alice", "02_backpropagation", "part_a", "10.0", "12.0", "graded"],
    ["alice", "02_backpropagation", "part_b", "5.5", "8.0", "graded"],
    ["bob", "01_linear_classifiers", "01_linear_classifiers", "12.0", "30.0", "graded"],
    ["carol", "01_linear_classifiers", "01_linear_classifiers", "0.0", "30.0", "malformed"],
    ["", "01_linear_classifiers", "stray.ipynb", "0", "30.0", "unmatched"],
]
ROSTER = [
    ["student_id", "lms_id", "name", "course_id", "email", "sis_user_id", "sis_login_id"],
    ["alice", "1001", "Liddell, Alice", "DL-2026-A", "alice@example.org", "S1001", "aliddell"],
    ["bob", "1002", "Builder, Bob", "DL-2026-B", "bob@example.org", "S1002", "bbuilder"],
    ["dave", "1004", "Jones, Dave", "DL-2026-A", "dave@example.org", "S1004", "djones"],
]


def write(path, rows):
    with path.open("w", newline="") as file:
        csv.writer(file).writerows(rows)
    return path


def read(path):
    with path.open(newline="") as file:
        return list(csv.reader(file))


@pytest.fixture
def out(tmp_path):
    write(tmp_path / "grades.csv", GRADES)
    return tmp_path


def test_canvas_gradebook_csv(out):
    roster = write(out / "roster.csv", ROSTER)
    result = export.export(out, "canvas", roster=roster)
    header, points, *students = read(result.path)
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                      "01_linear_classifiers", "02_backpropagation"]
    assert points == ["Points Possible", "", "", "", "", "30", "20"], "the maximum sums the notebooks"
    by_id = {row[1]: dict(zip(header, row)) for row in students}
    assert by_id["1001"] == {"Student": "Liddell, Alice", "ID": "1001", "SIS User ID": "S1001",
                             "SIS Login ID": "aliddell", "Section": "DL-2026-A",
                             "01_linear_classifiers": "30", "02_backpropagation": "15.5"}
    assert by_id["1002"]["02_backpropagation"] == "", "not submitted: left empty, Canvas keeps what it has"
    assert by_id["1004"]["01_linear_classifiers"] == "", "dave is in the roster but submitted nothing"
    carol = next(row for row in students if row[0] == "carol")
    assert carol[1:5] == ["", "", "", ""] and carol[5] == "0", "carol is graded but not in the roster: kept"
    assert result.students == 4 == len(students)
    assert dict(result.unmatched) == {"carol": "graded but not in the roster",
                                      "dave": "in the roster but no graded submission"}
    assert read(out / "export_unmatched.csv")[1:] == [list(u) for u in result.unmatched]
    assert "not matched: carol" in result.report()


def test_moodle_grade_import_csv(out):
    roster = write(out / "roster.csv", ROSTER)
    result = export.export(out, "moodle", roster=roster)
    with result.path.open(newline="") as file:
        rows = {row["ID number"]: row for row in csv.DictReader(file)}
    assert list(next(iter(rows.values()))) == ["ID number", "Email address", "Name",
                                               "01_linear_classifiers", "02_backpropagation"]
    assert rows["1001"] == {"ID number": "1001", "Email address": "alice@example.org", "Name": "Liddell, Alice",
                            "01_linear_classifiers": "30", "02_backpropagation": "15.5"}
    assert rows["1002"]["01_linear_classifiers"] == "12"
    assert rows["carol"]["Name"] == "carol", "without a roster entry the grader's id stands in"
    assert result.path.name == "grades_moodle.csv"


def test_without_a_roster_every_graded_student_is_written(out):
    result = export.export(out, "canvas")
    students = read(result.path)[2:]
    assert sorted(row[0] for row in students) == ["alice", "bob", "carol"]
    assert result.unmatched == []


@pytest.mark.parametrize("rows, message", [
    ([["student_id", "name"], ["alice", "A"]], "lacks the column"),
    ([["student_id", "lms_id", "name", "course_id"], ["alice", "1", "A", "c"], ["alice", "2", "B", "c"]],
     "appears twice"),
    ([["student_id", "lms_id", "name", "course_id"], ["", "1", "A", "c"]], "line 2: student_id is empty"),
])
def test_a_bad_roster_is_a_clear_error(out, rows, message):
    with pytest.raises(CourseError, match=message):
        export.export(out, "canvas", roster=write(out / "roster.csv", rows))


def test_other_errors(tmp_path, out):
    with pytest.raises(CourseError, match="grade the class"):
        export.export(tmp_path / "nowhere", "canvas")
    with pytest.raises(CourseError, match="unknown export format 'blackboard'"):
        export.export(out, "blackboard")
    with pytest.raises(CourseError, match="does not exist"):
        export.export(out, "moodle", roster=out / "missing.csv")


def test_a_roster_saved_by_a_spreadsheet_with_a_byte_order_mark(out):
    path = out / "roster.csv"
    path.write_text("\ufeff" + "\n".join(",".join(r) for r in ROSTER) + "\n", encoding="utf-8")
    assert set(export.read_roster(path)) == {"alice", "bob", "dave"}
