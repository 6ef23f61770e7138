# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 19, `one_input_loss_and_grads`: the torch7 demo, loss 0.4282 and dw = (p - y) x = -/+0.0646."""

MUTANTS = [
    wrong("dw = (y - p) x: the sign", """
def one_input_loss_and_grads(x, scores, label):
    s = scores - scores.max()
    p = np.exp(s) / np.exp(s).sum()
    y = np.eye(len(scores))[label]
    return float(-np.log(p[label])), (y - p) * x
""", expect_diagnosis="one_input_loss_and_grads.sign", expect_message="wrong sign"),

    wrong("dw = p - y: the gradient of the scores", """
def one_input_loss_and_grads(x, scores, label):
    s = scores - scores.max()
    p = np.exp(s) / np.exp(s).sum()
    return float(-np.log(p[label])), p - np.eye(len(scores))[label]
""", expect_diagnosis="one_input_loss_and_grads.no_x", expect_message="multiply by x"),

    wrong("log10", """
def one_input_loss_and_grads(x, scores, label):
    s = scores - scores.max()
    p = np.exp(s) / np.exp(s).sum()
    return float(-np.log10(p[label])), (p - np.eye(len(scores))[label]) * x
""", expect_diagnosis="one_input_loss_and_grads.log10", expect_message="natural log"),

    wrong("unstable: nan for scores of 500", """
def one_input_loss_and_grads(x, scores, label):
    p = np.exp(scores) / np.exp(scores).sum()
    return float(-np.log(p[label])), (p - np.eye(len(scores))[label]) * x
""", expect_diagnosis="one_input_loss_and_grads.overflow", expect_message="overflows"),

    correct("with your softmax and cross_entropy_loss on a batch of one", """
def one_input_loss_and_grads(x, scores, label):
    S = np.asarray(scores, dtype=float)[None, :]
    p = softmax(S)[0]
    p[label] -= 1
    return cross_entropy_loss(S, np.array([label])), x * p
"""),
]
