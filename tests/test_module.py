import numpy as np
import pytest

from dlcourse.nn.batchnorm import BatchNorm1d
from dlcourse.nn.containers import Sequential
from dlcourse.nn.linear import Linear
from dlcourse.nn.module import Module, Parameter


class Affine(Module):
    """y = x * scale + shift, elementwise: a minimal Module written the way the package's layers are."""

    def __init__(self, d):
        self.scale = Parameter(np.ones(d), "scale")
        self.shift = Parameter(np.zeros(d))
        self._x = None

    def forward(self, x):
        self._x = x
        return x * self.scale.data + self.shift.data

    def backward(self, dout):
        self.scale.grad += np.sum(dout * self._x, axis=0)
        self.shift.grad += np.sum(dout, axis=0)
        return dout * self.scale.data


class Block(Module):
    """Parameters, a sub-module, a list and a tuple of sub-modules, and a non-module attribute."""

    def __init__(self):
        self.gain = Parameter(np.ones(2))
        self.first = Affine(2)
        self.stack = [Affine(2), "not a module", Affine(2)]
        self.pair = (Affine(2),)
        self.note = "plain attribute"


def test_parameter_basics():
    p = Parameter([[1, 2, 3], [4, 5, 6]], name="w")
    assert p.data.dtype == np.float64 and p.shape == (2, 3)
    np.testing.assert_array_equal(p.grad, np.zeros((2, 3)))
    p.grad += 1.0
    p.zero_grad()
    np.testing.assert_array_equal(p.grad, np.zeros((2, 3)))
    assert repr(p) == "Parameter 'w'(shape=(2, 3))"
    assert repr(Parameter(np.zeros(4))) == "Parameter(shape=(4,))"


def test_parameter_copies_its_data():
    source = np.zeros(3)
    p = Parameter(source)
    source[0] = 5.0
    assert p.data[0] == 0.0


@pytest.mark.parametrize("data, match", [([1.0, np.nan], "NaN"), (["a", "b"], "numbers")])
def test_parameter_rejects_bad_data(data, match):
    with pytest.raises(ValueError, match=match):
        Parameter(data)


def test_base_class_forward_and_backward_are_not_implemented():
    module = Module()
    with pytest.raises(NotImplementedError, match="Module does not implement forward"):
        module(np.zeros(2))
    with pytest.raises(NotImplementedError, match="Module does not implement backward"):
        module.backward(np.zeros(2))


def test_call_is_forward(rng):
    layer = Affine(3)
    layer.scale.data = rng.standard_normal(3)
    x = rng.standard_normal((2, 3))
    np.testing.assert_array_equal(layer(x), layer.forward(x))


def test_parameters_are_discovered_in_assignment_order():
    block = Block()
    names = [name for name, _ in block.named_parameters()]
    assert names == [
        "gain",
        "first.scale", "first.shift",
        "stack.0.scale", "stack.0.shift",
        "stack.2.scale", "stack.2.shift",
        "pair.0.scale", "pair.0.shift",
    ]
    params = block.parameters()
    assert params[0] is block.gain and params[1] is block.first.scale and params[-1] is block.pair[0].shift
    assert list(block.children()) == [block.first, block.stack[0], block.stack[2], block.pair[0]]


def test_named_parameters_of_sequential_use_layers_prefix():
    net = Sequential(Linear(2, 3, rng=0), Sequential(Linear(3, 1, rng=0)))
    assert [name for name, _ in net.named_parameters()] == [
        "layers.0.weight", "layers.0.bias", "layers.1.layers.0.weight", "layers.1.layers.0.bias",
    ]


def test_zero_grad_reaches_nested_parameters(rng):
    block = Block()
    for p in block.parameters():
        p.grad += rng.standard_normal(p.shape)
    block.zero_grad()
    assert not any(p.grad.any() for p in block.parameters())


def test_train_eval_propagate_to_nested_modules():
    block = Block()
    modules = [block, block.first, block.stack[0], block.stack[2], block.pair[0]]
    assert all(m.training for m in modules), "modules start in training mode"
    assert block.eval() is block
    assert not any(m.training for m in modules)
    assert block.train() is block
    assert all(m.training for m in modules)
    block.train(False)
    assert not any(m.training for m in modules)


def test_state_dict_is_a_copy_and_round_trips(rng):
    block = Block()
    for p in block.parameters():
        p.data = rng.standard_normal(p.shape)
    state = block.state_dict()
    assert list(state) == [name for name, _ in block.named_parameters()]
    state["gain"][:] = 100.0
    assert not np.any(block.gain.data == 100.0), "state_dict returns copies"
    other = Block()
    other.load_state_dict(block.state_dict())
    for (name, p), (_, q) in zip(block.named_parameters(), other.named_parameters()):
        np.testing.assert_array_equal(q.data, p.data, err_msg=f"{name} after load_state_dict")


def test_state_dict_includes_buffers_of_nested_modules(rng):
    net = Sequential(Linear(2, 3, rng=0), BatchNorm1d(3))
    net(rng.standard_normal((4, 2)))
    state = net.state_dict()
    np.testing.assert_array_equal(state["layers.1.running_mean"], net[1].running_mean)
    np.testing.assert_array_equal(state["layers.1.running_var"], net[1].running_var)
    fresh = Sequential(Linear(2, 3, rng=1), BatchNorm1d(3))
    fresh.load_state_dict(state)
    np.testing.assert_array_equal(fresh[1].running_mean, net[1].running_mean)
    np.testing.assert_array_equal(fresh[1].running_var, net[1].running_var)


def test_load_state_dict_missing_key_raises():
    state = Block().state_dict()
    del state["stack.2.shift"]
    with pytest.raises(ValueError, match="missing parameter 'stack.2.shift'"):
        Block().load_state_dict(state)


def test_load_state_dict_wrong_shape_raises():
    state = Sequential(Linear(2, 3, rng=0)).state_dict()
    with pytest.raises(ValueError, match=r"'layers.0.weight' has shape \(4, 2\), state has \(3, 2\)"):
        Sequential(Linear(2, 4, rng=0)).load_state_dict(state)


def test_repr_of_base_module_is_its_class_name():
    assert repr(Module()) == "Module()"
    assert repr(Affine(2)) == "Affine()"


def test_load_state_dict_rejects_missing_or_misshapen_buffers():
    from dlcourse.nn.batchnorm import BatchNorm1d

    bn = BatchNorm1d(3)
    state = bn.state_dict()
    missing = {k: v for k, v in state.items() if k != "running_var"}
    with pytest.raises(ValueError, match="missing buffer 'running_var'"):
        BatchNorm1d(3).load_state_dict(missing)
    state["running_mean"] = np.zeros(4)
    with pytest.raises(ValueError, match="buffer 'running_mean' has shape"):
        BatchNorm1d(3).load_state_dict(state)
