"""The sandbox around student kernels, its limits, the fallback without it, the sanitising of
notebooks and the static tamper scan (autograder.sandbox, autograder.integrity, autograder.job)."""

import json
import os
import sys
import time

import nbformat
import pytest

from autograder import sandbox as sandboxing
from autograder.course import CourseError
from autograder.integrity import scan_notebook
from autograder.job import _presanitize
from autograder.kernels import KernelPool

from test_autograder_grade import ASSIGNMENT, FIXTURE, ROOT, perfect, run_job, with_code
from test_autograder_kernels import run, text

LINUX = sys.platform.startswith("linux")
needs_bwrap = pytest.mark.skipif(not LINUX or bool(sandboxing.bwrap_problem()),
                                 reason=f"bubblewrap unusable here: {sandboxing.bwrap_problem() if LINUX else 'not Linux'}")

# What a kernel tells about its confinement, as JSON on one line.
SPY = r"""
import json, os, resource, socket
facts = {"uid": os.getuid(), "home": os.environ.get("HOME"), "env": sorted(os.environ)}
facts["course"] = os.path.exists(%(course)r)
facts["repository"] = sorted(os.listdir(%(repo)r)) if os.path.isdir(%(repo)r) else None
try:
    socket.create_connection(("1.1.1.1", 53), timeout=1)
    facts["network"] = True
except OSError:
    facts["network"] = False
try:
    open("/tmp/x", "w")
    facts["tmp_writable"] = True
except OSError:
    facts["tmp_writable"] = False
open("mine.txt", "w").write("a kernel may write in its own folder")
facts["memory"] = resource.getrlimit(resource.RLIMIT_AS)[0]
facts["cpu"] = resource.getrlimit(resource.RLIMIT_CPU)[0]
facts["pids"] = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
print(json.dumps(facts))
"""


@needs_bwrap
@pytest.mark.parametrize("mode", ["fork", "prestart"])
def test_a_sandboxed_kernel_sees_nothing_it_must_not(mode, tmp_path, monkeypatch):
    monkeypatch.setenv("GRADER_SECRET", "hunter2")
    box = sandboxing.Sandbox("bwrap", sandboxing.readable_paths(["numpy"], hidden=[FIXTURE.root]))
    limits = sandboxing.Limits(memory=2 << 30)
    pool = KernelPool(mode, ["numpy"], str(tmp_path), sandbox=box, limits=limits, cpu_default=99)
    try:
        km = pool.take(str(tmp_path))
        outputs, error = run(km, SPY % {"course": str(FIXTURE.root / "solutions"), "repo": str(ROOT)})
        assert error is None, outputs
        facts = json.loads(text(outputs))
        assert (pool.folder(km) / "work" / "mine.txt").exists()
        pool.discard(km)
    finally:
        pool.close()
        box.close()
    assert facts["course"] is False, "no solutions"
    assert set(facts["repository"] or []) <= {".venv", "autograder", "dlcourse", "data"}, "only packages and data"
    assert facts["network"] is False and facts["tmp_writable"] is False
    if os.geteuid() == 0:
        assert facts["uid"] >= sandboxing.UID_BASE, "an unprivileged user of its own, not root"
    assert "GRADER_SECRET" not in facts["env"] and facts["home"].startswith(str(box.jail))
    assert facts["memory"] == 2 << 30 and facts["cpu"] == 99
    assert max(facts["pids"]) < 50, "its own process namespace"


@needs_bwrap
def test_the_sandbox_costs_little(tmp_path):
    """Kernel hand-out time with and without the sandbox (the figures are in docs/grading-security.md)."""
    timings = {}
    for kind in ("none", "bwrap"):
        box = sandboxing.Sandbox(kind, sandboxing.readable_paths(["numpy"], hidden=[FIXTURE.root]))
        pool = KernelPool("fork", ["numpy"], str(tmp_path), sandbox=box)
        try:
            pool.discard(pool.take(str(tmp_path)))  # warm
            started = time.monotonic()
            for _ in range(3):
                pool.discard(pool.take(str(tmp_path)))
            timings[kind] = (time.monotonic() - started) / 3
        finally:
            pool.close()
            box.close()
    print(f"kernel hand-out: {timings['none']:.3f} s unconfined, {timings['bwrap']:.3f} s sandboxed")
    assert timings["bwrap"] < timings["none"] + 1.0


def test_without_a_sandbox_the_grader_says_so(monkeypatch):
    sandboxing.bwrap_problem.cache_clear()
    monkeypatch.setattr(sandboxing.shutil, "which", lambda name: None)
    try:
        kind, warning = sandboxing.resolve("auto")
        assert kind == "none" and "not installed" in warning and "can read the course" in warning
        with pytest.raises(sandboxing.SandboxError, match="bubblewrap"):
            sandboxing.resolve("bwrap")
        from autograder.course import make_bundle

        with pytest.raises(CourseError, match="--sandbox bwrap"):
            make_bundle(FIXTURE, ASSIGNMENT, sandbox="bwrap")
    finally:
        sandboxing.bwrap_problem.cache_clear()


