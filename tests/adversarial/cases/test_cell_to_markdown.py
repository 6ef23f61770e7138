"""notebook-structure tampering: the choice test cell turned into markdown, with a wrong answer."""

def transform(notebook, release):
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") == "test_choice":
            cell.cell_type = "markdown"
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
        if meta.get("grade_id") == "choice":
            cell.source = 'answer = "w1"'
    return notebook
