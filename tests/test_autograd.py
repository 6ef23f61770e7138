"""Tests for dlcourse.autograd: every operation against torch autograd (float64), composite
expressions (a neuron, lecture 002's Q1 network), gradient accumulation, a numerical
gradient check, hypothesis properties, the graph drawing and bad input."""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.image
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcourse.autograd import Value, draw_graph, graph_to_text, topological_order
from dlcourse.gradcheck import numerical_gradient

TOL = dict(rtol=1e-12, atol=1e-12)


def leaf(x):
    return torch.tensor(float(x), dtype=torch.float64, requires_grad=True)


# ---- every operation against torch ---------------------------------------------------------------

UNARY = {
    "neg": (lambda v: -v, lambda t: -t),
    "exp": (lambda v: v.exp(), torch.exp),
    "log": (lambda v: v.log(), torch.log),
    "relu": (lambda v: v.relu(), torch.relu),
    "sigmoid": (lambda v: v.sigmoid(), torch.sigmoid),
    "tanh": (lambda v: v.tanh(), torch.tanh),
    "square": (lambda v: v**2, lambda t: t**2),
    "cube": (lambda v: v**3, lambda t: t**3),
    "reciprocal": (lambda v: v**-1, lambda t: t**-1),
    "sqrt": (lambda v: v**0.5, lambda t: t**0.5),
    "power -2.5": (lambda v: v**-2.5, lambda t: t**-2.5),
    "power 0": (lambda v: v**0, lambda t: t**0),
}
POSITIVE_ONLY = {"log", "sqrt", "power -2.5"}


@pytest.mark.parametrize("name", list(UNARY))
def test_unary_value_and_gradient_match_torch(name, rng):
    ours, theirs = UNARY[name]
    for x in rng.uniform(-3, 3, size=8):
        if name in POSITIVE_ONLY:
            x = abs(x) + 0.1
        v, t = Value(x), leaf(x)
        out_v, out_t = ours(v), theirs(t)
        out_v.backward()
        out_t.backward()
        np.testing.assert_allclose(out_v.data, out_t.item(), **TOL, err_msg=f"{name}({x}) forward vs torch")
        np.testing.assert_allclose(v.grad, t.grad.item(), **TOL, err_msg=f"d {name}(x)/dx at {x} vs torch")


BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
}


@pytest.mark.parametrize("name", list(BINARY))
def test_binary_value_and_gradients_match_torch(name, rng):
    op = BINARY[name]
    for a, b in rng.uniform(-3, 3, size=(8, 2)):
        va, vb, ta, tb = Value(a), Value(b), leaf(a), leaf(b)
        out_v, out_t = op(va, vb), op(ta, tb)
        out_v.backward()
        out_t.backward()
        np.testing.assert_allclose(out_v.data, out_t.item(), **TOL, err_msg=f"{a} {name} {b} forward vs torch")
        np.testing.assert_allclose(va.grad, ta.grad.item(), **TOL, err_msg=f"d({name})/da at {a}, {b}")
        np.testing.assert_allclose(vb.grad, tb.grad.item(), **TOL, err_msg=f"d({name})/db at {a}, {b}")


@pytest.mark.parametrize("name", list(BINARY))
@pytest.mark.parametrize("number_first", [False, True])
def test_binary_with_plain_numbers_match_torch(name, number_first, rng):
    """Value op number and number op Value (the reversed operators)."""
    op = BINARY[name]
    for x, c in rng.uniform(0.5, 3, size=(5, 2)):
        v, t = Value(x), leaf(x)
        out_v, out_t = (op(c, v), op(c, t)) if number_first else (op(v, c), op(t, c))
        out_v.backward()
        out_t.backward()
        np.testing.assert_allclose(out_v.data, out_t.item(), **TOL, err_msg=f"{name} with number {c} forward")
        np.testing.assert_allclose(v.grad, t.grad.item(), **TOL, err_msg=f"{name} with number {c} gradient")


def test_relu_derivative_at_zero_is_zero_as_torch():
    v, t = Value(0.0), leaf(0.0)
    v.relu().backward()
    torch.relu(t).backward()
    assert v.grad == 0.0 == t.grad.item()


