# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 6, `ten_class_predictions`: the argmax of each column of the ten-class table."""

MUTANTS = [
    wrong("the true classes, not the predictions", 'ten_class_predictions = ("cat", "automobile", "frog")\n'),
    wrong("argmin instead of argmax", 'ten_class_predictions = ("automobile", "cat", "ship")\n'),
    wrong("argmax over the rows (classes) of the untransposed table", """
ten_class_predictions = tuple(CIFAR_CLASSES[int(k)] for k in np.argmax(ten_class_table, axis=1)[:3])
"""),
    correct("computed from the table", """
ten_class_predictions = tuple(CIFAR_CLASSES[int(k)] for k in np.argmax(ten_class_table, axis=0))
"""),
    correct("a list", 'ten_class_predictions = ["dog", "automobile", "truck"]\n'),
]
