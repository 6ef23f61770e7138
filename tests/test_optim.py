"""Tests of dlcourse.optim: every optimizer against torch.optim, the lectures' own forms, and
the slide mistakes of the errata (bias correction, stabiliser, 0/0, momentum parametrizations)."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse.nn.module import Parameter
from dlcourse.optim.adagrad import AdaGrad
from dlcourse.optim.adam import Adam
from dlcourse.optim.clip import clip_grad_norm
from dlcourse.optim.optimizer import Optimizer
from dlcourse.optim.rmsprop import RMSProp, RMSPropNesterov
from dlcourse.optim.sgd import SGD

STEPS = 50


# ----------------------------------------------------------------------------- test problems

def quadratic_problem(seed=0, n=6, condition=1e3):
    """f(x) = 1/2 x^T A x + b^T x with A SPD, eigenvalues from 1e-2 to 1e-2 * condition."""
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    A = q @ np.diag(np.logspace(-2, -2 + np.log10(condition), n)) @ q.T
    A = torch.tensor((A + A.T) / 2, dtype=torch.float64)
    b = torch.tensor(rng.standard_normal(n), dtype=torch.float64)

    def loss(tensors):
        (x,) = tensors
        return 0.5 * x @ A @ x + b @ x

    return [rng.standard_normal(n)], loss


def mlp_problem(seed=0):
    """A 5-8-3 tanh MLP with a mean squared error on a fixed batch of 16 examples.

    The weights start as those of ``torch.nn.Linear`` layers; the loss is written with
    ``torch.nn.functional`` so that the same function serves torch's optimizer and ours.
    """
    torch.manual_seed(seed)
    layers = [torch.nn.Linear(5, 8).double(), torch.nn.Linear(8, 3).double()]
    weights = [w.detach().numpy().copy() for layer in layers for w in (layer.weight, layer.bias)]
    rng = np.random.default_rng(seed)
    X = torch.tensor(rng.standard_normal((16, 5)), dtype=torch.float64)
    Y = torch.tensor(rng.standard_normal((16, 3)), dtype=torch.float64)

    def loss(tensors):
        W1, b1, W2, b2 = tensors
        hidden = torch.tanh(torch.nn.functional.linear(X, W1, b1))
        return torch.mean((torch.nn.functional.linear(hidden, W2, b2) - Y) ** 2)

    return weights, loss


PROBLEMS = {"quadratic": quadratic_problem, "mlp": mlp_problem}


def run_ours(make_optimizer, x0, loss, steps=STEPS, lr_at=None):
    """Our optimizer on numpy Parameters; torch autograd only computes p.grad at p.data.

    lr_at: optional function step -> learning rate, set on ``optimizer.lr`` before each step.
    Returns the list of parameter snapshots after every step.
    """
    params = [Parameter(x) for x in x0]
    optimizer = make_optimizer(params)
    trajectory = []
    for k in range(steps):
        if lr_at is not None:
            optimizer.lr = lr_at(k)
        optimizer.zero_grad()
        tensors = [torch.tensor(p.data, dtype=torch.float64, requires_grad=True) for p in params]
        loss(tensors).backward()
        for p, t in zip(params, tensors):
            p.grad += t.grad.numpy()
        optimizer.step()
        trajectory.append([p.data.copy() for p in params])
    return trajectory


def run_torch(make_optimizer, x0, loss, steps=STEPS, lr_at=None):
    """The same run with torch tensors and a ``torch.optim`` optimizer."""
    tensors = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in x0]
    optimizer = make_optimizer(tensors)
    trajectory = []
    for k in range(steps):
        if lr_at is not None:
            optimizer.param_groups[0]["lr"] = lr_at(k)
        optimizer.zero_grad()
        loss(tensors).backward()
        optimizer.step()
        trajectory.append([t.detach().numpy().copy() for t in tensors])
    return trajectory


def assert_same_trajectory(ours, reference, what, rtol=1e-9, atol=1e-12):
    assert len(ours) == len(reference)
    for k, (mine, theirs) in enumerate(zip(ours, reference)):
        for j, (a, b) in enumerate(zip(mine, theirs)):
            np.testing.assert_allclose(a, b, rtol=rtol, atol=atol,
                                       err_msg=f"{what}: parameter {j} after step {k + 1}")


# ----------------------------------------------------------------------------- torch parity

TORCH_TWINS = {
    "sgd": (lambda ps: SGD(ps, lr=0.05),
            lambda ts: torch.optim.SGD(ts, lr=0.05)),
    "sgd-weight-decay": (lambda ps: SGD(ps, lr=0.05, weight_decay=0.1),
                         lambda ts: torch.optim.SGD(ts, lr=0.05, weight_decay=0.1)),
    "momentum": (lambda ps: SGD(ps, lr=0.02, momentum=0.9),
                 lambda ts: torch.optim.SGD(ts, lr=0.02, momentum=0.9)),
    "nesterov": (lambda ps: SGD(ps, lr=0.02, momentum=0.9, nesterov=True, weight_decay=0.01),
                 lambda ts: torch.optim.SGD(ts, lr=0.02, momentum=0.9, nesterov=True, weight_decay=0.01)),
    # torch's Adagrad defaults differ: eps=1e-10 (ours 1e-7), so pass eps; lr_decay=0 and an
    # initial accumulator of 0 are the lecture's algorithm.
    "adagrad": (lambda ps: AdaGrad(ps, lr=0.1, eps=1e-7),
                lambda ts: torch.optim.Adagrad(ts, lr=0.1, eps=1e-7, lr_decay=0, initial_accumulator_value=0)),
    "rmsprop": (lambda ps: RMSProp(ps, lr=0.01, rho=0.9, eps=1e-6),
                lambda ts: torch.optim.RMSprop(ts, lr=0.01, alpha=0.9, eps=1e-6)),
    "adam": (lambda ps: Adam(ps, lr=0.01, betas=(0.9, 0.99), eps=1e-8),
             lambda ts: torch.optim.Adam(ts, lr=0.01, betas=(0.9, 0.99), eps=1e-8)),
    "adam-defaults": (lambda ps: Adam(ps),
                      lambda ts: torch.optim.Adam(ts)),
}


@pytest.mark.parametrize("problem", sorted(PROBLEMS))
@pytest.mark.parametrize("name", sorted(TORCH_TWINS))
def test_trajectory_matches_torch(name, problem):
    """50 steps of our optimizer and of its torch.optim twin from the same start coincide."""
    ours, theirs = TORCH_TWINS[name]
    x0, loss = PROBLEMS[problem]()
    assert_same_trajectory(run_ours(ours, x0, loss), run_torch(theirs, x0, loss), f"{name} on {problem}")


def test_the_runs_actually_move_and_descend():
    """Guard against a vacuous parity test: every optimizer lowers the quadratic's loss."""
    x0, loss = quadratic_problem()
    start = float(loss([torch.tensor(x0[0])]))
    for name, (ours, _) in TORCH_TWINS.items():
        end = float(loss([torch.tensor(run_ours(ours, x0, loss)[-1][0])]))
        assert end < start - 1e-3, f"{name}: loss {start} -> {end}"


