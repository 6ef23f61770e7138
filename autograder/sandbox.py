"""The sandbox around every student kernel, and the limits it runs under.

A grading worker (the nbgrader process) stays outside. Each kernel runs inside a bubblewrap
(``bwrap``) sandbox that sees:

- a read-only system: ``/usr``, ``/lib*``, ``/bin``, ``/sbin``, ``/etc``, the Python installation, the
  virtual environment and the packages the kernel imports (an editable install is bound package by
  package, never the whole source tree), and the data folders the course allows (`readable`);
- its own private folder, writable: the kernel's sockets, its ``HOME``/``TMPDIR``, and ``work/``,
  its working directory, holding only the notebook being graded and the assignment's data files;
- a new process, network, IPC, UTS and cgroup namespace: no network at all (the worker talks to the
  kernel over Unix sockets in the private folder: jupyter's ``ipc`` transport), no other process of
  the machine to see or signal;
- no course directory, no solutions, no gradebook, no other student: ``/tmp``, ``/work``,
  ``/root``, ``/home``, ``/var``, ... are empty or absent;
- an unprivileged user: when the grader runs as root, the kernels of one sandbox run as a user id
  of their own (drawn from 1100000-1999999, no account), not a root mapped into a user namespace.

`Limits` are applied with ``setrlimit`` (address space, processes, CPU time, file size) before the
kernel runs; the output and time limits are enforced by the executor (`autograder.kernels`).

Without bubblewrap (``--sandbox none``, or ``auto`` where ``bwrap`` is missing or cannot create
namespaces), kernels still get a private working folder and the limits, but they run as the
grader's user and can read what that user can read: the grader says so in its summary.
"""

import dataclasses
import functools
import importlib.util
import os
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

SANDBOX_MODES = ("auto", "bwrap", "none")
UID_BASE, UID_RANGE = 1_100_000, 900_000  # unprivileged user ids no account uses

WEAK_MODE_WARNING = ("no sandbox: student code runs as the grader's user and can read the course, the "
                     "solutions and the gradebook (install bubblewrap, or see docs/grading-security.md)")


class SandboxError(Exception):
    """The sandbox asked for cannot be used here."""


@dataclasses.dataclass(frozen=True)
class Limits:
    """What one kernel may use. 0 means no limit.

    memory: bytes of address space (RLIMIT_AS) of each kernel process;
    processes: processes and threads of the kernels' user (RLIMIT_NPROC; sandboxed kernels only:
        unsandboxed, the kernel shares the grader's user and the count);
    cpu: seconds of CPU time of each kernel process (RLIMIT_CPU); 0: as long as the notebook may run;
    file_size: bytes of any one file a kernel writes (RLIMIT_FSIZE);
    output: bytes of output one notebook may produce while it runs (then its cell is interrupted);
    notebook_bytes: the largest notebook file accepted for grading.
    """

    memory: int = 4 << 30
    processes: int = 512
    cpu: int = 0
    file_size: int = 256 << 20
    output: int = 8 << 20
    notebook_bytes: int = 16 << 20

    def as_dict(self):
        return dataclasses.asdict(self)


def rlimits(limits, cpu_default=0, processes=True):
    """{resource: value} for `limits` (the kernel's own; a value of 0 is left unlimited)."""
    values = {resource.RLIMIT_CORE: 0}
    if limits.memory:
        values[resource.RLIMIT_AS] = int(limits.memory)
    cpu = limits.cpu or cpu_default
    if cpu:
        values[resource.RLIMIT_CPU] = int(cpu)
    if limits.file_size:
        values[resource.RLIMIT_FSIZE] = int(limits.file_size)
    if processes and limits.processes:
        values[resource.RLIMIT_NPROC] = int(limits.processes)
    return values


def apply_rlimits(values):
    """Lower the limits of this process (in a child, before exec or after fork)."""
    for which, value in values.items():
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        hard_value = value
        if which == resource.RLIMIT_CPU:  # SIGXCPU first (a clean death), SIGKILL one second later
            hard_value = value + 1 if hard == resource.RLIM_INFINITY else min(value + 1, hard)
        resource.setrlimit(which, (value, hard_value))


