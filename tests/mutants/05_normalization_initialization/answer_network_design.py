# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 17, network design (lecture 003): A, C and D are true."""

MUTANTS = [
    wrong("deeper is always better", 'network_design = {"A", "B", "C", "D"}\n'),
    wrong("a hidden layer per class count; separability missed", 'network_design = {"A", "D", "E"}\n'),
    wrong("choose by the training loss", 'network_design = {"A", "C", "D", "F"}\n'),
    wrong("only the rule-of-thumb statement", 'network_design = {"A"}\n'),
    correct("a frozenset built from a string", 'network_design = frozenset("DCA")\n'),
]
