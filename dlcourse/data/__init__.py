"""Data: the digits shipped with the course, toy sets, optimizer surfaces, MNIST/CIFAR-10, minibatches."""

from dlcourse.data.batching import minibatches
from dlcourse.data.digits import DigitsSplits, load_digits
from dlcourse.data.download import DownloadError, load_cifar10, load_mnist
from dlcourse.data.toy import make_blobs, make_moons, make_spiral, make_xor, quadratic_surface, rosenbrock

__all__ = [
    "load_digits", "DigitsSplits", "make_spiral", "make_xor", "make_moons", "make_blobs",
    "quadratic_surface", "rosenbrock", "load_mnist", "load_cifar10", "DownloadError", "minibatches",
]