@functools.lru_cache(maxsize=None)
def bwrap_problem():
    """Why bubblewrap cannot be used here ("" when it can): missing, or no namespaces allowed."""
    if not sys.platform.startswith("linux"):
        return "bubblewrap needs Linux"
    if shutil.which("bwrap") is None:
        return "bwrap (Debian/Ubuntu package bubblewrap) is not installed"
    sandbox = Sandbox("bwrap")
    try:
        completed = subprocess.run(sandbox.command([sys.executable, "-c", "import sys; print(sys.prefix)"],
                                                   sandbox.jail),
                                   capture_output=True, text=True, timeout=60,
                                   preexec_fn=sandbox.preexec({}), env=sandbox.base_env())
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bwrap could not start: {error}"
    finally:
        sandbox.close()
    if completed.returncode != 0 or completed.stdout.strip() != sys.prefix:
        detail = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        return f"bwrap could not start a sandboxed Python: {detail}"
    return ""


def resolve(mode):
    """(kind, warning) for the ``--sandbox`` mode: kind is ``bwrap`` or ``none``.

    ``auto`` falls back to ``none`` with a warning; ``bwrap`` raises `SandboxError` when it cannot run.
    """
    if mode not in SANDBOX_MODES:
        raise SandboxError(f"sandbox must be one of {SANDBOX_MODES}, got {mode!r}")
    if mode == "none":
        return "none", WEAK_MODE_WARNING
    problem = bwrap_problem()
    if not problem:
        return "bwrap", ""
    if mode == "bwrap":
        raise SandboxError(f"--sandbox bwrap: {problem}")
    return "none", f"{problem}; {WEAK_MODE_WARNING}"


def _module_dirs(names):
    """Folders (or single files) of the top-level packages `names`, as the kernel would import them."""
    found = []
    for name in sorted({n.split(".")[0] for n in names}):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is None:
            continue
        if spec.submodule_search_locations:
            found.extend(os.path.realpath(p) for p in spec.submodule_search_locations)
        elif spec.origin and os.path.isabs(spec.origin):
            found.append(os.path.realpath(spec.origin))
    return found


def readable_paths(modules=(), extra=(), hidden=()):
    """What a sandboxed kernel may read besides the system: the Python installation, the packages it
    imports, and `extra` (data folders). No path that holds one of `hidden` (the course) is bound:
    an installation inside the course tree is bound package by package instead."""
    hidden = [os.path.realpath(h) for h in hidden]

    def exposes_hidden(path):
        return any(h == path or h.startswith(path.rstrip("/") + "/") for h in hidden)

    paths = []
    for prefix in {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}:
        paths += [prefix, os.path.realpath(prefix)]
    paths.append(os.path.dirname(os.path.realpath(sys.executable)))
    prefixes = [os.path.realpath(p) + "/" for p in paths]
    paths += [os.path.realpath(p) for p in sys.path if p and os.path.isdir(p)  # stdlib, site-packages
              and any(os.path.realpath(p).startswith(prefix) for prefix in prefixes)]
    paths = [p for p in paths if not exposes_hidden(p)]
    paths += _module_dirs(list(modules) + ["ipykernel", "autograder"])
    paths += [os.path.realpath(p) for p in extra if os.path.exists(p)]
    keep = []
    for path in sorted({p for p in paths if os.path.isabs(p) and os.path.exists(p)}, key=len):
        if not any(path == k or path.startswith(k.rstrip("/") + "/") for k in keep):
            keep.append(path)
    return tuple(keep)


