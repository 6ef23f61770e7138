"""malformed input: a notebook of several MiB (a huge output saved in it)."""
import nbformat

def transform(notebook, release):
    notebook.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * (3 * 2**20))]
    return notebook
