"""Grading one submission: a self-contained job, run in a worker process.

``grade_submission(bundle, submission)`` takes plain data (a `CourseBundle` and a `Submission`, both
picklable) and returns plain data (a dict: per-notebook status, score, per-cell scores, feedback
HTML and the autograded notebook). Nothing is shared between jobs except what makes them fast and
carries no student state: the kernel pool (fresh kernels, see `autograder.kernels`) and nbconvert's
compiled feedback template. Each job gets a fresh temporary nbgrader course (always the same folder,
emptied) with its own throw-away copy of the assignment's gradebook, runs nbgrader's ``autograde`` and ``generate_feedback`` on one
student, reads the scores back with nbgrader's `Gradebook` API, and deletes everything.

The coordinator (``python -m autograder grade``) runs jobs on a process pool; the same function
can run on any other executor (Dask, ...) because its inputs and outputs are plain data.
"""

import atexit
import copy
import dataclasses
import html
import json
import logging
import os
import shutil
import tempfile
import time
import traceback
import warnings
from pathlib import Path

STATUS_GRADED = "graded"
STATUS_TIMEOUT = "timeout"
STATUS_KERNEL_DIED = "kernel_died"
STATUS_MALFORMED = "malformed"
STATUS_MISSING = "missing"
STATUS_ERROR = "error"
STATUS_LIMIT = "limit"  # a resource limit (memory, output) was hit; what finished is graded


@dataclasses.dataclass(frozen=True)
class Submission:
    """One student's submission of one assignment.

    notebooks: notebook id -> the submitted file's bytes, or None when the file is missing.
    others: names of other files in the submission folder (to explain a missing notebook).
    timestamp: submission time as nbgrader reads it from ``timestamp.txt``, or None.
    """

    student_id: str
    assignment: str
    notebooks: dict
    timestamp: str = None
    others: tuple = ()


