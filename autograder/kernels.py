"""Fresh kernels, ready before they are needed: one per notebook, never one kernel for two students.

Starting a Python kernel and importing numpy and matplotlib costs about 1.5 s of CPU per notebook,
often more than grading it. A grading worker therefore keeps one spare kernel: while a notebook is
being graded, the kernel for the next one is already starting. Three ways to get that kernel:

``fork``      (Linux) a small fork server, ``autograder._zygote``, imports ipykernel and the modules
              the assignment imports once; each kernel is a fresh fork of it (about 0.15 s of CPU,
              memory mostly shared). The server never runs student code, so kernels share nothing but pristine
              imported modules.
``prestart``  a normal kernel process, started in the background and warmed by importing the same
              modules silently (the imports leave no names behind). Works everywhere.
``plain``     nbgrader's own behaviour: the kernel is started when the notebook is executed.

`WarmExecute` is nbgrader's ``Execute`` preprocessor taking its kernel from the pool; it also
enforces a whole-notebook time limit (the kernel is killed) and records why a notebook failed.
"""

import ast
import glob
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time

from jupyter_client import AsyncKernelManager, BlockingKernelClient
from jupyter_client.provisioning import LocalProvisioner
from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async, run_hook
from nbgrader.preprocessors import Execute

KERNEL_MODES = ("fork", "prestart", "plain")


def default_mode():
    """``fork`` on Linux (safe after numpy and matplotlib imports), else ``prestart``."""
    return "fork" if sys.platform.startswith("linux") else "prestart"


def imported_modules(notebook):
    """Top-level modules imported by the code cells of `notebook` (a NotebookNode), sorted.

    Cells that do not parse (IPython magics, student syntax errors) are skipped.
    """
    modules = set()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module)
    return sorted(modules)


def kernel_environment():
    """The environment grading kernels run in: nbgrader's marker, inline plots, one BLAS thread.

    Workers run one kernel per core, so numpy's BLAS must not start a thread per core in each.
    """
    env = dict(os.environ)
    env["NBGRADER_EXECUTION"] = "autograde"
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(name, "1")
    bin_dir = os.path.dirname(sys.executable)
    if bin_dir not in env.get("PATH", "").split(os.pathsep):
        env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    return env


class _ForkedProcess:
    """The part of ``subprocess.Popen`` that jupyter_client uses, for a kernel forked by the zygote.

    The kernel is the zygote's child, not ours: liveness is checked with signal 0.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid):
        self.pid = pid
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("kernel", timeout)
            time.sleep(0.01)
        return self.returncode

    def send_signal(self, signum):
        os.kill(self.pid, signum)

    def kill(self):
        self.send_signal(signal.SIGKILL)

    def terminate(self):
        self.send_signal(signal.SIGTERM)


class _Zygote:
    """The worker's handle on its fork server."""

    def __init__(self, modules, env, cwd):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "autograder._zygote", *modules],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env, cwd=cwd, text=True)
        self.lock = threading.Lock()

    def fork(self, connection_file, cwd, log):
        with self.lock:
            request = {"connection_file": connection_file, "cwd": cwd, "log": log}
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the kernel fork server has exited")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"the kernel fork server could not fork: {reply['error']}")
        return reply["pid"]

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()  # the zygote kills its kernels and exits
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()


class ForkProvisioner(LocalProvisioner):
    """Launches the kernel by asking the zygote for a fork instead of starting a new process."""

    zygote = None  # set on the instance before launch
    log = os.devnull  # where the kernel's own stdout and stderr go

    async def launch_kernel(self, cmd, **kwargs):
        pid = self.zygote.fork(self.parent.connection_file, kwargs.get("cwd") or os.getcwd(), self.log)
        self.process = _ForkedProcess(pid)
        self.pid = self.pgid = pid
        self.cwd = kwargs.get("cwd")
        return self.connection_info


# Run in a kernel when it is handed to a notebook: move it to the notebook's folder, and if a preloaded
# module already imported matplotlib's inline backend (before the kernel's shell existed), hook the
# backend into the shell as its import would have done, so that figures are still shown.
_HANDOVER = """\
import os as _os, sys as _sys
_os.chdir({cwd!r})
if "matplotlib_inline.backend_inline" in _sys.modules:
    import matplotlib as _mpl
    from matplotlib_inline.backend_inline import configure_inline_support as _configure
    if _mpl.get_backend() == "module://matplotlib_inline.backend_inline":
        _configure(get_ipython(), _mpl.get_backend())
    del _mpl, _configure
del _os, _sys
"""