@pytest.mark.parametrize("x", [-700.0, -40.0, 40.0, 700.0])
def test_sigmoid_is_stable_for_large_inputs(x):
    v, t = Value(x), leaf(x)
    out = v.sigmoid()
    out.backward()
    torch.sigmoid(t).backward()
    assert 0.0 <= out.data <= 1.0
    np.testing.assert_allclose(out.data, torch.sigmoid(t).item(), rtol=1e-12, atol=0, err_msg=f"sigmoid({x})")
    np.testing.assert_allclose(v.grad, t.grad.item(), rtol=1e-12, atol=0, err_msg=f"sigmoid'({x})")


def test_integer_power_of_negative_base_matches_torch():
    v, t = Value(-1.7), leaf(-1.7)
    (v**3).backward()
    (t**3).backward()
    np.testing.assert_allclose(v.grad, t.grad.item(), **TOL, err_msg="d(x^3)/dx at a negative x")


# ---- composite expressions -----------------------------------------------------------------------


def test_neuron_matches_torch(rng):
    """tanh(x1 w1 + x2 w2 + b): the neuron of the micrograd walk-through, with random numbers."""
    numbers = rng.standard_normal(5)
    names = ["x1", "w1", "x2", "w2", "b"]
    vs = {n: Value(x, label=n) for n, x in zip(names, numbers)}
    ts = {n: leaf(x) for n, x in zip(names, numbers)}
    out_v = (vs["x1"] * vs["w1"] + vs["x2"] * vs["w2"] + vs["b"]).tanh()
    out_t = torch.tanh(ts["x1"] * ts["w1"] + ts["x2"] * ts["w2"] + ts["b"])
    out_v.backward()
    out_t.backward()
    np.testing.assert_allclose(out_v.data, out_t.item(), **TOL, err_msg="neuron output")
    for n in names:
        np.testing.assert_allclose(vs[n].grad, ts[n].grad.item(), **TOL, err_msg=f"neuron dout/d{n}")


def test_neuron_walkthrough_numbers():
    """Karpathy's numbers: x1=2, w1=-3, x2=0, w2=1, b=6.8813735870195432 gives o = tanh(n) = 1/sqrt(2)."""
    x1, w1, x2, w2, b = Value(2.0), Value(-3.0), Value(0.0), Value(1.0), Value(6.8813735870195432)
    o = (x1 * w1 + x2 * w2 + b).tanh()
    o.backward()
    np.testing.assert_allclose(o.data, 1 / math.sqrt(2), rtol=1e-12, err_msg="o")
    # do/dn = 1 - o^2 = 1/2, then do/dx1 = w1/2, do/dw1 = x1/2, do/dx2 = w2/2, do/dw2 = x2/2
    grads = [x1.grad, w1.grad, x2.grad, w2.grad, b.grad]
    np.testing.assert_allclose(grads, [-1.5, 1.0, 0.5, 0.0, 0.5], atol=1e-12, err_msg="x1, w1, x2, w2, b")


Q1_NAMES = ["x1", "w11", "b11", "w12", "b12", "w21", "w22", "b21"]


def q1_network(p, y, lib):
    """Lecture 002, Q1: a1 = w11 x1 + b11, a2 = w12 x1 + b12, z = ReLU(a), a3 = w21 z1 + w22 z2 + b21,
    z3 = sigmoid(a3), L = -[y log z3 + (1 - y) log(1 - z3)] (the cross-entropy, with its minus: errata)."""
    relu = (lambda v: v.relu()) if lib == "value" else torch.relu
    sigmoid = (lambda v: v.sigmoid()) if lib == "value" else torch.sigmoid
    log = (lambda v: v.log()) if lib == "value" else torch.log
    a1 = p["w11"] * p["x1"] + p["b11"]
    a2 = p["w12"] * p["x1"] + p["b12"]
    z1, z2 = relu(a1), relu(a2)
    a3 = p["w21"] * z1 + p["w22"] * z2 + p["b21"]
    z3 = sigmoid(a3)
    loss = -(y * log(z3) + (1 - y) * log(1 - z3))
    return loss, {"a2": a2, "z3": z3}