@pytest.mark.parametrize("make_optimizer", [
    lambda ps: SGD(ps, lr=0.1), lambda ps: SGD(ps, lr=0.1, momentum=0.5, nesterov=True),
    lambda ps: AdaGrad(ps, lr=0.1), lambda ps: RMSProp(ps, lr=0.1),
    lambda ps: RMSPropNesterov(ps, lr=0.1), lambda ps: Adam(ps, lr=0.1)])
def test_updates_are_in_place(make_optimizer):
    """step() changes p.data in place: the array object a model holds is the one updated."""
    p = Parameter(np.ones((2, 3)))
    data = p.data
    optimizer = make_optimizer([p])
    p.grad = np.arange(6.0).reshape(2, 3) - 2.5
    optimizer.step()
    assert p.data is data
    assert not np.allclose(data, 1.0)


# ----------------------------------------------------------------------------- momentum

def test_momentum_with_changing_lr_follows_the_lecture_not_torch():
    """With a learning rate that changes every step the lecture's form and torch's differ.

    Lecture: v <- a v - lr_k g, theta <- theta + v (each past gradient keeps the lr of its step).
    torch:   b <- a b + g, theta <- theta - lr_k b (all remembered gradients take the new lr).
    Ours equals a hand-written lecture-form loop, and differs from torch.
    """
    x0, loss = quadratic_problem()
    lr_at = lambda k: 0.05 * 0.9 ** k  # noqa: E731
    ours = run_ours(lambda ps: SGD(ps, lr=1.0, momentum=0.9), x0, loss, lr_at=lr_at)

    theta, v = torch.tensor(x0[0]), torch.zeros(len(x0[0]), dtype=torch.float64)
    lecture = []
    for k in range(STEPS):
        x = theta.clone().requires_grad_(True)
        loss([x]).backward()
        v = 0.9 * v - lr_at(k) * x.grad
        theta = theta + v
        lecture.append([theta.numpy().copy()])
    assert_same_trajectory(ours, lecture, "SGD momentum vs the lecture's loop under a changing lr")

    theirs = run_torch(lambda ts: torch.optim.SGD(ts, lr=1.0, momentum=0.9), x0, loss, lr_at=lr_at)
    gap = np.max(np.abs(ours[-1][0] - theirs[-1][0]))
    assert gap > 1e-3 * np.max(np.abs(ours[-1][0])), "the two parametrizations should differ here"