class _LogCapture(logging.Handler):
    """Keeps nbgrader's warnings and errors of the running job (they explain failures)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []
        self.mark = 0  # records before this one belong to notebooks already graded

    def emit(self, record):
        self.records.append(self.format(record))


class _Grader:
    """What a worker keeps between jobs of one bundle: a kernel pool and a warm feedback exporter."""

    def __init__(self, bundle):
        from .course import ensure_tools_on_path
        from .kernels import KernelPool
        from .sandbox import Limits, Sandbox
        from .tuning import reuse_engines, schemas_checked_once

        ensure_tools_on_path()
        self.bundle = bundle
        self.base = Path(tempfile.mkdtemp(prefix="autograder-worker-"))  # 0700: the course, never seen by kernels
        reuse_engines(throwaway=self.base)  # the job's gradebook copies live here
        schemas_checked_once()
        self.limits = Limits(**bundle.limits)
        self.sandbox = Sandbox(bundle.sandbox, readable=bundle.sandbox_readable)
        try:
            self.pool = KernelPool(bundle.kernel_mode, bundle.kernel_modules, str(self.base), sandbox=self.sandbox,
                                   limits=self.limits, cpu_default=bundle.notebook_timeout)
        except Exception:
            self.sandbox.close()
            shutil.rmtree(self.base, ignore_errors=True)
            raise
        self.feedback = None
        self._ids = {}
        self.logs = _LogCapture()
        log = logging.getLogger("traitlets")
        log.addHandler(self.logs)
        log.setLevel(logging.WARNING)
        log.propagate = False
        warnings.filterwarnings("ignore", module="sqlalchemy")
        warnings.filterwarnings("ignore", message=".*not in session.*")

    def close(self):
        self.pool.close()
        self.sandbox.close()
        shutil.rmtree(self.base, ignore_errors=True)

    def _cell_ids(self, name):
        """The nbgrader cell ids of the instructor notebook `name`."""
        import nbformat

        if name not in self._ids:
            source = nbformat.reads(self.bundle.source_files[f"{name}.ipynb"].decode(), as_version=4)
            self._ids[name] = {c.metadata["nbgrader"]["grade_id"] for c in source.cells
                               if "grade_id" in c.metadata.get("nbgrader", {})}
        return self._ids[name]

    def _course(self, root, student_id):
        """The job's nbgrader course in `root`: source files, a gradebook copy, the settings."""
        from nbgrader.converters import Autograde
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.preprocessors import Execute
        from traitlets.config import Config

        from .kernels import WarmExecute

        bundle = self.bundle
        for name, data in bundle.source_files.items():
            path = root / "source" / bundle.assignment / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        (root / "gradebook.db").write_bytes(bundle.gradebook)
        config = Config(copy.deepcopy(bundle.config))
        config.CourseDirectory.root = str(root)
        config.CourseDirectory.course_id = bundle.course_id
        config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
        config.CourseDirectory.assignment_id = bundle.assignment
        config.CourseDirectory.student_id = student_id
        config.CourseDirectory.notebook_id = "*"
        # nbgrader's own preprocessor list, with its Execute swapped for the pool-fed one
        preprocessors = config.Autograde.get("autograde_preprocessors",
                                             Autograde.class_traits()["autograde_preprocessors"].default())
        config.Autograde.autograde_preprocessors = [
            WarmExecute if pp in (Execute, "nbgrader.preprocessors.Execute") else pp for pp in preprocessors]
        return CourseDirectory(config=config), config

    def grade(self, submission):
        from .kernels import WarmExecute
        from .tuning import fresh_connections

        bundle = self.bundle
        started = time.monotonic()
        root = self.base / "course"  # the same path every time: one SQLAlchemy engine serves all jobs
        fresh_connections()
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir()
        results = {}
        try:
            coursedir, config = self._course(root, submission.student_id)
            submitted = root / "submitted" / submission.student_id / bundle.assignment
            submitted.mkdir(parents=True)
            if submission.timestamp:
                (submitted / "timestamp.txt").write_text(submission.timestamp)
            to_grade, repairs = [], {}
            for name in bundle.notebooks:
                data = submission.notebooks.get(name)
                if data is None:
                    others = ", ".join(submission.others) or "nothing"
                    results[name] = _problem(STATUS_MISSING, f"no {name}.ipynb was submitted (found: {others})")
                    continue
                problem = _malformed(data, self.limits.notebook_bytes)
                if problem:
                    results[name] = _problem(STATUS_MALFORMED, problem)
                    continue
                data, repairs[name] = _presanitize(data, self._cell_ids(name))
                (submitted / f"{name}.ipynb").write_bytes(data)
                to_grade.append(name)

            if to_grade:
                self._autograde(coursedir, config)
                done = [name for name in to_grade if self._autograded(root, submission, name).exists()]
                if len(done) < len(to_grade):  # nbgrader drops the whole submission when one notebook fails
                    for name in to_grade:
                        if name not in done:
                            report = WarmExecute.report.get(name, {})
                            results[name] = _problem(*_failure_reason(report, self.logs.records, bundle))
                            results[name].update(review=report.get("evidence", []), repairs=report.get("repairs", []))
                if done:
                    self._generate_feedback(coursedir, config)
            self._read_scores(root, coursedir, submission, results, to_grade)
            for name, lines in repairs.items():
                results[name]["repairs"] = lines + results[name].get("repairs", [])
        finally:
            shutil.rmtree(root, ignore_errors=True)
        return {
            "student_id": submission.student_id,
            "assignment": bundle.assignment,
            "timestamp": submission.timestamp,
            "seconds": round(time.monotonic() - started, 3),
            "notebooks": [dict(notebook=name, **results[name]) for name in bundle.notebooks],
        }

    def _autograde(self, coursedir, config):
        """nbgrader's autograde for the job's one student, kernels from the pool."""
        from nbgrader.converters import Autograde

        from .kernels import WarmExecute

        self.logs.records.clear()
        WarmExecute.pool = self.pool
        WarmExecute.notebook_timeout = self.bundle.notebook_timeout
        WarmExecute.output_limit = self.limits.output
        WarmExecute.report = {}
        WarmExecute.logs = self.logs
        self.logs.mark = 0
        try:
            Autograde(coursedir=coursedir, config=config).start()
        except Exception:  # nbgrader has logged why; the missing autograded notebook tells the rest
            pass

    def _autograded(self, root, submission, name):
        return root / "autograded" / submission.student_id / self.bundle.assignment / f"{name}.ipynb"

    def _generate_feedback(self, coursedir, config):
        """nbgrader's generate_feedback, keeping its HTML exporter (and compiled template) warm."""
        from nbgrader.converters import GenerateFeedback
        from nbconvert.writers import FilesWriter

        converter = GenerateFeedback(coursedir=coursedir, config=config)
        converter.init_notebooks()
        converter.writer = FilesWriter(parent=converter, config=converter.config)
        if self.feedback is None:
            from .tuning import feedback_exporter_class

            self.feedback = feedback_exporter_class()(parent=converter, config=converter.config)
            for pp in converter.preprocessors:
                self.feedback.register_preprocessor(pp)
        converter.exporter = self.feedback
        cwd = os.getcwd()
        os.chdir(coursedir.root)
        try:
            converter.convert_notebooks()
        finally:
            os.chdir(cwd)

    def _read_scores(self, root, coursedir, submission, results, graded):
        """Per-cell scores from the job's gradebook; feedback and autograded notebook from disk."""
        from nbgrader.api import Gradebook

        bundle, student = self.bundle, submission.student_id
        with Gradebook(coursedir.db_url, bundle.course_id) as gb:
            for name in bundle.notebooks:
                cells = {grade_id: dict(grade_id=grade_id, score=0.0, max_score=points, needs_manual_grade=False)
                         for grade_id, points in bundle.grade_cells[name]}
                comments = {}
                if name in graded and name not in results:
                    notebook = gb.find_submission_notebook(name, bundle.assignment, student)
                    for grade in notebook.grades:
                        cells[grade.name].update(score=float(grade.score),
                                                 needs_manual_grade=bool(grade.needs_manual_grade))
                    comments = {c.name: c.auto_comment for c in notebook.comments if c.auto_comment}
                    results[name] = self._graded(root, submission, name)
                result = results[name]
                result.setdefault("review", [])
                result.setdefault("repairs", [])
                result["comments"] = comments  # the autograder's own ("No response." for a blank answer)
                result["cells"] = list(cells.values())
                result["score"] = sum(c["score"] for c in result["cells"])
                result["max_score"] = sum(c["max_score"] for c in result["cells"])
                if result["feedback_html"] is None:
                    result["feedback_html"] = _problem_page(student, bundle.assignment, name, result)

    def _graded(self, root, submission, name):
        """The result of a notebook nbgrader graded: its files, whether a cell timed out or a limit was
        hit (then what finished before is graded), and the evidence of tampering for review."""
        from .kernels import WarmExecute

        bundle = self.bundle
        report = WarmExecute.report.get(name, {})
        autograded = self._autograded(root, submission, name)
        feedback = root / "feedback" / submission.student_id / bundle.assignment / f"{name}.html"
        result = dict(status=STATUS_GRADED, reason="", autograded=autograded.read_bytes(),
                      feedback_html=feedback.read_bytes() if feedback.exists() else None,
                      review=list(report.get("evidence", [])), repairs=list(report.get("repairs", [])))
        timed_out = _timed_out_cells(autograded)
        kept = "; the cells that finished before it were graded"
        if report.get("failure"):
            status, reason = _failure_reason(report, [], bundle)
            result.update(status=status, reason=reason + kept)
        elif report.get("memory"):
            result.update(status=STATUS_LIMIT,
                          reason=f"ran out of memory (limit {self.limits.memory / 2**30:g} GiB) in {report['memory']}; "
                                 "the rest of the notebook was graded")
        elif report.get("file_size"):
            result.update(status=STATUS_LIMIT,
                          reason=f"wrote a file larger than {self.limits.file_size / 2**20:g} MiB in {report['file_size']}; "
                                 "the rest of the notebook was graded")
        elif report.get("output_limit"):
            result.update(status=STATUS_LIMIT,
                          reason=f"printed more than {self.limits.output / 2**20:g} MiB in {report['output_limit']}: "
                                 "the cell was interrupted, the rest of the notebook was graded")
        elif timed_out:
            result.update(status=STATUS_TIMEOUT,
                          reason=f"interrupted after {bundle.config.get('Execute', {}).get('timeout')} s "
                                 f"in {', '.join(timed_out)}; the rest of the notebook was graded")
        return result


