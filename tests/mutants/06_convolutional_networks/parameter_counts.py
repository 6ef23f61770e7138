# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 1, `parameter_counts`: (dense, locally connected, convolutional), weights and biases."""

MUTANTS = [
    wrong("no biases", """
def parameter_counts(height, width, in_channels, out_channels, kernel_size):
    outputs = (height - kernel_size + 1) * (width - kernel_size + 1) * out_channels
    patch = kernel_size * kernel_size * in_channels
    return height * width * in_channels * outputs, patch * outputs, patch * out_channels
""", expect_diagnosis="parameter_counts.no_bias", expect_message="bias"),

    wrong("the convolution's kernel ignores the input channels", """
def parameter_counts(height, width, in_channels, out_channels, kernel_size):
    outputs = (height - kernel_size + 1) * (width - kernel_size + 1) * out_channels
    patch = kernel_size * kernel_size * in_channels
    return (height * width * in_channels + 1) * outputs, (patch + 1) * outputs, \\
        (kernel_size * kernel_size + 1) * out_channels
""", expect_diagnosis="parameter_counts.ignores_in_channels", expect_message="ALL input channels"),

    wrong("the convolution counted once per position (locally connected)", """
def parameter_counts(height, width, in_channels, out_channels, kernel_size):
    outputs = (height - kernel_size + 1) * (width - kernel_size + 1) * out_channels
    patch = kernel_size * kernel_size * in_channels
    return (height * width * in_channels + 1) * outputs, (patch + 1) * outputs, (patch + 1) * outputs
""", expect_diagnosis="parameter_counts.conv_not_shared", expect_message="shares one kernel"),

    wrong("square images assumed (height used twice)", """
def parameter_counts(height, width, in_channels, out_channels, kernel_size):
    outputs = (height - kernel_size + 1) ** 2 * out_channels
    patch = kernel_size * kernel_size * in_channels
    return (height * height * in_channels + 1) * outputs, (patch + 1) * outputs, (patch + 1) * out_channels
"""),

    correct("weights and biases counted apart, a list of numpy ints", """
def parameter_counts(height, width, in_channels, out_channels, kernel_size):
    K = kernel_size
    H_out, W_out = np.int64(height - K + 1), np.int64(width - K + 1)
    n_out = out_channels * H_out * W_out
    n_in = in_channels * height * width
    dense = n_in * n_out + n_out
    local = n_out * in_channels * K * K + n_out
    conv = out_channels * in_channels * K * K + out_channels
    return [dense, local, conv]
"""),
]
