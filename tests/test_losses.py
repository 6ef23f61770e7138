import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse.functional.activations import sigmoid, sigmoid_grad
from dlcourse.functional.losses import binary_cross_entropy, binary_cross_entropy_with_logits, cross_entropy, mse
from dlcourse.gradcheck import numerical_gradient

TOL = dict(rtol=1e-10, atol=1e-12)


def t64(x, requires_grad=False):
    return torch.tensor(x, dtype=torch.float64, requires_grad=requires_grad)


def random_problem(rng, num_samples=5, num_classes=4):
    scores = rng.standard_normal((num_samples, num_classes)) * 3
    y = rng.integers(0, num_classes, size=num_samples)
    return scores, y


def torch_cross_entropy(scores, y, **kwargs):
    """Torch's F.cross_entropy value and gradient with respect to the scores."""
    s = t64(scores, requires_grad=True)
    loss = F.cross_entropy(s, torch.tensor(y), **kwargs)
    loss.backward()
    return loss.item(), s.grad.numpy()


def torch_lecture_smoothed_cross_entropy(scores, y, eps):
    """Lecture 004's smoothed target built in torch, then -(1/N) sum t log softmax(s) through autograd."""
    s = t64(scores, requires_grad=True)
    num_classes = scores.shape[1]
    one_hot = F.one_hot(torch.tensor(y), num_classes).to(torch.float64)
    target = (1 - eps) * one_hot + eps / (num_classes - 1) * (1 - one_hot)
    loss = -(target * torch.log_softmax(s, dim=1)).sum(dim=1).mean()
    loss.backward()
    return loss.item(), s.grad.numpy()


# ---------------------------------------------------------------- cross-entropy


def test_cross_entropy_matches_torch(rng):
    scores, y = random_problem(rng)
    loss, dscores = cross_entropy(scores, y)
    expected_loss, expected_grad = torch_cross_entropy(scores, y)
    np.testing.assert_allclose(loss, expected_loss, **TOL, err_msg="loss vs F.cross_entropy")
    np.testing.assert_allclose(dscores, expected_grad, **TOL, err_msg="dscores vs torch autograd")


@pytest.mark.parametrize("eps, smoothing", [(0.0, "lecture"), (0.2, "lecture"), (0.3, "torch")])
def test_cross_entropy_gradient_matches_numerical(eps, smoothing, rng):
    scores, y = random_problem(rng, 3, 4)
    _, dscores = cross_entropy(scores, y, label_smoothing=eps, smoothing=smoothing)
    numeric = numerical_gradient(lambda s: cross_entropy(s, y, eps, smoothing)[0], scores.copy())
    np.testing.assert_allclose(dscores, numeric, rtol=1e-7, atol=1e-9,
                               err_msg=f"dscores vs centred difference (eps={eps}, {smoothing})")


@pytest.mark.parametrize("eps", [0.05, 0.3, 0.7])
def test_lecture_smoothing_matches_torch_autograd_on_the_same_formula(eps, rng):
    scores, y = random_problem(rng, 6, 3)
    loss, dscores = cross_entropy(scores, y, label_smoothing=eps)
    expected_loss, expected_grad = torch_lecture_smoothed_cross_entropy(scores, y, eps)
    np.testing.assert_allclose(loss, expected_loss, **TOL, err_msg="lecture smoothing: loss vs torch autograd")
    np.testing.assert_allclose(dscores, expected_grad, **TOL, err_msg="lecture smoothing: dscores vs torch autograd")


@pytest.mark.parametrize("eps, num_classes", [(0.1, 2), (0.1, 5), (0.45, 2), (0.6, 4)])
def test_lecture_smoothing_equals_torch_with_rescaled_eps(eps, num_classes, rng):
    # errata conventions table: lecture eps == torch label_smoothing = eps K / (K - 1)
    scores, y = random_problem(rng, 5, num_classes)
    loss, dscores = cross_entropy(scores, y, label_smoothing=eps, smoothing="lecture")
    torch_eps = eps * num_classes / (num_classes - 1)
    expected_loss, expected_grad = torch_cross_entropy(scores, y, label_smoothing=torch_eps)
    np.testing.assert_allclose(loss, expected_loss, **TOL, err_msg=f"lecture eps={eps} vs torch eps={torch_eps}")
    np.testing.assert_allclose(dscores, expected_grad, **TOL, err_msg="gradients of the two conventions")


