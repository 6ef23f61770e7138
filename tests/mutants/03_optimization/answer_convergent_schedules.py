# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 4: the schedules with sum eps = inf and sum eps^2 < inf are B and D."""

MUTANTS = [
    wrong("only 1/k", 'convergent_schedules = {"B"}\n'),
    wrong("the constant counted too", 'convergent_schedules = {"A", "B", "D"}\n'),
    wrong("1/sqrt(k) counted too", 'convergent_schedules = {"B", "D", "E"}\n'),
    correct("a frozenset", 'convergent_schedules = frozenset({"B", "D"})\n'),
    correct("set() of a string", 'convergent_schedules = set("DB")\n'),
]
