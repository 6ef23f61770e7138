# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 20 and 21: weight-scaling and mask-sampling inference."""

MUTANTS = [
    wrong("the bias scaled too", '''
def weight_scaling_probs(X, W, b, keep):
    S = keep * (X @ W.T + b)
    P = np.exp(S - S.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True)
''', replaces="weight_scaling_probs", expect_diagnosis="weight_scaling.scaled_bias", expect_message="not the bias"),

    wrong("weights divided by keep", '''
def weight_scaling_probs(X, W, b, keep):
    S = X @ (W / keep).T + b
    P = np.exp(S - S.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True)
''', replaces="weight_scaling_probs", expect_diagnosis="weight_scaling.divided", expect_message="MULTIPLY"),

    wrong("no max shift", '''
def weight_scaling_probs(X, W, b, keep):
    P = np.exp(X @ (keep * W).T + b)
    return P / P.sum(axis=1, keepdims=True)
''', replaces="weight_scaling_probs", expect_diagnosis="weight_scaling.overflow", expect_message="maximum"),

    correct("the inputs scaled instead of the weights, scipy's softmax", '''
from scipy.special import softmax as _softmax


def weight_scaling_probs(X, W, b, keep):
    return _softmax((keep * X) @ W.T + b, axis=1)
''', replaces="weight_scaling_probs"),

    wrong("scores averaged, one softmax", '''
def mask_sampling_probs(X, W, b, masks):
    S = np.mean([(X * m) @ W.T + b for m in masks], axis=0)
    P = np.exp(S - S.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True)
''', replaces="mask_sampling_probs", expect_diagnosis="mask_sampling.average_scores", expect_message="PROBABILITIES"),

    wrong("the mask applied to the weights (one mask per sample only)", '''
def mask_sampling_probs(X, W, b, masks):
    total = 0.0
    for m in masks:
        S = X @ (W * m).T + b
        P = np.exp(S - S.max(axis=1, keepdims=True))
        total = total + P / P.sum(axis=1, keepdims=True)
    return total / len(masks)
''', replaces="mask_sampling_probs"),

    wrong("the masked inputs rescaled by 1 / keep", '''
def mask_sampling_probs(X, W, b, masks):
    total = 0.0
    for m in masks:
        S = (X * m / max(np.mean(masks), 1e-12)) @ W.T + b
        P = np.exp(S - S.max(axis=1, keepdims=True))
        total = total + P / P.sum(axis=1, keepdims=True)
    return total / len(masks)
''', replaces="mask_sampling_probs"),

    correct("vectorised over the masks", '''
def mask_sampling_probs(X, W, b, masks):
    masks = np.asarray(masks, dtype=float)
    S = (X * (masks if masks.ndim == 3 else masks[:, None, :])) @ W.T + b     # (M, N, C)
    P = np.exp(S - S.max(axis=-1, keepdims=True))
    return (P / P.sum(axis=-1, keepdims=True)).mean(axis=0)
''', replaces="mask_sampling_probs"),
]
