"""Grading a class: ``python -m autograder grade SUBMISSIONS --out OUT``.

The coordinator finds the submissions, builds one `CourseBundle` per assignment, runs one job per
student on a process pool (`autograder.job.grade_submission`), and records each result as it arrives:

    OUT/gradebook.db                         nbgrader's gradebook (written with nbgrader's Gradebook API)
    OUT/grades.csv                           student_id, assignment, notebook, score, max_score, status
    OUT/grades_detail.csv                    ... grade_id, score, max_score: one row per graded cell
    OUT/problems.csv                         student_id, assignment, notebook, status, reason
    OUT/graded_by.csv                        student_id, assignment, worker, seconds: who graded each submission
    OUT/review.csv                           student_id, assignment, notebook, kind, evidence: tampering
                                             detected (kind "tampering") and what sanitising repaired
    OUT/feedback/<student>/<assignment>/<notebook>.html
    OUT/autograded/<student>/<assignment>/<notebook>.ipynb
    OUT/nbgrader_config.py                   OUT is an nbgrader course folder: formgrader, export, ...
    OUT/.autograder/<assignment>/<student>.json   one record per graded submission (the ledger)

The ledger makes runs idempotent: a submission whose bytes, assignment and settings are unchanged
since it was graded is not graded again (unless ``force``), so an interrupted run resumes.
"""

import concurrent.futures
import csv
import hashlib
import io
import itertools
import json
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

from .course import CourseError, ensure_tools_on_path, make_bundle
from .executors import ExecutorLost, WorkerCrashed, make_executor
from .job import STATUS_ERROR, STATUS_GRADED, failed_result, grade_submission
from .submissions import CANVAS_PATTERN, collect_zip, find_submissions, valid_id

GRADES_COLUMNS = ["student_id", "assignment", "notebook", "score", "max_score", "status"]
DETAIL_COLUMNS = ["student_id", "assignment", "notebook", "grade_id", "score", "max_score", "diagnosis"]
PROBLEM_COLUMNS = ["student_id", "assignment", "notebook", "status", "reason"]
REVIEW_COLUMNS = ["student_id", "assignment", "notebook", "kind", "evidence"]
GRADED_BY_COLUMNS = ["student_id", "assignment", "worker", "seconds"]
STATUS_CRASH = "crash"  # the worker process died while grading it, twice (Dask executor)
STATUS_REVIEW = "review"  # in problems.csv: graded, but flagged for manual review (see review.csv)


def default_workers():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def fingerprint(bundle, submission):
    """What a grade depends on: the assignment bundle and the submitted bytes."""
    digest = hashlib.sha256(bundle.key.encode())
    digest.update(repr(submission.timestamp).encode())
    for name in sorted(submission.notebooks):
        data = submission.notebooks[name]
        digest.update(name.encode())
        digest.update(b"-" if data is None else hashlib.sha256(data).digest())
    return digest.hexdigest()


class Ledger:
    """The results recorded in ``OUT/.autograder/``: {(assignment, student_id): record}."""

    def __init__(self, out):
        self.folder = Path(out) / ".autograder"
        self.records = {}
        for path in sorted(self.folder.glob("*/*.json")):
            record = json.loads(path.read_text())
            self.records[(record["assignment"], record["student_id"])] = record

    def get(self, assignment, student_id):
        return self.records.get((assignment, student_id))

    def put(self, record):
        path = self.folder / record["assignment"] / f"{record['student_id']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, json.dumps(record, indent=1).encode())
        self.records[(record["assignment"], record["student_id"])] = record

    def rows(self):
        """(grades, detail, problems) rows of every record, sorted by assignment, student, notebook."""
        grades, detail, problems = [], [], []
        for (assignment, student), record in sorted(self.records.items()):
            for nb in record["notebooks"]:
                key = [student, assignment, nb["notebook"]]
                grades.append(key + [_num(nb["score"]), _num(nb["max_score"]), nb["status"]])
                detail.extend(key + [c["grade_id"], _num(c["score"]), _num(c["max_score"]), c.get("diagnosis", "")]
                              for c in nb["cells"])
                if nb["status"] != STATUS_GRADED:
                    problems.append(key + [nb["status"], nb["reason"]])
                elif nb.get("review"):
                    problems.append(key + [STATUS_REVIEW, f"possible tampering, see review.csv: {nb['review'][0]}"
                                           + (f" (+{len(nb['review']) - 1} more)" if len(nb["review"]) > 1 else "")])
        return grades, detail, problems

    def graded_by_rows(self):
        """graded_by.csv rows: the worker that graded each submission (blank: not graded by a worker)."""
        return [[student, assignment, record.get("worker", ""), f"{record.get('seconds', 0):g}"]
                for (assignment, student), record in sorted(self.records.items())]

    def review_rows(self):
        """review.csv rows: evidence of tampering, and what nbgrader's sanitising repaired."""
        rows = []
        for (assignment, student), record in sorted(self.records.items()):
            for nb in record["notebooks"]:
                key = [student, assignment, nb["notebook"]]
                rows += [key + ["tampering", line] for line in nb.get("review", [])]
                rows += [key + ["repaired", line] for line in nb.get("repairs", [])]
        return rows


