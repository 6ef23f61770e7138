"""Every course notebook (each folder of solutions/): its nbgrader structure, both versions executed,
and a demo class of it graded by ``python -m autograder``.

Fast tests read the notebooks; the slow ones execute them on a fresh kernel:
- the instructor version passes every test cell (accuracy targets are asserted in the test cells);
- the student version, run as the grader runs it, fails every graded test with NotImplementedError
  and nothing else;
- a demo class (perfect, blank, partial, syntax error, malformed file) gets exactly the expected scores.
Notebook-specific checks (hidden tests catch hard-coded answers, ...) are in test_notebook_NN.py.
"""

import re

import nbformat
import pytest
from notebook_helpers import (
    NOTEBOOKS,
    SOLUTIONS,
    errors,
    execute,
    grade_id,
    graded_cells,
    nbgrader,
    read,
    solution_cells,
    strip_hidden_tests,
)

ASSIGNMENTS = sorted(p.name for p in SOLUTIONS.iterdir() if (p / f"{p.name}.ipynb").is_file())
MIN_EXERCISES = {"01_linear_classifiers": 10}  # issue 3 asked for 10; every later notebook for 12


def solution_path(name):
    return SOLUTIONS / name / f"{name}.ipynb"


def student_path(name):
    return NOTEBOOKS / name / f"{name}.ipynb"


def test_the_course_has_its_notebooks():
    assert "01_linear_classifiers" in ASSIGNMENTS
    assert sorted(p.name for p in NOTEBOOKS.iterdir() if p.is_dir()) == ASSIGNMENTS, \
        "every instructor notebook has its student version and no student notebook lacks one"


# ---------------------------------------------------------------- structure (fast)

