# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 22, `predict_multilabel`: every sigmoid output above the threshold (medical diagnosis)."""

MUTANTS = [
    wrong("one label per example: argmax one-hot", """
def predict_multilabel(X, params, hidden="relu", threshold=0.5):
    A, _ = mlp_forward(X, params, hidden)
    return np.eye(A[-1].shape[1], dtype=bool)[np.argmax(A[-1], axis=1)]
""", expect_diagnosis="predict_multilabel.single_label", expect_message="several diseases"),

    wrong("softmax of the outputs, then the threshold", """
def predict_multilabel(X, params, hidden="relu", threshold=0.5):
    A, _ = mlp_forward(X, params, hidden)
    E = np.exp(A[-1])
    return E / E.sum(axis=1, keepdims=True) > threshold
""", expect_diagnosis="predict_multilabel.softmax", expect_message="probability of its own"),

    wrong("the threshold on Z", """
def predict_multilabel(X, params, hidden="relu", threshold=0.5):
    _, Z = mlp_forward(X, params, hidden)
    return Z[-1] > threshold
""", expect_diagnosis="predict_multilabel.threshold_on_z", expect_message="pre-activations"),

    wrong("always 0.5", """
def predict_multilabel(X, params, hidden="relu", threshold=0.5):
    A, _ = mlp_forward(X, params, hidden)
    return A[-1] > 0.5
""", expect_diagnosis="predict_multilabel.fixed_threshold", expect_message="threshold argument"),

    wrong("the probabilities themselves", """
def predict_multilabel(X, params, hidden="relu", threshold=0.5):
    return mlp_forward(X, params, hidden)[0][-1]
""", expect_diagnosis="predict_multilabel.probabilities", expect_message="not the probabilities"),

    correct("0/1 integers", """
def predict_multilabel(X, params, hidden="relu", threshold=0.5):
    A, _ = mlp_forward(X, params, hidden)
    return (A[-1] > threshold).astype(int)
"""),

    correct("the logit of the threshold against Z", """
def predict_multilabel(X, params, hidden="relu", threshold=0.5):
    _, Z = mlp_forward(X, params, hidden)
    return Z[-1] > np.log(threshold / (1 - threshold))
"""),
]
