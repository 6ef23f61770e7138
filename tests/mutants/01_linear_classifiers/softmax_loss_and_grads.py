# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 15, `softmax_loss_and_grads`: (loss, dW, db); the loss is 1 point, the gradients 3."""

_GOOD = """
def softmax_loss_and_grads(W, b, X, y, lam):
    N = X.shape[0]
    S = X @ W.T + b
    S = S - S.max(axis=1, keepdims=True)
    P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
    loss = -np.mean(S[np.arange(N), y] - np.log(np.exp(S).sum(axis=1))) + lam * np.sum(W * W)
    dS = P.copy()
    dS[np.arange(N), y] -= 1
    dS /= N
    dW = dS.T @ X + 2 * lam * W
    db = dS.sum(axis=0)
    return float(loss), dW, db
"""


def _mutated(old, new):
    assert old in _GOOD, old
    return _GOOD.replace(old, new)


MUTANTS = [
    wrong("the loss lacks lam * sum(W**2)", _mutated(" + lam * np.sum(W * W)", ""),
          tests="test_softmax_loss", expect_diagnosis="softmax_loss_and_grads.no_reg_loss",
          expect_message="lacks the regularization term"),

    wrong("b regularised too (loss and gradient)",
          _mutated(" + lam * np.sum(W * W)", " + lam * (np.sum(W * W) + np.sum(b * b))")
          .replace("db = dS.sum(axis=0)", "db = dS.sum(axis=0) + 2 * lam * b"),
          tests=["test_softmax_loss", "test_softmax_grads"], expect_diagnosis="softmax_loss_and_grads.b_regularised"),

    wrong("summed over the batch: loss and gradients N times too large",
          _mutated("loss = -np.mean(", "loss = -np.sum(").replace("    dS /= N\n", ""),
          tests=["test_softmax_loss", "test_softmax_grads"], expect_diagnosis="softmax_loss_and_grads.sum_not_mean"),

    wrong("dS not divided by N", _mutated("    dS /= N\n", ""),
          tests="test_softmax_grads", expect_diagnosis="softmax_loss_and_grads.grad_not_mean",
          expect_message="divide dS by N"),

    wrong("the regularization gradient lam W (factor 2 missing)",
          _mutated("dW = dS.T @ X + 2 * lam * W", "dW = dS.T @ X + lam * W"),
          tests="test_softmax_grads", expect_diagnosis="softmax_loss_and_grads.no_factor_2", expect_message="2 * lam * W"),

    wrong("dW = X^T dS, of shape (D, C)", _mutated("dW = dS.T @ X + 2 * lam * W", "dW = X.T @ dS + 2 * lam * W.T"),
          tests="test_softmax_grads", expect_diagnosis="softmax_loss_and_grads.dw_transposed", expect_message="dS.T @ X"),

    wrong("the one-hot target not subtracted (dS = P / N)", _mutated("    dS[np.arange(N), y] -= 1\n", ""),
          tests="test_softmax_grads", expect_message="gradient check of dW failed"),

    wrong("no max shift: nan for scores of 300", """
def softmax_loss_and_grads(W, b, X, y, lam):
    N = X.shape[0]
    E = np.exp(X @ W.T + b)
    P = E / E.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(P[np.arange(N), y])) + lam * np.sum(W * W)
    dS = P.copy()
    dS[np.arange(N), y] -= 1
    dS /= N
    return float(loss), dS.T @ X + 2 * lam * W, dS.sum(axis=0)
""", tests=["test_softmax_loss", "test_softmax_grads"]),

    correct("with your softmax and cross_entropy_loss, one-hot Y", """
def softmax_loss_and_grads(W, b, X, y, lam):
    S = linear_scores(X, W, b)
    Y = np.zeros_like(S)
    Y[np.arange(len(y)), y] = 1
    dS = (softmax(S) - Y) / len(y)
    dW = dS.T @ X
    dW += 2 * lam * W
    return cross_entropy_loss(S, y) + lam * np.sum(W ** 2), dW, dS.sum(axis=0)
""", tests=["test_softmax_loss", "test_softmax_grads"]),

    correct("a loop over the examples (outer products), a list as the result", """
def softmax_loss_and_grads(W, b, X, y, lam):
    N = len(X)
    loss, dW, db = 0.0, np.zeros(W.shape), np.zeros(b.shape)
    for i in range(N):
        s = W @ X[i] + b
        s = s - s.max()
        p = np.exp(s) / np.exp(s).sum()
        loss += np.log(np.exp(s).sum()) - s[y[i]]
        p[y[i]] -= 1
        dW += np.outer(p, X[i]) / N
        db += p / N
    return [loss / N + lam * (W ** 2).sum(), dW + 2 * lam * W, db]
""", tests=["test_softmax_loss", "test_softmax_grads"]),
]