def test_nesterov_equals_the_explicit_look_ahead_of_the_lecture():
    """Lecture (004 Algorithm 3): g at theta + a v; v <- a v - lr g; theta <- theta + v.

    Ours stores phi = theta + a v; theta = phi - a v must follow the lecture's trajectory, and
    the stored parameters are the lecture's look-ahead points.
    """
    x0, loss = quadratic_problem()
    lr, a = 0.02, 0.9
    params = [Parameter(x0[0])]
    optimizer = SGD(params, lr=lr, momentum=a, nesterov=True)
    theta, v = torch.tensor(x0[0]), torch.zeros(len(x0[0]), dtype=torch.float64)
    for k in range(STEPS):
        look_ahead = (theta + a * v).requires_grad_(True)
        loss([look_ahead]).backward()
        v = a * v - lr * look_ahead.grad
        theta = theta + v

        optimizer.zero_grad()
        x = torch.tensor(params[0].data, requires_grad=True)
        loss([x]).backward()
        params[0].grad += x.grad.numpy()
        optimizer.step()
        velocity = optimizer.state[0]["velocity"]
        np.testing.assert_allclose(params[0].data - a * velocity, theta.numpy(), rtol=1e-9, atol=1e-12,
                                   err_msg=f"un-shifted Nesterov parameters after step {k + 1}")
        np.testing.assert_allclose(params[0].data, (theta + a * v).numpy(), rtol=1e-9, atol=1e-12,
                                   err_msg=f"stored parameters = look-ahead point after step {k + 1}")


def test_momentum_terminal_speed_under_constant_gradient():
    """Constant gradient g: v = -lr g (1 - a^k) / (1 - a) -> terminal speed lr |g| / (1 - a) (004)."""
    g = np.array([1.0, -2.0, 0.5])
    lr, a = 0.01, 0.9
    p = Parameter(np.zeros(3))
    optimizer = SGD([p], lr=lr, momentum=a)
    for _ in range(400):
        before = p.data.copy()
        p.grad = g.copy()
        optimizer.step()
    np.testing.assert_allclose(p.data - before, -lr * g / (1 - a), rtol=1e-10,
                               err_msg="last step vs terminal velocity -lr g / (1 - a)")
    assert np.all(np.abs(p.data - before) > 9.99 * lr * np.abs(g)), "a = 0.9 multiplies the speed by 10"


def test_lecture_003_momentum_is_a_rescaled_step_size():
    """003: v <- l v - (1 - l) g; theta <- theta + eta v equals SGD(lr = eta (1 - l), momentum = l).

    The same numbers plugged into both forms give different runs (errata): SGD(lr=eta, momentum=l)
    has terminal speed eta |g| / (1 - l), 003's form eta |g|.
    """
    x0, loss = quadratic_problem()
    eta, lam = 0.2, 0.9
    ours = run_ours(lambda ps: SGD(ps, lr=eta * (1 - lam), momentum=lam), x0, loss)
    theta, v = torch.tensor(x0[0]), torch.zeros(len(x0[0]), dtype=torch.float64)
    lecture_003 = []
    for _ in range(STEPS):
        x = theta.clone().requires_grad_(True)
        loss([x]).backward()
        v = lam * v - (1 - lam) * x.grad
        theta = theta + eta * v
        lecture_003.append([theta.numpy().copy()])
    assert_same_trajectory(ours, lecture_003, "003's momentum vs SGD with lr = eta (1 - lambda)")

    same_numbers = run_ours(lambda ps: SGD(ps, lr=eta, momentum=lam), x0, loss)
    assert not np.allclose(same_numbers[-1][0], ours[-1][0]), "lr = eta is not 003's algorithm"


