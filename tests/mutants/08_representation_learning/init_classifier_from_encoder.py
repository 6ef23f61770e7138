# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 8, `init_classifier_from_encoder`: Linear + Sigmoid per encoder (copies of W1, b1), then a new Linear."""

MUTANTS = [
    wrong("the encoders' arrays shared, not copied", '''
def init_classifier_from_encoder(layers, n_classes, rng):
    modules = []
    for params in layers:
        H, D = params["W1"].shape
        linear = Linear(D, H, rng=rng)
        linear.weight.data = params["W1"]
        linear.bias.data = params["b1"]
        modules += [linear, Sigmoid()]
    return Sequential(*modules, Linear(layers[-1]["W1"].shape[0], n_classes, rng=rng))
''', expect_diagnosis="init_classifier.shared_arrays"),

    wrong("no sigmoid between the layers", '''
def init_classifier_from_encoder(layers, n_classes, rng):
    modules = []
    for params in layers:
        H, D = params["W1"].shape
        linear = Linear(D, H, rng=rng)
        linear.weight.data, linear.bias.data = params["W1"].copy(), params["b1"].copy()
        modules.append(linear)
    return Sequential(*modules, Linear(layers[-1]["W1"].shape[0], n_classes, rng=rng))
''', expect_diagnosis="init_classifier.no_sigmoid"),

    wrong("only the first encoder copied, the others random", '''
def init_classifier_from_encoder(layers, n_classes, rng):
    modules = []
    for i, params in enumerate(layers):
        H, D = params["W1"].shape
        linear = Linear(D, H, rng=rng)
        if i == 0:
            linear.weight.data, linear.bias.data = params["W1"].copy(), params["b1"].copy()
        modules += [linear, Sigmoid()]
    return Sequential(*modules, Linear(layers[-1]["W1"].shape[0], n_classes, rng=rng))
'''),

    wrong("ReLU instead of the encoders' sigmoid", '''
def init_classifier_from_encoder(layers, n_classes, rng):
    modules = []
    for params in layers:
        H, D = params["W1"].shape
        linear = Linear(D, H, rng=rng)
        linear.weight.data, linear.bias.data = params["W1"].copy(), params["b1"].copy()
        modules += [linear, ReLU()]
    return Sequential(*modules, Linear(layers[-1]["W1"].shape[0], n_classes, rng=rng))
'''),

    correct("new Parameters (which copy) and no rng for the hidden layers", '''
from dlcourse.nn import Parameter


def init_classifier_from_encoder(layers, n_classes, rng):
    modules = []
    for params in layers:
        linear = Linear(params["W1"].shape[1], params["W1"].shape[0])
        linear.weight = Parameter(params["W1"], "weight")
        linear.bias = Parameter(params["b1"], "bias")
        modules.extend([linear, Sigmoid()])
    modules.append(Linear(len(layers[-1]["b1"]), n_classes, rng=rng))
    return Sequential(*modules)
'''),

    correct("np.array copies, assigned into the existing arrays", '''
def init_classifier_from_encoder(layers, n_classes, rng):
    modules = []
    for params in layers:
        linear = Linear(params["W1"].shape[1], params["W1"].shape[0], rng=rng)
        linear.weight.data[...] = params["W1"]
        linear.bias.data[...] = params["b1"]
        modules += [linear, Sigmoid()]
    modules += [Linear(modules[-2].out_features, n_classes, rng=rng)]
    return Sequential(*modules)
'''),
]
