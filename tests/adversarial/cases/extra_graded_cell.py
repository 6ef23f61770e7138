"""notebook-structure tampering: the student adds a graded cell of their own, worth 50 points."""
import nbformat

def transform(notebook, release):
    cell = nbformat.v4.new_code_cell("pass")
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "bonus", "locked": True, "points": 50,
                                 "schema_version": 3, "solution": False, "task": False}
    notebook.cells.append(cell)
    return notebook