# ----------------------------------------------------------------------------- AdaGrad / RMSProp

def test_adagrad_steps_shrink_like_lr_over_sqrt_t():
    """Constant gradient g: r = t g^2, so step t is lr g / (eps + sqrt(t) |g|) ~ lr / sqrt(t) (003)."""
    g = np.array([0.5, -3.0, 20.0])
    lr = 0.1
    p = Parameter(np.zeros(3))
    optimizer = AdaGrad([p], lr=lr)
    for t in range(1, 101):
        before = p.data.copy()
        p.grad = g.copy()
        optimizer.step()
        np.testing.assert_allclose(np.abs(p.data - before), lr / np.sqrt(t), rtol=1e-6,
                                   err_msg=f"AdaGrad step {t} vs lr / sqrt(t)")


def test_adagrad_first_step_stabiliser_outside_vs_inside_root():
    """Errata (001): |g| = 1e-4, delta = 1e-7: first step 0.999 lr outside, 0.30 lr inside the root."""
    lr, g = 1.0, 1e-4
    p = Parameter(np.zeros(1))
    optimizer = AdaGrad([p], lr=lr, eps=1e-7)
    p.grad = np.array([g])
    optimizer.step()
    outside = -p.data[0] / lr
    inside = g / np.sqrt(g * g + 1e-7)  # 001's form: g / sqrt(r + 1e-7), r = g^2
    assert round(outside, 3) == 0.999
    assert round(inside, 2) == 0.30


def rmsprop_inside_root(x0, loss, lr, rho, delta, steps=STEPS):
    """002/004 Algorithm 8.5 as written: theta <- theta - lr g / sqrt(delta + r)."""
    theta, r = torch.tensor(x0[0]), torch.zeros(len(x0[0]), dtype=torch.float64)
    trajectory = []
    for _ in range(steps):
        x = theta.clone().requires_grad_(True)
        loss([x]).backward()
        r = rho * r + (1 - rho) * x.grad ** 2
        theta = theta - lr * x.grad / torch.sqrt(delta + r)
        trajectory.append([theta.numpy().copy()])
    return trajectory


def test_rmsprop_stabiliser_inside_and_outside_agree_as_eps_goes_to_zero():
    """The course puts eps outside the root (like torch); 002/004 put delta inside.

    The forms are different functions, g/(eps + sqrt(r)) vs g/sqrt(delta + r), but with eps and
    delta -> 0 both tend to g/sqrt(r): the trajectories agree. With Algorithm 8.5's delta = 1e-6
    and small gradients they do not.
    """
    x0, loss = quadratic_problem()
    ours = run_ours(lambda ps: RMSProp(ps, lr=0.01, rho=0.9, eps=1e-12), x0, loss)
    inside = rmsprop_inside_root(x0, loss, lr=0.01, rho=0.9, delta=1e-24)
    assert_same_trajectory(ours, inside, "RMSProp, eps -> 0: outside vs inside the root", rtol=1e-8)

    small = [1e-4 * x0[0]]
    small_loss = lambda ts: 1e-8 * loss([ts[0] * 1e4])  # noqa: E731  gradients ~1e-4
    ours = run_ours(lambda ps: RMSProp(ps, lr=1e-5, rho=0.9, eps=1e-6), small, small_loss, steps=5)
    inside = rmsprop_inside_root(small, small_loss, lr=1e-5, rho=0.9, delta=1e-6, steps=5)
    assert not np.allclose(ours[-1][0], inside[-1][0], rtol=1e-2), "delta = 1e-6 matters at |g| ~ 1e-4"


