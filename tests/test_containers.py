import numpy as np
import pytest
import torch

from dlcourse.gradcheck import check_module_gradients
from dlcourse.nn.activations import ReLU
from dlcourse.nn.batchnorm import BatchNorm1d
from dlcourse.nn.containers import Flatten, Sequential
from dlcourse.nn.dropout import Dropout
from dlcourse.nn.linear import Linear

TOL = {"atol": 1e-10, "rtol": 1e-8}


def small_net(rng):
    """(N, 2, 3) -> Flatten -> Linear(6, 5) -> ReLU -> BatchNorm1d(5) -> Linear(5, 3)."""
    net = Sequential(Flatten(), Linear(6, 5, rng=rng), ReLU(), BatchNorm1d(5, momentum=0.2), Linear(5, 3, rng=rng))
    net[3].weight.data = rng.uniform(0.5, 1.5, 5)
    net[3].bias.data = rng.standard_normal(5)
    return net


def torch_copy(net):
    """The same network as a float64 torch nn.Sequential, with the weights and buffers copied."""
    ref = torch.nn.Sequential(
        torch.nn.Flatten(),
        torch.nn.Linear(6, 5, dtype=torch.float64),
        torch.nn.ReLU(),
        torch.nn.BatchNorm1d(5, momentum=0.2, dtype=torch.float64),
        torch.nn.Linear(5, 3, dtype=torch.float64),
    )
    state = {key.removeprefix("layers."): torch.from_numpy(value) for key, value in net.state_dict().items()}
    missing, unexpected = ref.load_state_dict(state, strict=False)
    assert unexpected == [] and set(missing) <= {"3.num_batches_tracked"}, "every weight and buffer was copied"
    return ref


def compare_with_torch(net, ref, x, dout, label):
    net.zero_grad()
    ref.zero_grad()
    out = net(x)
    dx = net.backward(dout)
    xt = torch.tensor(x, requires_grad=True)
    out_t = ref(xt)
    out_t.backward(torch.from_numpy(dout))
    np.testing.assert_allclose(out, out_t.detach().numpy(), **TOL, err_msg=f"{label}: forward vs torch")
    np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL, err_msg=f"{label}: dx vs torch autograd")
    torch_grads = {f"layers.{name}": p.grad.numpy() for name, p in ref.named_parameters()}
    for name, p in net.named_parameters():
        np.testing.assert_allclose(p.grad, torch_grads[name], **TOL, err_msg=f"{label}: gradient of {name}")
    torch_state = {f"layers.{k}": v.numpy() for k, v in ref.state_dict().items()}
    for name, value in net.state_dict().items():
        np.testing.assert_allclose(value, torch_state[name], **TOL, err_msg=f"{label}: state {name}")


def test_sequential_matches_torch_in_train_and_eval_mode(rng):
    net = small_net(rng)
    ref = torch_copy(net)
    for step in range(3):
        x, dout = rng.standard_normal((4, 2, 3)), rng.standard_normal((4, 3))
        compare_with_torch(net, ref, x, dout, f"train step {step}")
    net.eval()
    ref.eval()
    x, dout = rng.standard_normal((2, 2, 3)), rng.standard_normal((2, 3))
    compare_with_torch(net, ref, x, dout, "eval")


@pytest.mark.parametrize("training", [True, False])
def test_sequential_gradients_match_numerical(rng, training):
    net = Sequential(Linear(3, 4, rng=1), ReLU(), BatchNorm1d(4), Linear(4, 2, rng=2)).train(training)
    x = rng.standard_normal((5, 3))
    errors = check_module_gradients(net, x, rng=3)
    expected = {"input", "layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias",
                "layers.3.weight", "layers.3.bias"}
    assert set(errors) == expected
    for name, err in errors.items():
        assert err < 1e-7, f"gradient of {name}: relative error {err}"


def test_backward_runs_in_reverse_order(rng):
    calls = []

    class Recorder(Flatten):
        def __init__(self, label):
            super().__init__()
            self.label = label

        def forward(self, x):
            calls.append(("forward", self.label))
            return super().forward(x)

        def backward(self, dout):
            calls.append(("backward", self.label))
            return super().backward(dout)

    net = Sequential(Recorder("a"), Recorder("b"), Recorder("c"))
    net.backward(net(rng.standard_normal((2, 3))))
    assert calls == [("forward", "a"), ("forward", "b"), ("forward", "c"),
                     ("backward", "c"), ("backward", "b"), ("backward", "a")]


