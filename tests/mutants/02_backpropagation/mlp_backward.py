# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 12, `mlp_backward`: 2 points without regularization, 2 with it."""

_GOOD = '''
def mlp_backward(Y, params, A, Z, lam=0.0, hidden="sigmoid"):
    fprime = ACTIVATIONS[hidden][1]
    N = Y.shape[0]
    grads = [None] * len(params)
    delta = (A[-1] - Y) / N
    for l in range(len(params) - 1, -1, -1):
        W, _ = params[l]
        grads[l] = (delta.T @ A[l] + lam / N * W, delta.sum(axis=0))
        if l > 0:
            delta = (delta @ W) * fprime(Z[l - 1])
    return grads
'''


def _mutated(old, new):
    assert old in _GOOD, old
    return _GOOD.replace(old, new)


BOTH = ["test_mlp_backward", "test_mlp_backward_l2"]

MUTANTS = [
    wrong("the output delta not divided by N", _mutated("delta = (A[-1] - Y) / N", "delta = A[-1] - Y"),
          tests=BOTH, expect_diagnosis="mlp_backward.not_mean"),

    wrong("the output delta times the sigmoid's slope (the squared error's delta)",
          _mutated("delta = (A[-1] - Y) / N", "delta = (A[-1] - Y) * A[-1] * (1 - A[-1]) / N"),
          tests=BOTH, expect_diagnosis="mlp_backward.output_delta"),

    wrong("f' taken at the activation A[l], not at Z[l - 1]", _mutated("fprime(Z[l - 1])", "fprime(A[l])"),
          tests=BOTH, expect_diagnosis="mlp_backward.hidden_delta"),

    wrong("dW = A^T delta: the transposed shape", _mutated("delta.T @ A[l] + lam / N * W", "A[l].T @ delta + lam / N * W.T"),
          tests=BOTH, expect_diagnosis="mlp_backward.transposed"),

    wrong("the slide's (1/N) Delta + lam W", _mutated("+ lam / N * W", "+ lam * W"),
          tests="test_mlp_backward_l2", expect_diagnosis="mlp_backward.slide_penalty"),

    wrong("the biases penalised", _mutated("delta.sum(axis=0))", "delta.sum(axis=0) + lam / N * params[l][1])"),
          tests="test_mlp_backward_l2", expect_diagnosis="mlp_backward.penalised_biases"),

    correct("the lecture's way: Delta accumulated example by example, then (Delta + lam W) / N", '''
def mlp_backward(Y, params, A, Z, lam=0.0, hidden="sigmoid"):
    fprime = ACTIVATIONS[hidden][1]
    N, L = Y.shape[0], len(params)
    Deltas = [np.zeros(W.shape) for W, _ in params]
    bias_sums = [np.zeros(b.shape) for _, b in params]
    for n in range(N):
        delta = A[-1][n] - Y[n]
        for l in reversed(range(L)):
            Deltas[l] += np.outer(delta, A[l][n])
            bias_sums[l] += delta
            if l > 0:
                delta = (params[l][0].T @ delta) * fprime(Z[l - 1][n])
    return [((D + lam * W) / N, s / N) for D, s, (W, _) in zip(Deltas, bias_sums, params)]
''', tests=BOTH),

    correct("deltas without 1/N, the average taken per layer, a list built backwards", '''
def mlp_backward(Y, params, A, Z, lam=0.0, hidden="sigmoid"):
    N = len(Y)
    grads = []
    delta = A[-1] - Y
    for l in range(len(params) - 1, -1, -1):
        W = params[l][0]
        grads.insert(0, [(delta.T @ A[l] + lam * W) / N, np.mean(delta, axis=0)])
        if l:
            delta = delta @ W * ACTIVATIONS[hidden][1](Z[l - 1])
    return grads
''', tests=BOTH),
]
