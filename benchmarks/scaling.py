"""Grading on Dask: the same class with the local pool, a Dask LocalCluster and an external cluster.

    python benchmarks/scaling.py [--students 40] [--workers 2] [--course PATH]

Builds one class (the demo students, repeated: see benchmarks/grading.py), grades it three times in
this process with ``autograder.grade.grade`` (``force``: everything graded each time):

1. ``local``: the default process pool of `--workers` processes;
2. ``dask-local``: a ``distributed.LocalCluster`` of `--workers` single-threaded worker processes
   (its start-up is counted);
3. ``dask-external``: a ``dask scheduler`` and a ``dask worker --nworkers N --nthreads 1`` started here
   as separate processes on loopback, beforehand (their start-up is not counted: a real cluster is
   already up).

It prints the wall time of each, the ratio to the local pool, Dask's overhead per job (wall time
times workers, minus the time the jobs themselves took inside the workers, per job, compared with the
local pool's), whether every cell's score is identical, the coordinator's own cost per result (the
gradebook write and the files, timed around `_save`), the bytes a result and a bundle carry, and
the capacity table of docs/scaling.md: classes of 100 to 100,000 students over 2 to 1,024 workers.
"""

import argparse
import csv
import os
import pickle
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from grading import build_class  # noqa: E402

from autograder import grade as grading  # noqa: E402
from autograder.course import Course, ensure_tools_on_path, make_bundle  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "grading"
CLASSES = (100, 1_000, 10_000, 100_000)
WORKERS = (2, 16, 128, 1_024)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_cluster(workers, folder):
    """(address, [processes]) of a scheduler and a `dask worker` of `workers` processes."""
    from distributed import Client

    dask = str(Path(sys.executable).parent / "dask")
    address = f"tcp://127.0.0.1:{free_port()}"
    options = dict(start_new_session=True, stdout=subprocess.DEVNULL, stderr=open(folder / "dask.log", "w"), cwd=folder)
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                   "--no-dashboard", "--no-show"], **options)]
    processes.append(subprocess.Popen([dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1",
                                       "--host", "127.0.0.1", "--no-dashboard", "--name", "bench"], **options))
    with Client(address, timeout=60, set_as_default=False) as client:
        client.wait_for_workers(workers, timeout=180)
    return address, processes


def stop_cluster(processes):
    for process in reversed(processes):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


class SaveTimer:
    """Times the coordinator's `_save` (gradebook write, feedback files, ledger record) in CPU seconds of
    its thread (on a machine whose cores the workers keep busy, wall time would count their share)."""

    def __init__(self):
        self.seconds, self.count, self._save = 0.0, 0, grading._save

    def __call__(self, *args, **kwargs):
        started = time.thread_time()
        try:
            return self._save(*args, **kwargs)
        finally:
            self.seconds += time.thread_time() - started
            self.count += 1


def run(course, submissions, out, workers, **options):
    """(wall s, {(student, cell): score}, job seconds summed in the workers, coordinator s per result)."""
    timer = SaveTimer()
    grading._save = timer
    try:
        started = time.perf_counter()
        grading.grade(course, submissions, out, workers=workers, force=True, progress=False, **options)
        wall = time.perf_counter() - started
    finally:
        grading._save = timer._save
    with open(out / "grades_detail.csv") as f:
        scores = {(r["student_id"], r["grade_id"]): float(r["score"]) for r in csv.DictReader(f)}
    with open(out / "graded_by.csv") as f:
        job_seconds = sum(float(r["seconds"]) for r in csv.DictReader(f))
    return wall, scores, job_seconds, timer.seconds / max(timer.count, 1)


def result_bytes(out):
    """Bytes a result carries back on average: the feedback HTML and the autograded notebook."""
    files = list((out / "feedback").rglob("*.html")) + list((out / "autograded").rglob("*.ipynb"))
    students = len({p.relative_to(out).parts[1] for p in files}) or 1
    return sum(p.stat().st_size for p in files) / students


def hours(seconds):
    if seconds < 3600:
        return f"{seconds / 60:.0f} min" if seconds >= 60 else f"{seconds:.0f} s"
    return f"{seconds / 3600:.1f} h" if seconds < 86400 else f"{seconds / 86400:.1f} d"


def capacity(per_submission, coordinator, start=10.0):
    """Markdown table: wall time of a class over workers; (c) where the coordinator is the limit."""
    lines = ["| students | " + " | ".join(f"{w:,} workers" for w in WORKERS) + " |",
             "|---|" + "---|" * len(WORKERS)]
    for students in CLASSES:
        cells = []
        for workers in WORKERS:
            compute, serial = students * per_submission / workers, students * coordinator
            limited = serial > compute
            cells.append(hours(start + max(compute, serial)) + (" (c)" if limited else ""))
        lines.append(f"| {students:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--course", type=Path, default=FIXTURE)
    parser.add_argument("--assignment", default=None)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    ensure_tools_on_path()
    course = Course(args.course)
    assignment = args.assignment or course.assignments()[0]
    n, w = args.students, args.workers
    results = {}
    with tempfile.TemporaryDirectory(prefix="scaling-bench-") as temp:
        folder = Path(temp)
        submissions = build_class(course, assignment, n, folder)
        print(f"{n} submissions of {assignment} ({course.root}), {w} workers; {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f} at start")
        results["local"] = run(course, submissions, folder / "local", w)
        results["dask-local"] = run(course, submissions, folder / "dask-local", w, executor="dask")
        address, processes = start_cluster(w, folder)
        try:
            results["dask-external"] = run(course, submissions, folder / "dask-external", w, executor="dask",
                                           scheduler=address)
        finally:
            stop_cluster(processes)
        payload = result_bytes(folder / "local")
        bundle = len(pickle.dumps(make_bundle(course, assignment)))
    base_wall, base_scores, base_jobs, _ = results["local"]
    base_overhead = (base_wall * w - base_jobs) / n
    identical = True
    print(f"\n{'executor':14s} {'wall s':>8s} {'ratio':>6s} {'s/job in worker':>16s} {'overhead s/job':>15s} "
          f"{'vs local':>9s} {'coordinator CPU ms/result':>26s}  scores")
    for name, (wall, scores, jobs, coordinator) in results.items():
        overhead = (wall * w - jobs) / n
        same = scores == base_scores
        identical &= same
        print(f"{name:14s} {wall:8.1f} {wall / base_wall:6.2f} {jobs / n:16.2f} {overhead:15.2f} "
              f"{overhead - base_overhead:+9.2f} {coordinator * 1000:26.1f}  {'identical' if same else 'DIFFER'}")
    external = results["dask-external"][0] / base_wall
    print(f"\nexternal cluster / local pool: {external:.2f} (target: within 1.15) -> "
          f"{'met' if external <= 1.15 else 'NOT met'}")
    print(f"a result carries {payload / 1024:.0f} KiB (feedback HTML + autograded notebook); "
          f"a bundle pickles to {bundle / 1024:.0f} KiB and is sent once to each Dask worker")
    per_submission = base_wall * w / n  # worker-seconds per submission on this machine, overhead included
    coordinator = sum(r[3] for r in results.values()) / len(results)
    print(f"\ncapacity: {per_submission:.2f} worker-s per submission, {coordinator * 1000:.0f} ms of coordinator "
          f"per result (serial); (c): the coordinator is the limit (more workers than "
          f"{per_submission / coordinator:.0f} do not help); 10 s start-up added\n")
    print(capacity(per_submission, coordinator))
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