def _problem(status, reason):
    return dict(status=status, reason=reason, autograded=None, feedback_html=None, review=[], repairs=[])


def failed_result(bundle, submission, status, reason):
    """The result of a submission no notebook of which could be graded: zero for every cell."""
    notebooks = []
    for name in bundle.notebooks:
        cells = [dict(grade_id=grade_id, score=0.0, max_score=points, needs_manual_grade=False)
                 for grade_id, points in bundle.grade_cells[name]]
        notebooks.append(dict(notebook=name, status=status, reason=reason, cells=cells, comments={}, score=0.0,
                              review=[], repairs=[],
                              max_score=sum(c["max_score"] for c in cells), autograded=None, feedback_html=None))
    return {"student_id": submission.student_id, "assignment": bundle.assignment,
            "timestamp": submission.timestamp, "seconds": 0.0, "notebooks": notebooks}


def _malformed(data, max_bytes=0):
    """Why `data` is not a notebook nbgrader can read (or too large to grade), or "" when it is one."""
    import nbformat

    if max_bytes and len(data) > max_bytes:
        return f"the notebook is {len(data) / 2**20:.1f} MiB, more than the {max_bytes / 2**20:g} MiB accepted"
    try:
        text = data.decode("utf-8")
        json.loads(text)
    except UnicodeDecodeError:
        return "the file is not UTF-8 text"
    except ValueError as error:
        return f"malformed JSON: {error}"
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat raises validation and version errors of many kinds
        message = (str(error).strip().splitlines() or [type(error).__name__])[0]
        return f"not a notebook nbformat can read: {message[:200]}"
    if not isinstance(notebook.get("cells"), list):
        return "not a notebook: it has no list of cells"
    for index, cell in enumerate(notebook.cells):
        nbgrader = cell.get("metadata", {}).get("nbgrader")
        if nbgrader is not None and not isinstance(nbgrader, dict):
            return f"cell {index + 1} has corrupted nbgrader metadata"
        if isinstance(nbgrader, dict) and "grade_id" in nbgrader and not isinstance(nbgrader["grade_id"], str):
            return f"cell {index + 1} has a grade id that is not text"
    return ""


