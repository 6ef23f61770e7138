"""The student notebooks: ``python -m autograder release`` and ``python -m autograder check``.

`release` regenerates the release directory (``notebooks/``) from the source directory
(``solutions/``) with nbgrader's generate_assignment: solutions replaced by ``raise
NotImplementedError()``, hidden tests removed, outputs cleared, test cells locked. No gradebook is
written and nothing but the generated files lands in ``notebooks/``. `check` generates the same into a
temporary folder and compares; CI runs it, so a changed instructor notebook cannot go out of sync.
"""

import filecmp
import json
import shutil
import tempfile
from pathlib import Path

from .course import generate_assignment

# the cell metadata that matters to students and to nbgrader; the rest (collapsed, scrolled,
# execution timings, ...) and the cell ids are editor state
_CELL_METADATA = ("nbgrader", "editable", "deletable", "tags")


def release(course, assignments=None):
    """Regenerate the release folder of each assignment (all by default); returns the folders."""
    written = []
    with tempfile.TemporaryDirectory(prefix="autograder-release-") as temp:
        for assignment in assignments or course.assignments():
            generated = generate_assignment(course, assignment, temp)
            target = course.release_dir / assignment
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(generated, target)
            written.append(target)
    return written


def check(course):
    """The reasons the release folder is out of date (an empty list when it is up to date)."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="autograder-check-") as temp:
        for assignment in course.assignments():
            generated = generate_assignment(course, assignment, temp)
            problems += _compare(generated, course.release_dir / assignment, course.root)
    sources = set(course.assignments())
    if course.release_dir.is_dir():
        for folder in sorted(p for p in course.release_dir.iterdir() if p.is_dir()):
            if folder.name not in sources and not folder.name.startswith("."):
                problems.append(f"{folder.relative_to(course.root)}: no such assignment in "
                                f"{course.source_dir.relative_to(course.root)}/")
    return problems


def _compare(generated, released, root):
    """Differences between a freshly generated release folder and the one in the repository."""
    where = released.relative_to(root)
    if not released.is_dir():
        return [f"{where}: missing"]
    expected = {p.relative_to(generated) for p in generated.rglob("*") if p.is_file()}
    present = {p.relative_to(released) for p in released.rglob("*") if p.is_file()
               and ".ipynb_checkpoints" not in p.parts}
    problems = [f"{where / name}: missing" for name in sorted(expected - present)]
    problems += [f"{where / name}: not generated from the source (remove it)" for name in sorted(present - expected)]
    for name in sorted(expected & present):
        new, old = generated / name, released / name
        if name.suffix == ".ipynb":
            same = normalized(new) == normalized(old)
        else:
            same = filecmp.cmp(new, old, shallow=False)
        if not same:
            problems.append(f"{where / name}: out of date")
    return problems


def normalized(path):
    """A notebook's content that matters: cells (type, source, outputs, key metadata), kernel, format."""
    try:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    cells = []
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        metadata = cell.get("metadata", {})
        cells.append({
            "cell_type": cell.get("cell_type"),
            "source": "".join(source) if isinstance(source, list) else source,
            "outputs": cell.get("outputs"),
            "metadata": {k: metadata[k] for k in _CELL_METADATA if k in metadata},
        })
    metadata = notebook.get("metadata", {})
    return {"nbformat": notebook.get("nbformat"), "kernelspec": metadata.get("kernelspec"),
            "language": metadata.get("language_info", {}).get("name"), "cells": cells}
