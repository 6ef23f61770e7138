# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 7, `pretrain_layerwise`: each autoencoder trained on the codes of the one below."""

MUTANTS = [
    wrong("every layer trained on X", '''
def pretrain_layerwise(X, sizes, train):
    return [train(X, n_hidden) for n_hidden in sizes]
''', expect_diagnosis="pretrain_layerwise.same_input"),

    wrong("the next layer trained on the reconstructions", '''
def pretrain_layerwise(X, sizes, train):
    layers, data = [], X
    for n_hidden in sizes:
        params = train(data, n_hidden)
        layers.append(params)
        data = decode(encode(data, params["W1"], params["b1"]), params["W2"], params["b2"])
    return layers
''', expect_diagnosis="pretrain_layerwise.reconstructions"),

    wrong("only the last layer returned", '''
def pretrain_layerwise(X, sizes, train):
    data = X
    for n_hidden in sizes:
        params = train(data, n_hidden)
        data = encode(data, params["W1"], params["b1"])
    return [params]
''', expect_diagnosis="pretrain_layerwise.returned"),

    wrong("codes without the sigmoid", '''
def pretrain_layerwise(X, sizes, train):
    layers, data = [], X
    for n_hidden in sizes:
        params = train(data, n_hidden)
        layers.append(params)
        data = data @ params["W1"].T + params["b1"]
    return layers
'''),

    correct("recursion, codes by hand", '''
def pretrain_layerwise(X, sizes, train):
    if len(sizes) == 0:
        return []
    first = train(X, sizes[0])
    codes = 1.0 / (1.0 + np.exp(-(X @ first["W1"].T + first["b1"])))
    return [first] + pretrain_layerwise(codes, sizes[1:], train)
'''),

    correct("a tuple, with copies of the dicts", '''
def pretrain_layerwise(X, sizes, train):
    out, data = (), np.asarray(X, dtype=float)
    for h in list(sizes):
        p = dict(train(data, h))
        data = encode(data, p["W1"], p["b1"])
        out += (p,)
    return out
'''),
]
