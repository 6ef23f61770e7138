"""Check your answer to a multiple-choice question without seeing the key.

The graded notebooks check only the *format* of a multiple-choice answer in
their visible tests; the answer itself is graded by hidden tests. A self-learner
working alone can still find out whether an answer is right, after trying:

    >>> from dlcourse.selfcheck import check_answer
    >>> check_answer("01.loss_range", loss_range)        # doctest: +SKIP
    Not right: 'D' is not the answer to 01.loss_range. Reread the question and try again.

The module stores, for each question, a salted SHA-256 hash of the normalised
correct answer, never the answer itself. ``check_answer`` hashes your answer the
same way and compares. This is an honest aid, not a lock: with four options you
can of course try all four. It only keeps the key out of plain sight.

Normalisation (so that the form of an answer does not matter, only its content):

* a string is stripped, lower-cased, and runs of whitespace become one space:
  ``"  Adam "`` and ``"adam"`` are the same answer;
* a whole number is written in decimal, and a float equal to a whole number is
  the same answer as that number (``2.0`` is ``"2"``); other floats keep 12
  significant digits; ``True``/``False`` are ``"true"``/``"false"``;
* a set of options is the sorted, comma-separated list of its normalised
  elements: ``{"b", "A"}`` is ``"a,b"`` (the order of choices does not matter);
* a list or tuple is an ordered answer, such as a pair ``(p_forward, p_centred)``:
  its normalised elements in their order, ``[1, 2.0]`` and ``(1, 2)`` are ``"1,2"``
  and ``(2, 1)`` is another answer. Give a multiple-select answer as a set.

The visible tests check the *format* an answer must have (``"B"``, not ``"b"``);
this module only says whether its content is right.

For notebook authors: ``answer_hash(question_id, answer)`` gives the hash to add
to ``_ANSWER_HASHES`` below; question ids are ``"<notebook number>.<name>"``.
"""

from __future__ import annotations

import hashlib
import numbers

_SALT = "dlcourse-selfcheck-v1"
_HASH_LENGTH = 16  # hex digits kept: 64 bits, plenty to tell answers apart

# question id -> answer_hash(question_id, correct answer). The id's name is the
# variable that holds the answer in the notebook; tests/test_selfcheck.py checks
# every hash against the instructor's notebook.
_ANSWER_HASHES: dict[str, str] = {
    "01.loss_range": "a86114ecada7545a",
    "01.l2_prefers": "518c437d75e2c1bb",
    "01.l1_prefers": "f4780c48ea4d609f",
    "01.error_orders": "41f9c97fde5851c5",
    "01.ten_class_predictions": "506eb870ddb6be89",
    "01.table_vs_chance": "9aeda99bd230b8f9",
    "01.grid_log10": "102f6bfc56d2b727",
    "02.db12_factors": "5bbe600c319ea909",
    "02.recipe_order": "8b7e0d16ee81243d",
    "02.why_not_zero": "605265e97c1f1973",
    "02.sigmoid_slope_max": "ea7ef3ba63d2fe3a",
    "02.hyperparameters": "0b0a23d25f336760",
    "02.xor_single_layer": "904d5727192fb0b2",
    "02.activation_match": "c84168a11ba602e4",
    "02.sigmoid_drawbacks": "ec67cb150d081d47",
    "02.training_facts": "f0bccf8d1891ddb4",
    "03.noise_ratio": "3d3be09261f4fdb1",
    "03.convergent_schedules": "aa172377ff49b9f4",
    "03.terminal_step": "768e9e04a56e2ec9",
    "03.curve_momenta": "7a0e69f2e553892a",
    "03.best_learning_rate": "4c353e294136349a",
    "03.weight_ten_back": "16ca0de33e9f0fbf",
    "03.adagrad_step_100": "7869d6f4f1c8fb6e",
    "03.adagrad_long_run": "282536c2bc73b818",
    "03.six_algorithms": "e6d9a0ebcaf3b590",
    "03.newton_verdict": "12b7db1c7972f96c",
    "04.strong_direction": "9f1e3f7523374a8c",
    "04.weak_direction": "bf9924da513abe99",
    "04.label_preserving": "b7d6883a686a9d97",
    "04.unique_fraction": "fca5828059957bc6",
    "04.dropout_review": "f341ee3167cc2434",
    "05.constant_init_outcome": "3213e09dd212dc93",
    "05.relu_xavier_factor": "6b7ae79db5e45357",
    "05.distinct_values": "1b21b1ce43e99b3a",
    "05.curve_diagnosis": "9c0d7f012e58afee",
    "05.lecture_memory_mb": "ab19adcad89a0654",
    "05.training_memory_mb": "4785b8521ffa4ccc",
    "05.batchnorm_facts": "7658cc8c36f34eff",
    "05.hyperparameter_kinds": "c81fd47322ca5b97",
    "05.speedup_facts": "722f23457b5a2ed7",
    "05.network_design": "87bb234591eccd54",
    "06.commutes": "ddf77af07924bd65",
    "06.equivariant": "23d95ccbb65eb265",
    "06.fewer_inputs": "e4a867253277c224",
    "07.growth": "fdc5c9f7d82beb31",
    "07.gru_difference": "bfe8796e28b21ea1",
    "07.patterns": "d5f5591d48b3e105",
    "08.table_reading": "616cc3903f109843",
    "08.dbn": "0bf4382fdb9cdebb",
    "08.pretraining_kinds": "46438e4cf0123ece",
}