@pytest.mark.parametrize("eps", [0.1, 0.5, 0.9])
def test_torch_smoothing_equals_torch(eps, rng):
    scores, y = random_problem(rng, 5, 3)
    loss, dscores = cross_entropy(scores, y, label_smoothing=eps, smoothing="torch")
    expected_loss, expected_grad = torch_cross_entropy(scores, y, label_smoothing=eps)
    np.testing.assert_allclose(loss, expected_loss, **TOL, err_msg=f"torch smoothing eps={eps}: loss")
    np.testing.assert_allclose(dscores, expected_grad, **TOL, err_msg=f"torch smoothing eps={eps}: dscores")


def test_zero_smoothing_is_the_same_for_both_forms(rng):
    scores, y = random_problem(rng)
    plain = cross_entropy(scores, y)
    for smoothing in ("lecture", "torch"):
        smoothed = cross_entropy(scores, y, label_smoothing=0.0, smoothing=smoothing)
        assert smoothed[0] == plain[0], smoothing
        np.testing.assert_array_equal(smoothed[1], plain[1], err_msg=f"eps = 0 with {smoothing} form")


def test_lecture_cat_example_is_2_04_in_natural_log():
    # Lecture 001: cat 3.2, car 5.1, frog -1.7, true class cat. The slide's 0.89 is log10 (errata).
    loss, _ = cross_entropy(np.array([[3.2, 5.1, -1.7]]), np.array([0]))
    assert round(loss, 2) == 2.04, loss
    p_cat = np.exp(3.2) / (np.exp(3.2) + np.exp(5.1) + np.exp(-1.7))
    assert round(-np.log10(p_cat), 2) == 0.89, "the slide's number is the base-10 log"


def test_lecture_torch7_demo_loss_is_0_4282():
    # errata: scores [0.1313, -0.4951], class 1 of torch7 (1-based) = index 0; the slide printed 0.7858.
    loss, _ = cross_entropy(np.array([[0.1313, -0.4951]]), np.array([0]))
    assert round(loss, 4) == 0.4282, loss


@pytest.mark.parametrize("num_classes", [2, 3, 10])
def test_equal_scores_give_log_c(num_classes):
    loss, dscores = cross_entropy(np.zeros((4, num_classes)), np.arange(4) % num_classes)
    np.testing.assert_allclose(loss, np.log(num_classes), rtol=1e-14, err_msg="expected initial loss log(C)")
    np.testing.assert_allclose(dscores.sum(axis=1), 0.0, atol=1e-15, err_msg="gradient rows sum to 0")


def test_scores_of_plus_minus_1000_give_a_finite_loss():
    scores = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, -1000.0]])
    y = np.array([1, 1])
    for eps, smoothing in [(0.0, "lecture"), (0.1, "lecture"), (0.1, "torch")]:
        loss, dscores = cross_entropy(scores, y, eps, smoothing)
        assert np.isfinite(loss) and np.all(np.isfinite(dscores)), (eps, smoothing)
    loss, dscores = cross_entropy(scores, y)
    expected_loss, expected_grad = torch_cross_entropy(scores, y)
    np.testing.assert_allclose(loss, expected_loss, **TOL, err_msg="+-1000 scores: loss vs torch")
    np.testing.assert_allclose(dscores, expected_grad, **TOL, err_msg="+-1000 scores: dscores vs torch")


