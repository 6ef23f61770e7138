# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 9, `table_vs_chance`: B (2.76 > ln 3: worse than uniform guessing)."""

MUTANTS = [
    wrong("A: a larger loss means more confident", 'table_vs_chance = "A"\n'),
    wrong("C: not comparable", 'table_vs_chance = "C"\n'),
    wrong("D: a matter of the logarithm's base", 'table_vs_chance = "D"\n'),
    correct("B, computed", """
table_vs_chance = "B" if (2.04 + 0.079 + 6.16) / 3 > np.log(3) else "A"
"""),
]
