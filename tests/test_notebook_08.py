"""Notebook 08 (representation learning): checks of its own. The checks every notebook gets (structure,
both versions executed, a demo class graded) are in test_notebooks.py.

Here: the diagnosis codes are well formed, and the claims the notebook's text makes about its demos hold
(at full size: layer-wise pretraining of a 64-32-16 stack lifts the test accuracy with 50 labels and plain
gradient descent from about one half to about 85%, and Adam closes most of that gap). Wrong answers
(careless ones that pass the visible tests, classic mistakes with the codes that name them) and correct
ones in other forms are graded in tests/test_mutants.py (tests/mutants/08_representation_learning/).
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

NAME = "08_representation_learning"
SOLUTION = SOLUTIONS / NAME / f"{NAME}.ipynb"
FOLDER = SOLUTIONS / NAME


@pytest.fixture(scope="module")
def solution():
    return read(SOLUTION)


def test_every_diagnosis_code_is_well_formed(solution):
    codes = [code for cell in graded_cells(solution) for code in re.findall(r'"\[([^\]]+)\] ', cell.source)]
    assert len(codes) >= 25
    assert all(re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", code) for code in codes), codes


def test_the_multiple_choice_answers_have_self_checks(solution):
    from dlcourse.selfcheck import _ANSWER_HASHES, answer_hash

    answers = {"table_reading": "B", "dbn": "C", "pretraining_kinds": ("C", "B")}
    for name, value in answers.items():
        cell = next(c for c in solution.cells if grade_id(c) == f"answer_{name}")
        assert f"{name} = {value!r}".replace("'", '"') in cell.source, name
        assert _ANSWER_HASHES[f"08.{name}"] == answer_hash(f"08.{name}", value)


@pytest.mark.slow
def test_pretraining_helps_as_the_text_says(solution):
    """Sections 2 to 4 at full size (five seeds): the numbers the discussion and the summary rely on."""
    wanted = {"setup", "encode", "decode", "reconstruction_loss", "autoencoder_gradients", "autoencoder_step",
              "pretrain_layerwise", "init_classifier_from_encoder", "few_label_comparison"}
    cells = []
    for cell in solution.cells:
        given = cell.cell_type == "code" and not grade_id(cell) and cell.source.startswith(
            ("def reference_step", "def choose_labelled", "comparison_done", "def fine_tune_adam"))
        if grade_id(cell) in wanted or given:
            cells.append(cell)
    assert len(cells) == len(wanted) + 4
    executed = execute(nbformat.v4.new_notebook(cells=cells, metadata=solution.metadata), cwd=FOLDER)
    text = "".join(stream_text(c) for c in executed.cells)
    match = re.search(r"over 5 seeds, 50 labels: pretrained ([\d.]+), from scratch ([\d.]+)", text)
    assert match, text
    pretrained, scratch = map(float, match.groups())
    assert pretrained > 0.8, f"the text says about 85% with pretraining: {pretrained}"
    assert 0.3 < scratch < 0.65, f"the text says a random start gets about half the digits right: {scratch}"
    assert pretrained - scratch > 0.2, (pretrained, scratch)
    adam = {name: float(a) for name, a in re.findall(r"Adam, 300 steps, (\w[\w ]*?) *: test accuracy ([\d.]+)", text)}
    assert adam["from scratch"] > scratch + 0.15, f"Adam should close most of the gap: {adam}, SGD scratch {scratch}"
    assert adam["pretrained"] - adam["from scratch"] < 0.15, adam
