# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 16, `build_cnn`: a small CNN of dlcourse.nn layers, rng passed to every layer.

Its test trains the network (a few seconds), so the mutants are few: one that fails before training.
"""

MUTANTS = [
    wrong("an MLP: no convolution", """
from dlcourse.nn import AvgPool2d, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential


def build_cnn(rng):
    return Sequential(Flatten(), Linear(64, 100, rng=rng), ReLU(), Linear(100, 10, rng=rng))
""", expect_diagnosis="build_cnn.no_conv", expect_message="Conv2d"),

    wrong("the flattened size computed without the pooling", """
from dlcourse.nn import AvgPool2d, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential


def build_cnn(rng):
    return Sequential(Conv2d(1, 16, 3, padding=1, rng=rng), ReLU(), MaxPool2d(2), Flatten(),
                      Linear(16 * 8 * 8, 10, rng=rng))
"""),

    correct("the same network from a list of layers", """
from dlcourse.nn import AvgPool2d, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential


def build_cnn(rng):
    channels = 32
    layers = [Conv2d(1, channels, kernel_size=3, stride=1, padding=1, rng=rng), ReLU(), MaxPool2d(2), Flatten()]
    layers.append(Linear(channels * 4 * 4, 10, rng=rng))
    return Sequential(*layers)
"""),
]
