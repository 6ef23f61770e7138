"""Notebook 07 (recurrent networks): checks of its own. The checks every notebook gets (structure,
both versions executed, a demo class graded) are in test_notebooks.py.

Here: (a) answers that pass the visible tests by luck or carelessness fail the hidden ones; (b) the
classic mistakes are caught by the visible tests, with the diagnosis code that names them; (c) the
claims the notebook's text makes about its demos (the vanilla RNN fails the long-range task at T = 40
while the LSTM solves it; the three recurrent patterns learn their toy tasks) hold.
"""

import re

import nbformat
import pytest
from notebook_helpers import (
    SOLUTIONS,
    errors,
    execute,
    grade_id,
    graded_cells,
    read,
    solution_cells,
    stream_text,
    strip_hidden_tests,
)

NAME = "07_recurrent_networks"
SOLUTION = SOLUTIONS / NAME / f"{NAME}.ipynb"
FOLDER = SOLUTIONS / NAME


@pytest.fixture(scope="module")
def solution():
    return read(SOLUTION)


# (a) grade_id of the answer cell -> (test cells, replacement source): passes the visible tests of its
# exercise, fails the hidden ones.
MUTANTS = {
    "answer_growth": ("test_growth", 'growth = "A"'),
    "answer_gru_difference": ("test_gru_difference", 'gru_difference = "C"'),
    "answer_patterns": ("test_patterns", 'patterns = ("C", "D", "B", "A")'),
    # log(softmax) instead of the log-softmax: fine on the visible example, inf/nan for scores of +-1000
    "sequence_loss": ("test_sequence_loss", '''
def sequence_loss(hs, y, V, c):
    o = hs @ V.T + c
    p = np.exp(o) / np.exp(o).sum(axis=2, keepdims=True)
    return float(-np.log(np.take_along_axis(p, y[..., None], axis=2)).sum() / hs.shape[0])
'''),
    # divides by the norm before comparing: all-zero gradients give 0/0
    "clip_by_global_norm": ("test_clip_by_global_norm", '''
def clip_by_global_norm(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    scale = min(1.0, max_norm / norm)
    return [g * scale for g in grads], float(norm)
'''),
}

# (b) grade_id of the answer cell -> [(replacement source, test cell, diagnosis code)]: a classic mistake
# that the VISIBLE test must catch with the message naming it.
CLASSIC = {
    "rnn_step": [
        ("def rnn_step(x_t, h_prev, U, W, b):\n    return np.tanh(h_prev @ W.T + x_t @ U.T)", "test_rnn_step", "rnn_step.no_bias"),
        ("def rnn_step(x_t, h_prev, U, W, b):\n    return np.tanh(b + h_prev @ U.T + x_t @ W.T)", "test_rnn_step",
         "rnn_step.swapped_weights"),
        ("def rnn_step(x_t, h_prev, U, W, b):\n    return b + h_prev @ W.T + x_t @ U.T", "test_rnn_step", "rnn_step.no_tanh"),
    ],
    "rnn_forward": [
        ('''
def rnn_forward(x, h0, U, W, b):
    return np.stack([rnn_step(x[:, t], h0, U, W, b) for t in range(x.shape[1])], axis=1)
''', "test_rnn_forward", "rnn_forward.no_recurrence"),
        ('''
def rnn_forward(x, h0, U, W, b):
    hs, h = [], h0
    for t in range(x.shape[1]):
        h = rnn_step(x[:, t], h, U, W, b)
        hs.append(h)
    return np.stack(hs)
''', "test_rnn_forward", "rnn_forward.time_axis"),
    ],
    "sequence_loss": [
        ('''
def sequence_loss(hs, y, V, c):
    o = hs @ V.T + c
    o = o - o.max(axis=2, keepdims=True)
    log_p = o - np.log(np.exp(o).sum(axis=2, keepdims=True))
    return float(-np.take_along_axis(log_p, y[..., None], axis=2).mean())
''', "test_sequence_loss", "sequence_loss.mean_over_time"),
    ],
    "bptt": [
        ("SOURCE.replace('da = (dh_from_output[:, t] + dh_next)', 'da = (dh_from_output[:, t])')",
         "test_bptt_recurrent", "bptt.no_recurrent_gradient"),
        ("SOURCE.replace('    do /= N\\n', '')", "test_bptt_output", "bptt.loss_scale"),
    ],
    "recurrent_jacobian": [
        ("SOURCE.replace('for h in hs:', 'for h in hs[::-1]:')", "test_recurrent_jacobian", "jacobian.order"),
        ("SOURCE.replace('J = (1.0 - h ** 2)[:, None] * (W @ J)', 'J = W @ J')", "test_recurrent_jacobian",
         "jacobian.no_tanh_derivative"),
    ],
    "clip_by_global_norm": [
        ('''
def clip_by_global_norm(grads, max_norm):
    norms = [float(np.sqrt(np.sum(g ** 2))) for g in grads]
    total = float(np.sqrt(sum(n ** 2 for n in norms)))
    return [g * min(1.0, max_norm / n) if n > 0 else g for g, n in zip(grads, norms)], total
''', "test_clip_by_global_norm", "clip.per_parameter"),
        ('''
def clip_by_global_norm(grads, max_norm):
    return [np.clip(g, -max_norm, max_norm) for g in grads], float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
''', "test_clip_by_global_norm", "clip.elementwise"),
        ('''
def clip_by_global_norm(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    clipped = [g * (max_norm / norm) for g in grads] if norm > max_norm else list(grads)
    return clipped, float(np.sqrt(sum(np.sum(g ** 2) for g in clipped)))
''', "test_clip_by_global_norm", "clip.norm_after"),
    ],
    "lstm_step": [
        ("SOURCE.replace('return o * np.tanh(c), c', 'return o * c, c')", "test_lstm_step", "lstm.h_without_tanh"),
        ("SOURCE.replace('c = f * c_prev + i * c_tilde', 'c = i * c_prev + f * c_tilde')", "test_lstm_step",
         "lstm.gates_swapped"),
        ("SOURCE.replace('c_tilde = np.tanh(pre_activation(\"\"))', 'c_tilde = sigmoid(pre_activation(\"\"))')",
         "test_lstm_step", "lstm.candidate_sigmoid"),
    ],
    "lstm_torch_weights": [
        ("SOURCE.replace('[params[\"U_i\"], params[\"U_f\"], params[\"U\"], params[\"U_o\"]]', "
         "'[params[\"U_f\"], params[\"U_i\"], params[\"U_o\"], params[\"U\"]]')",
         "test_lstm_torch_weights", "lstm_weights.lecture_order"),
    ],
    "gru_step": [
        ("SOURCE.replace('np.tanh((r * h_prev) @ params[\"W\"].T', 'np.tanh(r * (h_prev @ params[\"W\"].T)')",
         "test_gru_step", "gru.reset_after_product"),
        ("SOURCE.replace('return (1.0 - z) * h_prev + z * h_tilde', 'return z * h_prev + (1.0 - z) * h_tilde')",
         "test_gru_step", "gru.z_swapped"),
    ],
}


