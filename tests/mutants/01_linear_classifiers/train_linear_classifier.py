# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 17, `train_linear_classifier`: mini-batch SGD with a new permutation every epoch."""

_GOOD = '''
def train_linear_classifier(X, y, W, b, lr, lam, batch_size, epochs, rng=None, loss_and_grads=None):
    W, b = np.array(W, dtype=float), np.array(b, dtype=float)
    rng = np.random.default_rng(rng)
    lr_at = lr if callable(lr) else (lambda epoch: lr)
    loss_and_grads = loss_and_grads or softmax_loss_and_grads
    losses = []
    for epoch in range(epochs):
        rate = lr_at(epoch)
        order = rng.permutation(len(X))
        batch_losses = []
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            loss, dW, db = loss_and_grads(W, b, X[batch], y[batch], lam)
            W -= rate * dW
            b -= rate * db
            batch_losses.append(loss)
        losses.append(float(np.mean(batch_losses)))
    return W, b, losses
'''


def _mutated(old, new):
    assert old in _GOOD, old
    return _GOOD.replace(old, new)


MUTANTS = [
    wrong("gradient ascent: W += lr * dW", _mutated("W -= rate * dW\n            b -= rate * db",
                                                     "W += rate * dW\n            b += rate * db"),
          expect_diagnosis="train_linear_classifier.ascent", expect_message="AGAINST the gradient"),

    wrong("no shuffling: the examples in their order", _mutated("order = rng.permutation(len(X))",
                                                                "order = np.arange(len(X))"),
          expect_diagnosis="train_linear_classifier.order", expect_message="rng.permutation(N)"),

    wrong("one permutation for all epochs", _mutated(
        "    for epoch in range(epochs):\n        rate = lr_at(epoch)\n        order = rng.permutation(len(X))\n",
        "    order = rng.permutation(len(X))\n    for epoch in range(epochs):\n        rate = lr_at(epoch)\n"),
        expect_diagnosis="train_linear_classifier.same_order", expect_message="at the start of every epoch"),

    wrong("the last batch's loss, not the mean of the epoch", _mutated("losses.append(float(np.mean(batch_losses)))",
                                                                     "losses.append(float(batch_losses[-1]))"),
          expect_diagnosis="train_linear_classifier.loss_not_mean", expect_message="mean of its batch losses"),

    wrong("the last, smaller batch dropped", _mutated("for start in range(0, len(X), batch_size):",
                                                      "for start in range(0, len(X) - batch_size + 1, batch_size):")),

    wrong("the schedule ignored: lr_at(0) for every epoch", _mutated("rate = lr_at(epoch)", "rate = lr_at(0)")),

    correct("copies instead of in-place steps, a while loop", '''
def train_linear_classifier(X, y, W, b, lr, lam, batch_size, epochs, rng=None, loss_and_grads=None):
    step_with = loss_and_grads if loss_and_grads is not None else softmax_loss_and_grads
    W, b = np.array(W, dtype=float), np.array(b, dtype=float)
    rng = np.random.default_rng(rng)
    losses = []
    for epoch in range(epochs):
        rate = lr(epoch) if callable(lr) else lr
        order = rng.permutation(X.shape[0])
        total, count, start = 0.0, 0, 0
        while start < len(order):
            batch = order[start:start + batch_size]
            loss, dW, db = step_with(W, b, X[batch], y[batch], lam)
            W = W - rate * dW
            b = b - rate * db
            total, count, start = total + loss, count + 1, start + batch_size
        losses.append(total / count)
    return W, b, losses
'''),

    correct("the batches split beforehand", _mutated(
        "        for start in range(0, len(X), batch_size):\n            batch = order[start:start + batch_size]\n",
        "        batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]\n"
        "        for batch in batches:\n")),
]
