"""The Binder configuration (binder/), checked without Docker.

- the files say what mybinder.org needs: Python 3.11, torch's CPU build from
  PyTorch's CPU wheel index, pins that satisfy pyproject.toml, the course package
  installed by postBuild, and nbgrader's student tools only;
- repo2docker renders its Dockerfile from them (``--no-build``: no Docker needed);
- (slow) installing binder/requirements.txt into a fresh virtual environment, with
  the local torch wheel in place of the CPU index, and running postBuild there,
  gives a working course: dlcourse imports, the extensions are as intended, and
  notebook 01 runs, within Binder's 2 GB of memory.
"""

import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
BINDER = REPO / "binder"
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
NOTEBOOK_01 = Path("01_linear_classifiers") / "01_linear_classifiers.ipynb"

STUDENT_SERVER_EXTENSIONS = {"nbgrader.server_extensions.validate_assignment"}
INSTRUCTOR_SERVER_EXTENSIONS = {
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
}
INSTRUCTOR_LAB_PLUGINS = {
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:assignment-list",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:menu",  # the "Nbgrader" menu: it only opens the tools above
}
BINDER_MEMORY = 2 * 1024**3  # bytes


def requirement_lines():
    """The non-comment lines of binder/requirements.txt."""
    lines = (BINDER / "requirements.txt").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def pinned_requirements():
    """{name: Requirement} of the package lines (options such as --extra-index-url left out)."""
    return {Requirement(line).name.lower(): Requirement(line) for line in requirement_lines()
            if not line.startswith("-")}


def post_build_commands():
    """postBuild's commands, one string each (continuation lines joined)."""
    script = (BINDER / "postBuild").read_text().replace("\\\n", " ")
    return [" ".join(line.split()) for line in script.splitlines() if line.strip() and not line.startswith("#")]


def command_arguments(prefix):
    """The non-option arguments of every postBuild command starting with `prefix`."""
    names = set()
    for command in post_build_commands():
        if command.startswith(prefix + " "):
            names |= {word for word in command[len(prefix):].split() if not word.startswith("-")}
    return names


def exact_version(requirement):
    spec, = requirement.specifier
    assert spec.operator == "==", f"{requirement} must be pinned with =="
    return Version(spec.version)


# --- the files ------------------------------------------------------------------------------------

def test_runtime_is_python_3_11():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"


def test_torch_is_the_pinned_cpu_build_from_the_cpu_index():
    options = [line for line in requirement_lines() if line.startswith("-")]
    assert options in ([f"--extra-index-url {CPU_INDEX}"], [f"--index-url {CPU_INDEX}"]), (
        f"requirements.txt must name PyTorch's CPU index and no other option, has {options}")
    torch = pinned_requirements()["torch"]
    version = exact_version(torch)
    assert version.local == "cpu", f"torch must be pinned to a +cpu build, got {torch}"
    tested = Version(importlib.metadata.version("torch"))
    assert version.public == tested.public, f"Binder pins torch {version}, the tests run torch {tested}"


def test_every_requirement_is_pinned_and_agrees_with_pyproject():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(r) for r in pyproject["dependencies"] + pyproject["optional-dependencies"]["lab"]]
    wanted.append(next(Requirement(r) for r in pyproject["optional-dependencies"]["test"]
                       if r.startswith("torch")))
    pins = pinned_requirements()
    for requirement in pins.values():
        exact_version(requirement)
    for requirement in wanted:
        assert requirement.name in pins, f"binder/requirements.txt lacks {requirement.name} ({requirement})"
        version = exact_version(pins[requirement.name])
        assert requirement.specifier.contains(version, prereleases=True), (
            f"binder pins {requirement.name}=={version}, pyproject.toml asks for {requirement}")


def test_requirements_leave_the_course_to_post_build():
    # A local path in requirements.txt makes repo2docker install it after copying the
    # repository, so every change to the course would reinstall torch.
    local = [line for line in requirement_lines() if line.startswith(("-e", ".", "/")) or "file:" in line]
    assert not local, f"requirements.txt installs local code: {local}"