def test_the_weaker_mode_still_grades_and_warns(tmp_path):
    from autograder import demo
    from autograder.grade import grade

    demo.build_class(FIXTURE, ASSIGNMENT, tmp_path)
    for student in ("partial", "syntax_error", "malformed"):
        import shutil

        shutil.rmtree(tmp_path / "submissions" / student)
    summary = grade(FIXTURE, tmp_path / "submissions", tmp_path / "graded", workers=1, progress=False, sandbox="none")
    assert {row[0]: float(row[3]) for row in summary.grades} == {"perfect": 7.0, "blank": 0.0}
    assert "WARNING: no sandbox" in summary.report() and "NONE" in summary.report()


def test_limits_reach_the_kernel_without_a_sandbox_too():
    result = run_job(with_code(perfect(), "softmax", "hog = bytearray(3 * 2**30)"), sandbox="none",
                     limits=sandboxing.Limits(memory=1 << 30))
    assert result["status"] == "limit" and "out of memory" in result["reason"] and result["score"] == 7


def test_output_is_capped_while_the_code_runs():
    started = time.monotonic()
    result = run_job(with_code(perfect(), "nll", "while True:\n    print('x' * 1000)"), sandbox="none",
                     limits=sandboxing.Limits(output=1 << 20))
    assert time.monotonic() - started < 60
    assert result["status"] == "limit" and "nll" in result["reason"] and result["score"] == 7
    assert len(result["autograded"]) < 2 << 20


def test_presanitize_repairs_what_nbgrader_cannot():
    notebook = perfect()
    copy = nbformat.from_dict(json.loads(json.dumps(notebook.cells[4])))  # the softmax test
    bonus = nbformat.v4.new_code_cell("pass", metadata={"nbgrader": {"grade": True, "grade_id": "bonus", "points": 50}})
    bare = nbformat.v4.new_code_cell("pass", metadata={"nbgrader": {"grade": True}})
    notebook.cells[5:5] = [copy]
    notebook.cells += [bonus, bare]
    ids = {c.metadata["nbgrader"]["grade_id"] for c in perfect().cells if "nbgrader" in c.metadata}
    data, repairs = _presanitize(nbformat.writes(notebook).encode(), ids)
    cleaned = nbformat.reads(data.decode(), as_version=4)
    graded = [c.metadata["nbgrader"]["grade_id"] for c in cleaned.cells if "nbgrader" in c.metadata]
    assert sorted(graded) == sorted(ids), "every id once, nothing unknown"
    assert len(repairs) == 3 and "copy of the cell 'test_softmax'" in repairs[0] and "'bonus'" in repairs[1]
    untouched = nbformat.writes(perfect()).encode()
    assert _presanitize(untouched, ids) == (untouched, [])


HONEST = """
import numpy as np
import matplotlib.pyplot as plt
%matplotlib inline
def softmax(scores):
    shifted = scores - scores.max(axis=1, keepdims=True)
    np.random.seed(0)
    return np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
class Layer:
    def __init__(self):
        self.w = np.zeros(3)
    def __call__(self, x):
        return x @ self.w
"""


@pytest.mark.parametrize("code, evidence", [
    ("np.allclose = lambda *a, **k: True", "replaces np.allclose"),
    ("import numpy\nsetattr(numpy, 'isclose', print)", "setattr() on numpy"),
    ("import builtins\nbuiltins.len = lambda x: 0", "builtins"),
    ("__builtins__.len = None", "__builtins__"),
    ("import sys\nsys.modules['numpy'] = None", "sys.modules"),
    ("get_ipython().input_transformers_cleanup.append(f)", "input transformer"),
    ("ip = get_ipython()\nip.ast_transformers.append(t)", "AST transformer"),
    ("get_ipython().set_custom_exc((AssertionError,), h)", "custom exception"),
    ("class A:\n    def __eq__(self, o):\n        return True", "defines __eq__"),
    ("class A(str):\n    __eq__ = lambda s, o: True", "defines __eq__"),
    ("exec('np.allclose = 1')", "exec"),
    ("f.__code__ = g.__code__", "code object"),
    ("import ctypes", "ctypes"),
    ("np = FakeNumpy()", "rebinds np"),
    ("import gc\ngc.get_referents(float.__dict__)", "garbage collector"),
])
def test_the_static_scan_flags_tampering_and_not_honest_code(code, evidence):
    notebook = perfect()
    notebook.cells[3].source = HONEST  # the softmax answer cell
    assert scan_notebook(notebook) == [], "honest code (magics, seeding, classes) is not flagged"
    notebook.cells[3].source = HONEST + "\n" + code
    found = scan_notebook(notebook)
    assert any(evidence in line for line in found), found
    assert all(line.startswith("softmax, line") for line in found)


def test_locked_instructor_cells_are_not_scanned():
    notebook = perfect()
    notebook.cells[4].source += "\nimport builtins"  # a locked test cell: the instructor's
    assert scan_notebook(notebook) == []
