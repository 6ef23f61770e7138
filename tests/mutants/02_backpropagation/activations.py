# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercises 1-4: `sigmoid`, `sigmoid_grad`, `tanh` and `tanh_grad`, the ReLU family.

Each mutant replaces one function of the cell; the others stay the instructor's.
"""

MUTANTS = [
    # ---- exercise 1: sigmoid
    wrong("sigmoid: 1 / (1 + exp(-x)), overflows at x = -1000", '''
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    return 1.0 / (1.0 + np.exp(-x))
''', replaces="sigmoid", expect_diagnosis="sigmoid.overflow", expect_message="overflows"),

    wrong("sigmoid: np.where with exp(-x) in both branches (both are computed)", '''
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, 1.0 / (1.0 + np.exp(-x)), np.exp(x) / (1.0 + np.exp(x)))
''', replaces="sigmoid", expect_diagnosis="sigmoid.overflow"),

    wrong("sigmoid: the sign flipped, 1 / (1 + exp(x))", '''
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
''', replaces="sigmoid", expect_diagnosis="sigmoid.sign"),

    correct("sigmoid: exp(-logaddexp(0, -x))", '''
def sigmoid(x):
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))
''', replaces="sigmoid"),

    correct("sigmoid: a loop with math.exp and two branches, float32 input accepted", '''
import math


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.empty(x.shape)
    for index, value in np.ndenumerate(x):
        if value >= 0:
            out[index] = 1.0 / (1.0 + math.exp(-value))
        else:
            e = math.exp(value)
            out[index] = e / (1.0 + e)
    return out
''', replaces="sigmoid"),

    # ---- exercise 2: sigmoid_grad
    wrong("sigmoid_grad: sigmoid(x) ** 2", '''
def sigmoid_grad(x):
    return sigmoid(x) ** 2
''', replaces="sigmoid_grad", tests="test_sigmoid_grad", expect_diagnosis="sigmoid_grad.squared"),

    wrong("sigmoid_grad: x (1 - x), the formula applied to x", '''
def sigmoid_grad(x):
    x = np.asarray(x, dtype=float)
    return x * (1.0 - x)
''', replaces="sigmoid_grad", expect_diagnosis="sigmoid_grad.not_of_sigmoid"),

    wrong("sigmoid_grad: exp(-x) / (1 + exp(-x))**2, overflows", '''
def sigmoid_grad(x):
    e = np.exp(-np.asarray(x, dtype=float))
    return e / (1.0 + e) ** 2
''', replaces="sigmoid_grad", expect_diagnosis="sigmoid_grad.overflow"),

    correct("sigmoid_grad: exp(-|x|) / (1 + exp(-|x|))**2, no sigmoid", '''
def sigmoid_grad(x):
    e = np.exp(-np.abs(np.asarray(x, dtype=float)))
    return e / (1.0 + e) ** 2
''', replaces="sigmoid_grad"),

    correct("sigmoid_grad: sigmoid(x) * sigmoid(-x)", '''
def sigmoid_grad(x):
    x = np.asarray(x, dtype=float)
    return sigmoid(x) * sigmoid(-x)
''', replaces="sigmoid_grad"),

    # ---- exercise 3: tanh and tanh_grad
    wrong("tanh: sigmoid(2x), not rescaled", '''
def tanh(x):
    return sigmoid(2.0 * np.asarray(x, dtype=float))
''', replaces="tanh", tests="test_tanh", expect_diagnosis="tanh.not_rescaled"),

    wrong("tanh: 2 sigmoid(x) - 1, the 2x forgotten", '''
def tanh(x):
    return 2.0 * sigmoid(np.asarray(x, dtype=float)) - 1.0
''', replaces="tanh", tests="test_tanh", expect_diagnosis="tanh.no_2x"),

    wrong("tanh_grad: 1 - tanh(x), not squared", '''
def tanh_grad(x):
    return 1.0 - tanh(x)
''', replaces="tanh_grad", tests="test_tanh", expect_diagnosis="tanh_grad.not_squared"),

    correct("tanh: 1 - 2 sigmoid(-2x)", '''
def tanh(x):
    return 1.0 - 2.0 * sigmoid(-2.0 * np.asarray(x, dtype=float))
''', replaces="tanh", tests="test_tanh"),

    correct("tanh_grad: 4 sigmoid'(2x), the chain rule on 2 sigmoid(2x) - 1", '''
def tanh_grad(x):
    return 4.0 * sigmoid_grad(2.0 * np.asarray(x, dtype=float))
''', replaces="tanh_grad", tests="test_tanh"),

    # ---- exercise 4: the ReLU family
    wrong("relu_grad: 1 at x = 0 (x >= 0)", '''
def relu_grad(x):
    return (np.asarray(x, dtype=float) >= 0).astype(float)
''', replaces="relu_grad", tests="test_relu_family", expect_diagnosis="relu_grad.kink"),

    wrong("leaky_relu: a * |x| for x < 0", '''
def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, x, a * np.abs(x))
''', replaces="leaky_relu", tests="test_relu_family", expect_diagnosis="leaky_relu.abs"),

    wrong("leaky_relu_grad: 1 at x = 0", '''
def leaky_relu_grad(x, a=0.01):
    return np.where(np.asarray(x, dtype=float) >= 0, 1.0, a)
''', replaces="leaky_relu_grad", tests="test_relu_family", expect_diagnosis="leaky_relu_grad.kink"),

    correct("relu: x * (x > 0)", '''
def relu(x):
    x = np.asarray(x, dtype=float)
    return x * (x > 0)
''', replaces="relu", tests="test_relu_family"),

    correct("relu_grad: np.heaviside(x, 0)", '''
def relu_grad(x):
    return np.heaviside(np.asarray(x, dtype=float), 0.0)
''', replaces="relu_grad", tests="test_relu_family"),

    correct("leaky_relu: np.maximum(x, a x) (a <= 1)", '''
def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=float)
    return np.maximum(x, a * x)
''', replaces="leaky_relu", tests="test_relu_family"),
]
