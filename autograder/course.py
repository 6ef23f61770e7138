"""The course on disk: where the assignments are, nbgrader's settings, and grading bundles.

A course is a folder with an ``nbgrader_config.py`` naming nbgrader's source directory (the instructor
notebooks, ``solutions/`` here) and release directory (the student notebooks, ``notebooks/``), one
sub-folder per assignment. The same file holds the grading settings for real classes (cell timeout,
ignored warnings, re-inserted test cells, output limits); `GRADING_DEFAULTS` applies where it is silent.
"""

import copy
import dataclasses
import hashlib
import os
import sys
import tempfile
from pathlib import Path

from traitlets.config import Config, PyFileConfigLoader

GRADING_DEFAULTS = {
    # a cell running longer is interrupted and counts as an error; the rest of the notebook still runs
    "Execute": {"timeout": 120, "interrupt_on_timeout": True},
    # a warning printed on stderr by a test cell would otherwise give it zero points
    "IgnorePattern": {"enabled": True, "pattern": r"(?m)^.*:\d+: \w*Warning: "},
    # a test cell the student deleted is put back (and graded) instead of being silently lost
    "OverwriteCells": {"add_missing_cells": True},
    # an endless print loop or a deep recursion cannot make the feedback unreadable
    "LimitOutput": {"max_lines": 1000, "max_traceback": 100},
}
NOTEBOOK_TIMEOUT = 1800  # seconds for a whole notebook; then its kernel is killed

# CourseDirectory settings the grader sets itself for every temporary course it builds
_OWN_SETTINGS = {"root", "db_url", "source_directory", "release_directory", "submitted_directory",
                 "autograded_directory", "feedback_directory", "student_id", "assignment_id",
                 "notebook_id", "directory_structure"}


def ensure_tools_on_path():
    """nbgrader shells out to ``alembic``: put this Python's scripts folder on PATH.

    (The grader itself asks alembic in-process, see `autograder.tuning`; nbgrader's own commands,
    run by hand or by the benchmark, still need the PATH.)
    """
    bin_dir = os.path.dirname(sys.executable)
    path = os.environ.get("PATH", "")
    if bin_dir not in path.split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + path


class CourseError(Exception):
    """The course cannot be used as given (a missing folder, an unknown assignment, ...)."""


class Course:
    """A course folder. `root`: the folder holding ``nbgrader_config.py``."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise CourseError(f"course folder not found: {self.root}")
        config_file = self.root / "nbgrader_config.py"
        self.config = Config()
        if config_file.exists():
            self.config = PyFileConfigLoader(config_file.name, path=str(self.root)).load_config()
        directories = self.config.get("CourseDirectory", {})
        self.course_id = directories.get("course_id", "default_course")
        self.source_dir = self.root / directories.get("source_directory", "source")
        self.release_dir = self.root / directories.get("release_directory", "release")
        if not self.source_dir.is_dir():
            raise CourseError(f"nbgrader's source directory not found: {self.source_dir}")

    def assignments(self):
        """The assignment ids: the sub-folders of the source directory holding a notebook."""
        return sorted(p.name for p in self.source_dir.iterdir()
                      if p.is_dir() and not p.name.startswith(".") and any(p.glob("*.ipynb")))

    def notebooks(self, assignment):
        """The notebook ids (file names without ``.ipynb``) of `assignment`."""
        self.check_assignment(assignment)
        return sorted(p.stem for p in (self.source_dir / assignment).glob("*.ipynb"))

    def data_folders(self):
        """Folders a sandboxed kernel may read: the course's ``data/`` and ``$DLCOURSE_DATA``."""
        folders = [self.root / "data"] + ([Path(os.environ["DLCOURSE_DATA"])] if os.environ.get("DLCOURSE_DATA") else [])
        return [str(f) for f in folders if f.is_dir()]

    def check_assignment(self, assignment):
        if assignment not in self.assignments():
            raise CourseError(f"unknown assignment {assignment!r}; the course has: "
                              f"{', '.join(self.assignments()) or 'none'}")

    def grading_config(self):
        """nbgrader settings for grading, as plain nested dicts: the defaults, then the course's."""
        settings = copy.deepcopy(GRADING_DEFAULTS)
        for section, values in self.config.items():
            if not isinstance(values, dict):
                continue
            values = {k: copy.deepcopy(v) for k, v in values.items()
                      if not (section == "CourseDirectory" and k in _OWN_SETTINGS)}
            settings.setdefault(section, {}).update(values)
        return settings

    def nbgrader_config(self, root, db_url=None, **directories):
        """A traitlets Config for a temporary nbgrader course at `root` grading this course.

        directories: CourseDirectory overrides, e.g. ``source_directory=...``.
        """
        config = Config(copy.deepcopy(self.grading_config()))
        config.CourseDirectory.root = str(root)
        config.CourseDirectory.course_id = self.course_id
        if db_url:
            config.CourseDirectory.db_url = db_url
        for name, value in directories.items():
            config.CourseDirectory[name] = str(value)
        return config