def _presanitize(data, known_ids):
    """Put right what nbgrader's own sanitising cannot take (it stops the whole submission, or
    scores a copied cell twice): a grade id used by several cells (a copied cell) keeps its last cell,
    as nbgrader's DeduplicateIds does, and the copies become plain cells; nbgrader metadata with no
    grade id, or one the instructor notebook does not have, is removed. Returns (bytes, repairs)."""
    import nbformat

    notebook = nbformat.reads(data.decode("utf-8"), as_version=4)
    repairs, seen = [], set()
    for index in range(len(notebook.cells) - 1, -1, -1):
        cell = notebook.cells[index]
        meta = cell.get("metadata", {}).get("nbgrader")
        if meta is None:
            continue
        grade_id = meta.get("grade_id")
        problem = None
        if grade_id is None:
            problem = "nbgrader metadata without a grade id"
        elif grade_id not in known_ids:
            problem = f"a grade id the assignment does not have ({grade_id!r}, points: {meta.get('points', 0)})"
        elif grade_id in seen:
            problem = f"a copy of the cell {grade_id!r} (only its last copy is graded)"
        if problem:
            del cell.metadata["nbgrader"]
            repairs.append(f"cell {index + 1}: {problem}; made a plain cell")
        else:
            seen.add(grade_id)
    if not repairs:
        return data, []
    return nbformat.writes(notebook).encode(), repairs[::-1]


