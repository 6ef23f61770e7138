# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 4: the strong direction A (kept), the weak direction B (shrunk, never 0)."""

MUTANTS = [
    wrong("strong and weak swapped: strong B", 'strong_direction = "B"\n', replaces="strong_direction"),
    wrong("strong: C", 'strong_direction = "C"\n', replaces="strong_direction"),
    wrong("strong and weak swapped: weak A", 'weak_direction = "A"\n', replaces="weak_direction"),
    wrong("weak: D (set to 0, as L1 would)", 'weak_direction = "D"\n', replaces="weak_direction"),
    correct("strong: a numpy string", 'strong_direction = np.str_("A")\n', replaces="strong_direction"),
    correct("weak: upper-cased", 'weak_direction = "b".upper()\n', replaces="weak_direction"),
]
