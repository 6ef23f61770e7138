"""Regularization: norm penalties, label smoothing, early stopping, data augmentation, FGSM."""

from dlcourse.regularization.adversarial import fgsm
from dlcourse.regularization.augmentation import add_noise, fancy_pca, random_crop, random_flip, rgb_pca
from dlcourse.regularization.early_stopping import EarlyStopping
from dlcourse.regularization.labels import one_hot, smooth_labels, torch_eps_equivalent
from dlcourse.regularization.penalties import elastic_net, l1_penalty, l2_penalty, l2_shrink
from dlcourse.regularization.soft_threshold import soft_threshold

__all__ = [
    "l1_penalty", "l2_penalty", "elastic_net", "l2_shrink", "soft_threshold",
    "one_hot", "smooth_labels", "torch_eps_equivalent", "EarlyStopping",
    "random_flip", "random_crop", "add_noise", "rgb_pca", "fancy_pca", "fgsm",
]
