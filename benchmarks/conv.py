"""Time conv2d forward + backward: loops (naive) vs im2col + matmul vs torch on the CPU.

Run:  .venv/bin/python benchmarks/conv.py   (or `make bench`)

Workload: x (32, 3, 32, 32), 16 filters 3x3, stride 1, padding 1, float64 on every side
(torch in float64 too, so all three do the same arithmetic). Forward and backward are
timed separately, each as the best of a few repeats (the minimum filters out noise from
other processes); total = forward + backward. The naive loops are timed on 2 images and
scaled linearly to 32 (their cost is exactly linear in the batch size).

numpy's BLAS runs single-threaded here (OPENBLAS_NUM_THREADS=1 unless you set it), so the
fair comparison is with torch.set_num_threads(1); torch with its default threads is shown too.

Three choices inside dlcourse.functional.conv came from measuring this script:
- im2col copies the patches in (c, u, v, n, i, j) order and returns the transpose: the copy
  moves contiguous image rows, ~6x faster than writing 27-element rows of a C-ordered cols;
- conv2d_backward writes D W into the memory of cols instead of a fresh array: allocating
  (and page-faulting) a second ~7 MB matrix doubled the backward time;
- conv2d_backward multiplies image by image on views of dout (one batched np.matmul)
  instead of first copying dout to a (C_out, N*H_out*W_out) matrix: ~2 ms less.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # must be set before numpy is imported

import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from dlcourse.functional.conv import conv2d, conv2d_backward, conv2d_naive, conv2d_naive_backward  # noqa: E402

BATCH, CHANNELS, SIZE, FILTERS, KERNEL, STRIDE, PADDING = 32, 3, 32, 16, 3, 1, 1
NAIVE_BATCH = 2
REPEATS = 30
NAIVE_REPEATS = 3


def best_time(fn, repeats):
    """Smallest wall time of ``repeats`` calls of fn (after one warm-up call), in seconds."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def time_numpy(forward, backward, x, w, b, dout, repeats):
    """(forward, backward) times of a numpy implementation."""
    forward_time = best_time(lambda: forward(x, w, b, STRIDE, PADDING), repeats)
    backward_time = best_time(lambda: backward(dout, x, w, STRIDE, PADDING), repeats)
    return forward_time, backward_time


def time_torch(x, w, b, dout, threads):
    """(forward, backward) times of torch's F.conv2d with autograd and ``threads`` intra-op threads."""
    torch.set_num_threads(threads)
    xt, wt, bt = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
    dout_t = torch.from_numpy(dout)
    forward_time = best_time(lambda: F.conv2d(xt, wt, bt, stride=STRIDE, padding=PADDING), REPEATS)
    out = F.conv2d(xt, wt, bt, stride=STRIDE, padding=PADDING)

    def backward():
        xt.grad = wt.grad = bt.grad = None
        out.backward(dout_t, retain_graph=True)

    return forward_time, best_time(backward, REPEATS)


def numpy_step(forward, backward, x, w, b, dout):
    """One forward + backward pass of a numpy implementation; returns (out, dx, dw, db)."""
    out = forward(x, w, b, STRIDE, PADDING)
    return (out, *backward(dout, x, w, STRIDE, PADDING))


def torch_step(x, w, b, dout):
    """One forward + backward pass of torch's F.conv2d with autograd; returns (out, dx, dw, db)."""
    x, w, b = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
    out = F.conv2d(x, w, b, stride=STRIDE, padding=PADDING)
    out.backward(torch.from_numpy(dout))
    return out.detach().numpy(), x.grad.numpy(), w.grad.numpy(), b.grad.numpy()


def max_difference(results, reference):
    return max(float(np.max(np.abs(np.asarray(a) - np.asarray(r)))) for a, r in zip(results, reference))


def main():
    default_threads = torch.get_num_threads()
    rng = np.random.default_rng(0)
    x = rng.standard_normal((BATCH, CHANNELS, SIZE, SIZE))
    w = rng.standard_normal((FILTERS, CHANNELS, KERNEL, KERNEL))
    b = rng.standard_normal(FILTERS)
    dout = rng.standard_normal(conv2d(x, w, b, STRIDE, PADDING).shape)

    scale = BATCH / NAIVE_BATCH
    x_few, dout_few = x[:NAIVE_BATCH], dout[:NAIVE_BATCH]
    naive = time_numpy(conv2d_naive, conv2d_naive_backward, x_few, w, b, dout_few, NAIVE_REPEATS)
    naive = tuple(scale * t for t in naive)
    im2col = time_numpy(conv2d, conv2d_backward, x, w, b, dout, REPEATS)
    torch_one = time_torch(x, w, b, dout, 1)
    torch_default = time_torch(x, w, b, dout, default_threads)

    print(f"conv2d forward + backward: x {x.shape}, w {w.shape}, stride {STRIDE}, padding {PADDING}, float64")
    print(
        f"best of {REPEATS} repeats (naive: best of {NAIVE_REPEATS}); numpy BLAS threads: "
        f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}"
    )
    print()
    rows = [
        (f"naive loops (timed on {NAIVE_BATCH} images, x{scale:g})", naive),
        ("im2col + matmul", im2col),
        ("torch F.conv2d, 1 thread", torch_one),
        (f"torch F.conv2d, {default_threads} threads (default)", torch_default),
    ]
    print(f"{'method':<44}{'forward ms':>12}{'backward ms':>13}{'total ms':>11}")
    for name, (forward, backward) in rows:
        print(f"{name:<44}{1e3 * forward:>12.2f}{1e3 * backward:>13.2f}{1e3 * (forward + backward):>11.2f}")
    naive_total, im2col_total = sum(naive), sum(im2col)
    torch1_total, torchn_total = sum(torch_one), sum(torch_default)
    print()
    ratio_torch1 = im2col_total / torch1_total
    verdict = "met" if ratio_torch1 <= 2 else "NOT met"
    print(f"im2col / torch (1 thread):        {ratio_torch1:6.2f}x   target <= 2x: {verdict}")
    print(f"im2col / torch ({default_threads} threads):        {im2col_total / torchn_total:6.2f}x")
    print(f"naive  / im2col:                  {naive_total / im2col_total:6.1f}x")
    print()

    torch.set_num_threads(default_threads)
    reference = torch_step(x, w, b, dout)
    im2col_results = numpy_step(conv2d, conv2d_backward, x, w, b, dout)
    naive_results = numpy_step(conv2d_naive, conv2d_naive_backward, x_few, w, b, dout_few)
    few_reference = torch_step(x_few, w, b, dout_few)
    for name, diff in [
        ("im2col vs torch", max_difference(im2col_results, reference)),
        (f"naive vs torch ({NAIVE_BATCH} images)", max_difference(naive_results, few_reference)),
    ]:
        verdict = "agree" if diff < 1e-8 else "DISAGREE"
        print(f"{name:<28} max |difference| over out, dx, dw, db = {diff:.1e}  ({verdict})")


if __name__ == "__main__":
    main()
