"""What the class got wrong: ``python -m autograder report OUT`` writes ``OUT/report.html`` and ``report.json``.

Read from a graded folder OUT (what ``grade`` wrote): ``grades.csv``, ``grades_detail.csv``,
``problems.csv`` and the autograded notebooks, whose failing test cells carry the error the student
saw. A test that detects a classic mistake starts its message with a diagnosis code in square
brackets, ``[adam.no_bias_correction] your update lacks ...``; each failing test cell gets one
diagnosis:

    <code>                    the first bracketed code of the failure message
    error: <ExceptionType>    the student's code raised something other than an assertion
    unexplained failure       an assertion failed without a code

The page is one self-contained HTML file (plots embedded as PNG, no server, no network): the score
distribution per assignment, per exercise the share of the class with full, partial and no marks
(hardest first), the most common diagnoses per exercise with counts and one anonymised example,
the submissions with problems, and a short "what to re-teach" list. ``report.json`` holds the same
figures for other tools.
"""

import base64
import csv
import html
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import nbformat

from .course import CourseError

DIAGNOSIS = re.compile(r"\[([a-z0-9_]+(?:\.[a-z0-9_]+)+)\]")
UNEXPLAINED = "unexplained failure"
RETEACH_ITEMS = 5


def _read_csv(path):
    if not path.is_file():
        return []
    with path.open(newline="") as file:
        return list(csv.DictReader(file))


def diagnose(outputs):
    """The diagnosis of a test cell from its outputs (nbformat dicts); None when it did not fail."""
    errors = [o for o in outputs if o.get("output_type") == "error"]
    if not errors:
        return None, ""
    error = errors[0]
    message = error.get("evalue", "")
    if error.get("ename") != "AssertionError":
        return f"error: {error.get('ename')}", f"{error.get('ename')}: {message}"
    found = DIAGNOSIS.search(message)
    return (found.group(1) if found else UNEXPLAINED), message


def notebook_diagnoses(notebook):
    """{grade_id: (diagnosis, message)} of the failing test cells of an autograded notebook.

    notebook: an nbformat notebook, or its bytes as the grader keeps them.
    """
    if isinstance(notebook, (bytes, str)):
        notebook = nbformat.reads(notebook.decode() if isinstance(notebook, bytes) else notebook, as_version=4)
    found = {}
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            diagnosis, message = diagnose(cell.get("outputs", []))
            if diagnosis:
                found[meta["grade_id"]] = (diagnosis, message)
    return found


def cell_diagnoses(out):
    """{(student, assignment, notebook, grade_id): (diagnosis, message)} from OUT/autograded/."""
    found = {}
    for path in sorted((Path(out) / "autograded").glob("*/*/*.ipynb")):
        student, assignment, notebook = path.parent.parent.name, path.parent.name, path.stem
        try:
            cells = notebook_diagnoses(nbformat.read(path, as_version=4))
        except Exception:  # a notebook that could not be read is already in problems.csv
            continue
        for grade_id, diagnosis in cells.items():
            found[student, assignment, notebook, grade_id] = diagnosis
    return found


def _anonymise(message, students):
    """The message without any student id in it, cut to a readable length."""
    for student in sorted(students, key=len, reverse=True):
        if len(student) > 2:
            message = message.replace(student, "<student>")
    message = message.strip()
    return message if len(message) <= 400 else message[:400] + " ..."


