"""Helpers for the notebook tests: read, inspect and execute the course's nbgrader notebooks.

    notebook = read(SOLUTIONS / "01_linear_classifiers" / "01_linear_classifiers.ipynb")
    executed = execute(notebook, cwd=..., env={"NBGRADER_EXECUTION": "autograde"}, allow_errors=True)
    for cell in graded_cells(executed): print(grade_id(cell), errors(cell))
"""

import os
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
NOTEBOOKS = ROOT / "notebooks"

_HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[ \t]*\n?", re.S | re.M)


def read(path):
    """The notebook at ``path`` (nbformat 4)."""
    return nbformat.read(str(path), as_version=4)


def nbgrader(cell):
    """The cell's nbgrader metadata ({} for an ordinary cell)."""
    return cell.metadata.get("nbgrader", {})


def grade_id(cell):
    return nbgrader(cell).get("grade_id")


def graded_cells(notebook):
    """The autograded test cells: code cells with grade=True and solution=False."""
    return [c for c in notebook.cells
            if c.cell_type == "code" and nbgrader(c).get("grade") and not nbgrader(c).get("solution")]


def solution_cells(notebook):
    """The cells the students write in (solution=True)."""
    return [c for c in notebook.cells if nbgrader(c).get("solution")]


def strip_hidden_tests(source):
    """``source`` without its ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` blocks."""
    return _HIDDEN.sub("", source)


def errors(cell):
    """[(ename, evalue)] of the error outputs of an executed code cell."""
    return [(o.ename, o.evalue) for o in cell.get("outputs", []) if o.output_type == "error"]


def stream_text(cell, name="stdout"):
    """Everything the executed cell printed on ``name`` (stdout or stderr)."""
    return "".join(o.text for o in cell.get("outputs", []) if o.output_type == "stream" and o.name == name)


def execute(notebook, cwd, env=None, allow_errors=False, timeout=120):
    """Run ``notebook`` (a copy) top to bottom on a fresh python3 kernel; returns the executed copy.

    cwd: the kernel's working directory (the notebook's folder).
    env: variables added to this process's environment for the kernel (e.g. NBGRADER_EXECUTION).
    allow_errors: False raises nbclient's CellExecutionError at the first failing cell.
    """
    notebook = nbformat.from_dict(notebook)
    kernel_env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # the kernel's inline backend
    kernel_env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), kernel_env.get("PATH", "")])
    for threads in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # as the grader runs it:
        kernel_env.setdefault(threads, "1")  # one BLAS thread per kernel, several kernels side by side
    kernel_env.update(env or {})
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", allow_errors=allow_errors,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute(env=kernel_env)
    return notebook
