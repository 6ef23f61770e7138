"""malformed input: a notebook file cut in half."""
import nbformat

def transform(notebook, release):
    data = nbformat.writes(notebook).encode()
    return data[: len(data) // 2]
