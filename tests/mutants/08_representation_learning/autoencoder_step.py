# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 6, `autoencoder_step`: (loss before the step, {k: params[k] - lr * grads[k]})."""

MUTANTS = [
    wrong("a step uphill", '''
def autoencoder_step(X, params, lr):
    loss, grads = autoencoder_gradients(X, params)
    return loss, {k: params[k] + lr * grads[k] for k in params}
''', expect_diagnosis="autoencoder_step.ascent"),

    wrong("params updated in place", '''
def autoencoder_step(X, params, lr):
    loss, grads = autoencoder_gradients(X, params)
    for k in params:
        params[k] -= lr * grads[k]
    return loss, params
''', expect_diagnosis="autoencoder_step.in_place"),

    wrong("the loss after the step", '''
def autoencoder_step(X, params, lr):
    _, grads = autoencoder_gradients(X, params)
    new = {k: params[k] - lr * grads[k] for k in params}
    return autoencoder_gradients(X, new)[0], new
''', expect_diagnosis="autoencoder_step.loss_after"),

    wrong("lr forgotten", '''
def autoencoder_step(X, params, lr):
    loss, grads = autoencoder_gradients(X, params)
    return loss, {k: params[k] - grads[k] for k in params}
''', expect_diagnosis="autoencoder_step.no_lr"),

    correct("copies updated in place", '''
def autoencoder_step(X, params, lr):
    loss, grads = autoencoder_gradients(X, params)
    new = {k: v.copy() for k, v in params.items()}
    for k in new:
        new[k] -= lr * grads[k]
    return loss, new
'''),

    correct("a list of pairs", '''
def autoencoder_step(X, params, lr):
    loss, grads = autoencoder_gradients(X, params)
    return float(loss), dict([(name, np.subtract(value, lr * grads[name])) for name, value in params.items()])
'''),
]
