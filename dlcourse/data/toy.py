"""Toy problems: 2-D classification sets and 2-D loss surfaces for optimizers.

Classification sets return ``X: (N, 2)`` float64 and ``y: (N,)`` int64, ordered by
class unless said otherwise:

- :func:`make_blobs`   Gaussian clouds, linearly separable: a linear classifier suffices;
- :func:`make_xor`     the XOR truth table with noise: no single line separates it;
- :func:`make_moons`   two interleaving half circles;
- :func:`make_spiral`  CS231n's spiral arms: needs a hidden layer.

Surfaces (for watching optimizers move) have ``value(p)``, ``grad(p)``,
``hessian(p)`` and ``minimum``; ``p`` is one point ``(2,)`` or a grid ``(..., 2)``:

- :func:`quadratic_surface`  f = (a x^2 + b y^2) / 2, an elongated bowl: SGD zig-zags
  across the steep direction when b >> a (lecture 000: "contours that are very long ellipsoids");
- :func:`rosenbrock`         f = (a - x)^2 + b (y - x^2)^2, a curved narrow valley.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlcourse._validation import as_float_array, as_rng, check_number, check_positive, check_positive_int

# ---------------------------------------------------------------- classification sets


def make_blobs(n_per_class=100, n_classes=3, std=0.5, radius=2.0, rng=None):
    """Gaussian clouds with centres evenly spaced on a circle.

    Class k is drawn from N(c_k, std^2 I) with c_k = radius (cos 2 pi k / K, sin 2 pi k / K).
    Returns X: (n_per_class * n_classes, 2), y: (n_per_class * n_classes,).
    """
    n_per_class, n_classes = _check_sizes(n_per_class, n_classes)
    std = check_positive(std, "std", allow_zero=True)
    radius = check_positive(radius, "radius")
    rng = as_rng(rng)
    angles = 2 * np.pi * np.arange(n_classes) / n_classes
    centres = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    y = np.repeat(np.arange(n_classes), n_per_class)
    X = centres[y] + std * rng.standard_normal((len(y), 2))
    return X, y


def make_xor(n=200, noise=0.1, rng=None):
    """The XOR problem: points around the corners (0,0), (0,1), (1,0), (1,1).

    Each point picks a corner (b1, b2) uniformly at random, adds N(0, noise^2 I), and
    gets the label b1 XOR b2. Returns X: (n, 2), y: (n,) in random order.
    """
    n = check_positive_int(n, "n")
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = as_rng(rng)
    corners = rng.integers(0, 2, size=(n, 2))
    y = (corners[:, 0] ^ corners[:, 1]).astype(np.int64)
    X = corners + noise * rng.standard_normal((n, 2))
    return X, y


def make_moons(n=200, noise=0.1, rng=None):
    """Two interleaving half circles.

    Class 0 (n // 2 points): (cos t, sin t) for t evenly spaced in [0, pi];
    class 1 (the rest): (1 - cos t, 1/2 - sin t), the same arc flipped and shifted.
    Gaussian noise of standard deviation ``noise`` is added. Returns X: (n, 2), y: (n,).
    """
    n = check_positive_int(n, "n")
    if n < 2:
        raise ValueError(f"n must be >= 2 (one point per moon at least), got {n}")
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = as_rng(rng)
    t_outer = np.linspace(0, np.pi, n // 2)
    t_inner = np.linspace(0, np.pi, n - n // 2)
    outer = np.stack([np.cos(t_outer), np.sin(t_outer)], axis=1)
    inner = np.stack([1 - np.cos(t_inner), 0.5 - np.sin(t_inner)], axis=1)
    X = np.concatenate([outer, inner]) + noise * rng.standard_normal((n, 2))
    y = np.repeat([0, 1], [len(outer), len(inner)])
    return X, y


def make_spiral(n_per_class=100, n_classes=3, noise=0.2, rng=None):
    """CS231n's spiral: ``n_classes`` arms winding out of the origin.

    Point i of class k has radius r_i = i / (n - 1) and angle
    t = 4 (k + r_i) + noise * N(0, 1), and sits at (r sin t, r cos t).
    Returns X: (n_per_class * n_classes, 2), y: (n_per_class * n_classes,).
    """
    n_per_class, n_classes = _check_sizes(n_per_class, n_classes)
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = as_rng(rng)
    radius = np.linspace(0.0, 1.0, n_per_class)
    angle = 4 * (np.arange(n_classes)[:, None] + radius) + noise * rng.standard_normal((n_classes, n_per_class))
    X = np.stack([radius * np.sin(angle), radius * np.cos(angle)], axis=-1).reshape(-1, 2)
    y = np.repeat(np.arange(n_classes), n_per_class)
    return X, y


def _check_sizes(n_per_class, n_classes):
    n_per_class = check_positive_int(n_per_class, "n_per_class")
    n_classes = check_positive_int(n_classes, "n_classes")
    if n_classes < 2:
        raise ValueError(f"n_classes must be >= 2, got {n_classes}")
    return n_per_class, n_classes


# ---------------------------------------------------------------- loss surfaces


@dataclass(frozen=True)
class QuadraticSurface:
    """f(x, y) = (a x^2 + b y^2) / 2, minimum 0 at (0, 0).

    Gradient (a x, b y); Hessian diag(a, b). The condition number b / a measures how
    elongated the elliptic contours are; gradient descent converges only for a step
    size below 2 / max(a, b).
    """

    a: float = 1.0
    b: float = 10.0

    def __post_init__(self):
        check_positive(self.a, "a")
        check_positive(self.b, "b")

    @property
    def minimum(self):
        """The minimiser, (2,)."""
        return np.zeros(2)

    def value(self, p):
        """p: (..., 2). Returns f at every point: (...)."""
        x, y = _coordinates(p)
        return 0.5 * (self.a * x**2 + self.b * y**2)

    def grad(self, p):
        """p: (..., 2). Returns (df/dx, df/dy) = (a x, b y): (..., 2)."""
        x, y = _coordinates(p)
        return np.stack([self.a * x, self.b * y], axis=-1)

    def hessian(self, p):
        """p: (..., 2). Returns [[a, 0], [0, b]] at every point: (..., 2, 2)."""
        x, _ = _coordinates(p)
        return np.broadcast_to(np.diag([self.a, self.b]), x.shape + (2, 2)).copy()


@dataclass(frozen=True)
class RosenbrockSurface:
    """f(x, y) = (a - x)^2 + b (y - x^2)^2, minimum 0 at (a, a^2).

    Gradient:  df/dx = -2 (a - x) - 4 b x (y - x^2),   df/dy = 2 b (y - x^2).
    Hessian:   [[2 - 4 b (y - x^2) + 8 b x^2, -4 b x], [-4 b x, 2 b]].
    Reaching the valley floor is easy; following it to the minimum is slow.
    """

    a: float = 1.0
    b: float = 100.0

    def __post_init__(self):
        check_number(self.a, "a")
        check_positive(self.b, "b")

    @property
    def minimum(self):
        """The minimiser (a, a^2), (2,)."""
        return np.array([self.a, self.a**2], dtype=np.float64)

    def value(self, p):
        """p: (..., 2). Returns f at every point: (...)."""
        x, y = _coordinates(p)
        return (self.a - x) ** 2 + self.b * (y - x**2) ** 2

    def grad(self, p):
        """p: (..., 2). Returns (df/dx, df/dy): (..., 2)."""
        x, y = _coordinates(p)
        valley = y - x**2
        return np.stack([-2 * (self.a - x) - 4 * self.b * x * valley, 2 * self.b * valley], axis=-1)

    def hessian(self, p):
        """p: (..., 2). Returns the matrix of second derivatives at every point: (..., 2, 2)."""
        x, y = _coordinates(p)
        dxx = 2 - 4 * self.b * (y - x**2) + 8 * self.b * x**2
        dxy = -4 * self.b * x
        dyy = np.full_like(x, 2 * self.b)
        return np.stack([np.stack([dxx, dxy], axis=-1), np.stack([dxy, dyy], axis=-1)], axis=-2)


def quadratic_surface(a=1.0, b=10.0):
    """The elongated bowl f = (a x^2 + b y^2) / 2: a :class:`QuadraticSurface`."""
    return QuadraticSurface(a, b)


def rosenbrock(a=1.0, b=100.0):
    """Rosenbrock's banana valley f = (a - x)^2 + b (y - x^2)^2: a :class:`RosenbrockSurface`."""
    return RosenbrockSurface(a, b)


def _coordinates(p):
    """Split points ``p: (..., 2)`` into their x and y coordinates, each (...)."""
    p = as_float_array(p, "p", min_ndim=1)
    if p.shape[-1] != 2:
        raise ValueError(f"p must have shape (2,) or (..., 2), got {p.shape}")
    return p[..., 0], p[..., 1]