def _num(x):
    return f"{x:g}"


def _write_atomic(path, data):
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _write_csv(path, columns, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    _write_atomic(path, buffer.getvalue().encode())


class MasterGradebook:
    """nbgrader's gradebook of the class, kept open for the whole run: ``OUT/gradebook.db``, or the
    database `db_url` names (SQLAlchemy's URL, e.g. ``postgresql+psycopg://user@host/dbname``)."""

    def __init__(self, out, course, bundles, db_url=None):
        from nbgrader.api import Gradebook

        from .course import generate_assignment

        path = Path(out) / "gradebook.db"
        url = db_url or f"sqlite:///{path}"
        for bundle in bundles:
            if not db_url and not path.exists():  # a copy of the assignment's gradebook: no second schema creation
                path.write_bytes(bundle.gradebook)
            else:  # nbgrader's own way to add or update an assignment in an existing gradebook
                with tempfile.TemporaryDirectory(prefix="autograder-") as temp:
                    generate_assignment(course, bundle.assignment, temp, db_url=url)
        self.gb = Gradebook(url, course.course_id)

    def record(self, result):
        with warnings.catch_warnings():  # nbgrader's own gradebook code makes SQLAlchemy warn; harmless
            warnings.filterwarnings("ignore", message=".*not in session.*")
            self._record(result)

    def _record(self, result):
        gb, student, assignment = self.gb, result["student_id"], result["assignment"]
        gb.update_or_create_student(student)
        if result.get("timestamp"):
            gb.update_or_create_submission(assignment, student, timestamp=result["timestamp"])
        else:
            gb.update_or_create_submission(assignment, student)
        for nb in result["notebooks"]:
            cells = {c["grade_id"]: c for c in nb["cells"]}
            notebook = gb.find_submission_notebook(nb["notebook"], assignment, student)
            for grade in notebook.grades:
                cell = cells.get(grade.name)
                if cell is not None:
                    grade.auto_score = cell["score"]
                    grade.needs_manual_grade = cell["needs_manual_grade"]
            for comment in notebook.comments:
                comment.auto_comment = nb.get("comments", {}).get(comment.name)
        gb.db.commit()

    def export(self, path):
        """nbgrader's CSV export of the whole gradebook (``nbgrader export``)."""
        from nbgrader.plugins import CsvExportPlugin

        plugin = CsvExportPlugin()
        plugin.to = str(path)
        plugin.export(self.gb)

    def close(self):
        self.gb.close()


def _write_course_config(out, course, db_url=None):
    """``OUT/nbgrader_config.py``: nbgrader's own commands work in OUT (formgrader, export, feedback)."""
    lines = ["# Written by `python -m autograder grade`: this folder is an nbgrader course directory for",
             "# nbgrader's own commands (formgrader, export, generate_feedback); the course is elsewhere.",
             "c = get_config()"]
    if (course.root / "nbgrader_config.py").exists():
        lines.append(f"load_subconfig({str(course.root / 'nbgrader_config.py')!r})")
    lines += [f"c.CourseDirectory.root = {str(out)!r}",
              f"c.CourseDirectory.source_directory = {str(course.source_dir)!r}",
              f"c.CourseDirectory.release_directory = {str(course.release_dir)!r}"]
    if db_url:
        lines.append(f"c.CourseDirectory.db_url = {db_url!r}")
    (out / "nbgrader_config.py").write_text("\n".join(lines) + "\n")


def _worker_init():
    """In each worker: Ctrl-C is the coordinator's to handle; it stops the workers with SIGTERM."""
    from .job import terminate_worker

    ensure_tools_on_path()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, terminate_worker)


