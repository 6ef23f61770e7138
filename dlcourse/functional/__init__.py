"""Deep-learning operations as plain numpy functions (the layers in ``dlcourse.nn`` use them)."""

from dlcourse.functional.activations import (
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)
from dlcourse.functional.conv import (
    col2im,
    conv2d,
    conv2d_backward,
    conv2d_naive,
    conv2d_naive_backward,
    conv_output_size,
    im2col,
    padding_for_output,
)
from dlcourse.functional.losses import binary_cross_entropy, binary_cross_entropy_with_logits, cross_entropy, mse
from dlcourse.functional.pooling import avg_pool2d, avg_pool2d_backward, max_pool2d, max_pool2d_backward
from dlcourse.functional.softmax import log_softmax, softmax

__all__ = [
    "sigmoid", "sigmoid_grad", "tanh", "tanh_grad", "relu", "relu_grad", "leaky_relu", "leaky_relu_grad",
    "softmax", "log_softmax",
    "cross_entropy", "binary_cross_entropy", "binary_cross_entropy_with_logits", "mse",
    "conv_output_size", "padding_for_output", "conv2d_naive", "conv2d_naive_backward",
    "im2col", "col2im", "conv2d", "conv2d_backward",
    "max_pool2d", "max_pool2d_backward", "avg_pool2d", "avg_pool2d_backward",
]