def test_parameters_order_and_count(rng):
    net = Sequential(Linear(3, 4, rng=0), ReLU(), BatchNorm1d(4), Dropout(0.1), Linear(4, 2, bias=False, rng=0))
    names = [name for name, _ in net.named_parameters()]
    assert names == ["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "layers.4.weight"]
    params = net.parameters()
    assert len(params) == 5
    assert params[0] is net[0].weight and params[2] is net[2].weight and params[4] is net[4].weight
    assert sum(p.data.size for p in params) == 3 * 4 + 4 + 4 + 4 + 4 * 2


def test_train_and_eval_propagate_to_every_layer():
    inner = Sequential(Dropout(0.5), BatchNorm1d(2))
    net = Sequential(Linear(2, 2, rng=0), inner)
    assert net.eval() is net
    assert not any(m.training for m in [net, net[0], inner, inner[0], inner[1]])
    net.train()
    assert all(m.training for m in [net, net[0], inner, inner[0], inner[1]])


def test_eval_mode_network_is_deterministic(rng):
    net = Sequential(Linear(3, 4, rng=0), Dropout(0.5, rng=0), BatchNorm1d(4)).eval()
    x = rng.standard_normal((6, 3))
    np.testing.assert_array_equal(net(x), net(x))


def test_zero_grad_clears_every_parameter(rng):
    net = Sequential(Linear(3, 4, rng=0), ReLU(), Linear(4, 2, rng=1))
    net(rng.standard_normal((5, 3)))
    net.backward(rng.standard_normal((5, 2)))
    assert all(p.grad.any() for p in net.parameters())
    net.zero_grad()
    assert not any(p.grad.any() for p in net.parameters())


def test_state_dict_round_trip_with_batchnorm_buffers(rng):
    net = Sequential(Linear(3, 4, rng=0), BatchNorm1d(4), Linear(4, 2, rng=1))
    for _ in range(3):
        net(rng.standard_normal((5, 3)))
    state = net.state_dict()
    assert list(state) == ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
                           "layers.2.weight", "layers.2.bias", "layers.1.running_mean", "layers.1.running_var"]
    fresh = Sequential(Linear(3, 4, rng=5), BatchNorm1d(4), Linear(4, 2, rng=6))
    fresh.load_state_dict(state)
    for name, value in fresh.state_dict().items():
        np.testing.assert_array_equal(value, state[name], err_msg=f"{name} after load_state_dict")
    net.eval()
    fresh.eval()
    x = rng.standard_normal((3, 3))
    np.testing.assert_array_equal(fresh(x), net(x))


def test_indexing_length_iteration_and_repr():
    layers = [Linear(3, 4, rng=0), ReLU(), Linear(4, 2, rng=0)]
    net = Sequential(*layers)
    assert len(net) == 3
    assert list(net) == layers
    assert net[0] is layers[0] and net[-1] is layers[2]
    head = net[:2]
    assert isinstance(head, Sequential) and list(head) == layers[:2]
    assert repr(net) == (
        "Sequential(\n"
        "  (0): Linear(in_features=3, out_features=4, bias=True)\n"
        "  (1): ReLU()\n"
        "  (2): Linear(in_features=4, out_features=2, bias=True)\n"
        ")"
    )
    nested = Sequential(Flatten(), Sequential(Dropout(0.5)))
    assert repr(nested) == "Sequential(\n  (0): Flatten()\n  (1): Sequential(\n    (0): Dropout(p=0.5)\n  )\n)"
    assert repr(Sequential()) == "Sequential()"


def test_empty_sequential_is_identity(rng):
    x = rng.standard_normal((2, 3))
    net = Sequential()
    np.testing.assert_array_equal(net(x), x)
    np.testing.assert_array_equal(net.backward(x), x)
    assert net.parameters() == []


def test_sequential_rejects_non_modules():
    with pytest.raises(ValueError, match="layer 1 must be a Module"):
        Sequential(Linear(2, 2), lambda x: x)


def test_sequential_passes_on_layer_errors(rng):
    net = Sequential(Linear(3, 2, rng=0))
    with pytest.raises(ValueError, match="in_features=3"):
        net(rng.standard_normal((4, 5)))


def test_flatten_forward_and_backward_match_torch(rng):
    x = rng.standard_normal((3, 2, 4, 5))
    dout = rng.standard_normal((3, 40))
    layer = Flatten()
    out = layer(x)
    dx = layer.backward(dout)
    xt = torch.tensor(x, requires_grad=True)
    out_t = torch.nn.Flatten()(xt)
    out_t.backward(torch.from_numpy(dout))
    np.testing.assert_array_equal(out, out_t.detach().numpy(), err_msg="flatten vs torch")
    np.testing.assert_array_equal(dx, xt.grad.numpy(), err_msg="flatten backward vs torch")
    assert layer.parameters() == [] and repr(layer) == "Flatten()"
    assert check_module_gradients(layer, x[:, :, :2, :2], rng=0)["input"] < 1e-7


def test_flatten_bad_input_raises(rng):
    layer = Flatten()
    with pytest.raises(ValueError, match="call forward before backward"):
        layer.backward(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        layer(np.zeros(5))
    layer(rng.standard_normal((2, 3, 4)))
    with pytest.raises(ValueError, match=r"dout must have shape \(2, 12\)"):
        layer.backward(np.zeros((2, 11)))
