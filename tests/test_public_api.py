"""The names the notebooks, the grader and outside checks import: a contract."""

import importlib

import pytest

CONTRACT = {
    "dlcourse.nn": ["Parameter", "Module", "Linear", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Dropout",
                    "BatchNorm1d", "Conv2d", "MaxPool2d", "AvgPool2d", "Flatten", "Sequential",
                    "RNNCell", "LSTMCell", "GRUCell"],
    "dlcourse.functional": ["sigmoid", "tanh", "relu", "leaky_relu", "sigmoid_grad", "tanh_grad",
                            "relu_grad", "leaky_relu_grad", "softmax", "log_softmax", "cross_entropy",
                            "binary_cross_entropy", "mse", "conv_output_size", "padding_for_output",
                            "conv2d_naive", "im2col", "col2im", "conv2d", "max_pool2d", "avg_pool2d"],
    "dlcourse.optim": ["SGD", "AdaGrad", "RMSProp", "RMSPropNesterov", "Adam", "linear_decay", "step_decay",
                       "exponential_decay", "inverse_time_decay", "clip_grad_norm"],
    "dlcourse.regularization": ["l1_penalty", "l2_penalty", "elastic_net", "soft_threshold", "smooth_labels",
                                "EarlyStopping", "random_flip", "random_crop", "add_noise", "fancy_pca", "fgsm"],
    "dlcourse.init": ["uniform_fan_in", "xavier_uniform", "he_normal", "orthogonal", "zeros"],
    "dlcourse.gradcheck": ["numerical_gradient", "rel_error", "check_module_gradients"],
    "dlcourse.autograd": ["Value", "draw_graph"],
    "dlcourse.data": ["load_digits", "make_spiral", "make_xor", "make_moons", "quadratic_surface", "rosenbrock",
                      "load_mnist", "load_cifar10", "minibatches"],
    "dlcourse.train": ["fit", "evaluate", "predict"],
    "dlcourse.plots": ["plot_history", "plot_trajectories", "animate_trajectories", "plot_decision_boundary",
                       "show_weight_templates", "show_filters"],
}


@pytest.mark.parametrize("module_name", sorted(CONTRACT))
def test_public_names_exist(module_name):
    module = importlib.import_module(module_name)
    missing = [name for name in CONTRACT[module_name] if not hasattr(module, name)]
    assert not missing, f"{module_name} lacks {missing}"


@pytest.mark.parametrize("module_name", [m for m in sorted(CONTRACT) if hasattr(importlib.import_module(m), "__all__")])
def test_all_lists_only_real_names(module_name):
    module = importlib.import_module(module_name)
    assert all(hasattr(module, name) for name in module.__all__)
