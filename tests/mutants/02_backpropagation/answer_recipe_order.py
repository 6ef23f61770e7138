# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 13, `recipe_order`: the six steps of lecture 002, B F D A E C."""

MUTANTS = [
    wrong("the letters in alphabetical order", 'recipe_order = ("A", "B", "C", "D", "E", "F")'),
    wrong("the gradient check after the descent", 'recipe_order = ("B", "F", "D", "A", "C", "E")'),
    wrong("the cost before the forward pass", 'recipe_order = ("B", "D", "F", "A", "E", "C")'),
    correct("a list", 'recipe_order = ["B", "F", "D", "A", "E", "C"]'),
    correct("tuple() of a string", 'recipe_order = tuple("BFDAEC")'),
]
