# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 10 and 11: the lecture's smoothed targets, and torch's equivalent label_smoothing."""

MUTANTS = [
    wrong("torch's form: eps / K on every class", '''
def smooth_labels(y, num_classes, eps):
    return (1 - eps) * np.eye(num_classes)[y] + eps / num_classes
''', replaces="smooth_labels", expect_diagnosis="smooth_labels.torch_form", expect_message="eps / (K - 1)"),

    wrong("eps on the true class", '''
def smooth_labels(y, num_classes, eps):
    t = np.full((len(y), num_classes), (1 - eps) / (num_classes - 1))
    t[np.arange(len(y)), y] = eps
    return t
''', replaces="smooth_labels", expect_diagnosis="smooth_labels.eps_is_correct", expect_message="WRONG"),

    wrong("eps on every wrong class", '''
def smooth_labels(y, num_classes, eps):
    t = np.full((len(y), num_classes), eps)
    t[np.arange(len(y)), y] = 1 - eps
    return t
''', replaces="smooth_labels", expect_diagnosis="smooth_labels.not_normalised", expect_message="sum to 1"),

    wrong("K = 3 hard-coded", '''
def smooth_labels(y, num_classes, eps):
    t = np.full((len(y), num_classes), eps / 2)
    t[np.arange(len(y)), y] = 1 - eps
    return t
''', replaces="smooth_labels"),

    correct("one-hot rows mixed with the uniform wrong-class mass", '''
def smooth_labels(y, num_classes, eps):
    off = eps / (num_classes - 1)
    return np.eye(num_classes)[np.asarray(y)] * (1 - eps - off) + off
''', replaces="smooth_labels"),

    wrong("inverted: eps (K - 1) / K", '''
def torch_smoothing(eps, num_classes):
    return eps * (num_classes - 1) / num_classes
''', replaces="torch_smoothing", expect_diagnosis="torch_smoothing.inverted", expect_message="solve s / K"),

    wrong("the same eps", '''
def torch_smoothing(eps, num_classes):
    return eps
''', replaces="torch_smoothing"),

    wrong("K = 3 hard-coded: 1.5 eps", '''
def torch_smoothing(eps, num_classes):
    return 1.5 * eps
''', replaces="torch_smoothing"),

    correct("eps / (1 - 1/K), a numpy float", '''
def torch_smoothing(eps, num_classes):
    return np.float64(eps) / (1 - 1 / num_classes)
''', replaces="torch_smoothing"),
]