def figures(out):
    """Every figure of the report, as plain data (what report.json holds)."""
    out = Path(out)
    grades = _read_csv(out / "grades.csv")
    if not grades and not (out / "grades.csv").is_file():
        raise CourseError(f"{out / 'grades.csv'} does not exist: grade the class into {out} first")
    detail = _read_csv(out / "grades_detail.csv")
    problems = _read_csv(out / "problems.csv")
    diagnoses = cell_diagnoses(out)
    students = {g["student_id"] for g in grades if g["student_id"]}

    totals = defaultdict(lambda: defaultdict(float))  # assignment -> student -> score
    maxima = defaultdict(dict)  # assignment -> notebook -> max
    for g in grades:
        if g["student_id"]:
            totals[g["assignment"]][g["student_id"]] += float(g["score"] or 0)
            maxima[g["assignment"]][g["notebook"]] = float(g["max_score"] or 0)

    exercises = {}
    for row in detail:
        key = (row["assignment"], row["notebook"], row["grade_id"])
        exercise = exercises.setdefault(key, dict(assignment=key[0], notebook=key[1], grade_id=key[2],
                                                  max_score=float(row["max_score"] or 0), full=0, partial=0,
                                                  none=0, diagnoses=Counter(), examples={}))
        score = float(row["score"] or 0)
        exercise["full" if score >= exercise["max_score"] else "partial" if score > 0 else "none"] += 1
        if score >= exercise["max_score"]:
            continue
        code, message = diagnoses.get((row["student_id"], *key), ("", ""))
        code = row.get("diagnosis") or code  # grades_detail.csv has it; older grading folders do not
        if code:
            exercise["diagnoses"][code] += 1
            exercise["examples"].setdefault(code, _anonymise(message, students) or code)
    ordered = sorted(exercises.values(),
                     key=lambda e: (-(e["none"] + e["partial"]) / max(1, e["full"] + e["partial"] + e["none"]),
                                    e["assignment"], e["grade_id"]))
    per_exercise = []
    for e in ordered:
        count = e["full"] + e["partial"] + e["none"]
        per_exercise.append(dict(
            assignment=e["assignment"], notebook=e["notebook"], grade_id=e["grade_id"], max_score=e["max_score"],
            students=count, full=e["full"], partial=e["partial"], none=e["none"],
            share_full=e["full"] / count if count else 0.0,
            diagnoses=[dict(code=code, count=n, example=e["examples"][code])
                       for code, n in e["diagnoses"].most_common()]))

    mistakes = [(d["count"], e["assignment"], e["grade_id"], d["code"])
                for e in per_exercise for d in e["diagnoses"]
                if d["code"] != UNEXPLAINED and not d["code"].startswith(("error: ", "not graded: "))]
    reteach = [dict(assignment=a, grade_id=g, diagnosis=code, students=n)
               for n, a, g, code in sorted(mistakes, key=lambda m: (-m[0], m[1], m[2], m[3]))[:RETEACH_ITEMS]]
    hardest = [dict(assignment=e["assignment"], grade_id=e["grade_id"], share_without_full_marks=1 - e["share_full"])
               for e in per_exercise if e["share_full"] < 1][:RETEACH_ITEMS]
    return dict(
        assignments=[dict(assignment=a, max_score=sum(maxima[a].values()), students=len(totals[a]),
                          scores=sorted(totals[a].values()),
                          mean=sum(totals[a].values()) / len(totals[a]) if totals[a] else 0.0)
                     for a in sorted(totals)],
        exercises=per_exercise,
        problems=[dict(student_id=p["student_id"], assignment=p["assignment"], notebook=p["notebook"],
                       status=p["status"], reason=p["reason"]) for p in problems],
        reteach=dict(mistakes=reteach, hardest_exercises=hardest),
    )


def _png(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _histogram(assignment):
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(5, 2.6), dpi=90)
    axes = figure.add_subplot()
    top = assignment["max_score"] or 1
    axes.hist(assignment["scores"], bins=min(20, max(5, int(top))), range=(0, top), color="#4c72b0",
              edgecolor="white")
    axes.set_xlabel(f"score (out of {top:g})")
    axes.set_ylabel("students")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(f"{assignment['assignment']}: {assignment['students']} students, mean {assignment['mean']:.1f}")
    return _png(figure)