def test_post_build_installs_the_course_package():
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "binder/postBuild must be executable"
    text = post_build.read_text()
    assert text.startswith("#!/bin/bash\n") and "set -euo pipefail" in text, "postBuild must stop at the first error"
    installs = [c for c in post_build_commands() if re.match(r"(python -m )?pip install ", c)]
    assert len(installs) == 1, f"postBuild must install the course once, has {installs}"
    words = installs[0].split()
    assert "--no-deps" in words, "postBuild must not resolve dependencies again (torch would come from PyPI)"
    assert words[-1] == "." and words[-2] in ("-e", "--editable"), f"postBuild installs {installs[0]!r}, not the course"


def test_post_build_keeps_only_nbgrader_student_tools():
    server = command_arguments("jupyter server extension disable")
    lab = command_arguments("jupyter labextension disable")
    locked = command_arguments("jupyter labextension lock")
    assert server == INSTRUCTOR_SERVER_EXTENSIONS
    assert lab == INSTRUCTOR_LAB_PLUGINS
    assert locked == INSTRUCTOR_LAB_PLUGINS, "a disabled plugin that is not locked can be re-enabled in the UI"
    assert all("--sys-prefix" in c.split() for c in post_build_commands() if c.startswith("jupyter server extension"))
    assert all("--level=sys_prefix" in c.split() for c in post_build_commands() if c.startswith("jupyter labextension"))


def test_disabled_extensions_exist_in_the_installed_nbgrader():
    # A misspelt name would be disabled in vain, silently: jupyter only logs it.
    for module in INSTRUCTOR_SERVER_EXTENSIONS | STUDENT_SERVER_EXTENSIONS:
        assert importlib.util.find_spec(module), f"nbgrader has no server extension {module}"
    static = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader" / "static"
    bundle = "".join(path.read_text(errors="replace") for path in static.glob("*.js"))
    for plugin in INSTRUCTOR_LAB_PLUGINS | {"@jupyter/nbgrader:validate-assignment"}:
        assert f'"{plugin}"' in bundle, f"nbgrader's JupyterLab extension has no plugin {plugin}"


def test_jupyter_opens_on_notebook_01():
    config = json.loads((BINDER / "jupyter_server_config.json").read_text())
    landing = f"/lab/tree/notebooks/{NOTEBOOK_01.as_posix()}"
    # `jupyter lab` and `jupyter notebook` replace ServerApp's default_url by their own.
    assert config == {app: {"default_url": landing} for app in ("ServerApp", "LabApp", "JupyterNotebookApp")}
    assert "binder/jupyter_server_config.json" in (BINDER / "postBuild").read_text(), "postBuild must install it"


# --- repo2docker ----------------------------------------------------------------------------------

def test_repo2docker_renders_the_dockerfile():
    if importlib.util.find_spec("repo2docker") is None:
        message = "jupyter-repo2docker is not installed (it is in the test extras)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # --no-build renders the Dockerfile without Docker; uid 1000 and jovyan as on mybinder.org.
    result = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--user-id", "1000", "--user-name", "jovyan", str(REPO)],
        check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    dockerfile, log = result.stdout, result.stderr
    assert "Building conda environment for python=3.11" in log, log
    assert "ENV KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}" in dockerfile, (
        "the kernel must share JupyterLab's environment, where nbgrader's server extension runs")
    install = dockerfile.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    copy = dockerfile.index("COPY --chown=1000:1000 src/ ${REPO_DIR}/")
    post_build = dockerfile.index("RUN ./binder/postBuild")
    assert install < copy < post_build, (
        "requirements must be installed before the repository is copied (a cached layer), postBuild after")


# --- a fresh environment --------------------------------------------------------------------------

