"""A student's first session with notebook 01, in JupyterLab in Chromium, set up as on Binder.

Open the server's root (a Binder link without a page) and land in notebook 01;
run all cells and see the first visible test fail; type a typical mistake into
the exercise and see the test explain it; type the solution, run all again and
see the test pass; press nbgrader's Validate button and read its dialog: the
exercises still open are reported, the solved one is not. The instructor's
tools (formgrader, create-assignment, the Nbgrader menu) must not be there.
"""

import re
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# a browser test that waits for longer than this is stuck (a dialog, a lost promise): fail it, with a screenshot
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(300)]

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = "notebooks/01_linear_classifiers/01_linear_classifiers.ipynb"
SOLUTION = REPO / "solutions" / "01_linear_classifiers" / "01_linear_classifiers.ipynb"
# Exercise 1 of notebook 01, a typical mistake, and what its visible test says about it.
EXERCISE = "linear_scores"
MISTAKE = "def linear_scores(X, W, b):\n    return X @ W.T"
MISTAKE_MESSAGE = "the scores lack the bias: add b"
NEXT_TEST = "test_linear_num_parameters"  # the next exercise's test: still open, so Validate must report it
NEXT_FUNCTION = "linear_num_parameters"

STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
RUN_TIMEOUT = 60_000  # ms for one "Run All Cells"
VALIDATE_TIMEOUT = 90_000  # ms: nbgrader runs the whole notebook in a fresh kernel