def normalize_answer(answer) -> str:
    """Return the canonical text of ``answer`` (see the module docstring).

    answer: a string, a number, a bool, or a list/tuple/set of those
    (a set is sorted, a list or tuple keeps its order).
    Raises ValueError for None (no answer given yet) and for other types.
    """
    if answer is None:
        raise ValueError("the answer is None: set it to one of the options first")
    if isinstance(answer, bool):
        return "true" if answer else "false"
    if isinstance(answer, str):
        return " ".join(answer.split()).lower()
    if isinstance(answer, numbers.Integral):
        return str(int(answer))
    if isinstance(answer, numbers.Real):
        value = float(answer)
        return str(int(value)) if value.is_integer() else format(value, ".12g")
    if isinstance(answer, (list, tuple, set, frozenset)):
        if any(isinstance(item, (list, tuple, set, frozenset)) for item in answer):
            raise ValueError("a list or set of options must hold single options, not nested collections")
        items = [normalize_answer(item) for item in answer]
        return ",".join(sorted(items) if isinstance(answer, (set, frozenset)) else items)
    raise ValueError(
        f"an answer must be a string, a number, a bool or a list/set of those, got {type(answer).__name__}"
    )


def answer_hash(question_id: str, answer) -> str:
    """Salted hash of the normalised ``answer`` to ``question_id``: 16 hex digits.

    hash = sha256("<salt>:<question_id>:<normalize_answer(answer)>")[:16]
    The question id is part of the salt, so the same answer to two questions
    hashes differently.
    """
    if not isinstance(question_id, str) or not question_id:
        raise ValueError(f"question_id must be a non-empty string, got {question_id!r}")
    text = f"{_SALT}:{question_id}:{normalize_answer(answer)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:_HASH_LENGTH]


def check_answer(question_id: str, answer) -> bool:
    """Print whether ``answer`` to ``question_id`` is right, and return True or False.

    Never prints the correct answer. Raises ValueError for an unknown question id
    and for an answer that is None or of an unsupported type.
    """
    if question_id not in _ANSWER_HASHES:
        known = ", ".join(sorted(_ANSWER_HASHES)) or "none yet"
        raise ValueError(f"unknown question id {question_id!r}; known ids: {known}")
    right = answer_hash(question_id, answer) == _ANSWER_HASHES[question_id]
    if right:
        print(f"Right: {answer!r} is the answer to {question_id}.")
    else:
        print(f"Not right: {answer!r} is not the answer to {question_id}. "
              "Reread the question and try again.")
    return right
