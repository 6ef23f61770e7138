"""Grading on a Dask cluster: a real ``dask scheduler`` and a ``dask worker`` with two worker processes,
started here as separate OS processes on loopback, must give exactly the local executor's grades,
feedback files and problem list, also when a worker process is killed (SIGKILL) while it grades.
"""

import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

try:
    import distributed
except ImportError:  # CI installs it (the test extra); a developer machine without it skips
    if os.environ.get("CI"):
        raise
    pytest.skip("Dask is not installed: pip install 'dask[distributed]'", allow_module_level=True)

from autograder import demo  # noqa: E402
from autograder import executors  # noqa: E402
from autograder.course import Course  # noqa: E402
from autograder.grade import grade  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Course(ROOT / "tests" / "fixtures" / "grading")
ASSIGNMENT = "ps0_numpy"
DASK = Path(sys.executable).parent / "dask"
TABLES = ("grades.csv", "grades_detail.csv", "problems.csv")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process):
    """Stop a process group started here: SIGTERM, then SIGKILL."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """(address, a client) of a scheduler and one `dask worker` with two single-threaded processes."""
    folder = tmp_path_factory.mktemp("cluster")
    address = f"tcp://127.0.0.1:{free_port()}"
    env = dict(os.environ, DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="1")
    common = dict(cwd=folder, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                  stderr=open(folder / "log.txt", "w"))
    scheduler = subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                  "--no-dashboard", "--no-show"], **common)
    workers = None
    try:
        workers = subprocess.Popen([str(DASK), "worker", address, "--nworkers", "2", "--nthreads", "1",
                                    "--host", "127.0.0.1", "--no-dashboard", "--name", "loopback"], **common)
        client = distributed.Client(address, timeout=60, set_as_default=False)
        client.wait_for_workers(2, timeout=120)
        yield address, client
        client.close()
    finally:
        for process in (workers, scheduler):
            if process is not None:
                stop(process)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The demo class, graded with the local process pool."""
    folder = tmp_path_factory.mktemp("local")
    expected = demo.build_class(FIXTURE, ASSIGNMENT, folder)
    grade(FIXTURE, folder / "submissions", folder / "graded", workers=2, progress=False)
    return folder / "submissions", folder / "graded", expected


