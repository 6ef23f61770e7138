# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 13, `EarlyStopping`: stop after patience epochs without a strict improvement, keep copies of the best."""

_BASE = '''
class EarlyStopping:
    def __init__(self, patience):
        self.patience, self.best, self.best_epoch, self.best_weights = patience, None, None, None
        self.epoch, self.bad = 0, 0

    def step(self, val_loss, weights):
        if self.best is None or val_loss < self.best:
            self.best, self.best_epoch = val_loss, self.epoch
            self.best_weights = {k: np.array(v, copy=True) for k, v in weights.items()}
            self.bad = 0
        else:
            self.bad += 1
        self.epoch += 1
        return self.bad >= self.patience
'''


def _edit(old, new):
    assert old in _BASE, old
    return _BASE.replace(old, new)


MUTANTS = [
    wrong("references stored, not copies", _edit("{k: np.array(v, copy=True) for k, v in weights.items()}",
                                                 "dict(weights)"),
          expect_diagnosis="early_stopping.no_copy", expect_message="reference"),
    wrong("the last epoch's weights kept (copies)", _edit(
        "            self.bad = 0\n        else:\n            self.bad += 1\n",
        "            self.bad = 0\n        else:\n            self.bad += 1\n"
        "        self.best_weights = {k: v.copy() for k, v in weights.items()}\n"),
          expect_diagnosis="early_stopping.last_not_best", expect_message="LAST epoch"),
    wrong("stops one epoch late: > patience", _edit("self.bad >= self.patience", "self.bad > self.patience"),
          expect_diagnosis="early_stopping.off_by_one", expect_message="epoch 8"),
    wrong("ties count as improvements", _edit("val_loss < self.best", "val_loss <= self.best"),
          expect_diagnosis="early_stopping.ties_improve", expect_message="strict <"),
    correct("deepcopy, the count of bad epochs from the history", '''
import copy


class EarlyStopping:
    def __init__(self, patience):
        self.patience, self.best, self.best_epoch, self.best_weights = patience, None, None, None
        self.history = []

    def step(self, val_loss, weights):
        self.history.append(val_loss)
        if self.best is None or val_loss < self.best:
            self.best, self.best_epoch = val_loss, len(self.history) - 1
            self.best_weights = copy.deepcopy(weights)
        return len(self.history) - 1 - self.best_epoch >= self.patience
'''),
]
