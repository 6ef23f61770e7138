"""The adversarial corpus (tests/adversarial/): hostile and broken submissions graded in one class
with honest students. Every case must end with its expected score, status and review flag; honest
students' grades must be exact and unflagged; nothing hostile may leak out or be left running.
"""

import importlib.util
import json
import os
import sys
import tomllib
import uuid
from pathlib import Path

import nbformat
import pytest

from autograder import demo
from autograder.grade import grade
from autograder.sandbox import Limits, bwrap_problem

from test_autograder_grade import ASSIGNMENT, FIXTURE, _processes_with, perfect, read_csv

CORPUS = Path(__file__).resolve().parent / "adversarial"
CATEGORIES = {"resource exhaustion", "escaping the time limit", "crashing the kernel", "reading what it must not",
              "writing what it must not", "network", "patching what tests depend on", "transformer tricks",
              "fake equality", "notebook-structure tampering", "file shadowing", "malformed input"}
SECRET = "s3cr3t-grader-token"
LIMITS = Limits(memory=1 << 30, processes=256, file_size=16 << 20, output=1 << 20, notebook_bytes=2 << 20)


def manifest():
    return tomllib.loads((CORPUS / "manifest.toml").read_text())["case"]


def _set_cell(notebook, grade_id, code, mode):
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = code if mode == "replace" else cell.source + "\n" + code
            return notebook
    raise KeyError(grade_id)


def submission_files(case, release):
    """{file name: bytes} of one case's submission folder."""
    path = CORPUS / "cases" / f"{case['name']}.py"
    notebook = perfect()
    if case["mode"] in ("append", "replace"):
        made = _set_cell(notebook, case["cell"], path.read_text(), case["mode"])  # never imported: hostile
    else:
        spec = importlib.util.spec_from_file_location(f"adversarial_{case['name']}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # a transformation of the notebook file, not student code
        made = module.transform(notebook, release)
    if isinstance(made, dict) and "cells" not in made:  # a folder of files, not a notebook
        return made
    if isinstance(made, bytes):
        return {f"{ASSIGNMENT}.ipynb": made}
    return {f"{ASSIGNMENT}.ipynb": nbformat.writes(made).encode()}


def build_class(folder):
    """The demo class (perfect, blank, partial, syntax_error, malformed) and one student per case."""
    expected = demo.build_class(FIXTURE, ASSIGNMENT, folder)
    release = nbformat.read(FIXTURE.release_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for case in manifest():
        where = folder / "submissions" / case["name"] / ASSIGNMENT
        where.mkdir(parents=True)
        for name, data in submission_files(case, release).items():
            (where / name).write_bytes(data)
    return expected


def test_the_corpus_is_complete():
    cases = manifest()
    assert len(cases) >= 25 + 3
    assert {c["category"] for c in cases} - {"honest"} == CATEGORIES
    for case in cases:
        assert (CORPUS / "cases" / f"{case['name']}.py").exists(), case["name"]
        assert case["mode"] in ("append", "replace", "transform")
        assert {"score", "status", "review"} <= set(case)


def grade_the_corpus(tmp_path, sandbox, monkeypatch):
    tag = f"AUTOGRADER_ADVERSARIAL_{uuid.uuid4().hex}"
    monkeypatch.setenv(tag, "1")  # passed to kernels: what they leave running can be found
    monkeypatch.setenv("GRADER_API_TOKEN", SECRET)  # not passed: the environment holds no secret for them
    expected = build_class(tmp_path)
    out = tmp_path / "graded"
    summary = grade(FIXTURE, tmp_path / "submissions", out, workers=2, cell_timeout=5, notebook_timeout=60,
                    progress=False, sandbox=sandbox, limits=LIMITS)
    return summary, expected, out, tag


def outcomes(out):
    grades = {r["student_id"]: r for r in read_csv(out / "grades.csv")}
    review = {}
    for row in read_csv(out / "review.csv"):
        review.setdefault(row["student_id"], []).append((row["kind"], row["evidence"]))
    return grades, review


def report_table(out, path):
    """The measured outcome of every case, as the Markdown table of docs/grading-security.md."""
    grades, review = outcomes(out)
    problems = {r["student_id"]: r["reason"] for r in read_csv(out / "problems.csv")}
    lines = ["| case | category | score | status | flagged | reason or evidence |", "|---|---|---|---|---|---|"]
    for case in manifest():
        row = grades[case["name"]]
        tampering = [e for k, e in review.get(case["name"], []) if k == "tampering"]
        repaired = [e for k, e in review.get(case["name"], []) if k == "repaired"]
        detail = (problems.get(case["name"], "") if row["status"] != "graded" else "") \
            or (tampering[0] if tampering else "") or (f"repaired: {repaired[0]}" if repaired else "")
        detail = detail.replace("|", "\\|")[:160]
        lines.append(f"| `{case['name']}` | {case['category']} | {row['score']} / {row['max_score']} | {row['status']} "
                     f"| {'yes' if tampering else 'no'} | {detail} |")
    path.write_text("\n".join(lines) + "\n")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sandbox and /proc: Linux")
def test_the_adversarial_class(tmp_path, monkeypatch):
    if bwrap_problem():  # never unconfined: kill_everything as root would kill the machine's processes
        pytest.skip(f"the corpus runs only in the sandbox: {bwrap_problem()}")
    sandbox = "bwrap"
    summary, expected, out, tag = grade_the_corpus(tmp_path, sandbox, monkeypatch)
    if os.environ.get("ADVERSARIAL_REPORT"):
        report_table(out, Path(os.environ["ADVERSARIAL_REPORT"]))
    grades, review = outcomes(out)

    for student, score in expected.items():  # the honest demo students: exact, unflagged
        assert float(grades[student]["score"]) == score, student
        assert not [e for k, e in review.get(student, []) if k == "tampering"], (student, review.get(student))
    wrong = []
    for case in manifest():
        row = grades[case["name"]]
        flagged = bool([e for k, e in review.get(case["name"], []) if k == "tampering"])
        got = (float(row["score"]), row["status"], flagged)
        want = (float(case["score"]), case["status"], case["review"])
        if got != want:
            wrong.append(f"{case['name']}: expected {want}, got {got}; {review.get(case['name'])}")
        assert float(row["max_score"]) == 7.0, "changed points never raise the maximum"
        texts = []  # what the student's code printed (its source holds the needles, of course)
        path = out / "autograded" / case["name"] / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        if path.exists():
            texts += [json.dumps(c.get("outputs", [])) for c in nbformat.read(path, as_version=4).cells]
        for needle in case.get("absent", []):
            if any(needle in text for text in texts):
                wrong.append(f"{case['name']}: {needle!r} appears in its graded notebook")
    assert not wrong, "\n".join(wrong)
    assert not _processes_with(tag), "no kernel, fork server or student process is left running"
    for path in (FIXTURE.root / "PWNED", Path("/tmp/PWNED"), Path("/work/main/PWNED")):
        assert not path.exists(), f"a student wrote {path}"
    assert "bubblewrap" in summary.report() and "WARNING" not in summary.report()
