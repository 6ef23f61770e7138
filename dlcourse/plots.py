"""Pictures for the course: training curves, optimizer paths, decision boundaries, weights as images.

matplotlib only. Every function draws into the ``ax`` it is given (a new figure when
None) and returns the Figure; :func:`animate_trajectories` returns the animation,
which a notebook shows with ``HTML(anim.to_jshtml())`` (no ffmpeg needed).

Functions that show many small images (weights, filters, examples) tile them into one
mosaic image in a single Axes, with one pixel of white between tiles.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.colors import ListedColormap
from matplotlib.ticker import MaxNLocator

from dlcourse._validation import as_float_array, as_labels, check_positive_int

SIGNED_CMAP = "RdBu_r"  # weights: red positive, blue negative, white zero

# ---------------------------------------------------------------- training curves


def plot_history(history, axes=None):
    """Loss (left) and accuracy (right) against the epoch.

    history: dict with "loss" (training loss, recorded per epoch or per iteration: its
        points are spread evenly over the epochs), "train_acc" and "val_acc" (one value
        per epoch; "val_acc" may be empty), and optionally "val_loss" (per epoch) and
        "best_epoch" (0-based index of the best epoch, as ``EarlyStopping.best_epoch``;
        drawn as a dashed line at epoch best_epoch + 1).
    axes: two Axes (loss, accuracy); a new 1x2 figure when None.
    Returns the Figure.
    """
    if "loss" not in history or len(history["loss"]) == 0:
        raise ValueError("history must hold a non-empty 'loss' list")
    curves = {key: as_float_array(history.get(key, []), f"history[{key!r}]", ndim=1, allow_nan=True)
              for key in ("loss", "val_loss", "train_acc", "val_acc")}
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
    loss_ax, acc_ax = axes

    num_epochs = max(len(curves["train_acc"]), len(curves["val_acc"]), len(curves["val_loss"])) or len(curves["loss"])
    loss_x = np.arange(1, len(curves["loss"]) + 1) * num_epochs / len(curves["loss"])
    _plot_curve(loss_ax, loss_x, curves["loss"], "train")
    _plot_per_epoch(loss_ax, curves["val_loss"], "val")
    _plot_per_epoch(acc_ax, curves["train_acc"], "train")
    _plot_per_epoch(acc_ax, curves["val_acc"], "val")

    for ax, ylabel in ((loss_ax, "loss"), (acc_ax, "accuracy")):
        if history.get("best_epoch") is not None:
            ax.axvline(history["best_epoch"] + 1, color="gray", linestyle="--", linewidth=1, label="best epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("epoch")
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
        ax.legend()
    return loss_ax.figure


def _plot_per_epoch(ax, values, label):
    if len(values):
        _plot_curve(ax, np.arange(1, len(values) + 1), values, label)


def _plot_curve(ax, x, values, label):
    """A line, with a dot on every point when there are few of them."""
    ax.plot(x, values, marker="o" if len(values) <= 30 else None, markersize=3, label=label)


# ---------------------------------------------------------------- optimizer paths


def plot_trajectories(surface, paths, ax=None, extent=None, levels=25, resolution=200, aspect="equal"):
    """Optimizer paths on the contour lines of a 2-D loss surface.

    surface: an object with ``value(p)`` for points ``p: (..., 2)`` and ``minimum: (2,)``,
        e.g. ``dlcourse.data.toy.rosenbrock()``.
    paths: {name: (T, 2) array of the iterates}, one line each, in the legend.
    extent: (xmin, xmax, ymin, ymax); by default the box around the paths and the minimum.
    levels: number of contour lines, spaced geometrically (over four decades) in height
        above the lowest point of the box, so the flat valley floor gets lines too.
    aspect: "equal" keeps gradients perpendicular to the contours, as they are; "auto"
        fills the Axes.
    Returns the Figure.
    """
    paths = _check_paths(paths)
    extent = _extent(paths, surface.minimum) if extent is None else extent
    fig, ax = _figure_and_axes(ax, figsize=_surface_figsize(extent, aspect))
    _draw_surface(ax, surface, extent, levels, resolution, aspect)
    for name, path in paths.items():
        line, = ax.plot(path[:, 0], path[:, 1], marker="o", markersize=2.5, markevery=_marker_step(path),
                        linewidth=1.3, label=name)
        ax.plot(*path[0], marker="o", markersize=6, markerfacecolor="white", color=line.get_color())
    ax.legend(loc="best", fontsize=8)
    return fig


def animate_trajectories(surface, paths, ax=None, extent=None, levels=25, resolution=150, aspect="equal",
                         interval=100, max_frames=100):
    """The same picture as :func:`plot_trajectories`, drawn step by step.

    Frame t shows the first t + 1 iterates of every path (a finished path stays whole).
    Longer paths are shown at ``max_frames`` evenly spaced steps, keeping the HTML small.
    interval: milliseconds between frames.
    Returns a ``matplotlib.animation.FuncAnimation``; in a notebook: ``HTML(anim.to_jshtml())``.
    When ``ax`` is None the new figure is closed, so that the notebook does not also show
    it as a still image (the animation still draws on it).
    """
    paths = _check_paths(paths)
    max_frames = check_positive_int(max_frames, "max_frames")
    created_figure = ax is None
    extent = _extent(paths, surface.minimum) if extent is None else extent
    fig, ax = _figure_and_axes(ax, figsize=_surface_figsize(extent, aspect))
    _draw_surface(ax, surface, extent, levels, resolution, aspect)
    lines = {name: ax.plot([], [], marker="o", markersize=2.5, linewidth=1.3, label=name)[0] for name in paths}
    ax.legend(loc="best", fontsize=8)
    title = ax.set_title("")

    def draw_step(t):
        for name, path in paths.items():
            lines[name].set_data(path[: t + 1, 0], path[: t + 1, 1])
        title.set_text(f"step {t}")
        return [*lines.values(), title]

    longest = max(len(path) for path in paths.values())
    steps = np.unique(np.linspace(0, longest - 1, min(longest, max_frames)).round().astype(int))
    animation = FuncAnimation(fig, draw_step, frames=steps, interval=interval, blit=False)
    if created_figure:
        plt.close(fig)
    return animation


def _check_paths(paths):
    if not isinstance(paths, dict) or not paths:
        raise ValueError("paths must be a non-empty dict {name: (T, 2) array}")
    checked = {}
    for name, path in paths.items():
        path = as_float_array(path, f"paths[{name!r}]", ndim=2, allow_nan=True)
        if path.shape[1] != 2 or len(path) == 0:
            raise ValueError(f"paths[{name!r}] must have shape (T, 2) with T >= 1, got {path.shape}")
        checked[name] = path
    return checked


def _marker_step(path):
    """Mark every iterate of a short path, about 40 of a long one."""
    return max(1, len(path) // 40)


def _surface_figsize(extent, aspect):
    """A figure shaped like the box when the aspect is equal, so that it is not mostly blank."""
    xmin, xmax, ymin, ymax = extent
    height = 6.0 * (ymax - ymin) / (xmax - xmin) if aspect == "equal" else 4.5
    return 6.5, min(max(height, 2.2), 6.5) + 0.8


def _extent(paths, minimum):
    """(xmin, xmax, ymin, ymax) around every finite point of the paths and the minimum, plus 15%."""
    points = np.concatenate([*paths.values(), np.reshape(minimum, (1, 2))])
    points = points[np.all(np.isfinite(points), axis=1)]
    low, high = points.min(axis=0), points.max(axis=0)
    margin = np.where(high > low, 0.15 * (high - low), 1.0)
    low, high = low - margin, high + margin
    return low[0], high[0], low[1], high[1]


def _draw_surface(ax, surface, extent, levels, resolution, aspect):
    """Contour lines of ``surface.value`` over ``extent`` and a star at the minimum."""
    levels = check_positive_int(levels, "levels")
    resolution = check_positive_int(resolution, "resolution")
    xmin, xmax, ymin, ymax = extent
    grid_x, grid_y = np.meshgrid(np.linspace(xmin, xmax, resolution), np.linspace(ymin, ymax, resolution))
    heights = surface.value(np.stack([grid_x, grid_y], axis=-1))
    lowest, span = heights.min(), np.ptp(heights)
    contour_levels = lowest + np.geomspace(span * 1e-4, span, levels) if span > 0 else levels
    colours = plt.get_cmap("viridis")(np.linspace(0.0, 0.9, levels))  # by rank: low purple, high green
    ax.contour(grid_x, grid_y, heights, levels=contour_levels, colors=colours, linewidths=0.7, alpha=0.7)
    ax.plot(*surface.minimum, marker="*", markersize=13, color="black", linestyle="none", label="minimum")
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect(aspect)
    ax.set_xlabel("x")
    ax.set_ylabel("y")


# ---------------------------------------------------------------- decision boundaries


def plot_decision_boundary(predict_fn, X, y, ax=None, resolution=200, margin=0.5):
    """The classes a model predicts over the plane, with the data on top.

    predict_fn: maps points (M, 2) to class indices (M,) or to scores/probabilities (M, K)
        (then the argmax is the class).
    X: (N, 2) the data; y: (N,) their classes (int). margin: space around the data.
    Returns the Figure.
    """
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"X must have shape (N, 2), got {X.shape}")
    y = as_labels(y, len(X))
    resolution = check_positive_int(resolution, "resolution")
    fig, ax = _figure_and_axes(ax, figsize=(5.5, 5))

    low, high = X.min(axis=0) - margin, X.max(axis=0) + margin
    grid_x, grid_y = np.meshgrid(np.linspace(low[0], high[0], resolution), np.linspace(low[1], high[1], resolution))
    predicted = np.asarray(predict_fn(np.column_stack([grid_x.ravel(), grid_y.ravel()])))
    if predicted.ndim == 2:
        predicted = predicted.argmax(axis=1)
    if predicted.shape != (grid_x.size,):
        raise ValueError(f"predict_fn must return ({grid_x.size},) classes or ({grid_x.size}, K) scores, "
                         f"got shape {predicted.shape}")

    num_classes = int(max(y.max(initial=0), predicted.max())) + 1
    cmap = ListedColormap(plt.get_cmap("tab10").colors[:num_classes]) if num_classes <= 10 else plt.get_cmap("tab20")
    bounds = dict(cmap=cmap, vmin=-0.5, vmax=num_classes - 0.5)
    ax.contourf(grid_x, grid_y, predicted.reshape(grid_x.shape), levels=np.arange(num_classes + 1) - 0.5,
                alpha=0.3, **bounds)
    ax.scatter(X[:, 0], X[:, 1], c=y, s=18, edgecolors="black", linewidths=0.5, **bounds)
    ax.set_xlim(low[0], high[0])
    ax.set_ylim(low[1], high[1])
    return fig


# ---------------------------------------------------------------- weights and images


def show_weight_templates(W, image_shape=(8, 8), labels=None, ax=None, ncols=None):
    """The rows of a linear classifier's weights, each shown as an image: one template per class.

    W: (K, D) with D = prod(image_shape), e.g. ``Linear.weight.data``.
    image_shape: (H, W) for grey images, (3, H, W) for colour (CIFAR-10).
    labels: K names for the titles (default 0..K-1). ncols: tiles per row (default min(K, 10)).
    Grey templates use a red (positive) / blue (negative) colour map, each scaled by its
    own largest |w|; colour templates are min-max scaled to [0, 1] each (as CS231n).
    Returns the Figure.
    """
    W = as_float_array(W, "W", ndim=2)
    templates = _as_images(W, tuple(image_shape), "W")
    labels = [str(k) for k in range(len(W))] if labels is None else labels
    if len(labels) != len(W):
        raise ValueError(f"labels must have one entry per row of W ({len(W)}), got {len(labels)}")
    ncols = ncols or min(len(W), 10)
    if templates.ndim == 4:
        return _show_tiles(_min_max_each(templates), labels, ax, ncols, title="weight templates")
    return _show_tiles(_signed_each(templates), labels, ax, ncols, cmap=SIGNED_CMAP,
                       title="weight templates (red +, blue -)")


def show_filters(weight, ax=None, ncols=None):
    """Convolution filters ``weight: (C_out, C_in, K, K)`` as images.

    Grey tiles are red positive / blue negative, scaled by each filter's largest |w|.
    C_in = 1: one grey tile per filter, ``ncols`` per row (default up to 8), titled by index.
    C_in = 3 (filters on RGB input): one colour tile per filter, min-max scaled.
    Otherwise: one grey tile per (output, input) channel pair on a C_out x C_in grid.
    Returns the Figure.
    """
    weight = as_float_array(weight, "weight", ndim=4)
    c_out, c_in, k_h, k_w = weight.shape
    ncols = ncols or min(c_out, 8)
    if c_in == 1:
        return _show_tiles(_signed_each(weight[:, 0]), [str(i) for i in range(c_out)], ax, ncols,
                           cmap=SIGNED_CMAP, title="filters (red +, blue -)")
    if c_in == 3:
        return _show_tiles(_min_max_each(weight.transpose(0, 2, 3, 1)), None, ax, ncols, title="filters")
    tiles = _signed_each(weight).reshape(c_out * c_in, k_h, k_w)
    fig = _show_tiles(tiles, None, ax, c_in, cmap=SIGNED_CMAP, title="filters (red +, blue -)")
    ax = fig.axes[0] if ax is None else ax
    ax.set_xticks(np.arange(c_in) * (k_w + 1) + (k_w - 1) / 2, [str(i) for i in range(c_in)])
    ax.set_yticks(np.arange(c_out) * (k_h + 1) + 1 + (k_h - 1) / 2, [str(i) for i in range(c_out)])
    ax.set_xlabel("input channel")
    ax.set_ylabel("output channel")
    return fig


def show_images(X, labels=None, image_shape=None, ax=None, ncols=None, cmap="gray_r"):
    """A grid of examples with their labels above them.

    X: (N, H, W) grey, (N, C, H, W) with C = 1 or 3, or (N, D) flat with ``image_shape``
        (default: square, e.g. 64 -> (8, 8)).
    labels: N values shown above the tiles (class indices or names), or None.
    All tiles share one brightness scale: 0..255 for uint8, else the min..max of X.
    Returns the Figure.
    """
    X = np.asarray(X)
    integer_pixels = X.dtype == np.uint8
    X = as_float_array(X, "X", min_ndim=2)
    if image_shape is None:
        image_shape = (math.isqrt(X.shape[1]),) * 2 if X.ndim == 2 else X.shape[1:]
    images = _as_images(X, tuple(image_shape), "X")
    if labels is not None and len(labels) != len(X):
        raise ValueError(f"labels must have one entry per image ({len(X)}), got {len(labels)}")
    low, high = (0.0, 255.0) if integer_pixels else (X.min(), X.max())
    images = (images - low) / (high - low if high > low else 1.0)
    return _show_tiles(images, labels, ax, ncols or min(len(X), 10), cmap=cmap)


def _as_images(X, image_shape, name):
    """Rows of ``X`` as images: (N, H, W) grey, or (N, H, W, 3) colour from a (3, H, W) shape."""
    if len(image_shape) not in (2, 3) or (len(image_shape) == 3 and image_shape[0] not in (1, 3)):
        raise ValueError(f"image_shape must be (H, W), (1, H, W) or (3, H, W), got {image_shape}")
    if math.prod(X.shape[1:]) != math.prod(image_shape):
        raise ValueError(f"{name} has {math.prod(X.shape[1:])} values per row, "
                         f"but image_shape {image_shape} needs {math.prod(image_shape)}")
    images = X.reshape((len(X), *image_shape))
    if len(image_shape) == 3:
        images = images[:, 0] if image_shape[0] == 1 else images.transpose(0, 2, 3, 1)
    return images


def _signed_each(weights):
    """Divide each weights[i] by its largest |w|: values in [-1, 1], zero stays zero."""
    scale = np.max(np.abs(weights), axis=tuple(range(1, weights.ndim)), keepdims=True)
    return weights / np.where(scale > 0, scale, 1.0)


def _min_max_each(images):
    """Map each images[i] linearly onto [0, 1] (its minimum to 0, its maximum to 1)."""
    axes = tuple(range(1, images.ndim))
    low = images.min(axis=axes, keepdims=True)
    span = images.max(axis=axes, keepdims=True) - low
    return (images - low) / np.where(span > 0, span, 1.0)


def _show_tiles(images, labels, ax, ncols, cmap="gray_r", title=None):
    """Draw ``images`` as one mosaic in ``ax``, with ``labels`` above the tiles.

    images: (N, H, W) grey, in [-1, 1] for the signed colour map, else in [0, 1];
    or (N, H, W, 3) RGB in [0, 1].
    """
    n, h, w = images.shape[:3]
    ncols = check_positive_int(ncols, "ncols")
    nrows = math.ceil(n / ncols)
    gap_y = max(1, round(0.4 * h)) if labels is not None else 1
    mosaic, corners = _mosaic(images, ncols, gap_x=1, gap_y=gap_y)
    fig, ax = _figure_and_axes(ax, figsize=(0.9 * ncols + 0.4, 0.9 * nrows * (h + gap_y) / (w + 1) + 0.6))
    if images.ndim == 4:
        ax.imshow(np.nan_to_num(mosaic, nan=1.0), interpolation="nearest")  # white gaps
    else:
        low = -1.0 if cmap == SIGNED_CMAP else 0.0
        colours = plt.get_cmap(cmap).with_extremes(bad="white")
        ax.imshow(mosaic, cmap=colours, vmin=low, vmax=1.0, interpolation="nearest")
    for (top, left), label in zip(corners, labels, strict=True) if labels is not None else []:
        ax.text(left + (w - 1) / 2, top - 0.6, str(label), ha="center", va="bottom", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title:
        ax.set_title(title, fontsize=10)
    return fig


def _mosaic(images, ncols, gap_x, gap_y):
    """Tile ``images`` (N, H, W[, 3]) row by row, ``ncols`` per row, NaN in the gaps.

    Every row has ``gap_y`` empty pixels above it (room for a label); columns are
    ``gap_x`` apart. Returns the mosaic and the (top, left) pixel of each tile.
    """
    n, h, w = images.shape[:3]
    nrows = math.ceil(n / ncols)
    mosaic = np.full((nrows * (h + gap_y), ncols * (w + gap_x) - gap_x, *images.shape[3:]), np.nan)
    corners = []
    for i, image in enumerate(images):
        row, col = divmod(i, ncols)
        top, left = row * (h + gap_y) + gap_y, col * (w + gap_x)
        mosaic[top : top + h, left : left + w] = image
        corners.append((top, left))
    return mosaic, corners


def _figure_and_axes(ax, figsize):
    """``ax`` and its Figure, or a new Figure with one Axes."""
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
        return fig, ax
    return ax.figure, ax
