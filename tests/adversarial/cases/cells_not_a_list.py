"""malformed input: valid JSON, but its cells are not a list."""
import json

def transform(notebook, release):
    return json.dumps({"cells": {"0": "print(1)"}, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()