def rmsprop_nesterov_lecture(x0, loss, lr, rho, a, eps, steps=STEPS):
    """002/004 Algorithm 8.6 with an explicit look-ahead (plus eps outside the root)."""
    theta, v = torch.tensor(x0[0]), torch.zeros(len(x0[0]), dtype=torch.float64)
    r = torch.zeros_like(v)
    trajectory = []
    for _ in range(steps):
        look_ahead = (theta + a * v).requires_grad_(True)
        loss([look_ahead]).backward()
        g = look_ahead.grad
        r = rho * r + (1 - rho) * g * g
        v = a * v - lr * g / (eps + torch.sqrt(r))
        theta = theta + v
        trajectory.append((theta.numpy().copy(), v.numpy().copy()))
    return trajectory


def test_rmsprop_nesterov_equals_the_explicit_look_ahead_of_the_lecture():
    """No torch twin: compare with Algorithm 8.6 written out (look-ahead gradient).

    Ours stores phi = theta + a v; the un-shifted theta = phi - a v must follow the lecture.
    """
    x0, loss = quadratic_problem()
    lr, rho, a, eps = 0.01, 0.9, 0.9, 1e-6
    params = [Parameter(x0[0])]
    optimizer = RMSPropNesterov(params, lr=lr, rho=rho, momentum=a, eps=eps)
    lecture = rmsprop_nesterov_lecture(x0, loss, lr, rho, a, eps)
    for k, (theta, v) in enumerate(lecture):
        optimizer.zero_grad()
        x = torch.tensor(params[0].data, requires_grad=True)
        loss([x]).backward()
        params[0].grad += x.grad.numpy()
        optimizer.step()
        np.testing.assert_allclose(params[0].data - a * optimizer.state[0]["velocity"], theta,
                                   rtol=1e-9, atol=1e-12, err_msg=f"un-shifted theta after step {k + 1}")
        np.testing.assert_allclose(optimizer.state[0]["velocity"], v, rtol=1e-9, atol=1e-12,
                                   err_msg=f"velocity after step {k + 1}")


@pytest.mark.parametrize("problem", sorted(PROBLEMS))
def test_rmsprop_nesterov_without_momentum_is_rmsprop(problem):
    """momentum = 0: no look-ahead and v = -lr g/(eps + sqrt(r)): exactly RMSProp (= torch's RMSprop)."""
    x0, loss = PROBLEMS[problem]()
    ours = run_ours(lambda ps: RMSPropNesterov(ps, lr=0.01, rho=0.9, momentum=0.0, eps=1e-6), x0, loss)
    theirs = run_torch(lambda ts: torch.optim.RMSprop(ts, lr=0.01, alpha=0.9, eps=1e-6), x0, loss)
    assert_same_trajectory(ours, theirs, f"RMSPropNesterov(momentum=0) vs torch RMSprop on {problem}")


def test_rmsprop_nesterov_zero_gradient_is_not_nan():
    """Errata: Algorithm 8.6 divides by sqrt(r) with no stabiliser: 0/0 = NaN where g = 0."""
    g = np.array([0.0, 1.0])
    r = (1 - 0.9) * g * g
    with np.errstate(invalid="ignore", divide="ignore"):
        slide_velocity = -0.01 / np.sqrt(r) * g
    assert np.isnan(slide_velocity[0]), "the slide's formula gives NaN for the zero gradient"

    p = Parameter(np.array([3.0, 3.0]))
    optimizer = RMSPropNesterov([p], lr=0.01)
    p.grad = g.copy()
    optimizer.step()
    assert np.all(np.isfinite(p.data))
    assert p.data[0] == 3.0, "a zero gradient leaves its coordinate unchanged"


# ----------------------------------------------------------------------------- Adam

