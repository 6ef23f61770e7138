# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 12, `patterns`: (C, D, A, B)."""

MUTANTS = [
    wrong("captioning and rating swapped", 'patterns = ("C", "D", "B", "A")'),
    wrong("translation synchronised, frame labels encoder-decoder", 'patterns = ("D", "C", "A", "B")'),
    wrong("frame labels many-to-one", 'patterns = ("C", "B", "A", "B")'),
    correct("tuple() of a string", 'patterns = tuple("CDAB")'),
    correct("numpy strings in a tuple", 'patterns = tuple(np.array(["C", "D", "A", "B"]))'),
]