def cell_index(notebook, grade_id):
    return next(i for i, c in enumerate(notebook.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def solution_source(grade_id):
    """The instructor's cell `grade_id` without nbgrader's ``### BEGIN/END SOLUTION`` lines."""
    solution = nbformat.read(SOLUTION, as_version=4)
    source = solution.cells[cell_index(solution, grade_id)].source
    return "\n".join(line for line in source.splitlines() if not re.match(r"\s*### (BEGIN|END) SOLUTION", line))


def line_calling(source, function):
    """The first line of a test cell's source that calls `function`: it tells the cell apart."""
    return next(line for line in source.splitlines() if f"{function}(" in line)


def cell(page, index):
    """Cell `index` of the notebook in the current tab (another notebook's tab may be open too)."""
    panel = page.evaluate("() => window.jupyterapp.shell.currentWidget.id")
    return page.locator(f"[id='{panel}'] .jp-Notebook .jp-Cell").nth(index)


def prompt(page, index):
    return cell(page, index).locator(".jp-InputPrompt").inner_text().strip()


def wait_for_kernel(page):
    """Wait until the notebook's kernel has started and is idle (a "Select Kernel" dialog, should one
    still appear, is answered with the notebook's own kernel, as a person would)."""
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    try:
        dialog.wait_for(timeout=3_000)
        dialog.locator("button", has_text="Select").click()
    except PlaywrightTimeoutError:
        pass
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const kernel = panel && panel.sessionContext && panel.sessionContext.session
                && panel.sessionContext.session.kernel;
            return kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
        }""", timeout=RUN_TIMEOUT)


def run_all_cells(page):
    """Run > Run All Cells, through the menu bar as a person would."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()


def run_all_and_wait(page, index):
    """Run all cells; wait until cell `index` has run again (a new execution count, not [*])."""
    old_prompt = prompt(page, index)
    run_all_cells(page)
    page.wait_for_function(
        """([i, old]) => {
            const p = window.jupyterapp.shell.currentWidget.content.widgets[i].node.querySelector('.jp-InputPrompt');
            const text = p.innerText.trim();
            return /\\[\\d+\\]/.test(text) && text !== old;
        }""",
        arg=[index, old_prompt], timeout=RUN_TIMEOUT)


def error_text(page, index):
    """The error shown under cell `index` ("" if none)."""
    errors = cell(page, index).locator(STDERR)
    return errors.first.inner_text() if errors.count() else ""


def type_into_cell(page, index, source):
    """Replace a code cell's text through its editor: click, select all, type."""
    cell(page, index).locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(source)
    typed = page.evaluate("i => window.jupyterapp.shell.currentWidget.content.widgets[i].model.sharedModel.source",
                          index)
    assert typed == source, f"the editor holds {typed!r}, not the text typed in"


def test_run_fail_solve_pass_validate(page, jupyter_lab, artifacts):
    student = nbformat.read(jupyter_lab.root / NOTEBOOK, as_version=4)
    exercise, test = cell_index(student, EXERCISE), cell_index(student, f"test_{EXERCISE}")
    next_test = cell_index(student, NEXT_TEST)

    # The server's root, as a Binder link without a page: JupyterLab opens on notebook 01.
    page.goto(jupyter_lab.url(""))
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    assert f"/lab/tree/{NOTEBOOK}" in page.url, f"the landing page is {page.url}"
    wait_for_kernel(page)

    # Binder's student setup: Validate yes; formgrader, create-assignment, lists, menu no.
    commands = page.evaluate("() => window.jupyterapp.commands.listCommands()")
    instructor = [c for c in commands if c.startswith("nbgrader:")]
    assert not instructor, f"instructor or exchange commands are enabled: {instructor}"
    assert page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").count() == 0, "the Nbgrader menu is shown"
    assert jupyter_lab.get_status("formgrader") == 404, "the formgrader is served"
    validate = page.locator(".jp-NotebookPanel-toolbar .validate-button")
    assert validate.is_visible(), "nbgrader's Validate button is missing"

    # Run all: execution stops at the first visible test, which calls the unwritten function.
    run_all_and_wait(page, test)
    message = error_text(page, test)
    assert "NotImplementedError" in message and EXERCISE in message, message

    # A typical mistake: the test says what is wrong.
    type_into_cell(page, exercise, MISTAKE)
    run_all_and_wait(page, test)
    message = error_text(page, test)
    assert MISTAKE_MESSAGE in message, f"the visible test does not explain the mistake:\n{message}"
    cell(page, test).locator(STDERR).scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "visible-test-message.png")

    # The solution: the test passes, and the run goes on to the next open exercise.
    type_into_cell(page, exercise, solution_source(EXERCISE))
    run_all_and_wait(page, test)
    message = error_text(page, test)
    assert message == "", f"the test still fails after the solution was typed in:\n{message}"
    cell(page, next_test).locator(STDERR).wait_for(timeout=RUN_TIMEOUT)

    # Validate: nbgrader saves, runs the notebook anew in a fresh kernel and lists the failing tests.
    validate.click()
    dialog = page.locator(".jp-Dialog", has_text="Validation Results")
    dialog.wait_for(timeout=VALIDATE_TIMEOUT)
    report = dialog.locator("#validation-message").inner_text()
    page.screenshot(path=artifacts / "validate-dialog.png")
    assert "The following cell failed:" in report, report
    assert line_calling(student.cells[next_test].source, NEXT_FUNCTION) in report, (
        f"Validate misses the open {NEXT_TEST}:\n{report}")
    assert line_calling(student.cells[test].source, EXERCISE) not in report, (
        f"Validate reports the solved exercise's test as failing:\n{report}")
    page.locator(".jp-Dialog button", has_text="Ok").click()
    dialog.wait_for(state="detached")


OPTIMIZATION = "notebooks/03_optimization/03_optimization.ipynb"
# what the explorer cell needs: the setup, the reference versions, the (blank) update rules, the cells that
# wrap each rule with yours_or_reference, and the race's `trajectory`
EXPLORER_RULES = ["sgd_step", "momentum_step", "nesterov_step", "adagrad_step", "rmsprop_step",
                  "rmsprop_nesterov_step", "adam_step"]
EXPLORER_WRAPPERS = ["step_of = ", "momentum_of = ", "nesterov_of = ", "adagrad_of = ", "adam_of = ",
                     "def trajectory("]
EXPLORER_IMAGE = ".widget-output img"