def _kill(provisioner):
    """Kill a kernel and the processes it started (its process group), at once."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(provisioner.pgid or provisioner.pid, signal.SIGKILL)
        else:  # Windows
            provisioner.process.kill()
    except OSError:
        pass


class _Kernel:
    """A started kernel: its manager, a client for setting it up, the warm-up request, its log."""

    def __init__(self, km, client, warm_up, log):
        self.km, self.client, self.warm_up, self.log = km, client, warm_up, log


class KernelPool:
    """Hands out fresh, pre-started kernels, one per notebook, keeping the next one starting.

    mode: ``fork``, ``prestart`` or ``plain`` (see the module docstring); modules: what to import
    before a kernel is handed out; cwd: where kernels start (each notebook then moves the kernel
    to its own folder) and where their sockets and logs live.
    """

    def __init__(self, mode, modules, cwd, startup_timeout=60):
        if mode not in KERNEL_MODES:
            raise ValueError(f"kernel mode must be one of {KERNEL_MODES}, got {mode!r}")
        self.mode = mode
        self.modules = list(modules)
        self.cwd = cwd
        self.startup_timeout = startup_timeout
        self.env = kernel_environment()
        self.zygote = _Zygote(self.modules, self.env, cwd) if mode == "fork" else None
        self._handed_out = set()  # kernel managers given to notebooks and not discarded yet
        self._spare = self._start() if mode != "plain" else None

    def _start(self):
        """Start a kernel and queue its warm-up, without waiting for either."""
        km = AsyncKernelManager(kernel_name="python3")
        name = "kernel-" + os.urandom(6).hex()
        if os.name == "posix":  # Unix sockets: no TCP port to race for with the other workers' kernels
            km.transport, km.ip = "ipc", os.path.join(self.cwd, name)
        log = os.path.join(self.cwd, name + ".log")
        if self.mode == "fork":
            km.kernel_id = os.urandom(16).hex()
            km.provisioner = ForkProvisioner(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)
            km.provisioner.zygote, km.provisioner.log = self.zygote, log
        with open(log, "wb") as output:
            run_sync(km.start_kernel)(cwd=self.cwd, env=self.env, stdout=output, stderr=subprocess.STDOUT,
                                      extra_arguments=["--HistoryManager.hist_file=:memory:"])
        client = BlockingKernelClient(**km.get_connection_info(session=True))
        client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        warm_up = None
        if self.mode == "prestart":  # a forked kernel has these modules already
            warm_up = client.execute("import importlib as _il\n"
                                     f"for _m in {self.modules!r}:\n"
                                     "    try:\n        _il.import_module(_m)\n"
                                     "    except Exception:\n        pass\n"
                                     "del _il, _m\n", silent=True, store_history=False)
        return _Kernel(km, client, warm_up, log)

    def _wait(self, kernel, msg_id):
        """The kernel's reply to `msg_id`; RuntimeError if the kernel dies or never answers."""
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            try:
                reply = kernel.client.get_shell_msg(timeout=0.5)
            except queue.Empty:
                if not run_sync(kernel.km.is_alive)():
                    raise RuntimeError(f"the kernel died while starting: {self._log_tail(kernel)}") from None
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply
        raise RuntimeError(f"the kernel did not start in {self.startup_timeout} s: {self._log_tail(kernel)}")

    @staticmethod
    def _log_tail(kernel):
        try:
            with open(kernel.log, errors="replace") as log:
                return " | ".join(log.read().strip().splitlines()[-3:]) or "(no output)"
        except OSError:
            return "(no log)"

    def take(self, cwd):
        """A ready kernel manager whose kernel runs in `cwd`, or None in ``plain`` mode.

        The caller owns it and must give it back to `discard`. A spare kernel that died or hangs
        is replaced once by a new one before giving up.
        """
        if self.mode == "plain":
            return None
        for attempt in (1, 2):
            kernel, self._spare = self._spare, None
            try:
                if kernel.warm_up is not None:
                    self._wait(kernel, kernel.warm_up)
                handover = kernel.client.execute(_HANDOVER.format(cwd=cwd), silent=True, store_history=False)
                reply = self._wait(kernel, handover)
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"could not prepare the kernel: {reply['content'].get('evalue')}")
            except RuntimeError:
                self._discard(kernel)
                if attempt == 2:
                    raise
            else:
                kernel.client.stop_channels()
                self._handed_out.add(kernel.km)
                return kernel.km
            finally:
                self._spare = self._start()

    def discard(self, km):
        """Kill a kernel handed out by `take` (and everything it started), without waiting.

        Plain system calls, no asyncio: this also runs after a Ctrl-C interrupted an event loop.
        """
        if km is None:
            return
        self._handed_out.discard(km)
        provisioner = km.provisioner
        if provisioner is not None and provisioner.pid:
            _kill(provisioner)
            if isinstance(provisioner.process, subprocess.Popen):
                try:
                    provisioner.process.wait(timeout=5)  # our child: reap it
                except subprocess.TimeoutExpired:
                    pass
        km._close_control_socket()
        km.cleanup_connection_file()
        if km.transport == "ipc":
            for path in glob.glob(glob.escape(km.ip) + "*"):  # the sockets and the log
                try:
                    os.remove(path)
                except OSError:
                    pass

    def _discard(self, kernel):
        kernel.client.stop_channels()
        self.discard(kernel.km)

    def kill_all(self):
        """Kill every kernel of this pool at once, with signals only (for a worker being terminated)."""
        for km in list(self._handed_out) + ([self._spare.km] if self._spare else []):
            if km.provisioner is not None and km.provisioner.pid:
                _kill(km.provisioner)

    def close(self):
        spare, self._spare = self._spare, None
        if spare is not None:
            self._discard(spare)
        if self.zygote is not None:
            self.zygote.close()


