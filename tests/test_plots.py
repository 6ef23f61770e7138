"""Tests for dlcourse.plots: every function runs on small inputs and draws what it should."""

import matplotlib

matplotlib.use("Agg")  # tests only: no display

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.animation import FuncAnimation  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from dlcourse.data.toy import make_blobs, quadratic_surface, rosenbrock  # noqa: E402
from dlcourse.plots import (  # noqa: E402
    animate_trajectories,
    plot_decision_boundary,
    plot_history,
    plot_trajectories,
    show_filters,
    show_images,
    show_weight_templates,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def gradient_descent_path(surface, start, lr, steps):
    path = [np.asarray(start, dtype=float)]
    for _ in range(steps):
        path.append(path[-1] - lr * surface.grad(path[-1]))
    return np.array(path)


# ---------------------------------------------------------------- plot_history


def test_plot_history_draws_loss_and_accuracy():
    history = {"loss": [1.0, 0.6, 0.4, 0.35], "val_loss": [1.1, 0.7, 0.5, 0.52],
               "train_acc": [0.5, 0.7, 0.8, 0.9], "val_acc": [0.45, 0.6, 0.7, 0.68], "best_epoch": 2}
    fig = plot_history(history)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    loss_ax, acc_ax = fig.axes
    assert len(loss_ax.lines) == 3 and len(acc_ax.lines) == 3, "train, val and the best-epoch marker"
    np.testing.assert_array_equal(loss_ax.lines[0].get_xdata(), [1, 2, 3, 4], err_msg="epochs count from 1")
    np.testing.assert_array_equal(acc_ax.lines[-1].get_xdata(), [3, 3], err_msg="best_epoch 2 (0-based) is epoch 3")
    assert loss_ax.get_ylabel() == "loss" and acc_ax.get_ylabel() == "accuracy"


def test_plot_history_per_iteration_loss_and_no_validation():
    history = {"loss": list(np.linspace(2, 0.1, 30)), "train_acc": [0.3, 0.6, 0.9], "val_acc": []}
    fig, axes = plt.subplots(1, 2)
    assert plot_history(history, axes=axes) is fig
    loss_ax, acc_ax = axes
    assert len(loss_ax.lines) == 1 and len(acc_ax.lines) == 1, "an empty val_acc draws nothing"
    x = loss_ax.lines[0].get_xdata()
    np.testing.assert_allclose([x[0], x[-1]], [0.1, 3.0], err_msg="30 iterations spread over 3 epochs")


def test_plot_history_needs_a_loss():
    with pytest.raises(ValueError, match="loss"):
        plot_history({"train_acc": [0.5]})
    with pytest.raises(ValueError, match="loss"):
        plot_history({"loss": []})


# ---------------------------------------------------------------- optimizer paths


def test_plot_trajectories_on_a_contour_plot(tmp_path):
    surface = quadratic_surface(a=1.0, b=10.0)
    paths = {"lr 0.05": gradient_descent_path(surface, [-4, 1], 0.05, 20),
             "lr 0.18": gradient_descent_path(surface, [-4, 1], 0.18, 20)}
    fig = plot_trajectories(surface, paths)
    ax = fig.axes[0]
    assert len(fig.axes) == 1
    assert len(ax.lines) == 1 + 2 * len(paths), "the minimum, and per path its line and start marker"
    np.testing.assert_array_equal(ax.lines[1].get_xydata(), paths["lr 0.05"], err_msg="the path is drawn as given")
    assert ax.collections, "contour lines are drawn"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["minimum", "lr 0.05", "lr 0.18"]
    xmin, xmax = ax.get_xlim()
    assert xmin < -4 and xmax > 0, "the default box holds the paths and the minimum"
    fig.savefig(tmp_path / "trajectories.png")
    assert (tmp_path / "trajectories.png").read_bytes()[:8] == PNG_MAGIC


def test_plot_trajectories_in_a_given_axes_with_extent():
    surface = rosenbrock()
    fig, ax = plt.subplots()
    path = gradient_descent_path(surface, [-1.5, 2.0], 1e-3, 50)
    assert plot_trajectories(surface, {"gd": path}, ax=ax, extent=(-2, 2, -1, 3), aspect="auto", levels=10) is fig
    assert ax.get_xlim() == (-2, 2) and ax.get_ylim() == (-1, 3)


def test_plot_trajectories_survives_a_diverging_path():
    surface = quadratic_surface()
    path = np.array([[1.0, 1.0], [0.7, -2.0], [0.5, 4.0], [np.inf, -np.inf], [np.nan, np.nan]])
    fig = plot_trajectories(surface, {"too large a step": path})
    xmin, xmax = fig.axes[0].get_xlim()
    ymin, ymax = fig.axes[0].get_ylim()
    assert xmin < 0 < 1 < xmax and ymin < -2 and ymax > 4, "the box holds the finite iterates"


@pytest.mark.parametrize(
    "paths, match",
    [({}, "non-empty dict"), ({"a": np.zeros((5, 3))}, r"\(T, 2\)"), ({"a": np.zeros((0, 2))}, r"\(T, 2\)"),
     ([np.zeros((5, 2))], "dict")],
)
def test_plot_trajectories_rejects_bad_paths(paths, match):
    with pytest.raises(ValueError, match=match):
        plot_trajectories(quadratic_surface(), paths)


def test_animate_trajectories_to_jshtml():
    surface = quadratic_surface()
    paths = {"a": gradient_descent_path(surface, [-2, 1], 0.1, 2), "b": gradient_descent_path(surface, [2, 1], 0.05, 1)}
    animation = animate_trajectories(surface, paths, interval=50)
    assert isinstance(animation, FuncAnimation)
    assert animation._fig.number not in plt.get_fignums(), "the still figure is closed, not shown twice"
    html = animation.to_jshtml()
    assert html.count("data:image/png;base64") == 3, "one frame per iterate of the longest path"
    ax = animation._fig.axes[0]
    lines = [line for line in ax.lines if line.get_label() in paths]
    np.testing.assert_array_equal(lines[0].get_xydata(), paths["a"], err_msg="the last frame shows all of path a")
    np.testing.assert_array_equal(lines[1].get_xydata(), paths["b"], err_msg="a finished path stays whole")
    assert ax.get_title() == "step 2"


def test_animate_trajectories_subsamples_long_paths():
    path = gradient_descent_path(rosenbrock(), [-1.5, 2.0], 1e-3, 49)
    animation = animate_trajectories(rosenbrock(), {"gd": path}, max_frames=4, resolution=20)
    html = animation.to_jshtml()
    assert html.count("data:image/png;base64") == 4, "50 iterates shown in 4 frames"
    ax = animation._fig.axes[0]
    assert ax.get_title() == "step 49", "the last frame is the last iterate"
    np.testing.assert_array_equal(ax.lines[-1].get_xydata(), path)


def test_animate_trajectories_in_a_given_axes_keeps_the_figure():
    fig, ax = plt.subplots()
    animation = animate_trajectories(rosenbrock(), {"a": np.array([[0.0, 0.0], [0.5, 0.2]])}, ax=ax, resolution=20)
    assert animation._fig is fig and fig.number in plt.get_fignums()
    assert "<script" in animation.to_jshtml()


# ---------------------------------------------------------------- decision boundary


def test_plot_decision_boundary_with_labels_and_with_scores():
    X, y = make_blobs(n_per_class=10, n_classes=3, rng=0)
    centres = np.array([X[y == k].mean(axis=0) for k in range(3)])

    def nearest_centre(points):
        return np.argmin(((points[:, None, :] - centres) ** 2).sum(axis=2), axis=1)

    def scores(points):
        return -((points[:, None, :] - centres) ** 2).sum(axis=2)

    for predict in (nearest_centre, scores):
        fig = plot_decision_boundary(predict, X, y, resolution=30)
        ax = fig.axes[0]
        assert len(fig.axes) == 1 and len(ax.collections) == 2, "filled regions and the data points"
        np.testing.assert_array_equal(ax.collections[1].get_offsets(), X, err_msg="the data are drawn")


def test_plot_decision_boundary_rejects_bad_input():
    X, y = make_blobs(n_per_class=5, n_classes=2, rng=0)
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        plot_decision_boundary(lambda p: np.zeros(len(p), int), np.zeros((4, 3)), np.zeros(4, int))
    with pytest.raises(ValueError, match="predict_fn must return"):
        plot_decision_boundary(lambda p: np.zeros(3, int), X, y, resolution=10)
    with pytest.raises(ValueError, match="labels"):
        plot_decision_boundary(lambda p: np.zeros(len(p), int), X, y[:-1])


# ---------------------------------------------------------------- weights and images


def test_show_weight_templates_grey(tmp_path, rng):
    W = rng.standard_normal((10, 64))
    fig = show_weight_templates(W)
    ax = fig.axes[0]
    assert len(fig.axes) == 1 and len(ax.images) == 1, "one mosaic image"
    assert [t.get_text() for t in ax.texts] == [str(k) for k in range(10)]
    mosaic = np.ma.filled(ax.images[0].get_array(), np.nan)
    top, left = 3, 9 * 4  # gap of 3 rows above the tiles (room for labels); tile 4 starts at column 36
    np.testing.assert_allclose(mosaic[top:top + 8, left:left + 8], W[4].reshape(8, 8) / np.abs(W[4]).max(),
                               err_msg="template 4, scaled by its largest |w|")
    fig.savefig(tmp_path / "templates.png")
    assert (tmp_path / "templates.png").read_bytes()[:8] == PNG_MAGIC


def test_show_weight_templates_colour_and_names(rng):
    W = rng.standard_normal((3, 3 * 4 * 4))
    fig = show_weight_templates(W, image_shape=(3, 4, 4), labels=["cat", "dog", "ship"], ncols=2)
    image = fig.axes[0].images[0].get_array()
    assert image.ndim == 3 and image.shape[2] == 3, "an RGB mosaic"
    assert image.min() >= 0 and image.max() <= 1
    first = np.asarray(image[2:6, 0:4])  # gap 2 above the first row of 4x4 tiles
    np.testing.assert_allclose(first.min(), 0.0, atol=1e-12, err_msg="each template is min-max scaled")
    np.testing.assert_allclose(first.max(), 1.0)
    assert [t.get_text() for t in fig.axes[0].texts] == ["cat", "dog", "ship"]


@pytest.mark.parametrize(
    "kwargs, match",
    [(dict(image_shape=(7, 7)), "image_shape"), (dict(image_shape=(2, 4, 8)), "image_shape"),
     (dict(labels=["a", "b"]), "labels")],
)
def test_show_weight_templates_rejects_bad_shapes(rng, kwargs, match):
    with pytest.raises(ValueError, match=match):
        show_weight_templates(rng.standard_normal((10, 64)), **kwargs)


def test_show_filters_grey_grid(rng):
    weight = rng.standard_normal((4, 2, 3, 3))
    fig = show_filters(weight)
    ax = fig.axes[0]
    assert len(ax.images) == 1
    assert ax.images[0].get_array().shape == (4 * (3 + 1), 2 * (3 + 1) - 1), "4 rows x 2 columns of 3x3 tiles"
    assert len(ax.get_xticks()) == 2 and len(ax.get_yticks()) == 4
    assert ax.get_xlabel() == "input channel" and ax.get_ylabel() == "output channel"
    tile = np.asarray(ax.images[0].get_array()[1 + 4:1 + 4 + 3, 4:7])  # output 1, input 1
    np.testing.assert_allclose(tile, weight[1, 1] / np.abs(weight[1]).max(),
                               err_msg="scaled by the largest |w| of its output filter")


def test_show_filters_single_input_channel_in_rows(rng):
    fig = show_filters(rng.standard_normal((6, 1, 3, 3)), ncols=3)
    ax = fig.axes[0]
    assert ax.images[0].get_array().shape == (2 * (3 + 1), 3 * (3 + 1) - 1), "2 rows of 3 tiles, a label gap above"
    assert [t.get_text() for t in ax.texts] == ["0", "1", "2", "3", "4", "5"]


def test_show_filters_rgb_and_given_axes(rng):
    fig, ax = plt.subplots()
    assert show_filters(rng.standard_normal((5, 3, 3, 3)), ax=ax) is fig
    assert ax.images[0].get_array().shape[2] == 3, "filters on RGB input are colour tiles"


def test_show_images_flat_digits_with_labels(rng):
    X = rng.uniform(0, 1, size=(12, 64))
    fig = show_images(X, labels=np.arange(12) % 10)
    ax = fig.axes[0]
    assert len(ax.images) == 1 and len(ax.texts) == 12
    assert [t.get_text() for t in ax.texts][:3] == ["0", "1", "2"]


def test_show_images_layouts(rng):
    uint8 = rng.integers(0, 256, size=(3, 28, 28), dtype=np.uint8)
    mosaic = np.ma.filled(show_images(uint8).axes[0].images[0].get_array(), np.nan)
    np.testing.assert_allclose(mosaic[1:29, 0:28], uint8[0] / 255.0, err_msg="uint8 pixels are shown on 0..255")
    assert show_images(rng.uniform(size=(4, 1, 8, 8)), ncols=2).axes[0].images[0].get_array().shape == (18, 17)
    assert show_images(rng.uniform(size=(2, 3, 5, 5))).axes[0].images[0].get_array().shape[2] == 3
    assert show_images(rng.uniform(size=(2, 12)), image_shape=(3, 4)).axes[0].images[0].get_array().shape == (4, 9)
    assert show_images(np.zeros((2, 4, 4))).axes[0].images[0].get_array().shape == (5, 9), "constant images are fine"


def test_show_images_rejects_bad_labels(rng):
    with pytest.raises(ValueError, match="one entry per image"):
        show_images(rng.uniform(size=(3, 64)), labels=[1, 2])
