"""Layers with explicit forward and backward passes.

Every layer is a ``Module``: ``forward(x)`` caches what the backward pass needs,
``backward(dout)`` returns the gradient with respect to the input and adds the
parameter gradients into ``param.grad``.
"""

from dlcourse.nn.activations import LeakyReLU, ReLU, Sigmoid, Tanh
from dlcourse.nn.batchnorm import BatchNorm1d
from dlcourse.nn.containers import Flatten, Sequential
from dlcourse.nn.conv import Conv2d
from dlcourse.nn.dropout import Dropout
from dlcourse.nn.linear import Linear
from dlcourse.nn.module import Module, Parameter
from dlcourse.nn.pooling import AvgPool2d, MaxPool2d
from dlcourse.nn.recurrent import GRUCell, LSTMCell, RNNCell

__all__ = [
    "Parameter", "Module", "Linear", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Dropout", "BatchNorm1d",
    "Conv2d", "MaxPool2d", "AvgPool2d", "Flatten", "Sequential", "RNNCell", "LSTMCell", "GRUCell",
]