def test_adam_first_step_moves_every_coordinate_by_lr():
    """Bias correction: step 1 is lr g/|g| = lr per coordinate, whatever the gradient's size.

    Without the correction s = (1 - rho1) g and r = (1 - rho2) g^2 are too small. Computed here:
    correcting only r leaves the step (1 - rho1) = 10x too small; correcting neither makes it
    (1 - rho1)/sqrt(1 - rho2) ~ 3.2x too large; the 000 slide's r_hat <- r_hat/(1 - rho2^t)
    (r_hat = 0) divides by delta alone: a step of lr |g| / delta.
    """
    lr, (rho1, rho2), delta = 1e-3, (0.9, 0.999), 1e-8
    g = np.array([0.05, -0.5, 7.0, -300.0])
    p = Parameter(np.zeros(4))
    optimizer = Adam([p], lr=lr, betas=(rho1, rho2), eps=delta)
    p.grad = g.copy()
    optimizer.step()
    np.testing.assert_allclose(np.abs(p.data), lr, rtol=1e-5, err_msg="Adam's first step is lr per coordinate")

    s, r = (1 - rho1) * g, (1 - rho2) * g * g
    only_r_corrected = lr * s / (np.sqrt(r / (1 - rho2)) + delta)
    uncorrected = lr * s / (np.sqrt(r) + delta)
    slide_r_hat = 0.0 / (1 - rho2)
    slide = lr * (s / (1 - rho1)) / (np.sqrt(slide_r_hat) + delta)
    np.testing.assert_allclose(np.abs(only_r_corrected) / np.abs(p.data), 1 - rho1, rtol=1e-5)
    np.testing.assert_allclose(np.abs(uncorrected) / np.abs(p.data), (1 - rho1) / np.sqrt(1 - rho2), rtol=1e-4)
    assert np.all(np.abs(only_r_corrected) < 0.11 * lr), "10x too small without correcting s"
    assert np.all(np.abs(uncorrected) > 3 * lr), "about 3.2x too large without any correction"
    np.testing.assert_allclose(np.abs(slide), lr * np.abs(g) / delta, err_msg="000's slide: division by delta")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=6),
       st.floats(1e-4, 1.0), st.floats(0.0, 0.99), st.floats(0.0, 0.9999))
def test_adam_first_step_is_at_most_lr(grad, lr, rho1, rho2):
    """Property: |step 1| = lr |g| / (|g| + eps) <= lr for any gradient and betas."""
    p = Parameter(np.zeros(len(grad)))
    optimizer = Adam([p], lr=lr, betas=(rho1, rho2))
    p.grad = np.array(grad)
    optimizer.step()
    assert np.all(np.abs(p.data) <= lr * (1 + 1e-12))
    np.testing.assert_allclose(np.abs(p.data), lr * np.abs(p.grad) / (np.abs(p.grad) + 1e-8),
                               rtol=1e-9, atol=1e-15 * lr)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "rmsprop-nesterov", "adam"]),
       st.lists(st.floats(-10, 10), min_size=1, max_size=5))
def test_zero_learning_rate_leaves_parameters_unchanged(name, grad):
    """Property: lr = 0 is allowed and every optimizer then keeps the parameters."""
    make = {"sgd": lambda ps: SGD(ps, lr=0.0), "momentum": lambda ps: SGD(ps, lr=0.0, momentum=0.9),
            "nesterov": lambda ps: SGD(ps, lr=0.0, momentum=0.9, nesterov=True),
            "adagrad": lambda ps: AdaGrad(ps, lr=0.0), "rmsprop": lambda ps: RMSProp(ps, lr=0.0),
            "rmsprop-nesterov": lambda ps: RMSPropNesterov(ps, lr=0.0), "adam": lambda ps: Adam(ps, lr=0.0)}
    start = np.linspace(-1, 1, len(grad))
    p = Parameter(start)
    optimizer = make[name]([p])
    for _ in range(3):
        p.grad = np.array(grad)
        optimizer.step()
    np.testing.assert_array_equal(p.data, start)


# ----------------------------------------------------------------------------- validation

def one_param():
    return [Parameter(np.zeros(3))]