def _executor(workers):
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context(method), initializer=_worker_init)


class _CtrlC:
    """Remembers a Ctrl-C even when its KeyboardInterrupt lands in a finalizer and is swallowed.

    Python prints "Exception ignored in ..." for an exception raised inside ``__del__`` (SQLAlchemy
    cleans up there) and goes on, which would let the run finish as if nothing happened. The grading
    loop asks `check()` before saving each result, so the interrupt always stops the run.
    """

    def __init__(self):
        self.pressed = False
        self._previous = None

    def install(self):
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum, frame):
        self.pressed = True
        raise KeyboardInterrupt

    def check(self):
        if self.pressed:
            raise KeyboardInterrupt

    def restore(self):
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


class Summary:
    """What a run did: counts, the time, and where the results are."""

    def __init__(self, out, ledger, graded, skipped, seconds, workers, unmatched, sandbox="", warnings=(),
                 executor=""):
        self.out = out
        self.executor = executor
        self.graded_by = ledger.graded_by_rows()
        self.graded, self.skipped, self.seconds, self.workers = graded, skipped, seconds, workers
        self.grades, self.detail, self.problems = tables(ledger, unmatched)
        self.review = ledger.review_rows()
        self.sandbox, self.warnings = sandbox, list(warnings)

    def table(self):
        """The grade table, one line per student and notebook."""
        header = ["student_id", "assignment", "notebook", "score", "status"]
        rows = [[g[0], g[1], g[2], f"{g[3]} / {g[4]}", g[5]] for g in self.grades]
        widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
        lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header] + rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def report(self):
        lines = [self.table(), "",
                 f"{self.graded} submission(s) graded, {self.skipped} already graded (skipped), "
                 f"{len(self.problems)} problem(s); {self.seconds:.1f} s with {self.workers} worker(s).",
                 f"grades:   {self.out / 'grades.csv'} (per cell: grades_detail.csv)",
                 f"problems: {self.out / 'problems.csv'}",
                 f"review:   {self.out / 'review.csv'} "
                 f"({sum(1 for r in self.review if r[3] == 'tampering')} piece(s) of evidence of tampering)",
                 f"feedback: {self.out / 'feedback'}/<student_id>/<assignment>/<notebook>.html"]
        if self.sandbox:
            lines.append(f"sandbox:  {self.sandbox}")
        if self.executor:
            lines.append(f"workers:  {self.executor} (who graded what: graded_by.csv)")
        for student, assignment, notebook, status, reason in self.problems:
            lines.append(f"  problem: {student or '?'} / {notebook}: {status}: {reason}")
        for warning in self.warnings:
            lines.append(f"WARNING: {warning}")
        return "\n".join(lines)


