"""file shadowing: a numpy.py (whose checks always pass) next to a notebook with wrong answers."""
import nbformat

def transform(notebook, release):
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "softmax":
            cell.source = "def softmax(scores):\n    return scores"
    fake = b"def allclose(*a, **k):\n    return True\nisclose = allclose\n"
    return {"ps0_numpy.ipynb": nbformat.writes(notebook).encode(), "numpy.py": fake, "pixels.csv": b"9\n"}
