"""notebook-structure tampering: the softmax answer cell copied, the copy (last) wrong."""
import copy

def transform(notebook, release):
    index = next(i for i, c in enumerate(notebook.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "softmax")
    wrong = copy.deepcopy(notebook.cells[index])
    wrong.source = "def softmax(scores):\n    return scores"
    notebook.cells.insert(index, wrong)
    return notebook
