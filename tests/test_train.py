import numpy as np
import pytest

from dlcourse import nn
from dlcourse.data import load_digits, make_spiral
from dlcourse.functional import cross_entropy, mse
from dlcourse.optim import SGD, Adam, step_decay
from dlcourse.regularization import EarlyStopping, one_hot
from dlcourse.train import evaluate, fit, predict


def mlp(sizes, seed=0):
    rng = np.random.default_rng(seed)
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(fan_in, fan_out, rng=rng), nn.ReLU()]
    return nn.Sequential(*layers[:-1])


@pytest.mark.slow
def test_mlp_from_scratch_reaches_95_percent_on_digits():
    """The course's smoke test: a 64-128-10 MLP trained with momentum SGD on the digits."""
    digits = load_digits()
    model = mlp([64, 128, 10])
    optimizer = SGD(model.parameters(), lr=0.1, momentum=0.9)
    history = fit(model, cross_entropy, optimizer, digits, epochs=30, batch_size=32,
                  progress=False, rng=0)
    _, test_acc = evaluate(model, cross_entropy, digits.X_test, digits.y_test)
    assert test_acc >= 0.95, f"test accuracy {test_acc:.3f} < 0.95; val curve {history['val_acc']}"
    assert history["loss"][-1] < history["loss"][0] / 5, "the training loss should fall by far"


def test_history_has_one_entry_per_epoch_and_a_best_epoch():
    X, y = make_spiral(n_per_class=30, n_classes=3, rng=0)
    model = mlp([2, 16, 3])
    history = fit(model, cross_entropy, Adam(model.parameters(), lr=0.01), (X, y, X, y),
                  epochs=4, batch_size=16, progress=False, rng=0)
    for key in ("loss", "train_acc", "val_loss", "val_acc", "lr"):
        assert len(history[key]) == 4, key
    assert history["best_epoch"] == int(np.argmax(history["val_acc"]))


def test_without_validation_data_the_val_lists_stay_empty():
    X, y = make_spiral(n_per_class=20, n_classes=2, rng=1)
    model = mlp([2, 8, 2])
    history = fit(model, cross_entropy, SGD(model.parameters(), lr=0.1), (X, y), epochs=2,
                  batch_size=8, progress=False)
    assert history["val_acc"] == [] and history["val_loss"] == []
    assert history["best_epoch"] == int(np.argmax(history["train_acc"]))


def test_schedule_sets_the_learning_rate_each_epoch():
    X, y = make_spiral(n_per_class=20, n_classes=2, rng=2)
    model = mlp([2, 8, 2])
    optimizer = SGD(model.parameters(), lr=1.0)
    history = fit(model, cross_entropy, optimizer, (X, y), epochs=5, batch_size=10, progress=False,
                  schedule=lambda epoch: step_decay(epoch, 0.1, drop=0.5, every=2))
    np.testing.assert_allclose(history["lr"], [0.1, 0.1, 0.05, 0.05, 0.025])
    assert optimizer.lr == pytest.approx(0.025)


def test_early_stopping_stops_and_restores_the_best_weights():
    digits = load_digits()
    model = mlp([64, 32, 10])
    # A learning rate this high makes the validation loss bounce: early stopping must keep the best.
    stopper = EarlyStopping(patience=2, restore_best=True)
    history = fit(model, cross_entropy, SGD(model.parameters(), lr=0.5, momentum=0.9), digits,
                  epochs=40, batch_size=16, early_stopping=stopper, progress=False, rng=0)
    assert len(history["loss"]) < 40, "training should have stopped early"
    best = history["best_epoch"]
    assert best == int(np.argmin(history["val_loss"]))
    restored_loss, _ = evaluate(model, cross_entropy, digits.X_val, digits.y_val)
    assert restored_loss == pytest.approx(history["val_loss"][best], rel=1e-9)


def test_divergence_is_reported_with_advice(rng):
    """Squared error with far too large a step grows the weights geometrically until they overflow."""
    def squared_error(scores, y):
        return mse(scores, one_hot(y, scores.shape[1]))

    X = rng.standard_normal((32, 4))
    y = rng.integers(0, 2, 32)
    model = nn.Linear(4, 2, rng=0)
    with pytest.raises(ValueError, match="learning rate is probably too high"), np.errstate(all="ignore"):
        fit(model, squared_error, SGD(model.parameters(), lr=50.0), (X, y), epochs=200, batch_size=32,
            progress=False)


def test_progress_bar_is_silent_while_grading(monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    X, y = make_spiral(n_per_class=10, n_classes=2, rng=3)
    model = mlp([2, 4, 2])
    fit(model, cross_entropy, SGD(model.parameters(), lr=0.1), (X, y), epochs=2, batch_size=5)
    captured = capsys.readouterr()
    assert "training" not in captured.err + captured.out


def test_progress_bar_shows_outside_grading(monkeypatch, capsys):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    X, y = make_spiral(n_per_class=10, n_classes=2, rng=3)
    model = mlp([2, 4, 2])
    fit(model, cross_entropy, SGD(model.parameters(), lr=0.1), (X, y), epochs=2, batch_size=5)
    assert "training" in capsys.readouterr().err


def test_predict_matches_argmax_of_scores(rng):
    model = mlp([3, 5, 4])
    X = rng.standard_normal((2500, 3))
    np.testing.assert_array_equal(predict(model, X), np.argmax(model.forward(X), axis=1))


@pytest.mark.parametrize("kwargs, message", [
    (dict(data=[1, 2, 3]), "data must be"),
    (dict(epochs=0), "epochs"),
    (dict(batch_size=-1), "batch_size"),
    (dict(loss="ce"), "loss must be a callable"),
    (dict(schedule=0.1), "schedule must be a callable"),
    (dict(data=(np.ones((4, 2)), np.zeros(3, dtype=int))), "4 samples"),
])
def test_bad_arguments_raise(kwargs, message):
    model = mlp([2, 4, 2])
    args = dict(model=model, loss=cross_entropy, optimizer=SGD(model.parameters(), lr=0.1),
                data=(np.ones((4, 2)), np.array([0, 1, 0, 1])), epochs=1, batch_size=2, progress=False)
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        fit(**args)
