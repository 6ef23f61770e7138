"""The lecture coverage map (docs/lecture-coverage.md) and the errata list (docs/errata.md) against the
solution notebooks.

The map lists every item of the five lectures with the notebook, section heading and grade ids that
teach it. These tests fail when a listed notebook folder, heading or grade id does not exist (a grade
id must name a graded nbgrader cell). The errata list gives, for every slide error, a key phrase from
the notebook's note about it; the tests fail when the phrase is not in that notebook. Items the map
marks `not covered` and key phrases marked `missing` make the tests fail too, with the full list: the
map must not claim coverage the course lacks.

Only JSON is read; nothing is executed.
"""

import json
import re
from functools import lru_cache

import pytest
from notebook_helpers import ROOT, SOLUTIONS

COVERAGE = ROOT / "docs" / "lecture-coverage.md"
ERRATA = ROOT / "docs" / "errata.md"
SEEDS = ROOT.parent / "shared" / "seeds"          # the lecture transcripts, kept beside the repository
SHARED_ERRATA = ROOT.parent / "shared" / "errata.md"
LECTURES = ("000", "001", "002", "003", "004")
NOT_COVERED = "not covered"
MISSING = "missing"
FOUND_BY_THE_COURSE = "found by the course"


# ---------------------------------------------------------------------------------------------------
# reading the documents

def _cells(line):
    """The cells of a markdown table row (no cell may contain a '|')."""
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _is_separator(cells):
    return all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells)


def _tables(text):
    """[(heading, [row cells, ...])]: every markdown table under the last heading above it, header
    and separator rows left out."""
    tables, heading, rows, in_table = [], None, None, False
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        if line.lstrip().startswith("|"):
            cells = _cells(line)
            if not in_table:                       # the header row
                rows, in_table = [], True
                tables.append((heading, cells, rows))
            elif not _is_separator(cells):
                rows.append(cells)
        else:
            in_table = False
    return tables


def _code_spans(cell):
    return re.findall(r"`([^`]+)`", cell)


@lru_cache(maxsize=None)
def coverage_tables():
    """{lecture id: [row cells]} of docs/lecture-coverage.md, checked for shape."""
    tables = {}
    for heading, header, rows in _tables(COVERAGE.read_text(encoding="utf-8")):
        match = re.match(r"Lecture (\d{3})\b", heading or "")
        assert match, f"a table under the heading {heading!r}: every table must sit under '## Lecture NNN ...'"
        assert [h.lower() for h in header] == ["lecture item", "notebook", "section", "graded by"], (
            f"lecture {match.group(1)}: the columns must be lecture item | notebook | section | graded by, got {header}")
        for row in rows:
            assert len(row) == 4, f"lecture {match.group(1)}: a row with {len(row)} cells instead of 4 (a '|' in a cell?): {row}"
        assert match.group(1) not in tables, f"two tables for lecture {match.group(1)}"
        tables[match.group(1)] = rows
    return tables


def coverage_rows():
    """[(lecture, item, notebook, section, grade ids or None for a demonstration)] of the covered
    items, and [(lecture, item)] of the items marked not covered."""
    covered, not_covered = [], []
    for lecture, rows in coverage_tables().items():
        for item, notebook, section, graded_by in rows:
            if notebook.strip("`").lower() == NOT_COVERED:
                not_covered.append((lecture, item))
                continue
            ids = None if graded_by.lower() == "demonstration" else _code_spans(graded_by)
            covered.append((lecture, item, notebook.strip("`"), section.strip("`"), ids))
    return covered, not_covered


