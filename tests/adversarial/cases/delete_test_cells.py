"""notebook-structure tampering: every test cell deleted (wrong answers, so that nothing could fail)."""

def transform(notebook, release):
    notebook.cells = [c for c in notebook.cells if not c.metadata.get("nbgrader", {}).get("grade")]
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "softmax":
            cell.source = "def softmax(scores):\n    return scores"
    return notebook
