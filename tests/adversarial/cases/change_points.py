"""notebook-structure tampering: a test cell worth 100 points instead of 2."""

def transform(notebook, release):
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "test_choice":
            cell.metadata["nbgrader"]["points"] = 100
    return notebook
