"""notebook-structure tampering: another kernel asked for (a bash kernel)."""

def transform(notebook, release):
    notebook.metadata["kernelspec"] = {"name": "bash", "display_name": "Bash", "language": "bash"}
    notebook.metadata["language_info"] = {"name": "bash"}
    return notebook
