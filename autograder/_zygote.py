"""The kernel fork server ("zygote") behind ``KernelPool(mode="fork")``.

Run as ``python -m autograder._zygote MODULE ...`` by a grading worker. It imports ipykernel and the
modules the assignment uses (numpy, matplotlib, dlcourse, ...) once, then forks one fresh kernel per
request. A forked kernel starts with those modules already in memory, but it has never run any
student's code: the zygote itself never executes a notebook, so no state passes from one student to
the next.

Protocol, one JSON object per line. Request on stdin: ``{"connection_file": ..., "cwd": ..., "log": ...}``
(the log receives the kernel's own stdout and stderr).
Reply on stdout: ``{"pid": ...}`` or ``{"error": ...}``. When stdin closes (the worker has exited),
the zygote kills the kernels it forked and exits (a forked kernel also exits by itself when the zygote
is gone). Ctrl-C does not stop the zygote: its worker decides.
"""

import json
import os
import signal
import sys


def _preload(modules):
    """Import ipykernel and `modules` now, so that forked kernels do not pay for it."""
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    import ipykernel.debugger  # noqa: F401  (debugpy: a large share of a kernel's start-up)
    import ipykernel.kernelapp  # noqa: F401

    for name in modules:
        try:
            __import__(name)
        except Exception:  # a module the kernel cannot import fails there, visibly, not here
            pass
    # (matplotlib's inline backend is not preloaded: it hooks itself into the IPython shell when it
    # is imported, and there is no shell here; pyplot imports it when the first figure is drawn)


def _undumpable():
    """No other process of the same user may ptrace this one or read its /proc files (its folder,
    its environment, its memory): kernels of one sandbox share a user."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except (OSError, AttributeError):
        pass


def _run_kernel(request):
    """In the forked child: become a fresh kernel session and serve the notebook until shut down."""
    import resource

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel's own subprocesses must be waitable
    signal.signal(signal.SIGINT, signal.default_int_handler)  # interrupting a cell must work
    os.setsid()  # its own process group, so that it (and what it starts) can be interrupted and killed
    _undumpable()
    for which, value in request.get("rlimits", {}).items():  # the kernel's own limits (CPU time: from now)
        which = int(which)
        hard = value + 1 if which == resource.RLIMIT_CPU else value
        try:
            resource.setrlimit(which, (value, hard))
        except (ValueError, OSError):
            resource.setrlimit(which, (value, resource.getrlimit(which)[1]))
    if request.get("folder"):  # HOME, TMPDIR, ... in the kernel's private folder
        home = os.path.join(request["folder"], "home")
        os.environ.update(HOME=home, TMPDIR=home, MPLCONFIGDIR=home, IPYTHONDIR=os.path.join(home, ".ipython"),
                          JUPYTER_RUNTIME_DIR=home, JUPYTER_DATA_DIR=home, XDG_CACHE_HOME=home)
        import tempfile

        tempfile.tempdir = None
    os.chdir(request["cwd"])
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    log = os.open(request.get("log", os.devnull), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    if "numpy" in sys.modules:  # a fresh kernel gets fresh entropy (Python's `random` reseeds itself)
        sys.modules["numpy"].random.seed()
    from ipykernel import kernelapp

    connection_file = request["connection_file"]
    sys.argv = [kernelapp.__file__, "-f", connection_file]
    kernelapp.IPKernelApp.launch_instance(argv=[
        "-f", connection_file, "--HistoryManager.hist_file=:memory:",
        f"--IPKernelApp.parent_handle={os.getppid()}"])  # the kernel exits if the zygote goes away
    os._exit(0)


def _is_child(pid):
    """Whether `pid` is still a live child of this process (and not a recycled pid)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[1]) == os.getpid()
    except (OSError, IndexError, ValueError):
        return False


def main(modules):
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # as ipykernel_launcher: the launch directory is not importable
    _undumpable()
    _preload(modules)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # finished kernels are reaped automatically
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the worker's business; EOF stops us
    children = []
    for line in sys.stdin:
        request = json.loads(line)
        try:
            pid = os.fork()
        except OSError as error:
            reply = {"error": str(error)}
        else:
            if pid == 0:
                try:
                    _run_kernel(request)
                finally:
                    os._exit(1)
            children.append(pid)
            reply = {"pid": pid}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    for pid in children:
        if _is_child(pid):
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass


if __name__ == "__main__":
    main(sys.argv[1:])
