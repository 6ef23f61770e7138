# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 9, `momentum_losses`: the start's loss, then one loss per momentum step."""

MUTANTS = [
    wrong("velocity reset at every step", '''
def momentum_losses(loss_fn, grad_fn, w0, lr, alpha, num_steps):
    w = np.array(w0, dtype=float)
    losses = [loss_fn(w)]
    for _ in range(num_steps):
        w, _ = momentum_step(w, grad_fn(w), np.zeros_like(w), lr, alpha)
        losses.append(loss_fn(w))
    return np.array(losses)
''', expect_diagnosis="momentum_losses.velocity_reset", expect_message="keep the velocity"),

    wrong("the start's loss missing", '''
def momentum_losses(loss_fn, grad_fn, w0, lr, alpha, num_steps):
    w, v = np.array(w0, dtype=float), np.zeros(np.shape(w0))
    losses = []
    for _ in range(num_steps):
        w, v = momentum_step(w, grad_fn(w), v, lr, alpha)
        losses.append(loss_fn(w))
    return np.array(losses)
''', expect_diagnosis="momentum_losses.no_start", expect_message="num_steps + 1"),

    wrong("w0 updated in place", '''
def momentum_losses(loss_fn, grad_fn, w0, lr, alpha, num_steps):
    w, v = w0, np.zeros(np.shape(w0))
    losses = [loss_fn(w)]
    for _ in range(num_steps):
        v = alpha * v - lr * grad_fn(w)
        w += v
        losses.append(loss_fn(w))
    return np.array(losses)
''', expect_diagnosis="momentum_losses.in_place", expect_message="changed w0"),

    correct("the update written out, losses in a preallocated array", '''
def momentum_losses(loss_fn, grad_fn, w0, lr, alpha, num_steps):
    losses = np.empty(num_steps + 1)
    w = np.copy(w0).astype(float)
    v = 0.0 * w
    losses[0] = loss_fn(w)
    for k in range(1, num_steps + 1):
        v = alpha * v - lr * grad_fn(w)
        w = w + v
        losses[k] = loss_fn(w)
    return losses
'''),
]