def files(out):
    """What a grading run leaves for people: the tables and every feedback file."""
    found = {name: (out / name).read_bytes() for name in TABLES}
    found.update({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted((out / "feedback").rglob("*"))
                  if p.is_file()})
    return found


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def cli_grade(submissions, out, scheduler):
    return subprocess.Popen([sys.executable, "-m", "autograder", "--course", str(FIXTURE.root), "grade",
                             str(submissions), "--out", str(out), "--scheduler", scheduler, "--no-progress",
                             "--no-report"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def check_same_as_local(out, reference_out, expected):
    assert files(out) == files(reference_out), "the same grades, feedback files and problems as the local pool"
    graded = {r["student_id"]: float(r["score"]) for r in read_csv(out / "grades.csv")}
    assert graded == expected
    ledger = sorted(p.stem for p in (out / ".autograder" / ASSIGNMENT).glob("*.json"))
    assert ledger == sorted(expected), "one record per student: nothing lost"
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{out / 'gradebook.db'}", FIXTURE.course_id) as gb:
        submissions = gb.find_assignment(ASSIGNMENT).submissions
        assert sorted(s.student.id for s in submissions) == sorted(expected), "one submission per student"


def test_an_external_cluster_grades_exactly_like_the_local_pool(cluster, reference, tmp_path):
    address, client = cluster
    submissions, reference_out, expected = reference
    run = cli_grade(submissions, tmp_path / "graded", address)
    stdout, stderr = run.communicate(timeout=300)
    assert run.returncode == 0, stderr
    check_same_as_local(tmp_path / "graded", reference_out, expected)
    assert "2 worker(s) of the Dask scheduler" in stderr and "bubblewrap" in stderr, "each worker says its sandbox"
    assert "workers:  2 worker(s) of the Dask scheduler" in stdout
    names = {r["worker"] for r in read_csv(tmp_path / "graded" / "graded_by.csv")}
    assert names and names <= {"loopback-0", "loopback-1"}, f"the report names the Dask worker: {names}"
    rerun = cli_grade(submissions, tmp_path / "graded", address)
    stdout, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0 and "0 submission(s) graded, 5 already graded" in stdout, stdout + stderr


def executing(client):
    """{pid: jobs running} of the cluster's worker processes."""
    return dict(client.run(lambda dask_worker: (os.getpid(), dask_worker.state.executing_count)).values())


def test_a_worker_killed_while_grading_loses_nothing(cluster, reference, tmp_path):
    address, client = cluster
    submissions, reference_out, expected = reference
    out = tmp_path / "graded"
    run = cli_grade(submissions, out, address)
    killed, deadline = None, time.monotonic() + 120
    while killed is None and time.monotonic() < deadline and run.poll() is None:
        busy = [pid for pid, jobs in executing(client).items() if jobs]
        if busy:  # a job is running there: kill its worker process outright
            os.kill(busy[0], signal.SIGKILL)
            killed = busy[0]
        time.sleep(0.05)
    stdout, stderr = run.communicate(timeout=300)
    assert killed, "a worker was killed while it graded"
    assert run.returncode == 0, stderr
    check_same_as_local(out, reference_out, expected)
    assert "5 submission(s) graded, 0 already graded" in stdout, "each submission recorded exactly once"
    client.wait_for_workers(2, timeout=120)  # the nanny restarts the killed worker process


def dies(marker=None):
    """Code for a job (builtin exec: the workers need nothing of this module) that kills its worker
    process: always, or with `marker` only the first time."""
    return ("import os, pathlib\n"
            f"marker = pathlib.Path({str(marker)!r}) if {marker is not None} else None\n"
            "if marker is None or not marker.exists():\n"
            "    marker and marker.touch()\n"
            "    os._exit(1)\n")


def test_a_job_that_kills_its_worker_twice_is_a_crash_and_other_workers_must_match(cluster, tmp_path, monkeypatch):
    address, client = cluster
    client.wait_for_workers(2, timeout=120)
    executor = executors.DaskExecutor(scheduler=address)
    try:
        assert executor.submit(exec, dies(tmp_path / "died-once")).result(timeout=120) is None, \
            "a job whose worker died once runs again on another worker"
        with pytest.raises(executors.WorkerCrashed, match="died 2 times"):
            executor.submit(exec, dies()).result(timeout=120)
    finally:
        executor.shutdown()
    client.wait_for_workers(2, timeout=120)
    monkeypatch.setattr(executors, "code_version", lambda: "0.0.0+other")
    with pytest.raises(executors.ExecutorLost, match=r"loopback-0 .* runs autograder/dlcourse 0\.1\.0\+"):
        executors.DaskExecutor(scheduler=address)


def test_a_lost_scheduler_ends_the_run_clearly_and_keeps_what_was_graded(reference, tmp_path):
    """A scheduler of its own (the module's cluster stays up), killed after the first result."""
    submissions, _, expected = reference
    address = f"tcp://127.0.0.1:{free_port()}"
    common = dict(cwd=tmp_path, start_new_session=True, stdout=subprocess.DEVNULL,
                  stderr=open(tmp_path / "log.txt", "w"))
    scheduler = subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                  "--no-dashboard", "--no-show"], **common)
    workers = subprocess.Popen([str(DASK), "worker", address, "--nworkers", "1", "--nthreads", "1",
                                "--host", "127.0.0.1", "--no-dashboard"], **common)
    try:
        out = tmp_path / "graded"
        run = cli_grade(submissions, out, address)
        deadline = time.monotonic() + 180
        while not list(out.glob(".autograder/*/*.json")) and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.05)
        os.killpg(scheduler.pid, signal.SIGKILL)
        stdout, stderr = run.communicate(timeout=120)
    finally:
        for process in (workers, scheduler):
            stop(process)
    done = sorted(p.stem for p in out.glob(".autograder/*/*.json"))
    assert run.returncode == 2, stdout + stderr
    assert "connection to the Dask scheduler was lost" in stderr and "resume" in stderr, stderr
    assert 1 <= len(done) < len(expected), "the first result is kept, the rest were in flight"
    assert sorted(r["student_id"] for r in read_csv(out / "grades.csv")) == done, "the tables follow the ledger"