def generate_assignment(course, assignment, dest, db_url=None):
    """Run nbgrader's generate_assignment for `assignment` into the folder `dest`.

    Writes ``dest/release/<assignment>/`` (the student version). With `db_url`, the assignment
    (its grade cells and test sources) is also saved into that gradebook, else no database is used.
    Returns the release folder of the assignment.
    """
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory

    from .tuning import alembic_in_process

    course.check_assignment(assignment)
    ensure_tools_on_path()
    alembic_in_process()
    config = course.nbgrader_config(dest, db_url=db_url, source_directory=course.source_dir,
                                    release_directory="release")
    config.CourseDirectory.assignment_id = assignment
    if db_url is None:  # nbgrader's --no-db
        config.GenerateAssignment.no_database = True
        config.SaveCells.enabled = False
    coursedir = CourseDirectory(config=config)
    converter = GenerateAssignment(coursedir=coursedir, config=config)
    converter.force = True
    converter.start()
    return Path(dest) / "release" / assignment


@dataclasses.dataclass(frozen=True)
class CourseBundle:
    """Everything a worker needs to grade submissions of one assignment, as plain data.

    source_files: path (relative to the assignment's source folder) -> bytes: the instructor notebooks
        with solutions and hidden tests, and the data files the students also get.
    gradebook: an nbgrader SQLite gradebook holding only this assignment, as generate_assignment
        left it (the test cells that autograde writes back into every submission).
    grade_cells: {notebook id: ((grade id, points), ...)}: what is graded, for results without a run.
    config: nbgrader settings ({"Execute": {"timeout": 120}, ...}).
    notebook_timeout: seconds a whole notebook may run before its kernel is killed.
    kernel_mode, kernel_modules: how kernels are prepared (see `autograder.kernels`).
    """

    course_id: str
    assignment: str
    notebooks: tuple
    source_files: dict
    gradebook: bytes
    grade_cells: dict
    config: dict
    notebook_timeout: float
    kernel_mode: str
    kernel_modules: tuple
    sandbox: str = "none"  # "bwrap" or "none", resolved (see autograder.sandbox.resolve)
    sandbox_readable: tuple = ()  # what a sandboxed kernel may read besides the system
    limits: dict = dataclasses.field(default_factory=dict)  # autograder.sandbox.Limits fields
    sandbox_warning: str = ""  # why grading is not sandboxed, for the summary
    key: str = ""

    def __post_init__(self):
        digest = hashlib.sha256()
        for part in (self.course_id, self.assignment, repr(self.notebooks), repr(sorted(self.config.items())),
                     repr(self.notebook_timeout), repr(sorted(self.limits.items()))):
            digest.update(part.encode())
        for name in sorted(self.source_files):
            digest.update(name.encode())
            digest.update(hashlib.sha256(self.source_files[name]).digest())
        object.__setattr__(self, "key", digest.hexdigest())


def make_bundle(course, assignment, *, cell_timeout=None, notebook_timeout=NOTEBOOK_TIMEOUT,
                kernel_mode=None, sandbox="auto", limits=None):
    """The `CourseBundle` of `assignment` (runs generate_assignment once, in a temporary folder).

    cell_timeout overrides ``Execute.timeout`` from the course settings; sandbox: ``auto``, ``bwrap`` or
    ``none`` (see `autograder.sandbox`); limits: an `autograder.sandbox.Limits` (default: its defaults).
    Raises `CourseError` when ``bwrap`` is asked for and cannot run.
    """
    import nbformat

    from . import sandbox as sandboxing
    from .kernels import default_mode, imported_modules

    try:
        sandbox_kind, sandbox_warning = sandboxing.resolve(sandbox)
    except sandboxing.SandboxError as error:
        raise CourseError(str(error)) from None
    limits = limits or sandboxing.Limits()

    source = course.source_dir / assignment
    with tempfile.TemporaryDirectory(prefix="autograder-bundle-") as temp:
        db = Path(temp) / "gradebook.db"
        generate_assignment(course, assignment, temp, db_url=f"sqlite:///{db}")
        gradebook = db.read_bytes()
    files = {path.relative_to(source).as_posix(): path.read_bytes() for path in sorted(source.rglob("*"))
             if path.is_file() and not _ignored(path.relative_to(source))}
    config = course.grading_config()
    if cell_timeout is not None:
        config.setdefault("Execute", {})["timeout"] = int(cell_timeout)
    modules, grade_cells = set(), {}
    for name in course.notebooks(assignment):
        notebook = nbformat.read(source / f"{name}.ipynb", as_version=4)
        modules.update(imported_modules(notebook))
        grade_cells[name] = _grade_cells(notebook)
    return CourseBundle(
        course_id=course.course_id, assignment=assignment, notebooks=tuple(course.notebooks(assignment)),
        source_files=files, gradebook=gradebook, grade_cells=grade_cells, config=config,
        notebook_timeout=notebook_timeout, kernel_mode=kernel_mode or default_mode(),
        kernel_modules=tuple(sorted(modules)), sandbox=sandbox_kind, sandbox_warning=sandbox_warning,
        sandbox_readable=sandboxing.readable_paths(modules, extra=course.data_folders(), hidden=[course.root]),
        limits=limits.as_dict())


def _grade_cells(notebook):
    """((grade id, points), ...) of a source notebook's graded cells, in notebook order."""
    return tuple((cell.metadata.nbgrader["grade_id"], float(cell.metadata.nbgrader.get("points", 0)))
                 for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade"))


def _ignored(relative):
    """Files nbgrader itself never copies (checkpoints, caches)."""
    return any(part in (".ipynb_checkpoints", "__pycache__") for part in relative.parts) \
        or relative.suffix == ".pyc"
