"""dlcourse: deep learning from scratch in numpy, the course's reference implementation.

Modules, one concept each:
    functional      activations, softmax, losses, convolution and pooling as plain functions
    nn              layers with explicit forward/backward: Linear, Conv2d, BatchNorm1d, RNN cells, ...
    optim           SGD (momentum, Nesterov), AdaGrad, RMSProp, RMSProp+Nesterov, Adam, schedules, clipping
    regularization  penalties, label smoothing, early stopping, data augmentation, FGSM
    init            weight initializers
    gradcheck       numerical gradients and relative errors
    autograd        a scalar reverse-mode autodiff ``Value`` for hand-drawn networks
    data            the digits data set, toy sets, MNIST/CIFAR-10 loaders, minibatches
    train           a training loop with history, schedules and early stopping
    plots           curves, optimizer trajectories, decision boundaries, weight images
"""

__version__ = "0.1.0"
