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
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from jupyter_client import AsyncKernelManager, BlockingKernelClient
from jupyter_client.provisioning import LocalProvisioner
from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async, run_hook
from nbgrader.preprocessors import Execute

from . import sandbox as sandboxing

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
    """The worker's handle on its fork server (inside the worker's sandbox, when there is one).

    A kernel the zygote forks reports its pid inside the sandbox; `fork` returns the pid this process
    sees. A zygote that died (a student's kernel can kill it: same user) is started again.
    """

    def __init__(self, modules, sandbox, rlimits):
        self.modules, self.sandbox, self.rlimits = list(modules), sandbox, rlimits
        self.lock = threading.Lock()
        self.process = None
        self.home = sandbox.kernel_dir()  # the zygote's own HOME (matplotlib's cache, ...)
        self._launch()

    def _launch(self):
        command = self.sandbox.command([sys.executable, "-m", "autograder._zygote", *self.modules],
                                       self.sandbox.jail)
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=self.sandbox.base_env(self.home), cwd=str(self.sandbox.jail), text=True,
            preexec_fn=self.sandbox.preexec(self.rlimits))

    @property
    def sandboxed(self):
        return self.sandbox.kind == "bwrap"

    def fork(self, request):
        with self.lock:
            for attempt in (1, 2):
                try:
                    self.process.stdin.write(json.dumps(request) + "\n")
                    self.process.stdin.flush()
                    line = self.process.stdout.readline()
                except (OSError, ValueError):
                    line = ""
                if line:
                    break
                if attempt == 2:
                    raise RuntimeError("the kernel fork server has exited")
                self._restart()
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"the kernel fork server could not fork: {reply['error']}")
        if not self.sandboxed:
            return reply["pid"]
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            pid = sandboxing.outer_pid(self.process.pid, reply["pid"])
            if pid:
                return pid
            time.sleep(0.005)
        raise RuntimeError("the forked kernel vanished at once")

    def _restart(self):
        self._stop()
        self._launch()

    def keep(self):
        """The pids of the sandbox's own processes (bwrap, its init, the zygote)."""
        pids = {self.process.pid}
        for pid in sandboxing.descendants(self.process.pid):
            if sandboxing.inner_pid(pid) in (1, 2):
                pids.add(pid)
        return pids

    def sweep(self, keep):
        """Kill every process of the sandbox but the zygote's own and `keep`, with their children:
        what a student's kernel left running (a daemon that escaped its process group)."""
        if not self.sandboxed or self.process.poll() is not None:
            return
        keep = set(keep) | self.keep()
        for pid in list(keep):
            keep.update(sandboxing.descendants(pid) if pid not in self.keep() else [])
        for pid in sandboxing.descendants(self.process.pid):
            if pid not in keep:
                sandboxing.kill(pid)

    def _stop(self):
        if self.process.poll() is None:
            try:
                self.process.stdin.close()  # the zygote kills its kernels and exits
            except OSError:
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()

    def close(self):
        self._stop()
        shutil.rmtree(self.home, ignore_errors=True)


class ForkProvisioner(LocalProvisioner):
    """Launches the kernel by asking the zygote for a fork instead of starting a new process."""

    zygote = None  # set on the instance before launch
    folder = None  # the kernel's private folder
    rlimits = {}  # the kernel's own limits, applied in the forked child

    async def launch_kernel(self, cmd, **kwargs):
        connection_file = self.parent.connection_file
        _give_connection_file(self.zygote.sandbox, connection_file)
        pid = self.zygote.fork({"connection_file": connection_file, "cwd": str(self.folder / "work"),
                                "log": str(self.folder / "kernel.log"), "folder": str(self.folder),
                                "rlimits": {str(k): v for k, v in self.rlimits.items()}})
        self.process = _ForkedProcess(pid)
        self.pid = self.pgid = pid
        self.cwd = kwargs.get("cwd")
        return self.connection_info


