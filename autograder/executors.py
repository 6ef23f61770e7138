"""Where the grading jobs run: the local process pool (the default) or a Dask cluster.

``python -m autograder grade SUB --out OUT --executor dask [--scheduler tcp://HOST:PORT]`` runs the
same self-contained job (`autograder.job.grade_submission`: the course bundle and one submission's
bytes in, plain data out) on the workers of a Dask ``distributed`` cluster: a ``LocalCluster`` on
this machine without ``--scheduler``, else the workers of that scheduler. The coordinator alone
writes the gradebook and ``OUT``, as each result arrives (see `autograder.grade`).

`DaskExecutor` is a `concurrent.futures.Executor`, so the coordinator's loop is the same for both:

- before any job, every worker says its name, its code version (the ``dlcourse`` distribution's
  version and a digest of the ``dlcourse`` and ``autograder`` sources) and whether bubblewrap works
  there; a worker with other code, or without the sandbox the bundle asks for, ends the run with a
  message naming it (it is never silently used). A worker that joins later is checked by the job
  itself, with the same result;
- the course bundle is sent once to every worker (``scatter``), each job carries only the submission;
- a worker process that dies while grading has its job run again on another worker; a job whose
  worker dies twice fails with `WorkerCrashed` (the scheduler's ``allowed-failures`` is set to 1)
  and the submission is recorded as a crash, never retried forever;
- a lost connection to the scheduler fails every pending job with `ExecutorLost`: the coordinator
  stops, keeping everything recorded so far (the next run resumes from the ledger).
"""

import concurrent.futures
import functools
import hashlib
import os
import socket
import sys
import threading
from pathlib import Path

from .course import CourseError

EXECUTORS = ("local", "dask")
ALLOWED_FAILURES = 1  # worker deaths a job survives: the second one makes it a crash


class ExecutorLost(CourseError):
    """The cluster cannot run the jobs any more (lost scheduler, a worker that must not be used)."""


class WorkerCrashed(Exception):
    """The worker process running the job died, on every worker that tried it."""


class _UnfitWorker(Exception):
    """Raised by a job on a worker whose code or sandbox differs from the coordinator's."""


@functools.lru_cache(maxsize=None)
def code_version():
    """``<dlcourse version>+<digest of the dlcourse and autograder sources>``: equal code, equal grades."""
    from importlib import metadata

    try:
        version = metadata.version("dlcourse")
    except metadata.PackageNotFoundError:
        version = "unknown"
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]
    for package in ("autograder", "dlcourse"):
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{version}+{digest.hexdigest()[:12]}"


def worker_info(dask_worker=None):
    """What a worker says about itself (run on every worker before the jobs)."""
    from .sandbox import bwrap_problem

    name = dask_worker.name if dask_worker is not None else None
    return {"name": str(name) if name is not None else (dask_worker.address if dask_worker else ""),
            "host": socket.gethostname(), "pid": os.getpid(), "version": code_version(),
            "python": sys.version.split()[0], "bwrap": bwrap_problem() or "available"}


def _run_job(expected_version, fn, *args):
    """The task a Dask worker runs: check this worker, then the job itself."""
    from .sandbox import bwrap_problem

    here = code_version()
    if here != expected_version:
        raise _UnfitWorker(f"runs autograder/dlcourse {here}, the coordinator {expected_version}")
    bundle = args[0] if args else None
    if getattr(bundle, "sandbox", None) == "bwrap" and bwrap_problem():
        raise _UnfitWorker(f"cannot sandbox kernels: {bwrap_problem()}")
    return fn(*args)


def _set_allowed_failures(value, dask_scheduler=None):
    dask_scheduler.allowed_failures = value