@pytest.mark.parametrize("make, match", [
    (lambda: SGD(one_param(), lr=-0.1), "lr must be >= 0"),
    (lambda: SGD(one_param(), lr=float("nan")), "lr must be finite"),
    (lambda: SGD(one_param(), lr="0.1"), "lr must be a real number"),
    (lambda: SGD(one_param(), lr=0.1, momentum=-0.5), "momentum must be in"),
    (lambda: SGD(one_param(), lr=0.1, momentum=1.0), "momentum must be in"),
    (lambda: SGD(one_param(), lr=0.1, nesterov=True), "nesterov=True needs momentum > 0"),
    (lambda: SGD(one_param(), lr=0.1, momentum=0.9, nesterov="yes"), "nesterov must be True or False"),
    (lambda: SGD(one_param(), lr=0.1, weight_decay=-1.0), "weight_decay must be >= 0"),
    (lambda: AdaGrad(one_param(), lr=-1.0), "lr must be >= 0"),
    (lambda: AdaGrad(one_param(), lr=0.1, eps=0.0), "eps must be > 0"),
    (lambda: RMSProp(one_param(), lr=0.1, rho=1.0), "rho must be in"),
    (lambda: RMSProp(one_param(), lr=0.1, rho=1.5), "rho must be in"),
    (lambda: RMSProp(one_param(), lr=0.1, eps=-1e-6), "eps must be > 0"),
    (lambda: RMSPropNesterov(one_param(), lr=0.1, rho=1.0), "rho must be in"),
    (lambda: RMSPropNesterov(one_param(), lr=0.1, momentum=1.0), "momentum must be in"),
    (lambda: RMSPropNesterov(one_param(), lr=0.1, momentum=-0.1), "momentum must be in"),
    (lambda: Adam(one_param(), betas=(0.9, 1.0)), r"betas\[1\] \(rho2\) must be in"),
    (lambda: Adam(one_param(), betas=(1.0, 0.999)), r"betas\[0\] \(rho1\) must be in"),
    (lambda: Adam(one_param(), betas=(-0.1, 0.999)), r"betas\[0\] \(rho1\) must be in"),
    (lambda: Adam(one_param(), betas=0.9), "betas must be a pair"),
    (lambda: Adam(one_param(), betas=(0.9, 0.99, 0.999)), "betas must be a pair"),
    (lambda: Adam(one_param(), eps=0.0), "eps must be > 0"),
    (lambda: Adam(one_param(), lr=-1e-3), "lr must be >= 0"),
])
def test_bad_hyperparameters_raise(make, match):
    with pytest.raises(ValueError, match=match):
        make()


@pytest.mark.parametrize("params, match", [
    ([], "params is empty"),
    (iter([]), "params is empty"),
    ([np.zeros(3)], r"params\[0\] must be a Parameter"),
    (Parameter(np.zeros(3)), "got a single Parameter"),
    (3.0, "params must be an iterable of Parameters"),
])
def test_bad_params_raise(params, match):
    with pytest.raises(ValueError, match=match):
        SGD(params, lr=0.1)


def test_duplicate_parameters_raise():
    p = Parameter(np.zeros(3))
    with pytest.raises(ValueError, match=r"params\[1\] appears more than once"):
        Adam([p, p])


def test_params_may_be_a_generator():
    params = [Parameter(np.zeros(2)), Parameter(np.ones(3))]
    optimizer = SGD((p for p in params), lr=0.1)
    assert optimizer.params == params


def test_lr_is_a_plain_attribute_checked_at_each_step():
    """A schedule sets optimizer.lr; a bad value set later is caught by step()."""
    p = Parameter(np.zeros(2))
    optimizer = SGD([p], lr=0.1)
    optimizer.lr = 0.5
    p.grad = np.ones(2)
    optimizer.step()
    np.testing.assert_allclose(p.data, -0.5 * np.ones(2), err_msg="step uses the new lr")
    optimizer.lr = -1.0
    with pytest.raises(ValueError, match="lr must be >= 0"):
        optimizer.step()


def test_grad_of_wrong_shape_raises():
    p = Parameter(np.zeros((2, 3)))
    optimizer = Adam([p])
    p.grad = np.ones(3)
    with pytest.raises(ValueError, match=r"grad of shape \(3,\)"):
        optimizer.step()


def test_base_optimizer_step_is_abstract_and_zero_grad_zeroes():
    params = [Parameter(np.ones(2)), Parameter(np.ones((2, 2)))]
    optimizer = Optimizer(params, lr=0.1)
    with pytest.raises(NotImplementedError, match="Optimizer does not implement step"):
        optimizer.step()
    for p in params:
        p.grad += 5.0
    optimizer.zero_grad()
    for p in params:
        np.testing.assert_array_equal(p.grad, np.zeros_like(p.data))
    assert repr(optimizer) == "Optimizer(2 parameters, lr=0.1)"


# ----------------------------------------------------------------------------- state_dict

@pytest.mark.parametrize("make_optimizer", [
    lambda ps: SGD(ps, lr=0.02, momentum=0.9, nesterov=True),
    lambda ps: AdaGrad(ps, lr=0.1), lambda ps: RMSPropNesterov(ps, lr=0.01),
    lambda ps: Adam(ps, lr=0.01)])
