"""A scalar reverse-mode automatic differentiation engine (in the style of micrograd).

Each :class:`Value` holds one number ``data``, the gradient ``grad`` of the final
output with respect to it, the operands it was computed from (``_prev``) and the
operation (``_op``). Building an expression builds a graph; ``backward()`` walks
it from the output to the inputs and applies the chain rule at every node::

    operand.grad += (d node / d operand) * node.grad

The ``+=`` matters: a Value used twice (``a * a``) collects a gradient from each use.

The hand-drawn network of lecture 002 (Q1), written with Values::

    a1 = w11 * x1 + b11;  a2 = w12 * x1 + b12
    z1 = a1.relu();       z2 = a2.relu()
    a3 = w21 * z1 + w22 * z2 + b21;  z3 = a3.sigmoid()
    loss = -(y * z3.log() + (1 - y) * (1 - z3).log())
    loss.backward()       # b12.grad = dL/dz3 dz3/da3 da3/dz2 dz2/da2 da2/db12

:func:`draw_graph` draws such a graph with matplotlib and :func:`graph_to_text`
lists it node by node.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt

from dlcourse._validation import check_number


class Value:
    """One scalar in a computation graph.

    data: a finite real number. label: an optional name shown when printing or drawing.
    ``_prev``: the operands (a tuple, in order; ``a * a`` lists ``a`` twice).
    ``_op``: the operation that produced this Value ("" for an input).
    """

    def __init__(self, data, label="", _prev=(), _op=""):
        if isinstance(data, Value):
            raise ValueError("data must be a number, got a Value (use the Value itself)")
        self.data = check_number(data, "data")
        if not isinstance(label, str):
            raise ValueError(f"label must be a string, got {label!r}")
        self.label = label
        self.grad = 0.0
        self._prev = tuple(_prev)
        self._op = _op
        self._backward = lambda: None  # adds this node's gradient into its operands' .grad

    def __repr__(self):
        name = f"label={self.label!r}, " if self.label else ""
        op = f", op={self._op!r}" if self._op else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g}{op})"

    # ---- binary operations -------------------------------------------------------
    def __add__(self, other):
        """out = self + other; d out/d self = d out/d other = 1."""
        other = _as_value(other)
        out = Value(self.data + other.data, _prev=(self, other), _op="+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        """out = self * other; d out/d self = other, d out/d other = self."""
        other = _as_value(other)
        out = Value(self.data * other.data, _prev=(self, other), _op="*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, exponent):
        """out = self ** n for a plain number n; d out/d self = n * self ** (n - 1)."""
        if isinstance(exponent, Value):
            raise ValueError("the exponent must be a plain number; for a Value b write (b * a.log()).exp()")
        n = check_number(exponent, "exponent")
        if self.data == 0 and n < 0:
            raise ValueError(f"cannot raise 0 to the negative power {n:g} (division by zero)")
        if self.data < 0 and not n.is_integer():
            raise ValueError(f"a negative base ({self.data:g}) needs an integer exponent, got {n:g}")
        out = Value(self.data**n, _prev=(self,), _op=f"**{n:g}")

        def _backward():
            self.grad += _power_derivative(self.data, n) * out.grad

        out._backward = _backward
        return out

    # Everything else is built from +, * and **, as on paper.
    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-_as_value(other))

    def __truediv__(self, other):
        return self * _as_value(other) ** -1

    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        return _as_value(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __rtruediv__(self, other):
        return _as_value(other) * self**-1

    # ---- functions of one Value --------------------------------------------------
    def exp(self):
        """out = e^self; d out/d self = e^self = out."""
        try:
            result = math.exp(self.data)
        except OverflowError:
            raise ValueError(f"exp({self.data:g}) overflows a float64") from None
        out = Value(result, _prev=(self,), _op="exp")

        def _backward():
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    def log(self):
        """out = ln(self), for self > 0; d out/d self = 1 / self."""
        if self.data <= 0:
            raise ValueError(f"log needs a positive number, got {self.data:g}")
        out = Value(math.log(self.data), _prev=(self,), _op="log")

        def _backward():
            self.grad += out.grad / self.data

        out._backward = _backward
        return out

    def relu(self):
        """out = max(0, self); d out/d self = 1 if self > 0 else 0 (0 at self = 0, as torch)."""
        out = Value(max(0.0, self.data), _prev=(self,), _op="relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        """out = 1 / (1 + e^-self); d out/d self = out (1 - out).

        Stable: for self < 0 it computes e^self / (1 + e^self), so e^-self never overflows.
        """
        if self.data >= 0:
            s = 1.0 / (1.0 + math.exp(-self.data))
        else:
            e = math.exp(self.data)
            s = e / (1.0 + e)
        out = Value(s, _prev=(self,), _op="sigmoid")

        def _backward():
            self.grad += out.data * (1.0 - out.data) * out.grad

        out._backward = _backward
        return out

    def tanh(self):
        """out = tanh(self); d out/d self = 1 - out^2."""
        out = Value(math.tanh(self.data), _prev=(self,), _op="tanh")

        def _backward():
            self.grad += (1.0 - out.data**2) * out.grad

        out._backward = _backward
        return out

    # ---- reverse mode --------------------------------------------------------------
    def backward(self):
        """Fill ``.grad`` of every Value this one depends on with d self / d value.

        Visits the nodes in reverse topological order (every node after all the
        nodes that use it), seeding d self / d self = 1.

        Repeated calls accumulate, as in torch: the inputs (leaves, Values with no
        operands) keep adding into ``.grad``, so calling ``backward()`` twice doubles
        their gradients. Call :meth:`zero_grad` before each new backward pass, as
        ``optimizer.zero_grad()`` in a torch training loop. Intermediate nodes are
        reset at the start of every call and hold the latest pass's gradient.
        """
        order = topological_order(self)
        for node in order:
            if node._prev:
                node.grad = 0.0
        self.grad += 1.0
        for node in reversed(order):
            node._backward()

    def zero_grad(self):
        """Set ``.grad = 0`` on this Value and every Value it depends on."""
        for node in topological_order(self):
            node.grad = 0.0


def _as_value(x):
    """A Value stays itself; a number becomes a constant Value; anything else is a ValueError."""
    if isinstance(x, Value):
        return x
    return Value(check_number(x, "operand"))


def _power_derivative(x, n):
    """d(x^n)/dx = n x^(n-1); 0 when n = 0 (x^0 = 1 is constant); infinite at x = 0 for n < 1."""
    if n == 0:
        return 0.0
    if x == 0 and n < 1:
        raise ValueError(f"the derivative of x**{n:g} is infinite at x = 0")
    return n * x ** (n - 1)


def topological_order(root):
    """All Values ``root`` depends on (itself included), each after its operands.

    An iterative depth-first search, so that long chains do not hit Python's
    recursion limit. Every node appears once even if it is used several times.
    """
    if not isinstance(root, Value):
        raise ValueError(f"root must be a Value, got {type(root).__name__}")
    order, visited = [], set()
    stack = [(root, False)]
    while stack:
        node, operands_done = stack.pop()
        if operands_done:
            order.append(node)
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))
            stack.extend((operand, False) for operand in reversed(node._prev))
    return order


def graph_to_text(root):
    """The graph as text, one node per line in topological order (operands first).

    Each line: ``#index label = expression   data=...  grad=...``, where the
    expression refers to earlier lines, e.g. ``#2 c = #0 * #1``.
    Returns a string.
    """
    order = topological_order(root)
    index = {node: i for i, node in enumerate(order)}
    lines = []
    for node in order:
        name = f"#{index[node]}" + (f" {node.label}" if node.label else "")
        if node._op:
            name += " = " + _expression(node, index)
        lines.append(f"{name:<28} data={node.data:>11.6g}  grad={node.grad:>11.6g}")
    return "\n".join(lines)


def _expression(node, index):
    operands = [f"#{index[operand]}" for operand in node._prev]
    if node._op in ("+", "*"):
        return f" {node._op} ".join(operands)
    if node._op.startswith("**"):
        return f"{operands[0]} {node._op}"
    return f"{node._op}({operands[0]})"


def draw_graph(root, ax=None):
    """Draw the graph of ``root`` left to right with matplotlib (no graphviz needed).

    A layered layout, as graphviz's ``dot`` does it in simple form:

    * columns: a computed Value sits at its depth (1 + the largest depth of its
      operands), an input one column left of its first user; each operation is a
      circle just left of its result;
    * an arrow that skips columns gets a waypoint slot in each column it crosses,
      so it runs between boxes instead of through them;
    * rows: column by column from the output back, every item goes as high as the
      items it feeds (first operand on top), so an expression tree has no crossings.

    Boxes show ``label | data | grad``; arrows go operand -> operation -> result.
    ax: a matplotlib Axes to draw on; it needs about 3.2 inches of width per column
    and 0.8 inch of height per row. When None, a figure of that size is made.
    Returns the matplotlib Figure.
    """
    order = topological_order(root)
    users = _users(order)
    column = _columns(order, users)
    slots = _slots(order, column)
    height = _heights(slots, column, users)
    tallest = max(len(items) for items in slots)
    if ax is None:
        fig, ax = plt.subplots(figsize=(1.0 + 3.2 * len(slots), 0.4 + 0.8 * tallest))
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.99)
    box_style = dict(boxstyle="round,pad=0.3", facecolor="#e8f0fe", edgecolor="#3b5b92")
    op_style = dict(boxstyle="circle,pad=0.2", facecolor="#fff4d6", edgecolor="#b07d00")

    boxes = {}
    for node in order:
        text = f"data {node.data:.4f} | grad {node.grad:.4f}"
        if node.label:
            text = f"{node.label} | {text}"
        position = (2.0 * column[node], height[node])
        boxes[node] = ax.text(*position, text, ha="center", va="center", fontsize=8, bbox=box_style, zorder=2)
    for node in order:
        if not node._prev:
            continue
        op_position = (2.0 * column[node] - 1.0, height[node])
        op_circle = ax.text(*op_position, node._op, ha="center", va="center", fontsize=7, bbox=op_style, zorder=2)
        _arrow(ax, op_circle, boxes[node])
        for operand in dict.fromkeys(node._prev):  # a * a: one arrow
            waypoints = [(2.0 * k, height[(operand, node, k)]) for k in range(column[operand] + 1, column[node])]
            if waypoints:  # under the boxes, from the operand's centre to the last waypoint
                xs, ys = zip(boxes[operand].get_position(), *waypoints)
                ax.plot(xs, ys, color=_ARROW_COLOR, linewidth=1.0, zorder=1)
                _arrow(ax, None, op_circle, start=waypoints[-1])
            else:
                _arrow(ax, boxes[operand], op_circle)

    ax.set_xlim(-0.9, 2.0 * (len(slots) - 1) + 0.9)
    ax.set_ylim(-tallest / 2, tallest / 2)
    ax.axis("off")
    return ax.figure


_ARROW_COLOR = "#555555"


def _users(order):
    """For every node, the nodes that take it as an operand (each listed once)."""
    users = {node: [] for node in order}
    for node in order:
        for operand in dict.fromkeys(node._prev):
            users[operand].append(node)
    return users


def _columns(order, users):
    """Column of every node: depth for a computed Value, one left of its first user for an input."""
    column = {}
    for node in order:
        if node._prev:
            column[node] = 1 + max(column.get(operand, 0) for operand in node._prev)
    for node in order:
        if not node._prev:
            column[node] = min(column[user] for user in users[node]) - 1 if users[node] else 0
    return column


def _slots(order, column):
    """What occupies each column: its Values, then a waypoint ``(operand, user, k)``
    for every arrow passing through column k."""
    slots = [[] for _ in range(max(column.values()) + 1)]
    for node in order:
        slots[column[node]].append(node)
    for user in order:
        for operand in dict.fromkeys(user._prev):
            for k in range(column[operand] + 1, column[user]):
                slots[k].append((operand, user, k))
    return slots


def _heights(slots, column, users):
    """Vertical position of every slot item, column by column from the output back.

    An item goes to the mean height of what it feeds in the next column (its
    users, or the waypoints leading to them); operands of the same user keep
    their order. Each column is centred on 0.
    """
    height = {}

    def next_hop(operand, user, k):
        return user if k + 1 == column[user] else (operand, user, k + 1)

    def sort_key(item):
        if isinstance(item, Value):
            if not users[item]:  # the root
                return (0.0, 0)
            hops = [next_hop(item, user, column[item]) for user in users[item]]
            operand, first_user = item, users[item][0]
        else:
            operand, first_user, k = item
            hops = [next_hop(operand, first_user, k)]
        mean_height = sum(height[hop] for hop in hops) / len(hops)
        return (-mean_height, first_user._prev.index(operand))

    for items in reversed(slots):
        for i, item in enumerate(sorted(items, key=sort_key)):
            height[item] = (len(items) - 1) / 2 - i
    return height


def _arrow(ax, start_text, end_text, start=None):
    """An arrow from a text box (or from the point ``start``) to a text box, clipped at the boxes' edges."""
    ax.annotate(
        "",
        xy=end_text.get_position(),
        xytext=start if start_text is None else start_text.get_position(),
        arrowprops=dict(
            arrowstyle="-|>",
            color=_ARROW_COLOR,
            patchA=None if start_text is None else start_text.get_bbox_patch(),
            patchB=end_text.get_bbox_patch(),
            shrinkA=0 if start_text is None else 1,
            shrinkB=1,
        ),
        zorder=3,  # after the boxes, whose outlines clip the arrow
    )
