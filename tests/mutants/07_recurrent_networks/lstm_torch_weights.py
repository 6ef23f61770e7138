# ruff: noqa: F821 (`wrong` and `correct` come from the loader, tests/mutants/__init__.py)
"""Exercise 9, `lstm_torch_weights`: [U_i; U_f; U; U_o] and [W_i; W_f; W; W_o]."""

MUTANTS = [
    wrong("the lecture's order f, i, o, candidate", '''
def lstm_torch_weights(params):
    return (np.concatenate([params["U_f"], params["U_i"], params["U_o"], params["U"]]),
            np.concatenate([params["W_f"], params["W_i"], params["W_o"], params["W"]]))
''', expect_diagnosis="lstm_weights.lecture_order"),

    wrong("the W's in weight_ih, the U's in weight_hh", '''
def lstm_torch_weights(params):
    return (np.concatenate([params["W_i"], params["W_f"], params["W"], params["W_o"]]),
            np.concatenate([params["U_i"], params["U_f"], params["U"], params["U_o"]]))
''', expect_diagnosis="lstm_weights.swapped"),

    wrong("stacked side by side (axis=1), transposed", '''
def lstm_torch_weights(params):
    return (np.concatenate([params[k].T for k in ["U_i", "U_f", "U", "U_o"]], axis=1),
            np.concatenate([params[k].T for k in ["W_i", "W_f", "W", "W_o"]], axis=1))
''', expect_diagnosis="lstm_weights.transposed"),

    wrong("i, f, o, g: the candidate last", '''
def lstm_torch_weights(params):
    return (np.vstack([params["U_i"], params["U_f"], params["U_o"], params["U"]]),
            np.vstack([params["W_i"], params["W_f"], params["W_o"], params["W"]]))
''', expect_diagnosis="lstm_weights.order"),

    correct("np.vstack in a loop over the gate names, a list", '''
def lstm_torch_weights(params):
    order = ["_i", "_f", "", "_o"]
    return [np.vstack([params["U" + g] for g in order]), np.vstack([params["W" + g] for g in order])]
'''),
]