def q1_case(numbers, y):
    p_v = {n: Value(x, label=n) for n, x in zip(Q1_NAMES, numbers)}
    p_t = {n: leaf(x) for n, x in zip(Q1_NAMES, numbers)}
    loss_v, inner_v = q1_network(p_v, y, "value")
    loss_t, _ = q1_network(p_t, y, "torch")
    loss_v.backward()
    loss_t.backward()
    np.testing.assert_allclose(loss_v.data, loss_t.item(), **TOL, err_msg="Q1 loss vs torch")
    for n in Q1_NAMES:
        np.testing.assert_allclose(p_v[n].grad, p_t[n].grad.item(), **TOL, err_msg=f"Q1 dL/d{n} vs torch")
    # the chain rule written out: dL/db12 = dL/dz3 dz3/da3 da3/dz2 dz2/da2 da2/db12 = (z3 - y) w22 1[a2 > 0] 1
    a2, z3 = inner_v["a2"].data, inner_v["z3"].data
    by_hand = (z3 - y) * p_v["w22"].data * (1.0 if a2 > 0 else 0.0)
    np.testing.assert_allclose(p_v["b12"].grad, by_hand, **TOL, err_msg="Q1 dL/db12 vs the chain rule by hand")
    return a2, p_v["b12"].grad


def test_q1_network_db12_matches_torch_on_random_inputs(rng):
    active = inactive = 0
    for _ in range(40):
        a2, db12 = q1_case(rng.standard_normal(8), y=float(rng.integers(0, 2)))
        if a2 > 0:
            active += 1
        else:
            inactive += 1
            assert db12 == 0.0, "an inactive ReLU passes no gradient to b12"
    assert active > 0 and inactive > 0, "both ReLU regimes were exercised"


def test_q1_network_relu_exactly_at_zero():
    """x1 = 0 and b12 = 0 make a2 = 0 exactly: both torch and we use ReLU'(0) = 0."""
    numbers = [0.0, 0.4, -0.3, 1.2, 0.0, 0.7, -0.9, 0.1]
    a2, db12 = q1_case(numbers, y=1.0)
    assert a2 == 0.0 and db12 == 0.0


def test_value_used_twice_accumulates_gradient():
    a = Value(3.0)
    (a * a).backward()
    assert a.grad == 6.0, "d(a*a)/da = 2a: one contribution from each use"
    b, t = Value(-1.3), leaf(-1.3)
    (b * b + b.exp() * b).backward()
    (t * t + torch.exp(t) * t).backward()
    np.testing.assert_allclose(b.grad, t.grad.item(), **TOL, err_msg="b used three times")


def test_repeated_backward_accumulates_into_leaves_like_torch():
    x, t = Value(0.8), leaf(0.8)
    y_v = (x * 2).tanh() * x
    y_t = torch.tanh(t * 2) * t
    y_v.backward()
    y_v.backward()
    y_t.backward(retain_graph=True)
    y_t.backward()
    np.testing.assert_allclose(x.grad, t.grad.item(), **TOL, err_msg="two backward calls: doubled, as torch")
    y_v.zero_grad()
    assert all(node.grad == 0.0 for node in topological_order(y_v)), "zero_grad clears the whole graph"
    y_v.backward()
    np.testing.assert_allclose(x.grad, t.grad.item() / 2, **TOL, err_msg="after zero_grad: one call's gradient")


def test_backward_of_a_leaf_seeds_one():
    x = Value(4.0)
    x.backward()
    assert x.grad == 1.0


def test_long_chain_does_not_hit_the_recursion_limit():
    x = Value(0.5)
    total = x
    for _ in range(3000):
        total = total + x
    total.backward()
    assert x.grad == 3001.0


def random_expression(rng, num_leaves=4, num_ops=12):
    """A recipe of smooth operations: a list of (op, i, j) combining earlier entries."""
    ops = ["add", "sub", "mul", "div", "tanh", "sigmoid", "softlog", "expbounded"]
    recipe = []
    for k in range(num_ops):  # entry k may use the leaves and the k entries before it
        recipe.append((rng.choice(ops), rng.integers(0, num_leaves + k), rng.integers(0, num_leaves + k)))
    return recipe