class SandboxProvisioner(LocalProvisioner):
    """Launches ``python -m ipykernel_launcher`` inside its own sandbox, under the kernel's limits.

    The process jupyter_client holds is bwrap; signals (interrupts) go to the kernel's process group
    inside, killing goes to bwrap, which takes the whole sandbox with it.
    """

    sandbox = None
    folder = None
    rlimits = {}

    async def launch_kernel(self, cmd, **kwargs):
        _give_connection_file(self.sandbox, self.parent.connection_file)
        kwargs["cwd"] = str(self.folder / "work")
        kwargs["preexec_fn"] = self.sandbox.preexec(self.rlimits)
        if self.sandbox.kind == "bwrap":  # its parent is the sandbox's init (pid 1): no parent polling;
            kwargs["independent"] = True  # it dies with the sandbox (bwrap --die-with-parent) instead
        info = await super().launch_kernel(self.sandbox.command(cmd, self.folder), **kwargs)
        if self.sandbox.kind == "bwrap":
            self.sandbox_pid = self.process.pid
            deadline = time.monotonic() + 5
            pid = None
            while pid is None and time.monotonic() < deadline and self.process.poll() is None:
                pid = sandboxing.outer_pid(self.process.pid, 2)  # bwrap's init is 1, the kernel 2
                if pid is None:
                    time.sleep(0.005)
            self.pgid = pid  # the kernel leads its own session (bwrap --new-session)
        return info


def _give_connection_file(sandbox, path):
    """The connection file (written 0600 by jupyter_client) must be readable by the kernel's user."""
    sandbox.give(path)


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
    """Kill a kernel and the processes it started (its process group, or its whole sandbox), at once."""
    sandbox_pid = getattr(provisioner, "sandbox_pid", None)
    if sandbox_pid:  # bwrap: its init dies with it, and every process of the sandbox with the init
        sandboxing.kill(sandbox_pid)
    try:
        if hasattr(os, "killpg"):
            os.killpg(provisioner.pgid or provisioner.pid, signal.SIGKILL)
        else:  # Windows
            provisioner.process.kill()
    except (OSError, TypeError):
        pass


class _Kernel:
    """A started kernel: its manager, a client for setting it up, the warm-up request, its folder."""

    def __init__(self, km, client, warm_up, folder):
        self.km, self.client, self.warm_up, self.folder = km, client, warm_up, folder
        self.log = str(folder / "kernel.log")
        self.baseline = None  # the integrity probe's facts before any student code ran


