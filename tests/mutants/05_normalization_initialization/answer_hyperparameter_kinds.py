# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 24 (lecture 003, review Q7): hyperparameter_kinds ("H", "L", "H", "C", "L", "H", "H", "H")."""

MUTANTS = [
    wrong("the running mean taken for a learned parameter", 'hyperparameter_kinds = ("H", "L", "H", "L", "L", "H", "H", "H")\n',
          expect_message="[hyperparameter_kinds.running_stats_learned]"),
    wrong("gamma taken for a hyperparameter", 'hyperparameter_kinds = ("H", "H", "H", "C", "L", "H", "H", "H")\n',
          expect_message="[hyperparameter_kinds.gamma_chosen]"),
    wrong("the batch size taken for something computed", 'hyperparameter_kinds = ("H", "L", "C", "C", "L", "H", "H", "H")\n'),
    correct("a list", 'hyperparameter_kinds = ["H", "L", "H", "C", "L", "H", "H", "H"]\n'),
]
