# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 23 (lecture 003, review Q6): batchnorm_facts {"A", "C", "E"}."""

MUTANTS = [
    wrong("the slide's axis: statistics over the units", 'batchnorm_facts = {"B", "C", "E"}\n',
          expect_message="[batchnorm_facts.units_axis]"),
    wrong("mu and sigma treated as constants", 'batchnorm_facts = {"A", "C", "D", "E"}\n',
          expect_message="[batchnorm_facts.constant_statistics]"),
    wrong("the test-time statistics forgotten", 'batchnorm_facts = {"A", "E"}\n'),
    correct("a frozenset", 'batchnorm_facts = frozenset("ECA")\n'),
]