@lru_cache(maxsize=None)
def errata_tables():
    """(slide errors, conventions): the rows of the two tables of docs/errata.md, checked for shape."""
    tables = _tables(ERRATA.read_text(encoding="utf-8"))
    assert len(tables) == 2, f"docs/errata.md must have two tables (slide errors, conventions), found {len(tables)}"
    (_, errors_header, errors), (_, conventions_header, conventions) = tables
    assert [h.lower() for h in errors_header] == [
        "lecture", "slide", "the error", "the correction", "notebook", "key phrase"], errors_header
    assert [h.lower() for h in conventions_header][-2:] == ["notebook", "key phrase"], conventions_header
    for row in errors:
        assert len(row) == len(errors_header), f"a slide-error row with {len(row)} cells (a '|' in a cell?): {row}"
    for row in conventions:
        assert len(row) == len(conventions_header), f"a convention row with {len(row)} cells (a '|' in a cell?): {row}"
    return errors, conventions


# ---------------------------------------------------------------------------------------------------
# reading the notebooks

def solution_path(notebook):
    return SOLUTIONS / notebook / f"{notebook}.ipynb"


@lru_cache(maxsize=None)
def notebook_cells(notebook):
    with open(solution_path(notebook), encoding="utf-8") as f:
        return json.load(f)["cells"]


def _source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@lru_cache(maxsize=None)
def headings(notebook):
    """Every markdown heading line of the notebook, as written."""
    return {line.strip() for cell in notebook_cells(notebook) if cell["cell_type"] == "markdown"
            for line in _source(cell).splitlines() if line.lstrip().startswith("#")}


@lru_cache(maxsize=None)
def graded_ids(notebook):
    """The grade ids of the graded cells (nbgrader grade: true): the cells that award points."""
    return {cell["metadata"]["nbgrader"]["grade_id"] for cell in notebook_cells(notebook)
            if cell["metadata"].get("nbgrader", {}).get("grade")}


@lru_cache(maxsize=None)
def all_ids(notebook):
    return {cell["metadata"]["nbgrader"]["grade_id"] for cell in notebook_cells(notebook)
            if "grade_id" in cell["metadata"].get("nbgrader", {})}


def contains(notebook, phrase):
    """Whether a markdown or code cell of the solution contains ``phrase`` (case-insensitive)."""
    phrase = phrase.lower()
    return any(phrase in _source(cell).lower() for cell in notebook_cells(notebook))


# ---------------------------------------------------------------------------------------------------
# the coverage map

def test_every_lecture_has_a_table():
    tables = coverage_tables()
    expected = set(LECTURES)
    if SEEDS.is_dir():
        expected |= {path.name[:3] for path in SEEDS.glob("*.txt")}
    missing = sorted(expected - set(tables))
    assert not missing, f"docs/lecture-coverage.md has no table for lecture(s) {missing}"
    empty = sorted(lecture for lecture, rows in tables.items() if not rows)
    assert not empty, f"the tables of lecture(s) {empty} have no rows"
    if SEEDS.is_dir():                             # the heading names the transcript
        text = COVERAGE.read_text(encoding="utf-8")
        unnamed = [path.name for path in SEEDS.glob("*.txt") if path.name not in text]
        assert not unnamed, f"docs/lecture-coverage.md does not name the transcript(s) {unnamed}"


def test_listed_notebooks_exist():
    covered, _ = coverage_rows()
    unknown = sorted({f"{notebook} (lecture {lecture}: {item})" for lecture, item, notebook, _, _ in covered
                      if not solution_path(notebook).is_file()})
    assert not unknown, "notebook folders that do not exist in solutions/:\n  " + "\n  ".join(unknown)


def test_listed_sections_exist():
    covered, _ = coverage_rows()
    problems = []
    for lecture, item, notebook, section, _ in covered:
        if not section.startswith("#"):
            problems.append(f"lecture {lecture}, {item!r}: the section {section!r} is not a markdown heading")
        elif solution_path(notebook).is_file() and section not in headings(notebook):
            problems.append(f"lecture {lecture}, {item!r}: no heading {section!r} in {notebook}")
    assert not problems, "sections that do not occur in their notebook:\n  " + "\n  ".join(problems)


