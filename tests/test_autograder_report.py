"""The class report (autograder.report): figures from a graded folder, and a self-contained page."""

import csv
import json

import nbformat
import pytest

from autograder import report
from autograder.course import CourseError

A, NB = "03_optimization", "03_optimization"
TESTS = {"test_adam_step": 3.0, "test_sgd_step": 1.0}


def failing(ename, message):
    return nbformat.v4.new_output("error", ename=ename, evalue=message, traceback=[])


def graded_test_cell(grade_id, outputs):
    cell = nbformat.v4.new_code_cell("check()")
    cell.metadata["nbgrader"] = dict(grade=True, solution=False, locked=True, grade_id=grade_id,
                                     points=TESTS[grade_id], schema_version=3)
    cell.outputs = outputs
    return cell


# student -> {test cell: (score, outputs)}
CLASS = {
    "ann": {"test_adam_step": (3.0, []), "test_sgd_step": (1.0, [])},
    "ben": {"test_adam_step": (0.0, [failing("AssertionError", "[adam.no_bias_correction] your update lacks "
                                             "Adam's bias correction: step 1 is 10x too small")]),
            "test_sgd_step": (1.0, [])},
    "cat": {"test_adam_step": (0.0, [failing("AssertionError", "[adam.no_bias_correction] cat's step 1 is "
                                             "10x too small")]),
            "test_sgd_step": (0.0, [failing("AssertionError", "the update is wrong")])},
    "dan": {"test_adam_step": (0.0, [failing("NotImplementedError", "")]),
            "test_sgd_step": (0.0, [failing("ValueError", "shapes (3,) and (4,) not aligned")])},
}


@pytest.fixture
def out(tmp_path):
    grades, detail = [], []
    for student, cells in CLASS.items():
        total = sum(score for score, _ in cells.values())
        grades.append([student, A, NB, total, sum(TESTS.values()), "graded"])
        for grade_id, (score, _) in cells.items():
            detail.append([student, A, NB, grade_id, score, TESTS[grade_id]])
        notebook = nbformat.v4.new_notebook(cells=[graded_test_cell(g, o) for g, (_, o) in cells.items()])
        path = tmp_path / "autograded" / student / A / f"{NB}.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(notebook, path)
    grades.append(["eve", A, NB, 0.0, 4.0, "kernel_died"])
    for name, header, rows in [
            ("grades.csv", ["student_id", "assignment", "notebook", "score", "max_score", "status"], grades),
            ("grades_detail.csv", ["student_id", "assignment", "notebook", "grade_id", "score", "max_score"], detail),
            ("problems.csv", ["student_id", "assignment", "notebook", "status", "reason"],
             [["eve", A, NB, "kernel_died", "the kernel died: out of memory?"]])]:
        with (tmp_path / name).open("w", newline="") as file:
            csv.writer(file).writerows([header, *rows])
    return tmp_path


def test_diagnose():
    assert report.diagnose([]) == (None, "")
    assert report.diagnose([failing("AssertionError", "[softmax.no_max_shift] overflow at 1000")])[0] == \
        "softmax.no_max_shift"
    assert report.diagnose([failing("AssertionError", "wrong")])[0] == "unexplained failure"
    assert report.diagnose([failing("ZeroDivisionError", "division by zero")]) == \
        ("error: ZeroDivisionError", "ZeroDivisionError: division by zero")


def test_figures_count_every_student_and_diagnosis(out):
    data = report.figures(out)
    (assignment,) = data["assignments"]
    assert assignment["students"] == 5 and assignment["scores"] == [0.0, 0.0, 0.0, 1.0, 4.0]
    assert assignment["max_score"] == 4.0
    adam, sgd = data["exercises"]
    assert adam["grade_id"] == "test_adam_step", "hardest first: 3 of 4 lack full marks on adam"
    assert (adam["full"], adam["partial"], adam["none"]) == (1, 0, 3)
    assert {d["code"]: d["count"] for d in adam["diagnoses"]} == {"adam.no_bias_correction": 2,
                                                                  "error: NotImplementedError": 1}
    assert {d["code"]: d["count"] for d in sgd["diagnoses"]} == {"unexplained failure": 1, "error: ValueError": 1}
    example = next(d["example"] for d in adam["diagnoses"] if d["code"] == "adam.no_bias_correction")
    assert "cat" not in example and "ben" not in example, "examples are anonymised"
    assert data["reteach"]["mistakes"] == [dict(assignment=A, grade_id="test_adam_step",
                                                diagnosis="adam.no_bias_correction", students=2)]
    assert data["problems"][0]["student_id"] == "eve"
    totals = sum(sum(e[k] for k in ("full", "partial", "none")) for e in data["exercises"])
    assert totals == sum(len(cells) for cells in CLASS.values()), "every graded cell is counted once"


def test_the_page_is_self_contained_and_shows_the_figures(out):
    page = report.write_report(out)
    text = page.read_text()
    assert text.count("src='data:image/png;base64,") == 2, "the histogram and the exercise chart, embedded"
    assert "http://" not in text and "https://" not in text, "no network needed to open it"
    assert "adam.no_bias_correction" in text and "the kernel died" in text
    assert json.loads((out / "report.json").read_text()) == json.loads(json.dumps(report.figures(out)))


def test_an_ungraded_folder_is_an_error(tmp_path):
    with pytest.raises(CourseError, match="grade the class"):
        report.figures(tmp_path)


def test_report_and_export_commands(out, capsys):
    from autograder.cli import main

    assert main(["report", str(out)]) == 0
    assert "report: " in capsys.readouterr().out and (out / "report.html").is_file()
    assert main(["export", str(out), "--to", "moodle"]) == 0
    assert "5 student(s) written to" in capsys.readouterr().out
    with (out / "grades_moodle.csv").open(newline="") as file:
        rows = {row["ID number"]: row for row in csv.DictReader(file)}
    assert rows["ben"][A] == "1" and rows["eve"][A] == "0"
    assert main(["report", str(out / "nowhere")]) == 2, "an ungraded folder is the grader's error"