def evaluate(recipe, leaves):
    pool = list(leaves)
    for op, i, j in recipe:
        a, b = pool[i], pool[j]
        pool.append({
            "add": lambda: a + b,
            "sub": lambda: a - b,
            "mul": lambda: a * b,
            "div": lambda: a / (b * b + 1),
            "tanh": lambda: a.tanh(),
            "sigmoid": lambda: a.sigmoid(),
            "softlog": lambda: (a * a + 1).log(),
            "expbounded": lambda: a.tanh().exp(),
        }[op]())
    return sum(pool[len(leaves):], Value(0.0))


def test_random_expressions_match_numerical_gradient(rng):
    for _ in range(5):
        recipe = random_expression(rng)
        x = rng.standard_normal(4)
        leaves = [Value(xi) for xi in x]
        evaluate(recipe, leaves).backward()
        analytic = np.array([v.grad for v in leaves])
        numeric = numerical_gradient(lambda z: evaluate(recipe, [Value(zi) for zi in z]).data, x.copy())
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8, err_msg=f"recipe {recipe}")


# ---- properties ---------------------------------------------------------------------------------

finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)


@settings(max_examples=30, deadline=None)
@given(x=finite, y=finite)
def test_product_rule_property(x, y):
    a, b = Value(x), Value(y)
    (a * b).backward()
    assert a.grad == y and b.grad == x


@settings(max_examples=30, deadline=None)
@given(x=finite, y=finite)
def test_sum_and_difference_property(x, y):
    a, b = Value(x), Value(y)
    (a - b + a).backward()
    assert a.grad == 2.0 and b.grad == -1.0


@settings(max_examples=30, deadline=None)
@given(x=st.floats(min_value=-30, max_value=30))
def test_activation_derivative_identities(x):
    s, t, r = Value(x), Value(x), Value(x)
    out_s, out_t, out_r = s.sigmoid(), t.tanh(), r.relu()
    out_s.backward()
    out_t.backward()
    out_r.backward()
    assert math.isclose(s.grad, out_s.data * (1 - out_s.data), rel_tol=1e-12, abs_tol=1e-300)
    assert math.isclose(t.grad, 1 - out_t.data**2, rel_tol=1e-12, abs_tol=1e-300)
    assert r.grad == (1.0 if x > 0 else 0.0)


@settings(max_examples=30, deadline=None)
@given(x=st.floats(min_value=0.01, max_value=100))
def test_log_exp_inverse_property(x):
    v = Value(x)
    out = v.log().exp()
    out.backward()
    assert math.isclose(out.data, x, rel_tol=1e-12) and math.isclose(v.grad, 1.0, rel_tol=1e-12)


# ---- graph text and drawing ----------------------------------------------------------------------


def small_graph():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a * b
    c.label = "c"
    d = (c + a**2).tanh()
    d.label = "d"
    d.backward()
    return d


def test_graph_to_text_lists_nodes_operands_first():
    d = small_graph()
    lines = graph_to_text(d).splitlines()
    order = topological_order(d)
    assert len(lines) == len(order) == 6
    assert lines[0].startswith("#0 a") and lines[1].startswith("#1 b")
    assert lines[2].startswith("#2 c = #0 * #1")
    assert "#3 = #0 **2" in lines[3] and "#4 = #2 + #3" in lines[4] and lines[5].startswith("#5 d = tanh(#4)")
    position = {node: i for i, node in enumerate(order)}
    assert all(position[p] < position[node] for node in order for p in node._prev), "operands come first"


def test_repr_is_readable():
    v = Value(1.5, label="w")
    assert repr(v) == "Value(label='w', data=1.5, grad=0)"
    assert "op='*'" in repr(v * 2)


