# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 19, `train_mlp`: the spiral test (2 points) and the digits test (2 points)."""

_GOOD = '''
def train_mlp(X, Y, params, lr, lam, epochs, batch_size, hidden="relu", rng=None):
    params = [(np.array(W, dtype=float), np.array(b, dtype=float)) for W, b in params]
    rng = np.random.default_rng(rng)
    losses = []
    for epoch in range(epochs):
        order = rng.permutation(len(X))
        batch_costs = []
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            A, Z = mlp_forward(X[batch], params, hidden)
            batch_costs.append(cross_entropy_cost(A[-1], Y[batch], params, lam))
            grads = mlp_backward(Y[batch], params, A, Z, lam, hidden)
            params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]
        losses.append(float(np.mean(batch_costs)))
    return params, losses
'''


def _mutated(old, new):
    assert old in _GOOD, old
    return _GOOD.replace(old, new)


BOTH = ["test_train_mlp_spiral", "test_train_mlp_digits"]

MUTANTS = [
    wrong("gradient ascent: W + lr dW", _mutated("(W - lr * dW, b - lr * db)", "(W + lr * dW, b + lr * db)"),
          tests=BOTH, expect_diagnosis="train_mlp.ascent"),

    wrong("the epoch's cost is the last batch's", _mutated("losses.append(float(np.mean(batch_costs)))",
                                                           "losses.append(float(batch_costs[-1]))"),
          tests="test_train_mlp_digits", expect_diagnosis="train_mlp.loss_not_mean"),

    wrong("one order for all epochs", _mutated("    for epoch in range(epochs):\n        order = rng.permutation(len(X))\n",
                                               "    order = rng.permutation(len(X))\n    for epoch in range(epochs):\n"),
          tests="test_train_mlp_digits"),

    wrong("the last, smaller batch dropped", _mutated("for start in range(0, len(X), batch_size):",
                                                      "for start in range(0, len(X) - len(X) % batch_size or len(X), batch_size):"),
          tests="test_train_mlp_digits"),

    wrong("the recorded cost without the penalty", _mutated("Y[batch], params, lam))", "Y[batch], params))"), tests=BOTH),

    correct("in-place steps on the copies, a while loop, the examples permuted first", '''
def train_mlp(X, Y, params, lr, lam, epochs, batch_size, hidden="relu", rng=None):
    params = [(np.array(W, dtype=float), np.array(b, dtype=float)) for W, b in params]
    rng = np.random.default_rng(rng)
    losses = []
    for epoch in range(epochs):
        order = rng.permutation(X.shape[0])
        X_epoch, Y_epoch = X[order], Y[order]
        costs, start = [], 0
        while start < len(X_epoch):
            X_b, Y_b = X_epoch[start:start + batch_size], Y_epoch[start:start + batch_size]
            A, Z = mlp_forward(X_b, params, hidden)
            costs.append(cross_entropy_cost(A[-1], Y_b, params, lam))
            for (W, b), (dW, db) in zip(params, mlp_backward(Y_b, params, A, Z, lam, hidden)):
                W -= lr * dW
                b -= lr * db
            start += batch_size
        losses.append(sum(costs) / len(costs))
    return params, losses
''', tests=BOTH),

    correct("the batches split beforehand with np.array_split at multiples of batch_size", '''
def train_mlp(X, Y, params, lr, lam, epochs, batch_size, hidden="relu", rng=None):
    params = [(np.array(W, dtype=float), np.array(b, dtype=float)) for W, b in params]
    rng = np.random.default_rng(rng)
    losses = []
    for epoch in range(epochs):
        batches = np.array_split(rng.permutation(len(X)), range(batch_size, len(X), batch_size))
        epoch_costs = np.zeros(len(batches))
        for k, batch in enumerate(batches):
            A, Z = mlp_forward(X[batch], params, hidden)
            epoch_costs[k] = cross_entropy_cost(A[-1], Y[batch], params, lam)
            grads = mlp_backward(Y[batch], params, A, Z, lam, hidden)
            params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]
        losses.append(epoch_costs.mean())
    return params, losses
''', tests=BOTH),
]
