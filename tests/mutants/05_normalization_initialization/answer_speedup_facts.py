# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 25 (lecture 003, review Q8): speedup_facts {"A", "B", "C", "E"}."""

MUTANTS = [
    wrong("the unweighted mean of the workers' gradients", 'speedup_facts = {"A", "B", "C", "D", "E"}\n',
          expect_message="[speedup_facts.unweighted_mean]"),
    wrong("float64 believed smaller", 'speedup_facts = {"A", "B", "C", "E", "F"}\n',
          expect_message="[speedup_facts.float64_halves]"),
    wrong("model parallelism left out", 'speedup_facts = {"A", "B", "E"}\n'),
    correct("a set built from a string", 'speedup_facts = set("EBCA")\n'),
]