@settings(max_examples=30, deadline=None)
@given(
    num_samples=st.integers(1, 4),
    num_classes=st.integers(2, 5),
    eps=st.floats(0, 0.99),
    smoothing=st.sampled_from(["lecture", "torch"]),
    seed=st.integers(0, 2**16),
)
def test_cross_entropy_properties(num_samples, num_classes, eps, smoothing, seed):
    scores, y = random_problem(np.random.default_rng(seed), num_samples, num_classes)
    loss, dscores = cross_entropy(scores, y, eps, smoothing)
    assert loss >= 0, "cross-entropy is non-negative"
    np.testing.assert_allclose(dscores.sum(axis=1), 0.0, atol=1e-15,
                               err_msg="each row of dscores sums to 0 (softmax and target both sum to 1)")
    shifted_loss, shifted_grad = cross_entropy(scores + 5.0, y, eps, smoothing)
    np.testing.assert_allclose(shifted_loss, loss, rtol=1e-12, err_msg="adding a constant to all scores")
    np.testing.assert_allclose(shifted_grad, dscores, rtol=1e-9, atol=1e-14, err_msg="gradient invariant too")


def test_integral_float_labels_are_accepted(rng):
    scores, y = random_problem(rng)
    assert cross_entropy(scores, y.astype(float))[0] == cross_entropy(scores, y)[0]


@pytest.mark.parametrize(
    "scores, y, kwargs, match",
    [
        (np.zeros((2, 3)), [0, 3], {}, r"y must be in \[0, 3\)"),
        (np.zeros((2, 3)), [-1, 0], {}, r"y must be in \[0, 3\)"),
        (np.zeros((2, 3)), [0, 1, 2], {}, "3 labels but there are 2 samples"),
        (np.zeros((2, 3)), [[0, 1]], {}, "y must be a 1-D array"),
        (np.zeros((2, 3)), [0.5, 1], {}, "integer class indices"),
        (np.array([[0.0, np.nan, 1.0]]), [0], {}, "scores contains NaN"),
        (np.zeros(3), [0], {}, "scores must have 2 dimensions"),
        (np.zeros((0, 3)), [], {}, "at least one sample and one class"),
        (np.zeros((2, 3)), [0, 1], {"label_smoothing": 1.0}, r"label_smoothing must be in \[0, 1\)"),
        (np.zeros((2, 3)), [0, 1], {"label_smoothing": -0.1}, r"label_smoothing must be in \[0, 1\)"),
        (np.zeros((2, 3)), [0, 1], {"label_smoothing": float("nan")}, "label_smoothing must be finite"),
        (np.zeros((2, 3)), [0, 1], {"smoothing": "uniform"}, "smoothing must be one of"),
        (np.zeros((2, 1)), [0, 0], {"label_smoothing": 0.1}, "K >= 2"),
    ],
)
def test_cross_entropy_bad_input_raises(scores, y, kwargs, match):
    with pytest.raises(ValueError, match=match):
        cross_entropy(scores, y, **kwargs)


def test_single_class_without_lecture_smoothing_is_allowed():
    assert cross_entropy(np.zeros((2, 1)), [0, 0])[0] == 0.0
    assert cross_entropy(np.zeros((2, 1)), [0, 0], 0.1, "torch")[0] == 0.0


# ---------------------------------------------------------------- binary cross-entropy


def test_binary_cross_entropy_matches_torch(rng):
    probs = rng.uniform(0.05, 0.95, size=(4, 3))
    targets = rng.uniform(0, 1, size=(4, 3))
    targets[0] = [0.0, 1.0, 1.0]
    loss, dprobs = binary_cross_entropy(probs, targets)
    p = t64(probs, requires_grad=True)
    expected = F.binary_cross_entropy(p, t64(targets))
    expected.backward()
    np.testing.assert_allclose(loss, expected.item(), **TOL, err_msg="loss vs F.binary_cross_entropy")
    np.testing.assert_allclose(dprobs, p.grad.numpy(), **TOL, err_msg="dprobs vs torch autograd")


