"""A real JupyterLab in a real browser: fixtures for the end-to-end tests.

The tests start ``jupyter lab`` on a free localhost port, with a token, in a
temporary copy of the course, configured as on Binder (nbgrader's student tools
only, read from ``binder/postBuild``), and drive Debian's Chromium with
Playwright. Screenshots and the server's log go to ``test-artifacts/browser/``
(or ``$DLCOURSE_TEST_ARTIFACTS``) when a test fails.

Needs the ``playwright`` Python package and ``/usr/bin/chromium``
(``apt-get install chromium``). ``playwright install`` is never needed: the
tests use Debian's browser. Without them the tests are skipped on a developer's
machine and fail under CI (``CI`` set), where they must run.
"""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("DLCOURSE_TEST_ARTIFACTS", REPO / "test-artifacts")) / "browser"
SERVER_START_TIMEOUT = 60  # seconds


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives JupyterLab in Chromium (Playwright)")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can see a failure."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def _missing(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the browser tests (.ci/run installs Chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_api():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as api:
        yield api


def _binder_student_settings(post_build=REPO / "binder" / "postBuild"):
    """The extensions that binder/postBuild switches off: (server extensions, lab plugins).

    The commands span lines joined by backslashes; names are their arguments.
    """
    script = post_build.read_text().replace("\\\n", " ")
    server, lab = [], []
    for line in script.splitlines():
        words = line.split()
        if words[:4] == ["jupyter", "server", "extension", "disable"]:
            server += [w for w in words[4:] if not w.startswith("-")]
        elif words[:3] == ["jupyter", "labextension", "disable"]:
            lab += [w for w in words[3:] if not w.startswith("-")]
    return server, lab


def _write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2))


def _jupyter_config(config_dir):
    """Write what binder/postBuild writes, in a config dir of top priority.

    The slow test in tests/test_binder.py runs the real commands in a fresh
    environment; here the same settings are laid over the developer's .venv
    through JUPYTER_CONFIG_PATH, without changing it.
    """
    server, lab = _binder_student_settings()
    config = json.loads((REPO / "binder" / "jupyter_server_config.json").read_text())  # the landing page
    config["ServerApp"]["jpserver_extensions"] = {name: False for name in server}
    _write_json(config_dir / "jupyter_server_config.json", config)
    _write_json(config_dir / "labconfig" / "page_config.json",
                {"disabledExtensions": {name: True for name in lab},
                 "lockedExtensions": {name: True for name in lab}})


def _lab_settings(settings_dir):
    """JupyterLab user settings for a test: every cell in the DOM, no news pop-ups, and no "Select Kernel"
    dialog (JupyterLab showed one in CI when a notebook opened while the workspace restored another)."""
    _write_json(settings_dir / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings",
                {"windowingMode": "none", "autoStartDefaultKernel": True})
    _write_json(settings_dir / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings",
                {"fetchNews": "false", "checkForUpdates": False})


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterLab:
    """A running ``jupyter lab``: its root folder, URL and token."""

    def __init__(self, root, port, token, log_path):
        self.root, self.port, self.token, self.log_path = root, port, token, log_path
        self.base_url = f"http://127.0.0.1:{port}"

    def url(self, path):
        return f"{self.base_url}/{path.lstrip('/')}?token={self.token}"

    def get_status(self, path):
        """HTTP status of GET path, with the token."""
        request = urllib.request.Request(f"{self.base_url}/{path.lstrip('/')}",
                                         headers={"Authorization": f"token {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as err:
            return err.code


@pytest.fixture(scope="module")
def jupyter_lab(tmp_path_factory):
    """``jupyter lab`` serving a temporary copy of the course, stopped after the tests."""
    work = tmp_path_factory.mktemp("jupyterlab")
    root = work / "course"
    root.mkdir()
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    shutil.copy(REPO / "nbgrader_config.py", root)
    _jupyter_config(work / "config")
    _lab_settings(work / "settings")

    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ,
               JUPYTER_CONFIG_PATH=str(work / "config"),
               JUPYTER_RUNTIME_DIR=str(work / "runtime"),
               JUPYTER_DATA_DIR=str(work / "data"),
               IPYTHONDIR=str(work / "ipython"),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--ServerApp.allow_root=True",
        f"--LabApp.user_settings_dir={work / 'settings'}", f"--LabApp.workspaces_dir={work / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",
    ]
    log_path = work / "jupyter.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    lab = JupyterLab(root, port, token, log_path)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while lab_status(lab, process) != 200:
            if time.monotonic() > deadline:
                raise RuntimeError(f"jupyter lab did not answer within {SERVER_START_TIMEOUT} s:\n"
                                   + log_path.read_text()[-3000:])
            time.sleep(0.5)
        yield lab
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def lab_status(lab, process):
    """Status of the server's API, or RuntimeError if the server process has died."""
    if process.poll() is not None:
        raise RuntimeError(f"jupyter lab exited with {process.returncode}:\n" + lab.log_path.read_text()[-3000:])
    try:
        return lab.get_status("api/status")
    except OSError:
        return None


@pytest.fixture
def artifacts():
    """The folder for screenshots and logs kept after a test run."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def page(playwright_api, jupyter_lab, artifacts, request):
    """A Chromium page; on failure a screenshot and the server log land in ARTIFACTS."""
    browser = playwright_api.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        report = getattr(request.node, "report_call", None)
        if report is None or report.failed:
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            page.screenshot(path=artifacts / f"{name}-failure.png", full_page=True)
            shutil.copy(jupyter_lab.log_path, artifacts / f"{name}-jupyter.log")
        context.close()
        browser.close()
