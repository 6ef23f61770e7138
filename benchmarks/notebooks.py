"""Each solution notebook's run time and peak memory, as a student runs it and as the grader does.

    python benchmarks/notebooks.py [NAME ...]

Runs every notebook of solutions/ (or the ones named) top to bottom on a fresh kernel, twice: as a
student runs it, and with NBGRADER_EXECUTION set as the grader runs it (heavy demos shrink, graded
work does not). Prints the wall time and the kernel's peak resident memory (VmHWM, Linux) of each
run against the course's budgets: 60 s and 1.5 GB on one core (a Binder-sized box), 15 s when graded.
"""

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
BUDGET_SECONDS, BUDGET_GRADED_SECONDS, BUDGET_BYTES = 60.0, 15.0, 1.5 * 2**30


def peak_memory(pid):
    """The peak resident set size of process `pid` in bytes (VmHWM), or None where /proc is missing."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def run(path, graded):
    """(seconds, peak bytes, failing cells) of one execution of the notebook at `path`."""
    notebook = nbformat.read(path, as_version=4)
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["OMP_NUM_THREADS"] = env["OPENBLAS_NUM_THREADS"] = env["MKL_NUM_THREADS"] = "1"  # one core
    if graded:
        env["NBGRADER_EXECUTION"] = "autograde"
    else:
        env.pop("NBGRADER_EXECUTION", None)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    with client.setup_kernel(env=env):
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - started
        peak = peak_memory(client.km.provisioner.process.pid)
    failing = [i for i, c in enumerate(notebook.cells)
               if c.cell_type == "code" and any(o.output_type == "error" for o in c.get("outputs", []))]
    return seconds, peak, failing


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="default: every notebook in solutions/")
    args = parser.parse_args(argv)
    names = args.names or sorted(p.name for p in SOLUTIONS.iterdir() if (p / f"{p.name}.ipynb").is_file())
    print(f"budgets: {BUDGET_SECONDS:.0f} s and {BUDGET_BYTES / 2**30:.1f} GiB per notebook, "
          f"{BUDGET_GRADED_SECONDS:.0f} s when graded; load average {os.getloadavg()[0]:.1f} at start")
    print(f"{'notebook':36} {'student s':>9} {'graded s':>9} {'peak MiB':>9}  verdict")
    all_within = True
    for name in names:
        path = SOLUTIONS / name / f"{name}.ipynb"
        seconds, peak, failing = run(path, graded=False)
        graded_seconds, graded_peak, graded_failing = run(path, graded=True)
        peaks = [p for p in (peak, graded_peak) if p is not None]
        top = max(peaks) if peaks else None
        over = []
        if seconds > BUDGET_SECONDS:
            over.append("too slow")
        if graded_seconds > BUDGET_GRADED_SECONDS:
            over.append("too slow when graded")
        if top is not None and top > BUDGET_BYTES:
            over.append("too much memory")
        if failing or graded_failing:
            over.append(f"failing cells {sorted(set(failing) | set(graded_failing))}")
        all_within &= not over
        memory = f"{top / 2**20:9.0f}" if top is not None else f"{'n/a':>9}"
        print(f"{name:36} {seconds:9.1f} {graded_seconds:9.1f} {memory}  {', '.join(over) or 'within budget'}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0 if all_within else 1


if __name__ == "__main__":
    sys.exit(main())