def test_listed_grade_ids_exist():
    covered, _ = coverage_rows()
    problems = []
    for lecture, item, notebook, _, ids in covered:
        if ids is None or not solution_path(notebook).is_file():
            continue
        if not ids:
            problems.append(f"lecture {lecture}, {item!r}: 'graded by' names no grade id (nor 'demonstration')")
        for grade_id in ids:
            if grade_id not in all_ids(notebook):
                problems.append(f"lecture {lecture}, {item!r}: no grade_id {grade_id!r} in {notebook}")
            elif grade_id not in graded_ids(notebook):
                problems.append(f"lecture {lecture}, {item!r}: {grade_id!r} in {notebook} is not a graded cell")
    assert not problems, "grade ids that do not grade anything:\n  " + "\n  ".join(problems)


def test_no_lecture_item_is_left_uncovered():
    _, not_covered = coverage_rows()
    assert not not_covered, (f"{len(not_covered)} lecture item(s) the course does not cover yet:\n  "
                             + "\n  ".join(f"lecture {lecture}: {item}" for lecture, item in not_covered))


# ---------------------------------------------------------------------------------------------------
# the errata

def _check_phrases(rows, what):
    """Problems with the notebooks and key phrases of the errata rows, and the rows marked missing."""
    problems, missing = [], []
    for row in rows:
        label = f"{what} {row[0]} / {row[1]}"
        notebooks, key = _code_spans(row[-2]), row[-1]
        if not notebooks:
            problems.append(f"{label}: no notebook named")
            continue
        absent = [notebook for notebook in notebooks if not solution_path(notebook).is_file()]
        if absent:
            problems.append(f"{label}: no notebook folder {absent} in solutions/")
            continue
        if key.strip("`").lower() == MISSING:
            missing.append(f"{label} ({', '.join(notebooks)})")
            continue
        phrases = _code_spans(key)
        if not phrases:
            problems.append(f"{label}: no key phrase (write it in backticks, or `missing`)")
        for phrase in phrases:
            if not any(contains(notebook, phrase) for notebook in notebooks):
                problems.append(f"{label}: the key phrase {phrase!r} is in none of {notebooks}")
        for notebook in notebooks:
            if phrases and not any(contains(notebook, phrase) for phrase in phrases):
                problems.append(f"{label}: {notebook} contains none of the key phrases {phrases}")
    return problems, missing


def test_errata_key_phrases_occur_in_their_notebooks():
    errors, conventions = errata_tables()
    problems = _check_phrases(errors, "erratum")[0] + _check_phrases(conventions, "convention")[0]
    assert not problems, "errata whose note is not where the list says:\n  " + "\n  ".join(problems)


def test_every_erratum_has_its_note():
    errors, conventions = errata_tables()
    missing = _check_phrases(errors, "erratum")[1] + _check_phrases(conventions, "convention")[1]
    assert not missing, (f"{len(missing)} erratum/errata with no note in the notebooks yet (key phrase `missing`):\n  "
                         + "\n  ".join(missing))


@pytest.mark.skipif(not SHARED_ERRATA.is_file(), reason="the shared list of errata is not beside the repository")
def test_every_known_erratum_is_listed():
    """One row per row of the first table of ../shared/errata.md (besides the course's own finds), and
    one per convention of its second table."""
    shared = _tables(SHARED_ERRATA.read_text(encoding="utf-8"))
    errors, conventions = errata_tables()
    known = [row for row in errors if FOUND_BY_THE_COURSE not in row[0].lower()]
    assert len(known) == len(shared[0][2]), (
        f"docs/errata.md lists {len(known)} slide errors not marked '{FOUND_BY_THE_COURSE}', "
        f"../shared/errata.md {len(shared[0][2])}")
    assert len(conventions) == len(shared[1][2]), (
        f"docs/errata.md lists {len(conventions)} conventions, ../shared/errata.md {len(shared[1][2])}")