class WarmExecute(Execute):
    """nbgrader's ``Execute``, with the kernel taken from the worker's `KernelPool`.

    Also kills the kernel when the whole notebook runs longer than `notebook_timeout` seconds, and
    records in `report` why execution stopped (``timeout``, ``unresponsive`` or ``kernel_died``, and
    the cell).
    """

    pool = None  # the worker's KernelPool; None: nbgrader starts its own kernel
    notebook_timeout = None  # seconds for the whole notebook; None: no limit
    report = {}  # filled in for the job that is running

    def preprocess(self, nb, resources=None, km=None):
        pool = type(self).pool
        km = pool.take(resources["metadata"]["path"]) if pool is not None else None
        watchdog = None
        if type(self).notebook_timeout:
            watchdog = threading.Timer(type(self).notebook_timeout, self._kill, args=(km,))
            watchdog.daemon = True
            watchdog.start()
        try:
            return super().preprocess(nb, resources, km=km)
        except DeadKernelError:
            type(self).report.setdefault("failure", "kernel_died")
            raise
        except CellTimeoutError:  # the cell kept running after the interrupt
            type(self).report.setdefault("failure", "unresponsive")
            raise
        finally:
            if watchdog is not None:
                watchdog.cancel()
            if km is not None:
                if self.kc is not None:
                    self.kc.stop_channels()
                    self.kc = None
                pool.discard(km)

    async def async_start_new_kernel_client(self):
        """Connect to a kernel from the pool without nbclient's fixed 0.2 s of waiting for silence.

        Ready means: a kernel_info request was answered on the shell channel *and* its status
        messages arrived on IOPub, so no output of the first cell can be lost.
        """
        if type(self).pool is None:
            return await super().async_start_new_kernel_client()
        self.kc = self.km.client()
        await ensure_async(self.kc.start_channels())
        deadline = time.monotonic() + self.startup_timeout
        while not await self._iopub_answers(deadline):
            if time.monotonic() > deadline:
                raise RuntimeError("the kernel did not answer on IOPub")
        self.kc.allow_stdin = False
        await run_hook(self.on_notebook_start, notebook=self.nb)
        return self.kc

    start_new_kernel_client = run_sync(async_start_new_kernel_client)  # nbclient binds the async one

    async def _iopub_answers(self, deadline):
        msg_id = self.kc.kernel_info()
        while True:
            reply = await self.kc.get_shell_msg(timeout=max(deadline - time.monotonic(), 0.01))
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        try:
            while True:
                msg = await self.kc.get_iopub_msg(timeout=0.05)
                if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                        and msg["content"]["execution_state"] == "idle"):
                    return True
        except queue.Empty:
            return False

    def preprocess_cell(self, cell, resources, index):
        type(self).report["cell"] = cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"
        return super().preprocess_cell(cell, resources, index)

    def _kill(self, km):
        """The notebook ran out of time: kill its kernel (nbclient then reports a dead kernel)."""
        type(self).report["failure"] = "timeout"
        km = km or self.km
        if km is not None and km.provisioner is not None and km.provisioner.pid:
            _kill(km.provisioner)