def _shares(exercises):
    from matplotlib.figure import Figure

    shown = exercises[:30]
    figure = Figure(figsize=(6, 0.28 * len(shown) + 1.0), dpi=90)
    axes = figure.add_subplot()
    names = [e["grade_id"] for e in shown]
    full = [e["full"] / max(1, e["students"]) for e in shown]
    partial = [e["partial"] / max(1, e["students"]) for e in shown]
    none = [e["none"] / max(1, e["students"]) for e in shown]
    axes.barh(names, none, color="#c44e52", label="no marks")
    axes.barh(names, partial, left=none, color="#dd8452", label="partial")
    axes.barh(names, full, left=[a + b for a, b in zip(none, partial)], color="#55a868", label="full marks")
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.set_xlabel("share of the class")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 1.5 / (len(shown) + 4)), ncol=3, fontsize=8,
                frameon=False)
    axes.set_title("Exercises, hardest first")
    return _png(figure)


def _table(header, rows):
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.92em; }
td, th { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } code { background: #f3f3f3; padding: 0 0.2em; }
.example { color: #555; font-family: monospace; white-space: pre-wrap; }
"""


def render(data):
    """The report page (a string of HTML) from `figures`."""
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<title>Class report</title>", f"<style>{STYLE}</style></head><body>",
             "<h1>Class report</h1>"]
    parts.append("<h2 id='reteach'>What to re-teach</h2>")
    if data["reteach"]["mistakes"]:
        parts.append("<ol>" + "".join(
            f"<li><code>{html.escape(m['diagnosis'])}</code> in <code>{html.escape(m['grade_id'])}</code> "
            f"({html.escape(m['assignment'])}): {m['students']} student(s)</li>"
            for m in data["reteach"]["mistakes"]) + "</ol>")
    else:
        parts.append("<p>No classic mistake was diagnosed.</p>")
    if data["reteach"]["hardest_exercises"]:
        parts.append("<p>Exercises the most students did not get full marks on: " + ", ".join(
            f"<code>{html.escape(h['grade_id'])}</code> ({h['share_without_full_marks']:.0%})"
            for h in data["reteach"]["hardest_exercises"]) + ".</p>")
    parts.append("<h2 id='scores'>Scores</h2>")
    for assignment in data["assignments"]:
        parts.append(f"<img alt='score distribution of {html.escape(assignment['assignment'])}' "
                     f"src='{_histogram(assignment)}'>")
    parts.append(_table(["assignment", "students", "mean", "max score"],
                        [[a["assignment"], a["students"], f"{a['mean']:.2f}", f"{a['max_score']:g}"]
                         for a in data["assignments"]]))
    parts.append("<h2 id='exercises'>Exercises, hardest first</h2>")
    if data["exercises"]:
        parts.append(f"<img alt='share of the class with full, partial and no marks' src='{_shares(data['exercises'])}'>")
    parts.append(_table(["assignment", "exercise (test cell)", "points", "full", "partial", "none"],
                        [[e["assignment"], e["grade_id"], f"{e['max_score']:g}", e["full"], e["partial"], e["none"]]
                         for e in data["exercises"]]))
    parts.append("<h2 id='diagnoses'>Diagnosed mistakes</h2>")
    rows = [[e["grade_id"], d["code"], d["count"], d["example"]] for e in data["exercises"] for d in e["diagnoses"]]
    if rows:
        header = "".join(f"<th>{h}</th>" for h in ["exercise", "diagnosis", "students", "one example (anonymised)"])
        body = "".join(f"<tr><td><code>{html.escape(r[0])}</code></td><td><code>{html.escape(r[1])}</code></td>"
                       f"<td>{r[2]}</td><td class='example'>{html.escape(r[3])}</td></tr>" for r in rows)
        parts.append(f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>")
    else:
        parts.append("<p>No failing test.</p>")
    parts.append("<h2 id='problems'>Submissions with problems</h2>")
    parts.append(_table(["student", "assignment", "notebook", "status", "reason"],
                        [[p["student_id"], p["assignment"], p["notebook"], p["status"], p["reason"]]
                         for p in data["problems"]]) if data["problems"] else "<p>None.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(out):
    """Write OUT/report.html and OUT/report.json; returns the path of the page."""
    out = Path(out)
    data = figures(out)
    (out / "report.json").write_text(json.dumps(data, indent=1))
    page = out / "report.html"
    page.write_text(render(data), encoding="utf-8")
    return page
