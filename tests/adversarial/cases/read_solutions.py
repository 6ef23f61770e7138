# reading what it must not: looks for the instructor notebook, the gradebook, other students' work
import glob, os
found = []
patterns = ["/work/**/solutions/**/*.ipynb", "/tmp/**/gradebook.db", "/tmp/**/source/**/*.ipynb",
            "/tmp/**/submitted/**/*.ipynb", "/root/**/*.ipynb", "/home/**/*.ipynb", "../../../**/*.ipynb",
            "../../../gradebook.db", "/tmp/autograder-worker-*/**"]
for pattern in patterns:
    for path in glob.glob(pattern, recursive=True):
        try:
            text = open(path, errors="replace").read()
        except OSError:
            continue
        if "BEGIN SOLUTION" in text or "SQLite" in text or "answer = \"w2\"" in text:
            found.append(path)
if found:
    print("LEAK", found[:3])
    answer = "w2"
