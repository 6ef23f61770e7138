"""The kernel pool: every notebook gets a fresh, ready kernel that behaves like one nbgrader starts."""

import os
import sys

import pytest
from jupyter_client import BlockingKernelClient

from autograder.kernels import KernelPool, imported_modules

MODES = ["fork", "prestart"] if sys.platform.startswith("linux") else ["prestart"]


def run(km, code):
    """Execute `code` in the kernel of `km`; returns (outputs, error name or None)."""
    client = BlockingKernelClient(**km.get_connection_info(session=True))
    client.start_channels()
    try:
        client.wait_for_ready(timeout=30)
        outputs = []
        reply = client.execute_interactive(code, timeout=30, output_hook=outputs.append)
    finally:
        client.stop_channels()
    error = reply["content"].get("ename") if reply["content"]["status"] == "error" else None
    return outputs, error


def text(outputs):
    return "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")


@pytest.fixture(params=MODES)
def pool(request, tmp_path):
    pool = KernelPool(request.param, ["numpy", "matplotlib.pyplot"], str(tmp_path))
    yield pool
    pool.close()


def test_each_notebook_gets_a_fresh_kernel_in_its_folder(pool, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "pixels.csv").write_text("1\n2\n")
    (first / "other.ipynb").write_text("{}")
    km = pool.take(str(first))
    outputs, error = run(km, "import os, numpy as np\nsecret = 42\n"
                             "print(os.getcwd(), np.random.rand(), ','.join(sorted(os.listdir())))")
    assert error is None
    cwd, random_a, files = text(outputs).split()
    assert cwd == str(pool.folder(km) / "work"), "the kernel runs in its own private folder"
    assert files == "pixels.csv", "which holds a copy of the notebook's data files, and no notebook"
    pool.discard(km)
    km = pool.take(str(second))
    outputs, error = run(km, "import numpy as np\nprint('secret' in globals(), np.random.rand())")
    seen, random_b = text(outputs).split()
    assert seen == "False", "nothing passes from one student's kernel to the next"
    assert random_a != random_b, "every kernel gets fresh entropy"
    pool.discard(km)


def test_figures_are_rendered_inline(pool, tmp_path):
    km = pool.take(str(tmp_path))
    outputs, error = run(km, "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])")
    pool.discard(km)
    assert error is None
    images = [m for m in outputs if m["msg_type"] == "display_data" and "image/png" in m["content"]["data"]]
    assert len(images) == 1, "a figure drawn in a cell appears as a PNG, as in a fresh kernel"


def test_a_preloaded_inline_backend_still_shows_figures(tmp_path):
    pool = KernelPool(MODES[0], ["matplotlib_inline.backend_inline", "matplotlib.pyplot"], str(tmp_path))
    try:
        km = pool.take(str(tmp_path))
        outputs, _ = run(km, "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()")
        pool.discard(km)
    finally:
        pool.close()
    assert any(m["msg_type"] == "display_data" and "image/png" in m["content"]["data"] for m in outputs)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_discard_kills_the_kernel_and_what_it_started(pool, tmp_path):
    km = pool.take(str(tmp_path))
    outputs, _ = run(km, "import subprocess, sys\n"
                         "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
                         "print(child.pid)")
    child = int(text(outputs))
    pool.discard(km)
    for pid in (km.provisioner.pid, child):
        for _ in range(50):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    break
            __import__("time").sleep(0.1)
        else:
            pytest.fail(f"process {pid} survived discard")


def test_imported_modules_reads_the_notebooks_imports():
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import numpy as np\nfrom dlcourse.data import load_digits\nfrom . import x"),
        nbformat.v4.new_code_cell("%matplotlib inline"),
        nbformat.v4.new_markdown_cell("import os")])
    assert imported_modules(notebook) == ["dlcourse.data", "numpy"]


def test_unknown_mode_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="kernel mode"):
        KernelPool("threads", [], str(tmp_path))