class KernelPool:
    """Hands out fresh, pre-started kernels, one per notebook, keeping the next one starting.

    mode: ``fork``, ``prestart`` or ``plain`` (see the module docstring); modules: what to import
    before a kernel is handed out; cwd: the worker's own folder; sandbox: a `autograder.sandbox.Sandbox`
    (default: none); limits: `autograder.sandbox.Limits` of each kernel; cpu_default: CPU seconds when
    the limits set none (the notebook's time limit). Every kernel gets its own private folder.
    """

    def __init__(self, mode, modules, cwd, startup_timeout=60, sandbox=None, limits=None, cpu_default=0):
        if mode not in KERNEL_MODES:
            raise ValueError(f"kernel mode must be one of {KERNEL_MODES}, got {mode!r}")
        self.mode = mode
        self.modules = list(modules)
        self.cwd = cwd
        self.startup_timeout = startup_timeout
        self.own_sandbox = sandbox is None
        self.sandbox = sandbox or sandboxing.Sandbox("none", readable=())
        self.limits = limits or sandboxing.Limits()
        sandboxed = self.sandbox.kind == "bwrap"
        self.rlimits = sandboxing.rlimits(self.limits, cpu_default, processes=sandboxed)
        self._infos = {}  # kernel manager -> _Kernel, for the kernels handed out and not discarded yet
        self.zygote = None
        if mode == "fork":
            zygote_limits = {k: v for k, v in self.rlimits.items() if k != sandboxing.resource.RLIMIT_CPU}
            self.zygote = _Zygote(self.modules, self.sandbox, zygote_limits)
        self._spare = self._start() if mode != "plain" else None

    def _start(self):
        """Start a kernel and queue its warm-up, without waiting for either."""
        folder = self.sandbox.kernel_dir()
        km = AsyncKernelManager(kernel_name="python3")
        km.connection_file = str(folder / "kernel.json")
        if os.name == "posix":  # Unix sockets: no TCP port to race for, and they reach into the sandbox
            km.transport, km.ip = "ipc", str(folder / "kernel")
        km.kernel_id = os.urandom(16).hex()
        if self.mode == "fork":
            km.provisioner = ForkProvisioner(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)
            km.provisioner.zygote = self.zygote
        else:
            km.provisioner = SandboxProvisioner(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)
            km.provisioner.sandbox = self.sandbox
        km.provisioner.folder, km.provisioner.rlimits = folder, self.rlimits
        env = self.sandbox.base_env(folder)
        try:
            with open(folder / "kernel.log", "wb") as output:
                self.sandbox.give(folder / "kernel.log")
                run_sync(km.start_kernel)(cwd=str(folder / "work"), env=env, stdout=output,
                                          stderr=subprocess.STDOUT,
                                          extra_arguments=["--HistoryManager.hist_file=:memory:"])
        except Exception:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        client = BlockingKernelClient(**km.get_connection_info(session=True))
        client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        warm_up = None
        if self.mode != "fork":  # a forked kernel has these modules already
            warm_up = client.execute("import importlib as _il\n"
                                     f"for _m in {self.modules!r}:\n"
                                     "    try:\n        _il.import_module(_m)\n"
                                     "    except Exception:\n        pass\n"
                                     "del _il, _m\n", silent=True, store_history=False)
        return _Kernel(km, client, warm_up, folder)

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

    def take(self, source, notebook=None):
        """A ready kernel manager whose kernel runs in its private folder ``work/``, which holds a copy
        of the files of the folder `source` (the assignment's data files; no notebook) and, when given,
        `notebook` = (file name, bytes).

        The caller owns it and must give it back to `discard`. A spare kernel that died or hangs
        is replaced once by a new one before giving up. The kernel's integrity baseline (facts
        gathered before any student code ran, see `autograder.integrity`) is `baseline(km)`.
        """
        from .integrity import PROBE_EXPRESSION, parse_probe

        for attempt in (1, 2):
            kernel, self._spare = self._spare, None
            if kernel is None:  # plain: started now
                kernel = self._start()
            try:
                work = kernel.folder / "work"
                _copy_data_files(source, work)
                if notebook is not None:
                    (work / notebook[0]).write_bytes(notebook[1])
                if kernel.warm_up is not None:
                    self._wait(kernel, kernel.warm_up)
                handover = kernel.client.execute(_HANDOVER.format(cwd=str(work)), silent=True,
                                                 store_history=False,
                                                 user_expressions={"probe": PROBE_EXPRESSION})
                reply = self._wait(kernel, handover)
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"could not prepare the kernel: {reply['content'].get('evalue')}")
                kernel.baseline = parse_probe(reply["content"].get("user_expressions", {}).get("probe"))
            except RuntimeError:
                self._discard(kernel)
                if attempt == 2:
                    raise
            else:
                kernel.client.stop_channels()
                self._infos[kernel.km] = kernel
                return kernel.km
            finally:
                if self.mode != "plain":
                    self._spare = self._start()

    def baseline(self, km):
        kernel = self._infos.get(km)
        return kernel.baseline if kernel else None

    def folder(self, km):
        kernel = self._infos.get(km)
        return kernel.folder if kernel else None

    def discard(self, km):
        """Kill a kernel handed out by `take` (and everything it started), without waiting.

        Plain system calls, no asyncio: this also runs after a Ctrl-C interrupted an event loop.
        """
        if km is None:
            return
        kernel = self._infos.pop(km, None)
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
        if self.zygote is not None:  # what the student's kernel left behind in the shared sandbox
            spare = self._spare.km.provisioner.pid if self._spare is not None else None
            self.zygote.sweep([spare] if spare else [])
        if kernel is not None:
            shutil.rmtree(kernel.folder, ignore_errors=True)

    def _discard(self, kernel):
        kernel.client.stop_channels()
        self._infos[kernel.km] = kernel
        self.discard(kernel.km)

    def kill_all(self):
        """Kill every kernel of this pool at once, with signals only (for a worker being terminated)."""
        for km in list(self._infos) + ([self._spare.km] if self._spare else []):
            if km.provisioner is not None and km.provisioner.pid:
                _kill(km.provisioner)
        if self.zygote is not None and self.zygote.process.poll() is None:
            self.zygote.process.kill()

    def close(self):
        spare, self._spare = self._spare, None
        if spare is not None:
            self._discard(spare)
        if self.zygote is not None:
            self.zygote.close()
        if self.own_sandbox:
            self.sandbox.close()


