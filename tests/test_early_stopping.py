"""EarlyStopping: patience, min_delta, modes, and restoring the best weights."""

import numpy as np
import pytest

from dlcourse.nn.module import Module, Parameter
from dlcourse.regularization.early_stopping import EarlyStopping


class OneWeight(Module):
    """A stub model: one Parameter, no computation."""

    def __init__(self):
        self.w = Parameter(np.zeros(3))


def u_shaped_curve(num_epochs=20, best_epoch=6):
    """Validation loss falling until best_epoch, then rising (the lecture's overfitting curve)."""
    epochs = np.arange(num_epochs)
    return 1.0 + 0.05 * (epochs - best_epoch) ** 2


def test_u_shaped_curve_stops_after_patience_and_restores_best():
    model = OneWeight()
    stopper = EarlyStopping(patience=3)
    stopped_at = None
    for epoch, val_loss in enumerate(u_shaped_curve(best_epoch=6)):
        model.w.data = np.full(3, float(epoch))  # "training" changes the weights every epoch
        if stopper.step(val_loss, model):
            stopped_at = epoch
            break
    assert stopper.best_epoch == 6
    assert stopper.best == 1.0
    assert stopped_at == 6 + 3, "stops after `patience` epochs without improvement"
    assert stopper.epochs_since_best == 3
    np.testing.assert_array_equal(model.w.data, np.full(3, 9.0), err_msg="weights of the last epoch before restore")
    stopper.restore(model)
    np.testing.assert_array_equal(model.w.data, np.full(3, 6.0), err_msg="restored weights are the best epoch's")


def test_snapshot_is_a_copy_not_a_reference():
    model = OneWeight()
    stopper = EarlyStopping(patience=2)
    stopper.step(1.0, model)
    model.w.data += 5.0  # in-place change after the snapshot
    stopper.restore(model)
    np.testing.assert_array_equal(model.w.data, np.zeros(3), err_msg="the snapshot must not alias the weights")


def test_improvement_resets_the_counter():
    stopper = EarlyStopping(patience=2)
    decisions = [stopper.step(m) for m in [5.0, 6.0, 4.0, 4.5, 4.2]]
    assert decisions == [False, False, False, False, True]
    assert stopper.best_epoch == 2 and stopper.best == 4.0
    assert stopper.epoch == 5


def test_min_delta_requires_a_real_improvement():
    stopper = EarlyStopping(patience=2, min_delta=0.1)
    assert not stopper.step(1.0)
    assert not stopper.step(0.95)  # better by only 0.05: not an improvement
    assert stopper.step(0.92)
    assert stopper.best == 1.0


def test_mode_max_for_accuracy():
    stopper = EarlyStopping(patience=2, mode="max")
    decisions = [stopper.step(a) for a in [0.5, 0.7, 0.6, 0.65]]
    assert decisions == [False, False, False, True]
    assert stopper.best == 0.7 and stopper.best_epoch == 1


def test_restore_best_false_keeps_no_snapshot():
    model = OneWeight()
    stopper = EarlyStopping(patience=1, restore_best=False)
    stopper.step(1.0, model)
    assert stopper.best_state is None
    with pytest.raises(ValueError, match="no weights saved"):
        stopper.restore(model)


def test_restore_without_model_in_step_raises():
    stopper = EarlyStopping()
    stopper.step(1.0)
    with pytest.raises(ValueError, match="no weights saved"):
        stopper.restore(OneWeight())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"patience": 0}, "patience must be >= 1"),
        ({"patience": 2.5}, "patience must be an integer"),
        ({"mode": "avg"}, "mode must be 'min' or 'max'"),
        ({"min_delta": -0.1}, "min_delta must be >= 0"),
    ],
)
def test_bad_hyperparameters(kwargs, message):
    with pytest.raises(ValueError, match=message):
        EarlyStopping(**kwargs)


def test_bad_metric_and_model():
    stopper = EarlyStopping()
    with pytest.raises(ValueError, match="NaN"):
        stopper.step(float("nan"))
    with pytest.raises(ValueError, match="real number"):
        stopper.step("0.5")
    with pytest.raises(ValueError, match="dlcourse Module"):
        stopper.step(0.5, model={"w": 1})
    with pytest.raises(ValueError, match="dlcourse Module"):
        stopper.restore(object())