def run_cell(page, index):
    """Select cell `index` and run it (Run > Run Selected Cell); wait until it has an execution count."""
    old_prompt = prompt(page, index)
    page.evaluate("i => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = i; }", index)
    # fire and forget: the command's promise settles only when the cell has run (never, if something
    # in the page waits for a person); the wait below has a time limit, page.evaluate has none
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-cell'); }")
    page.wait_for_function(
        """([i, old]) => {
            const p = window.jupyterapp.shell.currentWidget.content.widgets[i].node.querySelector('.jp-InputPrompt');
            const text = p.innerText.trim();
            return /\\[\\d+\\]/.test(text) && text !== old;
        }""",
        arg=[index, old_prompt], timeout=RUN_TIMEOUT)


def explorer_image_changes(page, explorer, before):
    """Wait until the explorer's plot is another picture than `before`; return the new one."""
    page.wait_for_function(
        """([i, old]) => {
            const img = window.jupyterapp.shell.currentWidget.content.widgets[i].node.querySelector('.widget-output img');
            return img && img.src !== old;
        }""",
        arg=[explorer, before], timeout=RUN_TIMEOUT)
    return cell(page, explorer).locator(EXPLORER_IMAGE).get_attribute("src")


def test_optimization_explorer(page, jupyter_lab, artifacts):
    """Notebook 03's explorer in the blank student notebook: the controls (optimizer, lr, momentum, start
    point) are there; moving the momentum slider and picking another optimizer redraw the trajectory."""
    student = nbformat.read(jupyter_lab.root / OPTIMIZATION, as_version=4)
    references = next(i for i, c in enumerate(student.cells) if "def _reference_step" in c.source)
    explorer = next(i for i, c in enumerate(student.cells) if "def explore(" in c.source)
    wrappers = [next(i for i, c in enumerate(student.cells) if c.cell_type == "code" and text in c.source)
                for text in EXPLORER_WRAPPERS]
    needed = sorted({cell_index(student, "setup"), references, *wrappers,
                     *(cell_index(student, name) for name in EXPLORER_RULES)})

    page.goto(jupyter_lab.url(f"lab/tree/{OPTIMIZATION}"))
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    wait_for_kernel(page)
    for index in needed + [explorer]:
        run_cell(page, index)

    output = cell(page, explorer)
    image = output.locator(EXPLORER_IMAGE)
    image.wait_for(timeout=RUN_TIMEOUT)
    assert error_text(page, explorer) == "", error_text(page, explorer)
    sliders = output.locator(".widget-slider")
    labels = [sliders.nth(k).locator(".widget-label").inner_text() for k in range(sliders.count())]
    assert labels == ["lr", "momentum", "start x", "start y"], f"the explorer's sliders: {labels}"
    optimizer = output.locator(".widget-dropdown select")
    assert optimizer.count() == 1, "the explorer has no optimizer menu"
    before = image.get_attribute("src")
    assert before and before.startswith("data:image/png"), f"the explorer's plot is not an inline PNG: {before[:40]!r}"

    # the momentum slider, with the keyboard as a person would: focus its handle, press the right arrow
    momentum = sliders.nth(1)
    readout = momentum.locator(".widget-readout")
    old_value = readout.inner_text()
    momentum.locator(".noUi-handle").focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    after = explorer_image_changes(page, explorer, before)
    assert readout.inner_text() != old_value, "the slider's value did not change"
    assert after != before, "moving the momentum slider did not redraw the trajectory"

    # another optimizer: the picture changes and the learning rate becomes Adam's from the race
    lr_readout = sliders.nth(0).locator(".widget-readout")
    optimizer.select_option("Adam")
    adam = explorer_image_changes(page, explorer, after)
    page.wait_for_function("el => parseFloat(el.innerText) === 0.3", arg=lr_readout.element_handle(),
                           timeout=RUN_TIMEOUT)
    assert adam != after, "picking Adam did not redraw the trajectory"
    output.scroll_into_view_if_needed()  # (the picture itself may be replaced once more: Adam's lr)
    page.screenshot(path=artifacts / "optimization-explorer.png")
