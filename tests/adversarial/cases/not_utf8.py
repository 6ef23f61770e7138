"""malformed input: binary garbage under the notebook's name."""

def transform(notebook, release):
    return bytes(range(256)) * 10