def _copy_data_files(source, work):
    """The files of `source` a kernel may see: everything but notebooks (and nbgrader's timestamp)."""
    if source is None or not os.path.isdir(source):
        return
    for path in Path(source).iterdir():
        if path.suffix == ".ipynb" or path.name in ("timestamp.txt", ".ipynb_checkpoints"):
            continue
        if path.is_dir():
            shutil.copytree(path, work / path.name, symlinks=False)
        elif path.is_file():
            shutil.copy2(path, work / path.name)


class WarmExecute(Execute):
    """nbgrader's ``Execute``, with the kernel taken from the worker's `KernelPool`.

    Also:
    - kills the kernel when the whole notebook runs longer than `notebook_timeout` seconds;
    - caps the output kept while the code runs (`output_limit` bytes per notebook: then the cell is
      interrupted and the rest of its output dropped; error outputs are always kept);
    - when the kernel dies, hangs or runs out of time, keeps the notebook: the cells that finished
      keep their results, the cell that was running and every graded cell after it get an error
      output, so nbgrader scores what finished and zero for the rest;
    - gathers evidence of tampering (`autograder.integrity`): a scan of the student's cells, and a
      probe of the interpreter before and after every graded cell, compared with the baseline taken
      before any student code ran.
    `report[notebook]` records what happened (``failure``: timeout, unresponsive or kernel_died, the
    ``cell``, ``output_limit``, ``memory``, ``evidence``).
    """

    pool = None  # the worker's KernelPool; None: nbgrader starts its own kernel
    notebook_timeout = None  # seconds for the whole notebook; None: no limit
    output_limit = 0  # bytes of output per notebook; 0: no limit
    report = {}  # notebook name -> what happened, for the job that is running
    logs = None  # the job's log capture (records, mark): nbgrader's warnings tell what it repaired

    def preprocess(self, nb, resources=None, km=None):
        import nbformat

        from .integrity import scan_notebook

        pool = type(self).pool
        name = resources.get("unique_key") or "notebook"
        self._report = type(self).report.setdefault(name, {"evidence": []})
        logs = type(self).logs
        if logs is not None:  # what nbgrader's sanitising of this notebook repaired
            self._report["repairs"] = _repairs(logs.records[logs.mark:])
            logs.mark = len(logs.records)
        self._seen_evidence = set()
        self._last_digest = None  # of the facts of the notebook's previous probe
        self._add_evidence(scan_notebook(nb))
        self._output_bytes, self._output_capped, self._index = 0, False, -1
        km = pool.take(resources["metadata"]["path"], (f"{name}.ipynb", nbformat.writes(nb).encode())) \
            if pool is not None else None
        self._baseline = pool.baseline(km) if pool is not None else None
        watchdog = None
        if type(self).notebook_timeout:
            watchdog = threading.Timer(type(self).notebook_timeout, self._kill, args=(km,))
            watchdog.daemon = True
            watchdog.start()
        try:
            return super().preprocess(nb, resources, km=km)
        except DeadKernelError:
            self._report.setdefault("failure", "kernel_died")
        except CellTimeoutError:  # the cell kept running after the interrupt
            self._report.setdefault("failure", "unresponsive")
        finally:
            if watchdog is not None:
                watchdog.cancel()
            if km is not None:
                if self.kc is not None:
                    self.kc.stop_channels()
                    self.kc = None
                pool.discard(km)
        _mark_unfinished(nb, self._index, self._report)
        return nb, resources

    def _add_evidence(self, lines, where=None):
        for line in lines:
            if line not in self._seen_evidence:
                self._seen_evidence.add(line)
                self._report["evidence"].append(f"{where}: {line}" if where else line)

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
        label = cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"
        self._report["cell"] = label
        self._index = index
        graded = cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade")
        if graded:
            self._probe(f"before {label}")
        result = super().preprocess_cell(cell, resources, index)
        if cell.cell_type == "code" and any(out.get("output_type") == "error" and str(out.get("ename", "")).endswith("MemoryError")
                                            for out in cell.get("outputs", [])):
            self._report.setdefault("memory", label)
        if cell.cell_type == "code" and any(out.get("output_type") == "error" and "File too large" in str(out.get("evalue"))
                                            for out in cell.get("outputs", [])):
            self._report.setdefault("file_size", label)
        if graded:
            self._probe(f"after {label}")
        return result

    def _probe(self, where):
        """Compare the interpreter with its baseline; what changed is evidence.

        The kernel answers only a digest when nothing changed since the previous probe, whose
        evidence is recorded already.
        """
        from .integrity import compare, parse_probe_digest, probe_expression

        if not self._baseline or "error" in self._baseline or self.kc is None:
            return
        msg_id = self.kc.execute("", silent=True, store_history=False,
                                 user_expressions={"probe": probe_expression(self._last_digest)})
        try:
            reply = run_sync(self.async_wait_for_reply)(msg_id)
        except CellTimeoutError:
            self._add_evidence([f"the integrity probe got no answer in {self.timeout} s"], where)
            raise
        digest, facts = parse_probe_digest((reply or {}).get("content", {}).get("user_expressions", {}).get("probe"))
        if facts is None:
            return
        self._last_digest = digest
        self._add_evidence(compare(self._baseline, facts), where)

    def output(self, outs, msg, display_id, cell_index):
        """Keep outputs up to `output_limit` bytes per notebook; then interrupt the cell, drop the rest."""
        limit = type(self).output_limit
        if limit and msg["msg_type"] != "error":
            self._output_bytes += len(json.dumps(msg["content"], default=str))
            if self._output_bytes > limit:
                if not self._output_capped:
                    import asyncio

                    import nbformat

                    self._output_capped = True
                    self._report["output_limit"] = self._report.get("cell")
                    outs.append(nbformat.v4.new_output(
                        "stream", name="stderr",
                        text=f"\n[autograder] output limit reached ({limit} bytes): the rest of the output "
                             "is dropped and the cell interrupted\n"))
                    asyncio.ensure_future(self.km.interrupt_kernel())
                return None
        return super().output(outs, msg, display_id, cell_index)

    def _kill(self, km):
        """The notebook ran out of time: kill its kernel (nbclient then reports a dead kernel)."""
        self._report["failure"] = "timeout"
        km = km or self.km
        if km is not None and km.provisioner is not None and km.provisioner.pid:
            _kill(km.provisioner)


