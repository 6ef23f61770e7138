"""Optimizers, learning-rate schedules and gradient clipping (see each module's docstring)."""

from dlcourse.optim.adagrad import AdaGrad
from dlcourse.optim.adam import Adam
from dlcourse.optim.clip import clip_grad_norm
from dlcourse.optim.optimizer import Optimizer
from dlcourse.optim.rmsprop import RMSProp, RMSPropNesterov
from dlcourse.optim.schedules import exponential_decay, inverse_time_decay, linear_decay, step_decay
from dlcourse.optim.sgd import SGD

__all__ = [
    "Optimizer", "SGD", "AdaGrad", "RMSProp", "RMSPropNesterov", "Adam",
    "linear_decay", "step_decay", "exponential_decay", "inverse_time_decay", "clip_grad_norm",
]