def run(command, **kwargs):
    """Run a command; on failure show its output in the assertion message."""
    result = subprocess.run(command, check=False, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


RUN_NOTEBOOK = textwrap.dedent("""
    # Runs in the fresh environment: execute one notebook, report errors and the kernel's peak memory.
    import json, os, resource, sys
    import nbformat
    from nbclient import NotebookClient

    path, allow_errors = sys.argv[1], sys.argv[2] == "allow-errors"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=allow_errors,
                   resources={"metadata": {"path": os.path.dirname(path)}}).execute()
    errors = [output["ename"] for cell in notebook.cells for output in cell.get("outputs", [])
              if output["output_type"] == "error"]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps({"errors": errors, "peak_bytes": peak}))
""")


@pytest.mark.slow
def test_fresh_environment_from_binder_requirements(tmp_path):
    """requirements.txt (local torch wheel for the CPU index) + postBuild = a working course."""
    torch_pin = f"torch=={exact_version(pinned_requirements()['torch']).public}"
    course = tmp_path / "course"
    shutil.copytree(REPO, course, ignore=shutil.ignore_patterns(
        ".git", ".venv", "*.egg-info", "__pycache__", ".hypothesis", ".pytest_cache", ".ruff_cache",
        ".coverage*", "htmlcov", "build", "dist", "test-artifacts"))
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    python, bin_dir = venv / "bin" / "python", venv / "bin"

    # torch from a local wheel only: never the multi-GB CUDA build from the registry.
    local_torch = subprocess.run([python, "-m", "pip", "install", "--no-index", "--no-deps", "--no-compile",
                                  torch_pin], check=False, capture_output=True, text=True)
    if local_torch.returncode != 0:
        pytest.skip(f"no local wheel of {torch_pin} for pip (find-links): {local_torch.stderr.strip()[-300:]}")
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("\n".join(torch_pin if line.startswith("torch==") else line
                                      for line in requirement_lines() if not line.startswith("-")) + "\n")
    run([python, "-m", "pip", "install", "--no-compile", "-r", requirements])

    env = dict(os.environ, PATH=os.pathsep.join([str(bin_dir), os.environ["PATH"]]),
               JUPYTER_CONFIG_DIR=str(tmp_path / "user-config"), JUPYTER_DATA_DIR=str(tmp_path / "user-data"),
               IPYTHONDIR=str(tmp_path / "ipython"))
    env.pop("VIRTUAL_ENV", None)
    run(["bash", "binder/postBuild"], cwd=course, env=env)

    imported = run([python, "-c", "import dlcourse, torch; print(dlcourse.__file__, torch.__version__)"],
                   cwd=tmp_path, env=env).stdout.split()
    assert Path(imported[0]).is_relative_to(course), f"dlcourse comes from {imported[0]}, not the course"
    assert imported[1].endswith("+cpu"), f"torch {imported[1]} is not the CPU build"

    server = run(["jupyter", "server", "extension", "list"], env=env)
    server_text = server.stdout + server.stderr
    for name in INSTRUCTOR_SERVER_EXTENSIONS:
        assert re.search(rf"{re.escape(name)}\s+(\x1b\[\d+m)?disabled", server_text), server_text
    for name in STUDENT_SERVER_EXTENSIONS:
        assert re.search(rf"{re.escape(name)}\s+(\x1b\[\d+m)?enabled", server_text), server_text
    lab = run(["jupyter", "labextension", "list"], env=env)
    disabled = (lab.stdout + lab.stderr).split("Disabled extensions:")[-1].split()
    assert set(disabled) == INSTRUCTOR_LAB_PLUGINS, lab.stdout + lab.stderr
    installed = json.loads((venv / "etc" / "jupyter" / "jupyter_server_config.json").read_text())
    for app, settings in json.loads((BINDER / "jupyter_server_config.json").read_text()).items():
        assert installed[app] == settings, f"postBuild did not install {app}'s settings: {installed}"

    script = tmp_path / "run_notebook.py"
    script.write_text(RUN_NOTEBOOK)
    result = run([python, script, course / "solutions" / NOTEBOOK_01, "strict"], env=env).stdout
    report = json.loads(result.splitlines()[-1])
    assert report["errors"] == [], f"the solved notebook fails in the fresh environment: {report['errors']}"
    assert report["peak_bytes"] < BINDER_MEMORY, f"notebook 01 peaks at {report['peak_bytes'] / 2**30:.2f} GiB"
    # The student's notebook runs to the end; only its open exercises fail, as "not written yet".
    result = run([python, script, course / "notebooks" / NOTEBOOK_01, "allow-errors"], env=env).stdout
    report = json.loads(result.splitlines()[-1])
    assert report["errors"] and set(report["errors"]) == {"NotImplementedError"}, (
        f"the student notebook fails for other reasons than open exercises: {report['errors']}")