_FAILURES = {"kernel_died": "KernelDied", "unresponsive": "CellTimeoutError", "timeout": "NotebookTimeout"}


def _mark_unfinished(nb, index, report):
    """After the kernel died or hung at cell `index`: that cell and every graded cell after it get an
    error output (nbgrader scores a grade cell without an error as passed)."""
    import nbformat

    failure = report.get("failure", "kernel_died")
    ename = _FAILURES.get(failure, "KernelDied")
    for position, cell in enumerate(nb.cells):
        if position < index or cell.cell_type != "code":
            continue
        if position == index:
            text = {"kernel_died": "the kernel died while running this cell",
                    "unresponsive": "this cell did not stop when interrupted; the notebook was stopped",
                    "timeout": "the notebook ran out of time while running this cell"}.get(failure, failure)
        elif cell.metadata.get("nbgrader", {}).get("grade"):
            text = "not run: the notebook stopped before this cell"
        else:
            continue
        cell.setdefault("outputs", []).append(nbformat.v4.new_output(
            "error", ename=ename, evalue=text, traceback=[f"{ename}: {text}"]))


_REPAIR_MARKERS = ("has changed!", "exists multiple times", "Missing grade cell", "does not exist in the database",
                   "was missing from the submission")


def _repairs(records):
    """nbgrader's own warnings about what its sanitising put right (edited locked cells, changed points,
    duplicated or deleted cells), one line each."""
    lines = []
    for record in records:
        first = record.strip().splitlines()[0] if record.strip() else ""
        if any(marker in first for marker in _REPAIR_MARKERS) and first not in lines:
            lines.append(first)
    return lines