class Sandbox:
    """How kernels are confined: ``bwrap`` or ``none``, the folders they may read, their private folders.

    kind: ``bwrap`` or ``none`` (see `resolve`); readable: paths bound read-only (see `readable_paths`).
    Every kernel gets a private folder under `jail` (``kernel_dir``); the jail itself is not listable
    by the kernels, so a kernel cannot find another one's folder.
    """

    def __init__(self, kind="none", readable=None):
        if kind not in ("bwrap", "none"):
            raise SandboxError(f"sandbox kind must be bwrap or none, got {kind!r}")
        self.kind = kind
        self.readable = tuple(readable) if readable is not None else readable_paths()
        self.as_root = os.name == "posix" and os.geteuid() == 0
        # a user of its own per sandbox (no other process on the machine has it): its kernels cannot
        # signal another worker's, and the process limit counts only them
        self.uid = (UID_BASE + secrets.randbelow(UID_RANGE) if (kind == "bwrap" and self.as_root)
                    else (os.getuid() if os.name == "posix" else 0))
        self.jail = Path(tempfile.mkdtemp(prefix="autograder-jail-"))
        self.jail.chmod(0o711)

    def close(self):
        shutil.rmtree(self.jail, ignore_errors=True)

    def kernel_dir(self):
        """A new private folder for one kernel: ``home/`` and ``work/`` inside, owned by the kernel's user."""
        folder = self.jail / secrets.token_hex(12)
        for path in (folder, folder / "home", folder / "work"):
            path.mkdir(mode=0o700)
            self.give(path)
        return folder

    def give(self, path):
        """Make `path` the kernel user's (root grader, sandboxed kernel)."""
        if self.uid != (os.getuid() if os.name == "posix" else 0):
            os.chown(path, self.uid, self.uid)

    def base_env(self, home=None):
        """The environment of a kernel: nothing of the grader's own (tokens, paths) but what Python needs."""
        env = {"PATH": os.pathsep.join([os.path.dirname(sys.executable), "/usr/local/bin", "/usr/bin", "/bin"]),
               "LANG": os.environ.get("LANG", "C.UTF-8"), "NBGRADER_EXECUTION": "autograde",
               "MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYTHONDONTWRITEBYTECODE": "1",
               "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        for name, value in os.environ.items():  # data locations, and markers tests use to find processes
            if name == "DLCOURSE_DATA" or name.startswith("AUTOGRADER_") or name in ("TZ", "LC_ALL"):
                env[name] = value
        if home is not None:
            env.update(kernel_home_env(home))
        return env

    def command(self, argv, writable):
        """`argv` wrapped to run in the sandbox, with `writable` (a folder) bound read-write."""
        if self.kind == "none":
            return list(argv)
        bwrap = ["bwrap", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                 "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--hostname", "sandbox"]
        if not self.as_root:
            bwrap += ["--unshare-user", "--cap-drop", "ALL"]
        for top in ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
            if os.path.islink(top):
                bwrap += ["--symlink", os.readlink(top), top]
            elif os.path.isdir(top):
                bwrap += ["--ro-bind", top, top]
        bwrap += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
        made = {"/", "/tmp", "/usr", "/etc", "/proc", "/dev"}
        for path in self.readable + (str(writable),):  # bwrap would make the folders above them 0700
            parents = list(Path(path).parents)[::-1]
            for parent in parents:
                if str(parent) not in made and not any(str(parent).startswith(m + "/") for m in ("/usr", "/etc")):
                    made.add(str(parent))
                    bwrap += ["--perms", "0755", "--dir", str(parent)]
        for path in self.readable:
            bwrap += ["--ro-bind", path, path]
        bwrap += ["--bind", str(writable), str(writable), "--chdir", str(writable)]
        bwrap += ["--remount-ro", "/tmp"]  # after the binds below /tmp were made: no shared writable /tmp
        bwrap.append("--")
        if self.as_root:  # a real unprivileged user, not a root mapped into a user namespace
            bwrap += ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups",
                      "--bounding-set=-all", "--inh-caps=-all", "--no-new-privs"]
        return bwrap + list(argv)

    def preexec(self, values):
        """A ``preexec_fn`` applying the rlimits `values` in the child before it execs."""
        def apply():
            apply_rlimits(values)
        return apply


def kernel_home_env(folder):
    """HOME, TMPDIR and the tools' config folders of one kernel, inside its private folder."""
    home = str(Path(folder) / "home")
    return {"HOME": home, "TMPDIR": home, "MPLCONFIGDIR": home, "IPYTHONDIR": os.path.join(home, ".ipython"),
            "JUPYTER_RUNTIME_DIR": home, "JUPYTER_DATA_DIR": home, "XDG_CACHE_HOME": home}


# ---- processes of a sandbox, seen from outside ---------------------------------------------------

def _process_table():
    """{pid: parent pid} of every process (Linux /proc)."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    table[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    return table


def descendants(pid):
    """The pids of every process below `pid`."""
    table = _process_table()
    children = {}
    for child, parent in table.items():
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def inner_pid(pid):
    """The pid of process `pid` inside its innermost pid namespace."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("NSpid:"):
                    return int(line.split()[-1])
    except (OSError, ValueError):
        pass
    return None


def outer_pid(sandbox_pid, inner):
    """The pid, as this process sees it, of the process numbered `inner` inside the sandbox `sandbox_pid`."""
    for pid in descendants(sandbox_pid):
        if inner_pid(pid) == inner:
            return pid
    return None


def kill(pid, signum=signal.SIGKILL):
    try:
        os.kill(pid, signum)
    except OSError:
        pass
