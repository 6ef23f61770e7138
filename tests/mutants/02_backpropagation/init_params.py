# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 14, `init_params`: Xavier-uniform weights, one rng.uniform call per layer, zero biases."""

MUTANTS = [
    wrong("the bound from the fan-in only, sqrt(6 / m)", '''
def init_params(layer_sizes, rng=None):
    rng = np.random.default_rng(rng)
    return [(rng.uniform(-np.sqrt(6 / m), np.sqrt(6 / m), size=(n, m)), np.zeros(n))
            for m, n in zip(layer_sizes[:-1], layer_sizes[1:])]
''', expect_diagnosis="init_params.bound"),

    wrong("normal weights of standard deviation a", '''
def init_params(layer_sizes, rng=None):
    rng = np.random.default_rng(rng)
    return [(np.sqrt(6 / (m + n)) * rng.standard_normal((n, m)), np.zeros(n))
            for m, n in zip(layer_sizes[:-1], layer_sizes[1:])]
''', expect_diagnosis="init_params.bound"),

    wrong("the biases drawn too", '''
def init_params(layer_sizes, rng=None):
    rng = np.random.default_rng(rng)
    params = []
    for m, n in zip(layer_sizes[:-1], layer_sizes[1:]):
        a = np.sqrt(6.0 / (m + n))
        params.append((rng.uniform(-a, a, size=(n, m)), rng.uniform(-a, a, size=n)))
    return params
''', expect_diagnosis="init_params.bias"),

    wrong("W drawn as (m, n) and transposed: the right shape, other numbers", '''
def init_params(layer_sizes, rng=None):
    rng = np.random.default_rng(rng)
    params = []
    for m, n in zip(layer_sizes[:-1], layer_sizes[1:]):
        a = np.sqrt(6.0 / (m + n))
        params.append((rng.uniform(-a, a, size=(m, n)).T, np.zeros(n)))
    return params
'''),

    correct("math.sqrt, an index loop, [W, b] lists", '''
import math


def init_params(layer_sizes, rng=None):
    rng = np.random.default_rng(rng)
    params = []
    for l in range(len(layer_sizes) - 1):
        fan_in, fan_out = layer_sizes[l], layer_sizes[l + 1]
        bound = math.sqrt(6 / (fan_in + fan_out))
        params.append([rng.uniform(low=-bound, high=bound, size=(fan_out, fan_in)), np.zeros(fan_out, dtype=float)])
    return params
'''),
]
