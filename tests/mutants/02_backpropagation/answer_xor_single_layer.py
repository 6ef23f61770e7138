# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 6, `xor_single_layer` (lecture 003, review Q1): C, it cannot."""

MUTANTS = [
    wrong("A: large weights", 'xor_single_layer = "A"\n'),
    wrong("B: a step activation", 'xor_single_layer = "B"\n'),
    wrong("D: longer training", 'xor_single_layer = "D"\n'),
    correct("C, lower case upper-cased", 'xor_single_layer = "c".upper()\n'),
]
