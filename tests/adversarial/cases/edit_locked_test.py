"""notebook-structure tampering: the locked softmax test replaced by `pass`, with a wrong softmax."""

def transform(notebook, release):
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") == "test_softmax":
            cell.source = "pass"
        if meta.get("grade_id") == "softmax":
            cell.source = "def softmax(scores):\n    return scores"
    return notebook