def test_state_dict_round_trip_resumes_the_same_run(make_optimizer):
    """Saving after 20 steps and loading into a fresh optimizer continues the identical run."""
    x0, loss = mlp_problem()
    full = run_ours(make_optimizer, x0, loss, steps=30)

    params = [Parameter(x) for x in x0]
    optimizer = make_optimizer(params)

    def train(steps):
        for _ in range(steps):
            optimizer.zero_grad()
            tensors = [torch.tensor(p.data, requires_grad=True) for p in params]
            loss(tensors).backward()
            for p, t in zip(params, tensors):
                p.grad += t.grad.numpy()
            optimizer.step()

    train(20)
    saved = optimizer.state_dict()
    train(3)  # must not leak into `saved`
    fresh = make_optimizer(params)
    fresh.load_state_dict(saved)
    for p, x in zip(params, full[19]):
        p.data[...] = x
    optimizer = fresh
    train(10)
    for j, (p, expected) in enumerate(zip(params, full[-1])):
        np.testing.assert_allclose(p.data, expected, rtol=1e-12, atol=1e-14, err_msg=f"parameter {j} after resume")


def test_load_state_dict_rejects_mismatches():
    params = [Parameter(np.zeros(3)), Parameter(np.zeros((2, 2)))]
    saved = Adam(params).state_dict()
    with pytest.raises(ValueError, match="holds state for parameters"):
        Adam(params[:1]).load_state_dict(saved)
    with pytest.raises(ValueError, match="has keys"):
        SGD(params, lr=0.1).load_state_dict(saved)
    wrong_shape = Adam(params).state_dict()
    wrong_shape["state"][1]["first_moment"] = np.zeros(4)
    with pytest.raises(ValueError, match="has shape"):
        Adam(params).load_state_dict(wrong_shape)
    negative_lr = Adam(params).state_dict()
    negative_lr["lr"] = -1.0
    with pytest.raises(ValueError, match="lr must be >= 0"):
        Adam(params).load_state_dict(negative_lr)


# ----------------------------------------------------------------------------- clipping

@pytest.mark.parametrize("max_norm", [0.5, 3.0, 1e3])
def test_clip_grad_norm_matches_torch(max_norm, rng):
    """Same returned norm and same clipped gradients as torch.nn.utils.clip_grad_norm_."""
    grads = [rng.standard_normal((3, 4)), rng.standard_normal(5), rng.standard_normal((2, 2, 2))]
    params = [Parameter(np.zeros_like(g)) for g in grads]
    for p, g in zip(params, grads):
        p.grad = g.copy()
    tensors = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads]
    for t, g in zip(tensors, grads):
        t.grad = torch.tensor(g)
    norm = clip_grad_norm(params, max_norm)
    torch_norm = torch.nn.utils.clip_grad_norm_(tensors, max_norm)
    np.testing.assert_allclose(norm, float(torch_norm), rtol=1e-12, err_msg="norm before clipping")
    np.testing.assert_allclose(norm, np.sqrt(sum(np.sum(g ** 2) for g in grads)), rtol=1e-12)
    for j, (p, t) in enumerate(zip(params, tensors)):
        np.testing.assert_allclose(p.grad, t.grad.numpy(), rtol=1e-12, err_msg=f"clipped grad {j}")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-1e4, 1e4), min_size=1, max_size=8), st.floats(1e-3, 1e3))
def test_clip_grad_norm_caps_the_norm_and_keeps_the_direction(grad, max_norm):
    g = np.array(grad)
    p = Parameter(np.zeros_like(g))
    p.grad = g.copy()
    norm = clip_grad_norm([p], max_norm)
    assert np.linalg.norm(p.grad) <= max_norm * (1 + 1e-12)
    if norm + 1e-6 <= max_norm:  # torch's rule: scale only when max_norm / (norm + 1e-6) < 1
        np.testing.assert_array_equal(p.grad, g)
    else:
        np.testing.assert_allclose(p.grad, g * max_norm / (norm + 1e-6), rtol=1e-12)


def test_clip_grad_norm_bad_input():
    with pytest.raises(ValueError, match="max_norm must be > 0"):
        clip_grad_norm(one_param(), 0.0)
    with pytest.raises(ValueError, match="params is empty"):
        clip_grad_norm([], 1.0)
