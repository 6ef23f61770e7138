# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 17, `majority_vote`: the most frequent class per column, ties to the smallest."""

MUTANTS = [
    wrong("one vote per model (rows)", '''
def majority_vote(predictions):
    predictions = np.asarray(predictions)
    return np.array([np.bincount(row).argmax() for row in predictions])
''', expect_diagnosis="majority_vote.axis", expect_message="one vote per EXAMPLE"),

    wrong("Counter.most_common: ties to the first seen", '''
from collections import Counter


def majority_vote(predictions):
    return np.array([Counter(column.tolist()).most_common(1)[0][0] for column in np.asarray(predictions).T])
''', expect_diagnosis="majority_vote.ties", expect_message="smallest class"),

    wrong("the mean prediction, rounded", '''
def majority_vote(predictions):
    return np.rint(np.mean(predictions, axis=0)).astype(int)
'''),

    correct("np.unique per column", '''
def majority_vote(predictions):
    out = []
    for column in np.asarray(predictions).T:
        values, counts = np.unique(column, return_counts=True)
        out.append(values[np.argmax(counts)])
    return np.array(out)
'''),
    correct("Counter, ties broken by hand", '''
from collections import Counter


def majority_vote(predictions):
    result = []
    for column in np.asarray(predictions).T:
        counts = Counter(column.tolist())
        top = max(counts.values())
        result.append(min(c for c, k in counts.items() if k == top))
    return np.array(result)
'''),
]
