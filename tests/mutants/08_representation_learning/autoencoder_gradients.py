# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 5, `autoencoder_gradients`: backpropagation through decoder (1 point) and encoder (2 points)."""

MUTANTS = [
    wrong("no derivative of the output sigmoid", '''
def autoencoder_gradients(X, params):
    Z = sigmoid(X @ params["W1"].T + params["b1"])
    X_hat = sigmoid(Z @ params["W2"].T + params["b2"])
    loss = float(np.sum((X_hat - X) ** 2) / len(X))
    dA2 = 2.0 * (X_hat - X) / len(X)
    dA1 = (dA2 @ params["W2"]) * Z * (1 - Z)
    return loss, {"W1": dA1.T @ X, "b1": dA1.sum(axis=0), "W2": dA2.T @ Z, "b2": dA2.sum(axis=0)}
''', expect_diagnosis="ae_gradients.no_output_sigmoid", tests="test_autoencoder_gradients_decoder"),

    wrong("the factor 2 of the square forgotten", '''
def autoencoder_gradients(X, params):
    Z = sigmoid(X @ params["W1"].T + params["b1"])
    X_hat = sigmoid(Z @ params["W2"].T + params["b2"])
    loss = float(np.sum((X_hat - X) ** 2) / len(X))
    dA2 = (X_hat - X) / len(X) * X_hat * (1 - X_hat)
    dA1 = (dA2 @ params["W2"]) * Z * (1 - Z)
    return loss, {"W1": dA1.T @ X, "b1": dA1.sum(axis=0), "W2": dA2.T @ Z, "b2": dA2.sum(axis=0)}
''', expect_diagnosis="ae_gradients.factor_two", tests="test_autoencoder_gradients_decoder"),

    wrong("not divided by N", '''
def autoencoder_gradients(X, params):
    Z = sigmoid(X @ params["W1"].T + params["b1"])
    X_hat = sigmoid(Z @ params["W2"].T + params["b2"])
    loss = float(np.sum((X_hat - X) ** 2) / len(X))
    dA2 = 2.0 * (X_hat - X) * X_hat * (1 - X_hat)
    dA1 = (dA2 @ params["W2"]) * Z * (1 - Z)
    return loss, {"W1": dA1.T @ X, "b1": dA1.sum(axis=0), "W2": dA2.T @ Z, "b2": dA2.sum(axis=0)}
''', expect_diagnosis="ae_gradients.loss_scale"),

    wrong("no derivative of the code's sigmoid", '''
def autoencoder_gradients(X, params):
    Z = sigmoid(X @ params["W1"].T + params["b1"])
    X_hat = sigmoid(Z @ params["W2"].T + params["b2"])
    loss = float(np.sum((X_hat - X) ** 2) / len(X))
    dA2 = 2.0 * (X_hat - X) / len(X) * X_hat * (1 - X_hat)
    dA1 = dA2 @ params["W2"]
    return loss, {"W1": dA1.T @ X, "b1": dA1.sum(axis=0), "W2": dA2.T @ Z, "b2": dA2.sum(axis=0)}
''', expect_diagnosis="ae_gradients.no_hidden_sigmoid", tests="test_autoencoder_gradients_encoder"),

    wrong("the derivative of the sigmoid taken at the pre-activation", '''
def autoencoder_gradients(X, params):
    A1 = X @ params["W1"].T + params["b1"]
    Z = sigmoid(A1)
    X_hat = sigmoid(Z @ params["W2"].T + params["b2"])
    loss = float(np.sum((X_hat - X) ** 2) / len(X))
    dA2 = 2.0 * (X_hat - X) / len(X) * X_hat * (1 - X_hat)
    dA1 = (dA2 @ params["W2"]) * A1 * (1 - A1)
    return loss, {"W1": dA1.T @ X, "b1": dA1.sum(axis=0), "W2": dA2.T @ Z, "b2": dA2.sum(axis=0)}
''', tests="test_autoencoder_gradients_encoder"),

    correct("einsum and the student's own layers", '''
def autoencoder_gradients(X, params):
    Z = encode(X, params["W1"], params["b1"])
    X_hat = decode(Z, params["W2"], params["b2"])
    N = X.shape[0]
    delta_out = (2.0 / N) * (X_hat - X) * X_hat * (1.0 - X_hat)
    delta_hid = np.einsum("nd,dh->nh", delta_out, params["W2"]) * Z * (1.0 - Z)
    grads = {"W2": np.einsum("nd,nh->dh", delta_out, Z), "b2": delta_out.sum(0),
             "W1": np.einsum("nh,nd->hd", delta_hid, X), "b1": delta_hid.sum(0)}
    return reconstruction_loss(X_hat, X), grads
'''),

    correct("one example at a time, in the lecture's column form", '''
def autoencoder_gradients(X, params):
    N = len(X)
    grads = {k: np.zeros_like(v, dtype=float) for k, v in params.items()}
    loss = 0.0
    for x in X:
        z = sigmoid(params["W1"] @ x + params["b1"])
        x_hat = sigmoid(params["W2"] @ z + params["b2"])
        loss += np.sum((x_hat - x) ** 2) / N
        d2 = 2 * (x_hat - x) / N * x_hat * (1 - x_hat)
        d1 = (params["W2"].T @ d2) * z * (1 - z)
        grads["W2"] += np.outer(d2, z)
        grads["b2"] += d2
        grads["W1"] += np.outer(d1, x)
        grads["b1"] += d1
    return loss, grads
'''),
]