def grade(course, submissions, out, *, assignments=None, workers=None, force=False,
          cell_timeout=None, notebook_timeout=None, kernel_mode=None, named_regexp=CANVAS_PATTERN,
          progress=True, executor=None, sandbox="auto", limits=None, scheduler=None, db_url=None, roster=None):
    """Grade every submission in `submissions` (a folder or an LMS zip) into the folder `out`.

    course: a `Course`; assignments: the ids to grade (None: those present); workers: processes
    (default: the number of cores); force: regrade what was graded before; executor: any
    ``concurrent.futures.Executor`` to run the jobs on instead of a local process pool, or ``"local"`` or
    ``"dask"`` (a Dask cluster: `scheduler`, its address, or a new LocalCluster of `workers`, see
    `autograder.executors`); db_url: the gradebook's database (default: OUT/gradebook.db); roster: a
    roster CSV (`autograder.export`) whose LMS ids name a zip's students; sandbox:
    ``auto``, ``bwrap`` or ``none`` and limits (an `autograder.sandbox.Limits`): see `autograder.sandbox`.
    Returns a `Summary`. Raises `CourseError` when the grader cannot run.
    """
    from tqdm import tqdm

    from .course import NOTEBOOK_TIMEOUT

    started = time.monotonic()
    ensure_tools_on_path()
    out = Path(out).resolve()
    if out == course.root or course.root in out.parents:
        raise CourseError(f"the grading folder {out} is inside the course {course.root}: "
                          "gradebooks and students' work must stay out of the repository")
    out.mkdir(parents=True, exist_ok=True)
    unmatched = []  # problem rows of a zip's files: no student in the name, or a student not in the roster
    submissions = Path(submissions)
    if submissions.is_file():
        from .export import read_roster

        collected = collect_zip(submissions, course, out, assignments[0] if assignments else None, named_regexp,
                                roster=read_roster(roster) if roster else None)
        submissions, assignments, unmatched = collected.submitted, [collected.assignment], zip_problems(collected)
    assignments, found = find_submissions(submissions, course, assignments)

    bundles = {}
    for assignment in assignments:
        bundles[assignment] = make_bundle(course, assignment, cell_timeout=cell_timeout,
                                          notebook_timeout=notebook_timeout or NOTEBOOK_TIMEOUT,
                                          kernel_mode=kernel_mode, sandbox=sandbox, limits=limits)
    for warning in sorted({b.sandbox_warning for b in bundles.values() if b.sandbox_warning}):
        print(f"WARNING: {warning}", file=sys.stderr)  # said again at the end, in the summary
    _write_course_config(out, course, db_url)
    ledger = Ledger(out)

    jobs, skipped = [], 0
    for submission in found:
        bundle = bundles[submission.assignment]
        previous = ledger.get(submission.assignment, submission.student_id)
        if not force and previous and previous["fingerprint"] == fingerprint(bundle, submission):
            skipped += 1
        else:
            jobs.append(submission)

    workers = workers or default_workers()
    invalid = [s for s in jobs if not valid_id(s.student_id)]
    valid = [s for s in jobs if valid_id(s.student_id)]
    kind = executor if isinstance(executor, str) or executor is None else "custom"
    own_executor = kind in (None, "local", "dask") and bool(valid)
    description = ""
    if own_executor:
        executor = make_executor(kind, min(workers, len(valid)), scheduler,
                                 sandbox_kinds={b.sandbox for b in bundles.values()})
        if executor is None:
            executor = _executor(min(workers, len(valid)))
            kind = "local"
            description = f"{min(workers, len(valid))} local worker process(es)"
        else:
            workers, description = executor.worker_count, executor.describe()
            print(description, file=sys.stderr)
    futures, gradebook, graded, finished_normally = {}, None, 0, False
    ctrl_c = _CtrlC().install()
    try:
        for submission in valid:  # submitted first: forked workers must not inherit the open gradebook
            futures[executor.submit(grade_submission, bundles[submission.assignment], submission)] = submission
        gradebook = MasterGradebook(out, course, bundles.values(), db_url)
        bar = tqdm(total=len(jobs), desc="grading", unit="submission", file=sys.stderr,
                   disable=None if progress else True, dynamic_ncols=True)
        last_write = 0.0
        finished = [(s, _invalid_id_result(bundles[s.assignment], s)) for s in invalid]
        finished = itertools.chain(finished, (
            (futures[f], _result_of(f, bundles[futures[f].assignment], futures[f]))
            for f in concurrent.futures.as_completed(futures)))
        for submission, result in finished:
            ctrl_c.check()  # a worker stopped by Ctrl-C gives an error result: it must not be saved
            _save(out, ledger, gradebook, result, fingerprint(bundles[submission.assignment], submission))
            graded += 1
            bar.set_postfix_str(submission.student_id, refresh=False)
            bar.update()
            if time.monotonic() - last_write > 1.0:  # the tables follow the ledger, at most once a second
                _write_tables(out, ledger, unmatched)
                last_write = time.monotonic()
        bar.close()
        ctrl_c.check()
        finished_normally = True
    except KeyboardInterrupt:
        if own_executor and kind == "local":  # stop the workers now; the jobs they were running are graded next time
            for process in multiprocessing.active_children():
                process.terminate()
        raise
    finally:  # also after Ctrl-C: what is in the ledger is saved, the workers and kernels are stopped
        ctrl_c.restore()
        for future in futures:
            future.cancel()
        if own_executor:
            executor.shutdown(wait=True, cancel_futures=True)
        if finished_normally:
            gradebook = gradebook or MasterGradebook(out, course, bundles.values(), db_url)
            gradebook.export(out / "nbgrader_export.csv")
        if gradebook is not None:
            try:
                gradebook.close()
            except Exception:  # a transaction cut by Ctrl-C: it is rolled back, the ledger decides
                pass
        _write_tables(out, ledger, unmatched)
    kinds = sorted({b.sandbox for b in bundles.values()})
    warnings_ = sorted({b.sandbox_warning for b in bundles.values() if b.sandbox_warning})
    sandbox_line = {"bwrap": "bubblewrap: every kernel confined (no course, no network, unprivileged user)",
                    "none": "NONE: kernels run unconfined as the grader's user"}
    return Summary(out, ledger, graded, skipped, time.monotonic() - started, workers, unmatched,
                   sandbox="; ".join(sandbox_line[k] for k in kinds), warnings=warnings_,
                   executor=description.splitlines()[0].rstrip(":") if description else "")


