"""notebook-structure tampering: the softmax test cell copied twice (to be graded three times)."""
import copy

def transform(notebook, release):
    index = next(i for i, c in enumerate(notebook.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "test_softmax")
    notebook.cells[index + 1:index + 1] = [copy.deepcopy(notebook.cells[index]) for _ in range(2)]
    return notebook