def _failure_reason(report, log_lines, bundle):
    """(status, reason) for a notebook nbgrader could not finish, from the executor's report."""
    notebook_timeout = bundle.notebook_timeout
    cell_timeout = bundle.config.get("Execute", {}).get("timeout")
    where = f" while running {report['cell']}" if report.get("cell") else ""
    if report.get("failure") == "unresponsive":
        return STATUS_TIMEOUT, (f"{report.get('cell', 'a cell')} ran longer than {cell_timeout} s and did not "
                                "stop when interrupted; the notebook could not be finished")
    if report.get("failure") == "timeout":
        return STATUS_TIMEOUT, f"the notebook ran longer than {notebook_timeout:g} s; its kernel was stopped{where}"
    if report.get("failure") == "kernel_died" or any("DeadKernelError" in line for line in log_lines):
        return STATUS_KERNEL_DIED, f"the kernel died{where} (a crash, os._exit or running out of memory)"
    errors = [line for line in log_lines if "Traceback" in line or "Error" in line]
    detail = errors[-1].strip().splitlines()[-1] if errors else "see the grader's log"
    return STATUS_ERROR, f"nbgrader could not grade it: {detail}"


def _timed_out_cells(path):
    """The cells (grade ids or numbers) whose execution was interrupted by the cell timeout."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    cells = []
    for index, cell in enumerate(notebook.cells):
        if any(out.get("output_type") == "error" and out.get("ename") == "CellTimeoutError"
               for out in cell.get("outputs", [])):
            cells.append(cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index + 1}")
    return cells


def _problem_page(student, assignment, notebook, result):
    """A short feedback page for a notebook that could not be graded normally."""
    rows = "".join(f"<tr><td>{html.escape(c['grade_id'])}</td><td>{c['score']:g}</td>"
                   f"<td>{c['max_score']:g}</td></tr>" for c in result["cells"])
    return (f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>{html.escape(notebook)}</title></head>"
            f"<body><h1>{html.escape(assignment)} / {html.escape(notebook)}</h1>"
            f"<p>Student: {html.escape(student)}. Score: {result['score']:g} / {result['max_score']:g}.</p>"
            f"<p><strong>This notebook could not be graded normally ({html.escape(result['status'])}):</strong> "
            f"{html.escape(result['reason'])}</p>"
            f"<table><tr><th>cell</th><th>score</th><th>max</th></tr>{rows}</table></body></html>").encode()


_GRADERS = {}


def _close_graders():
    for grader in _GRADERS.values():
        grader.close()
    _GRADERS.clear()


atexit.register(_close_graders)


def terminate_worker(signum, frame):
    """SIGTERM in a worker (the coordinator was interrupted): kill the kernels, remove the temporary
    folders and exit now. The zygote sees its pipe close and exits too."""
    for grader in _GRADERS.values():
        grader.pool.kill_all()
        shutil.rmtree(grader.base, ignore_errors=True)
        grader.sandbox.close()
    os._exit(128 + signum)


def install_worker_cleanup():
    """Close the graders (kernels, temp folders) when the process exits, also in a multiprocessing
    worker, which exits without running atexit handlers."""
    from multiprocessing import util

    util.Finalize(None, _close_graders, exitpriority=10)


def grade_submission(bundle, submission):
    """Grade one `Submission` of the assignment in `bundle`; returns plain data (see module doc).

    Never raises for a bad submission: a problem becomes a status and a reason. The worker keeps one
    grader (kernel pool, feedback exporter) per bundle between calls.
    """
    grader = _GRADERS.get(bundle.key)
    if grader is None:
        if not _GRADERS:
            install_worker_cleanup()
        _close_graders()  # a worker grades one bundle at a time; free the previous one's kernels
        grader = _GRADERS[bundle.key] = _Grader(bundle)
    try:
        result = grader.grade(submission)
    except Exception:
        reason = "the grader failed: " + traceback.format_exc().strip().splitlines()[-1]
        result = failed_result(bundle, submission, STATUS_ERROR, reason)
    result["worker"] = worker_name()
    return result


def worker_name():
    """Who runs this job: the Dask worker's name, else ``<host> pid <pid>``."""
    import socket
    import sys

    if "distributed" in sys.modules:
        try:
            worker = sys.modules["distributed"].get_worker()
            return str(worker.name if worker.name is not None else worker.address)
        except ValueError:  # not in a Dask worker
            pass
    return f"{socket.gethostname()} pid {os.getpid()}"
