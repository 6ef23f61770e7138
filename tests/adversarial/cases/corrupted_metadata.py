"""malformed input: nbgrader metadata that is not a dictionary."""

def transform(notebook, release):
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "test_nll":
            cell.metadata["nbgrader"] = "grade me"
    return notebook