def test_binary_cross_entropy_gradient_matches_numerical(rng):
    probs = rng.uniform(0.1, 0.9, size=(3, 2))
    targets = rng.integers(0, 2, size=(3, 2))
    _, dprobs = binary_cross_entropy(probs, targets)
    numeric = numerical_gradient(lambda p: binary_cross_entropy(p, targets)[0], probs.copy())
    np.testing.assert_allclose(dprobs, numeric, rtol=1e-7, atol=1e-9, err_msg="dprobs vs centred difference")


def test_binary_cross_entropy_has_the_minus_sign():
    # errata: 002/003 drop the minus; with it the loss is >= 0 and falls as p approaches t.
    losses = [binary_cross_entropy(np.array([p]), np.array([1.0]))[0] for p in (0.1, 0.5, 0.9)]
    assert losses[0] > losses[1] > losses[2] > 0, losses
    np.testing.assert_allclose(losses[1], np.log(2), rtol=1e-15, err_msg="-log(0.5)")


def test_binary_cross_entropy_saturated_probabilities_stay_finite():
    probs = np.array([0.0, 1.0, 0.0, 1.0])
    targets = np.array([1.0, 0.0, 0.0, 1.0])
    loss, dprobs = binary_cross_entropy(probs, targets)
    assert np.isfinite(loss) and np.all(np.isfinite(dprobs))
    np.testing.assert_allclose(loss, -np.log(1e-12) / 2, rtol=1e-6, err_msg="two maximally wrong terms of -log(eps)")
    # torch divides by max(p (1 - p), 1e-12), about what clipping p with eps = 1e-12 gives
    # (only about: 1 - (1 - 1e-12) is 1e-12 to 4 digits in float64)
    p = t64(probs, requires_grad=True)
    F.binary_cross_entropy(p, t64(targets)).backward()
    np.testing.assert_allclose(dprobs, p.grad.numpy(), rtol=1e-4, atol=0, err_msg="saturated gradient vs torch")
    np.testing.assert_array_equal(dprobs[2:], 0.0, err_msg="no gradient where p = t exactly")
    assert dprobs[0] < 0 < dprobs[1], "a confidently wrong prediction is still pushed towards its target"


@pytest.mark.parametrize(
    "probs, targets, kwargs, match",
    [
        ([0.5, 1.2], [0.0, 1.0], {}, r"probs must be in \[0, 1\]"),
        ([-0.1, 0.5], [0.0, 1.0], {}, r"probs must be in \[0, 1\]"),
        ([0.5, np.nan], [0.0, 1.0], {}, "probs contains NaN"),
        ([0.5, 0.5], [0.0, 2.0], {}, r"targets must be in \[0, 1\]"),
        ([0.5, 0.5], [0.0, 1.0, 1.0], {}, r"targets must have shape \(2\)"),
        ([0.5, 0.5], [[0.0, 1.0]], {}, r"targets must have shape \(2\)"),
        ([], [], {}, "at least one element"),
        ([0.5, 0.5], [0.0, 1.0], {"eps": 0.0}, "eps must be > 0"),
        ([0.5, 0.5], [0.0, 1.0], {"eps": 0.5}, r"eps must be in \(0, 0.5\)"),
    ],
)
def test_binary_cross_entropy_bad_input_raises(probs, targets, kwargs, match):
    with pytest.raises(ValueError, match=match):
        binary_cross_entropy(np.array(probs), np.array(targets), **kwargs)


def test_bce_with_logits_matches_torch_including_plus_minus_1000(rng):
    logits = np.concatenate([rng.standard_normal(8) * 4, [-1000.0, 1000.0, -1000.0, 1000.0]])
    targets = np.concatenate([rng.uniform(0, 1, size=8), [0.0, 1.0, 1.0, 0.0]])
    loss, dlogits = binary_cross_entropy_with_logits(logits, targets)
    z = t64(logits, requires_grad=True)
    expected = F.binary_cross_entropy_with_logits(z, t64(targets))
    expected.backward()
    assert np.isfinite(loss)
    np.testing.assert_allclose(loss, expected.item(), **TOL, err_msg="loss vs F.binary_cross_entropy_with_logits")
    np.testing.assert_allclose(dlogits, z.grad.numpy(), **TOL, err_msg="dlogits vs torch autograd")