def _mutated(source, replacement):
    """The replacement source: literal code, or an expression of the solution's SOURCE (str.replace)."""
    if replacement.startswith("SOURCE."):
        mutated = eval(replacement, {"SOURCE": source})  # noqa: S307 - our own table above
        assert mutated != source, f"the mutation {replacement!r} changed nothing"
        return mutated
    return replacement.strip("\n")


def _code(source):
    return nbformat.v4.new_code_cell(source)


@pytest.mark.slow
def test_wrong_answers_are_caught(solution):
    """One notebook run: each mutated answer cell, its test cells (visible part, full), the original back."""
    cells = [c for c in solution.cells if grade_id(c) == "setup"]
    answers = {grade_id(c): c.source for c in solution_cells(solution)}
    tests = {grade_id(c): c.source for c in graded_cells(solution)}
    cells += [_code(source) for source in answers.values()]       # every correct answer, in order
    definitions = list(range(len(cells)))                          # cells that must run without error
    hidden_checks, visible_checks = [], []
    for answer_id, (test_ids, replacement) in MUTANTS.items():
        definitions.append(len(cells))
        cells.append(_code(_mutated(answers[answer_id], replacement)))
        for test_id in test_ids.split():
            hidden_checks.append((answer_id, test_id, len(cells)))
            cells += [_code(strip_hidden_tests(tests[test_id])), _code(tests[test_id])]
        definitions.append(len(cells))
        cells.append(_code(answers[answer_id]))
    for answer_id, mistakes in CLASSIC.items():
        for replacement, test_id, diagnosis in mistakes:
            definitions.append(len(cells))
            cells.append(_code(_mutated(answers[answer_id], replacement)))
            visible_checks.append((diagnosis, test_id, len(cells)))
            cells.append(_code(strip_hidden_tests(tests[test_id])))
            definitions.append(len(cells))
            cells.append(_code(answers[answer_id]))
    notebook = nbformat.v4.new_notebook(cells=cells, metadata=solution.metadata)
    executed = execute(notebook, cwd=FOLDER, allow_errors=True)
    for index in definitions:
        assert errors(executed.cells[index]) == [], f"the definition in cell {index} failed: {errors(executed.cells[index])}"
    for answer_id, test_id, index in hidden_checks:
        assert errors(executed.cells[index]) == [], f"{answer_id}: the visible tests of {test_id} should pass"
        assert errors(executed.cells[index + 1]) != [], f"{answer_id}: the hidden tests of {test_id} should fail"
    for diagnosis, test_id, index in visible_checks:
        found = errors(executed.cells[index])
        assert found and found[0][0] == "AssertionError", f"[{diagnosis}] the visible test {test_id} should fail: {found}"
        assert found[0][1].startswith(f"[{diagnosis}]"), \
            f"the visible test {test_id} should diagnose [{diagnosis}], it says: {found[0][1][:300]}"


def test_every_diagnosis_code_is_well_formed(solution):
    codes = [code for cell in graded_cells(solution) for code in re.findall(r'"\[([^\]]+)\] ', cell.source)]
    assert len(codes) >= 25
    assert all(re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", code) for code in codes), codes
    exercised = {diagnosis for mistakes in CLASSIC.values() for _, _, diagnosis in mistakes}
    assert exercised <= set(codes), exercised - set(codes)


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