class DaskExecutor(concurrent.futures.Executor):
    """The jobs on a Dask cluster: `scheduler` (an address), `client` (a connected ``distributed.Client``,
    e.g. Dask Gateway's, left open at the end) or a new ``LocalCluster`` of `workers`."""

    def __init__(self, scheduler=None, workers=None, sandbox_kinds=(), timeout=30, client=None):
        try:
            import dask
            import distributed
        except ImportError:
            raise CourseError("--executor dask needs Dask: pip install 'dask[distributed]'") from None
        self.cluster = None
        self._lock = threading.Lock()
        self._pending = {}  # concurrent future -> distributed future
        self._bundles = {}  # bundle key -> its copy on the workers (sent once, not with every job)
        self._closed = False
        self.version = code_version()
        self._own_client = client is None
        with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
            try:
                if client is not None:
                    self.client = client
                elif scheduler:
                    self.client = distributed.Client(scheduler, timeout=timeout, set_as_default=False)
                else:
                    import logging

                    self.cluster = distributed.LocalCluster(
                        n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=None,
                        silence_logs=logging.ERROR)
                    self.client = distributed.Client(self.cluster, set_as_default=False)
            except (OSError, TimeoutError) as error:
                if self.cluster is not None:
                    self.cluster.close()
                raise CourseError(f"cannot reach the Dask scheduler {scheduler}: {error}") from None
        try:
            self.client.run_on_scheduler(_set_allowed_failures, ALLOWED_FAILURES)
            if self.cluster is None:
                try:
                    self.client.wait_for_workers(1, timeout=timeout)
                except TimeoutError:
                    raise CourseError(f"the Dask scheduler {self.client.scheduler.address} has no workers "
                                      f"(waited {timeout} s): start some with `dask worker ADDRESS`") from None
            self.workers = self._check_workers(sandbox_kinds)
        except BaseException:
            self._close()
            raise
        self._watch = threading.Thread(target=self._watch_connection, daemon=True, name="dask-watch")
        self._watch.start()

    def _check_workers(self, sandbox_kinds):
        """{address: info} of the workers; `ExecutorLost` names those that must not grade."""
        infos = self.client.run(worker_info)
        unfit = []
        for address, info in sorted(infos.items()):
            if info["version"] != self.version:
                unfit.append(f"{info['name']} ({address}) runs autograder/dlcourse {info['version']}, "
                             f"the coordinator {self.version}: install the same version on it")
            if "bwrap" in sandbox_kinds and info["bwrap"] != "available":
                unfit.append(f"{info['name']} ({address}) cannot sandbox kernels: {info['bwrap']} "
                             "(install bubblewrap there, or grade with --sandbox none)")
        if unfit:
            raise ExecutorLost("Dask workers that must not grade:\n  " + "\n  ".join(unfit))
        return infos

    def describe(self):
        """One line per worker: its name, host, code version and sandbox."""
        where = "a local Dask cluster" if self.cluster else f"the Dask scheduler {self.client.scheduler.address}"
        lines = [f"{len(self.workers)} worker(s) of {where}:"]
        for address, info in sorted(self.workers.items()):
            lines.append(f"  {info['name']} on {info['host']} (pid {info['pid']}): autograder {info['version']}, "
                         f"bubblewrap {info['bwrap']}")
        return "\n".join(lines)

    @property
    def worker_count(self):
        return len(self.workers)

    def submit(self, fn, /, *args, **kwargs):
        future = concurrent.futures.Future()
        future.set_running_or_notify_cancel()
        with self._lock:
            if self._closed:
                raise RuntimeError("the executor is shut down")
            args = [self._shared(arg) for arg in args]
            remote = self.client.submit(_run_job, self.version, fn, *args, pure=False, **kwargs)
            self._pending[future] = remote
        remote.add_done_callback(functools.partial(self._done, future))
        return future

    def _shared(self, arg):
        """A `CourseBundle` goes to every worker once (a worker that joins later copies it from a peer)."""
        from .course import CourseBundle

        if not isinstance(arg, CourseBundle):
            return arg
        if arg.key not in self._bundles:
            self._bundles[arg.key] = self.client.scatter(arg, broadcast=True, hash=False)
        return self._bundles[arg.key]

    def _done(self, future, remote):
        with self._lock:
            if self._pending.pop(future, None) is None:
                return  # already failed (lost connection) or cancelled
        try:
            if remote.status == "finished":
                result = remote.result()
            elif remote.status == "cancelled":
                raise self._lost()
            else:
                error = remote.exception()
                if type(error).__name__ == "KilledWorker":
                    raise WorkerCrashed(f"the grading worker process died {ALLOWED_FAILURES + 1} times while "
                                        "running this submission (out of memory, or killed)")
                if isinstance(error, _UnfitWorker) or type(error).__name__ == "_UnfitWorker":
                    raise ExecutorLost(f"a Dask worker that must not grade: {error}")
                raise error
        except BaseException as error:
            if not future.done():
                future.set_exception(error)
        else:
            if not future.done():
                future.set_result(result)

    def _watch_connection(self):
        """Fail every pending job when the client loses the scheduler for good."""
        import time

        while not self._closed:
            time.sleep(0.5)
            if self.client.status in ("closing", "closed", "connecting") and not self._closed:
                if self.client.status == "connecting":
                    time.sleep(2)  # a short network hiccup reconnects; pending jobs are lost all the same
                self._fail_pending(self._lost())

    def _lost(self):
        import logging

        if not self._closed:  # not our own cancelling at shutdown: quiet distributed's reconnection tracebacks
            logging.getLogger("distributed").setLevel(logging.CRITICAL)
        return ExecutorLost("the connection to the Dask scheduler was lost: what was graded is saved; "
                            "run the same command again to resume")

    def _fail_pending(self, error):
        with self._lock:
            pending, self._pending = self._pending, {}
        for future in pending:
            if not future.done():
                future.set_exception(error)

    def shutdown(self, wait=True, *, cancel_futures=False):
        if self._closed:
            return
        with self._lock:
            pending = list(self._pending.values()) if cancel_futures else []
        if pending:
            try:
                self.client.cancel(pending)
            except Exception:
                pass
        self._close()

    def _close(self):
        self._closed = True
        try:
            if self._own_client:
                self.client.close(timeout=10)
        except Exception:
            pass
        if self.cluster is not None:
            try:
                self.cluster.close(timeout=20)
            except Exception:
                pass
        self._fail_pending(ExecutorLost("the Dask executor was shut down"))


def make_executor(kind, workers, scheduler=None, sandbox_kinds=()):
    """The executor `kind` names (``local`` is the coordinator's own pool: None here)."""
    if kind == "local" and scheduler:
        raise CourseError("--scheduler is the address of a Dask scheduler: it needs --executor dask")
    if kind in (None, "local"):
        return None
    if kind not in EXECUTORS:
        raise CourseError(f"--executor must be one of {EXECUTORS}, got {kind!r}")
    return DaskExecutor(scheduler=scheduler, workers=workers, sandbox_kinds=sandbox_kinds)