def test_draw_graph_renders_one_box_per_node(tmp_path):
    d = small_graph()
    fig = draw_graph(d)
    try:
        assert isinstance(fig, matplotlib.figure.Figure)
        ax = fig.axes[0]
        boxes = sorted(t.get_text() for t in ax.texts if "data" in t.get_text())
        expected = sorted(
            (f"{node.label} | " if node.label else "") + f"data {node.data:.4f} | grad {node.grad:.4f}"
            for node in topological_order(d)
        )
        assert boxes == expected, "one text box per Value showing label | data | grad"
        circles = [t for t in ax.texts if t.get_text() in ("*", "+", "**2", "tanh")]
        assert len(circles) == 4, "one circle per operation"
        path = tmp_path / "graph.png"
        fig.savefig(path, dpi=80)
        image = matplotlib.image.imread(path)
        assert image.shape[0] > 50 and image.shape[1] > 200
        assert image[..., :3].std() > 0.01, "the picture is not blank"
    finally:
        plt.close(fig)


def test_draw_graph_on_given_axes_with_shared_nodes_and_long_edges(tmp_path):
    """a is used three times, by operations in different columns (arrows that skip columns)."""
    a = Value(1.5, label="a")
    out = ((a * a - 2 / a).sigmoid() + a).relu()
    out.backward()
    fig, ax = plt.subplots(figsize=(22, 3))  # 7 columns, 3 rows (see draw_graph's docstring)
    try:
        assert draw_graph(out, ax=ax) is fig
        assert len([t for t in ax.texts if "data" in t.get_text()]) == len(topological_order(out))
        fig.savefig(tmp_path / "shared.png", dpi=60)
    finally:
        plt.close(fig)


def test_draw_graph_of_a_single_value():
    fig = draw_graph(Value(1.0, label="x"))
    try:
        assert [t.get_text() for t in fig.axes[0].texts] == ["x | data 1.0000 | grad 0.0000"]
    finally:
        plt.close(fig)


# ---- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("data", ["1.0", None, [1.0], float("nan"), float("inf"), True, 1 + 2j])
def test_bad_data_raises(data):
    with pytest.raises(ValueError, match="data"):
        Value(data)


def test_value_of_a_value_and_bad_label_raise():
    with pytest.raises(ValueError, match="data must be a number"):
        Value(Value(1.0))
    with pytest.raises(ValueError, match="label"):
        Value(1.0, label=3)


@pytest.mark.parametrize("operand", ["2", None, [1.0], float("nan"), np.array([1.0, 2.0])])
def test_bad_operands_raise(operand):
    v = Value(1.0)
    with pytest.raises(ValueError, match="operand"):
        v + operand
    with pytest.raises(ValueError, match="operand"):
        v * operand


def test_reversed_operator_with_a_non_number_raises():
    with pytest.raises(ValueError, match="operand"):
        "x" + Value(1.0)


def test_numpy_scalars_are_numbers():
    out = Value(2.0) * np.float64(3.0) + np.int64(1)
    assert out.data == 7.0


def test_domain_errors_raise():
    with pytest.raises(ValueError, match="log needs a positive number"):
        Value(0.0).log()
    with pytest.raises(ValueError, match="log needs a positive number"):
        Value(-2.0).log()
    with pytest.raises(ValueError, match="division by zero"):
        Value(1.0) / Value(0.0)
    with pytest.raises(ValueError, match="division by zero"):
        1.0 / Value(0.0)
    with pytest.raises(ValueError, match="negative base"):
        Value(-2.0) ** 0.5
    with pytest.raises(ValueError, match="exponent must be a plain number"):
        Value(2.0) ** Value(2.0)
    with pytest.raises(ValueError, match="overflows"):
        Value(1000.0).exp()
    with pytest.raises(ValueError, match="finite"):
        Value(1e200) * Value(1e200)


def test_infinite_derivative_at_zero_raises_in_backward():
    out = Value(0.0) ** 0.5
    assert out.data == 0.0
    with pytest.raises(ValueError, match="infinite"):
        out.backward()


@pytest.mark.parametrize("function", [graph_to_text, draw_graph, topological_order])
def test_graph_functions_need_a_value(function):
    with pytest.raises(ValueError, match="root must be a Value"):
        function(3.0)