def _result_of(future, bundle, submission):
    """The job's result; a worker that crashed gives an error result instead of losing the student."""
    try:
        return future.result()
    except concurrent.futures.process.BrokenProcessPool:
        reason = "the grading worker process crashed (out of memory?)"
    except WorkerCrashed as error:  # Dask: the job was retried on another worker and died again
        return failed_result(bundle, submission, STATUS_CRASH, str(error))
    except ExecutorLost:  # the cluster is gone: stop, never record the job as graded
        raise
    except Exception as error:
        reason = f"the grading job failed: {type(error).__name__}: {error}"
    return _error_result(bundle, submission, reason)


def _error_result(bundle, submission, reason):
    return failed_result(bundle, submission, STATUS_ERROR, reason)


def _invalid_id_result(bundle, submission):
    return _error_result(bundle, submission,
                         f"the folder name {submission.student_id!r} cannot be an nbgrader student id "
                         "(no spaces, /, \\, +, *, ?, [ or ]): rename it and grade again")


def _save(out, ledger, gradebook, result, stamp):
    """Write one result: gradebook first, files next, the ledger record last (it marks it done)."""
    student, assignment = result["student_id"], result["assignment"]
    if valid_id(student):
        gradebook.record(result)
    for nb in result["notebooks"]:
        _add_diagnoses(nb)
        for folder, key, suffix in (("feedback", "feedback_html", ".html"), ("autograded", "autograded", ".ipynb")):
            if not valid_id(student):
                break
            path = out / folder / student / assignment / (nb["notebook"] + suffix)
            data = nb.pop(key, None)
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                _write_atomic(path, data)
        nb.pop("feedback_html", None)
        nb.pop("autograded", None)
    ledger.put(dict(result, fingerprint=stamp))


def _add_diagnoses(nb):
    """Give each cell of a notebook's result the diagnosis of its failure ("" when it has full marks).

    See `autograder.report`: the failing test's [code], "error: <exception>", "unexplained failure",
    or "not graded: <status>" when the notebook could not be run to that cell.
    """
    from .report import UNEXPLAINED, notebook_diagnoses

    found = notebook_diagnoses(nb["autograded"]) if nb.get("autograded") else {}
    for cell in nb["cells"]:
        if cell["score"] >= cell["max_score"]:
            cell["diagnosis"] = ""
        elif cell["grade_id"] in found:
            cell["diagnosis"] = found[cell["grade_id"]][0]
        else:
            cell["diagnosis"] = UNEXPLAINED if nb["status"] == STATUS_GRADED else f"not graded: {nb['status']}"


def zip_problems(collected):
    """Problem rows of a collected zip (`autograder.submissions.Collected`): nothing of it goes unmentioned."""
    rows = [["", "", name, "unmatched", "the file name does not match the collection pattern"]
            for name in collected.unmatched]
    rows += [[student, collected.assignment, "", "not in roster",
              f"LMS id {lms_id or '(none in the file name)'} is not in the roster: graded as {student!r}"]
             for student, lms_id in collected.not_in_roster]
    return rows


def tables(ledger, unmatched=()):
    """(grades, detail, problems) rows; `unmatched`: problem rows of a zip's files (`zip_problems`)."""
    grades, detail, problems = ledger.rows()
    return grades, detail, problems + [list(row) for row in unmatched]


def _write_tables(out, ledger, unmatched):
    grades, detail, problems = tables(ledger, unmatched)
    _write_csv(out / "grades.csv", GRADES_COLUMNS, grades)
    _write_csv(out / "grades_detail.csv", DETAIL_COLUMNS, detail)
    _write_csv(out / "problems.csv", PROBLEM_COLUMNS, problems)
    _write_csv(out / "review.csv", REVIEW_COLUMNS, ledger.review_rows())
    _write_csv(out / "graded_by.csv", GRADED_BY_COLUMNS, ledger.graded_by_rows())
