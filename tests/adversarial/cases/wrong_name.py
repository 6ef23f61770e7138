"""notebook-structure tampering: the notebook submitted under another name."""
import nbformat

def transform(notebook, release):
    return {"ps0_numpy (1).ipynb": nbformat.writes(notebook).encode()}
