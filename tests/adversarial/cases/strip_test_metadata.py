"""notebook-structure tampering: the nll test cell loses its nbgrader metadata and its asserts."""

def transform(notebook, release):
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") == "test_nll":
            cell.metadata = {}
            cell.source = "pass"
        if meta.get("grade_id") == "nll":
            cell.source = "def nll(probs, y):\n    return 0.0"
    return notebook