@pytest.mark.parametrize("name", ASSIGNMENTS)
@pytest.mark.parametrize("version", ["solution", "student"])
def test_no_outputs_are_stored(name, version):
    path = solution_path(name) if version == "solution" else student_path(name)
    notebook = read(path)
    nbformat.validate(notebook)
    stored = [i for i, c in enumerate(notebook.cells)
              if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert stored == [], f"cells {stored} of {path.name} keep outputs: clear them before committing"
    assert notebook.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_nbgrader_metadata(name):
    solution = read(solution_path(name))
    ids = [grade_id(c) for c in solution.cells if nbgrader(c)]
    assert len(ids) == len(set(ids)), f"duplicate grade_ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    assert ids[0] == "setup", "the first nbgrader cell is the locked setup cell"
    for cell in solution.cells:
        meta = nbgrader(cell)
        if not meta:
            continue
        assert meta["schema_version"] == 3 and meta["grade_id"], meta
        if meta["grade"]:
            assert cell.cell_type == "code" and not meta["solution"] and meta["locked"], meta
            assert meta["points"] > 0, meta
        if meta["solution"]:
            assert cell.cell_type == "code" and not meta["locked"], meta
            assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source, meta
    tests = graded_cells(solution)
    minimum = MIN_EXERCISES.get(name, 12)
    assert len(tests) >= minimum, f"{name} has {len(tests)} auto-graded tests; the course asks for {minimum}"
    assert all("### BEGIN HIDDEN TESTS" in c.source for c in tests), \
        [grade_id(c) for c in tests if "### BEGIN HIDDEN TESTS" not in c.source]


def _stated_total(notebook):
    (total,) = re.findall(r"\*\*Total: (\d+) points\*\*", notebook.cells[0].source)
    return int(total)


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_points_add_up(name):
    solution = read(solution_path(name))
    total = _stated_total(solution)
    assert sum(nbgrader(c)["points"] for c in graded_cells(solution)) == total

    table = re.findall(r"^\| \d+ \| .* \| (\d+) \|$", solution.cells[0].source, re.M)
    assert sum(map(int, table)) == total, "the table of exercises at the top must add up to the total"

    # every "### Exercise k (n points)" heading is followed by test cells worth exactly n points
    headings = [(i, int(k), int(n)) for i, c in enumerate(solution.cells) if c.cell_type == "markdown"
                for k, n in re.findall(r"^### Exercise (\d+) \((\d+) points?\)", c.source, re.M)]
    assert [k for _, k, _ in headings] == list(range(1, len(headings) + 1)), "exercises numbered 1, 2, 3, ..."
    assert [n for _, _, n in headings] == [int(p) for p in table], "headings and table disagree"
    tests = [(i, nbgrader(c)["points"]) for i, c in enumerate(solution.cells)
             if c.cell_type == "code" and nbgrader(c).get("grade")]
    for position, (cell_index, number, points) in enumerate(headings):
        later = [i for i, _, _ in headings[position + 1:] if i > cell_index]
        limit = later[0] if later else len(solution.cells)
        earned = 0
        while earned < points:
            assert tests, f"exercise {number}: no test cells left for its {points} points"
            index, value = tests.pop(0)
            assert cell_index < index < limit, f"exercise {number}: its test cell {index} is not in its section"
            earned += value
        assert earned == points, f"exercise {number} states {points} points, its tests give {earned}"
    assert tests == [], "test cells without an exercise heading"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_student_version_is_the_generated_one(name):
    """Same graded cells; solutions and hidden tests removed (`python -m autograder check` compares exactly)."""
    solution, student = read(solution_path(name)), read(student_path(name))
    assert [grade_id(c) for c in student.cells if nbgrader(c)] == \
        [grade_id(c) for c in solution.cells if nbgrader(c)]
    text = "\n".join(c.source for c in student.cells)
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
    assert all("raise NotImplementedError()" in c.source for c in solution_cells(student))
    visible = {grade_id(c): strip_hidden_tests(c.source).strip() for c in graded_cells(solution)}
    for cell in graded_cells(student):
        assert cell.source.strip() == visible[grade_id(cell)], f"{grade_id(cell)} differs from the solution's"


# ---------------------------------------------------------------- execution (slow)

@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_solution_notebook_passes_every_test(name):
    executed = execute(read(solution_path(name)), cwd=SOLUTIONS / name, allow_errors=True)
    failing = {grade_id(c) or f"cell {i}": errors(c) for i, c in enumerate(executed.cells) if errors(c)}
    assert failing == {}, f"the instructor version of {name} must run clean"


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_student_notebook_fails_every_graded_test_cleanly(name):
    executed = execute(read(student_path(name)), cwd=NOTEBOOKS / name, env={"NBGRADER_EXECUTION": "autograde"},
                       allow_errors=True)
    graded = {grade_id(c) for c in graded_cells(executed)}
    for index, cell in enumerate(executed.cells):
        if cell.cell_type != "code":
            continue
        found = errors(cell)
        where = grade_id(cell) or f"cell {index}"
        if grade_id(cell) in graded:
            assert [name for name, _ in found] == ["NotImplementedError"], f"{where}: {found}"
        elif nbgrader(cell).get("solution"):
            assert [name for name, _ in found] in ([], ["NotImplementedError"]), f"{where}: {found}"
        else:
            assert found == [], f"{where} crashes in the blank student notebook: {found}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_the_readme_lists_the_notebook_with_its_binder_badge_and_points(name):
    readme = (SOLUTIONS.parent / "README.md").read_text()
    rows = [line for line in readme.splitlines() if f"urlpath=lab/tree/notebooks/{name}/{name}.ipynb)" in line]
    assert len(rows) == 1, f"the README's notebook table needs one row with a Binder badge for {name}"
    solution = read(solution_path(name))
    cells = [c.strip() for c in rows[0].strip("|").split("|")]
    exercises = len(re.findall(r"^\| \d+ \| .* \| \d+ \|$", solution.cells[0].source, re.M))
    assert cells[0].startswith(name[:2]) and cells[2:4] == [str(exercises), str(_stated_total(solution))], \
        f"the README says {cells[2]} exercises and {cells[3]} points for {name}: update its row"
