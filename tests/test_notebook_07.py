"""Notebook 07 (recurrent networks): checks of its own. The checks every notebook gets (structure,
both versions executed, a demo class graded) are in test_notebooks.py.

Here: the diagnosis codes are well formed, and the claims the notebook's text makes about its demos
(the vanilla RNN fails the long-range task at T = 40 while the LSTM solves it; the three recurrent
patterns learn their toy tasks) hold. Wrong answers (careless ones that pass the visible tests, classic
mistakes with the codes that name them) and correct ones in other forms are graded in
tests/test_mutants.py (tests/mutants/07_recurrent_networks/).
"""

import re

import nbformat
import pytest
from notebook_helpers import (
    SOLUTIONS,
    execute,
    grade_id,
    graded_cells,
    read,
    stream_text,
)

NAME = "07_recurrent_networks"
SOLUTION = SOLUTIONS / NAME / f"{NAME}.ipynb"
FOLDER = SOLUTIONS / NAME


@pytest.fixture(scope="module")
def solution():
    return read(SOLUTION)


def test_every_diagnosis_code_is_well_formed(solution):
    codes = [code for cell in graded_cells(solution) for code in re.findall(r'"\[([^\]]+)\] ', cell.source)]
    assert len(codes) >= 25
    assert all(re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", code) for code in codes), codes


@pytest.mark.slow
def test_the_demos_do_what_the_text_says(solution):
    """Section 8 (first-bit task) and section 9 (patterns), at full size: the numbers the text relies on."""
    wanted = ("def first_bit_task", "def per_step_loss", "from dlcourse.data import load_digits", "words = [", "source_words = [")
    cells = [c for c in solution.cells if grade_id(c) == "setup"]
    cells += [c for c in solution.cells if c.cell_type == "code" and c.source.startswith(wanted)]
    assert len(cells) == 1 + len(wanted)
    executed = execute(nbformat.v4.new_notebook(cells=cells, metadata=solution.metadata), cwd=FOLDER)
    text = "".join(stream_text(c) for c in executed.cells)
    accuracy = {(kind, int(T)): float(a) for T, kind, a in re.findall(r"T = +(\d+), (\w+) *: test accuracy ([\d.]+)", text)}
    assert accuracy[("RNN", 10)] > 0.95 and accuracy[("LSTM", 10)] > 0.95, accuracy
    assert accuracy[("RNN", 40)] < 0.6, f"the vanilla RNN should fail at T = 40: {accuracy}"
    assert accuracy[("LSTM", 40)] > 0.95, f"the LSTM should solve T = 40: {accuracy}"
    captions = float(re.search(r"captioned exactly right: ([\d.]+)", text).group(1))
    reviews = float(re.search(r"test accuracy on 1000 new reviews: ([\d.]+)", text).group(1))
    translations = float(re.search(r"translated exactly right: ([\d.]+)", text).group(1))
    assert captions > 0.9 and reviews > 0.95 and translations > 0.95, (captions, reviews, translations)