def test_bce_with_logits_gradient_matches_numerical_and_is_a_minus_y(rng):
    logits = rng.standard_normal((3, 2)) * 2
    targets = rng.integers(0, 2, size=(3, 2)).astype(float)
    _, dlogits = binary_cross_entropy_with_logits(logits, targets)
    numeric = numerical_gradient(lambda z: binary_cross_entropy_with_logits(z, targets)[0], logits.copy())
    np.testing.assert_allclose(dlogits, numeric, rtol=1e-7, atol=1e-9, err_msg="dlogits vs centred difference")
    np.testing.assert_allclose(dlogits * logits.size, sigmoid(logits) - targets, rtol=1e-14, atol=1e-16,
                               err_msg="output delta a - y of lectures 002/003 (times numel)")


def test_bce_with_logits_equals_bce_of_sigmoid_by_the_chain_rule(rng):
    logits = rng.standard_normal(6) * 2
    targets = rng.uniform(0, 1, size=6)
    loss, dlogits = binary_cross_entropy_with_logits(logits, targets)
    loss_p, dprobs = binary_cross_entropy(sigmoid(logits), targets)
    np.testing.assert_allclose(loss, loss_p, rtol=1e-12, err_msg="same loss from logits and from probabilities")
    np.testing.assert_allclose(dlogits, dprobs * sigmoid_grad(logits), rtol=1e-10, atol=1e-15,
                               err_msg="dL/dz = dL/dp * sigmoid'(z)")


@pytest.mark.parametrize(
    "logits, targets, match",
    [
        ([0.0, np.inf], [0.0, 1.0], "logits contains NaN or infinite"),
        ([0.0, 1.0], [0.0, -1.0], r"targets must be in \[0, 1\]"),
        ([0.0, 1.0], [0.0], r"targets must have shape \(2\)"),
        ([], [], "at least one element"),
    ],
)
def test_bce_with_logits_bad_input_raises(logits, targets, match):
    with pytest.raises(ValueError, match=match):
        binary_cross_entropy_with_logits(np.array(logits), np.array(targets))


# ---------------------------------------------------------------- mean squared error


def test_mse_matches_torch(rng):
    pred = rng.standard_normal((4, 3))
    target = rng.standard_normal((4, 3))
    loss, dpred = mse(pred, target)
    p = t64(pred, requires_grad=True)
    expected = F.mse_loss(p, t64(target))
    expected.backward()
    np.testing.assert_allclose(loss, expected.item(), **TOL, err_msg="loss vs F.mse_loss")
    np.testing.assert_allclose(dpred, p.grad.numpy(), **TOL, err_msg="dpred vs torch autograd")


def test_mse_gradient_matches_numerical(rng):
    pred = rng.standard_normal((2, 3))
    target = rng.standard_normal((2, 3))
    _, dpred = mse(pred, target)
    numeric = numerical_gradient(lambda p: mse(p, target)[0], pred.copy())
    np.testing.assert_allclose(dpred, numeric, rtol=1e-7, atol=1e-9, err_msg="dpred vs centred difference")


def test_mse_is_zero_at_the_target(rng):
    x = rng.standard_normal(5)
    loss, dpred = mse(x, x)
    assert loss == 0.0
    np.testing.assert_array_equal(dpred, 0.0, err_msg="no gradient at the minimum")


@pytest.mark.parametrize(
    "pred, target, match",
    [
        (np.zeros((2, 3)), np.zeros((3, 2)), r"target must have shape \(2, 3\)"),
        (np.zeros((2, 3)), np.zeros(3), r"target must have shape \(2, 3\)"),
        (np.array([0.0, np.nan]), np.zeros(2), "pred contains NaN"),
        (np.zeros(2), np.array([0.0, np.nan]), "target contains NaN"),
        (np.zeros(0), np.zeros(0), "at least one element"),
    ],
)
def test_mse_bad_input_raises(pred, target, match):
    with pytest.raises(ValueError, match=match):
        mse(pred, target)
