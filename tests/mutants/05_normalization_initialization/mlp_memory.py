# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 19, `mlp_memory`: weights and biases once, activations per example, MB = 10^6 bytes."""

MUTANTS = [
    wrong("the biases forgotten", """
def mlp_memory(layer_sizes, batch_size, bytes_per_value=4):
    parameters = sum(a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
    activations = batch_size * sum(layer_sizes)
    return parameters, activations, (parameters + activations) * bytes_per_value / 1e6
""", expect_diagnosis="mlp_memory.no_biases", expect_message="biases"),

    wrong("the activations of one example only", """
def mlp_memory(layer_sizes, batch_size, bytes_per_value=4):
    parameters = sum(a * b + b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
    activations = sum(layer_sizes)
    return parameters, activations, (parameters + activations) * bytes_per_value / 1e6
""", expect_diagnosis="mlp_memory.per_example", expect_message="batch_size"),

    wrong("mebibytes", """
def mlp_memory(layer_sizes, batch_size, bytes_per_value=4):
    parameters = sum(a * b + b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
    activations = batch_size * sum(layer_sizes)
    return parameters, activations, (parameters + activations) * bytes_per_value / 2 ** 20
""", expect_diagnosis="mlp_memory.mebibytes", expect_message="MiB"),

    correct("a loop over the layers, a list", """
def mlp_memory(layer_sizes, batch_size, bytes_per_value=4):
    parameters = 0
    for l in range(1, len(layer_sizes)):
        parameters += layer_sizes[l] * (layer_sizes[l - 1] + 1)
    activations = 0
    for size in layer_sizes:
        activations += size * batch_size
    return [parameters, activations, (parameters + activations) * bytes_per_value * 1e-6]
"""),
]
