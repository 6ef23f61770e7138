"""2-D convolution, from its definition to ``im2col`` + one matrix product.

Shapes are NCHW throughout: ``x: (N, C, H, W)`` images, ``w: (C_out, C, K, K)``
square filters, ``b: (C_out,)`` biases, ``out: (N, C_out, H_out, W_out)``.

What deep-learning libraries call "convolution" is the *cross-correlation*

    out[n, k, i, j] = b[k] + sum_{c, u, v} x_pad[n, c, i*S + u, j*S + v] * w[k, c, u, v]

(lecture 000 writes it S(i, j) = sum_m sum_n I(i + m, j + n) K(m, n)). The slide's
worked example (entry aw + bx + ey + fz) is this cross-correlation, not the
convolution sum I(i - m, j - n) K(m, n) it is labelled with; the true convolution
is the cross-correlation with the kernel flipped in both axes (see errata.md).
torch's ``F.conv2d`` computes the cross-correlation too, and so does this module.

Output size (the slide calls it "Input Size = (N - F)/S + 1"; it is the output
size, and with zero padding P it is (N + 2P - F)/S + 1). When the filter does not
tile the padded input, this module raises ValueError instead of flooring like torch.
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_float_array, check_positive_int, check_shape


def conv_output_size(n, f, stride=1, padding=0):
    """Output size of a convolution or pooling along one spatial dimension.

    m = (n + 2p - f) / s + 1

    n: input size, f: filter size, stride s >= 1, padding p >= 0 (zeros on each side).
    Returns m (int). Raises ValueError when f > n + 2p or when s does not divide
    n + 2p - f (the filter would not tile the padded input; torch silently drops the
    leftover rows, this course does not).
    """
    n = check_positive_int(n, "input size n")
    f = check_positive_int(f, "filter size f")
    stride = check_positive_int(stride, "stride")
    padding = check_positive_int(padding, "padding", allow_zero=True)
    padded = n + 2 * padding
    if f > padded:
        raise ValueError(
            f"filter size {f} is larger than the padded input n + 2p = {n} + 2*{padding} = {padded}; "
            f"use a filter of size <= {padded} or padding >= {(f - n + 1) // 2}"
        )
    if (padded - f) % stride != 0:
        raise ValueError(
            f"invalid dimension: the filter does not tile the input, (n + 2p - f)/s = "
            f"({n} + 2*{padding} - {f})/{stride} = {(padded - f) / stride:g} is not a whole number; "
            f"{_tiling_suggestion(n, f, stride, padding)}"
        )
    return (padded - f) // stride + 1


def _tiling_suggestion(n, f, stride, padding):
    """A sentence naming a padding or a stride that would make the filter tile the input."""
    for p in range(padding, padding + stride):
        if (n + 2 * p - f) % stride == 0:
            return f"padding={p} or a stride that divides {n + 2 * padding - f} would fix it"
    return f"use a stride that divides n + 2p - f = {n + 2 * padding - f}"


def padding_for_output(n, f, stride, m):
    """Zero padding that makes a convolution produce output size m.

    Z = ((m - 1) S + F - N) / 2

    With stride 1 and m = n ("same" padding) this is Z = (F - 1)/2: 1 for F = 3,
    2 for F = 5 (the slide's "F-S/2" is a typo). Returns Z (int). Raises ValueError
    when Z is negative or not a whole number.
    """
    n = check_positive_int(n, "input size n")
    f = check_positive_int(f, "filter size f")
    stride = check_positive_int(stride, "stride")
    m = check_positive_int(m, "output size m")
    twice_z = (m - 1) * stride + f - n
    if twice_z < 0:
        raise ValueError(
            f"output size {m} needs negative padding ((m-1)S + F - N)/2 = {twice_z / 2:g} "
            f"for n={n}, f={f}, stride={stride}; ask for a larger output or use a larger stride"
        )
    if twice_z % 2 != 0:
        raise ValueError(
            f"no whole padding gives output size {m}: ((m-1)S + F - N)/2 = {twice_z}/2 for "
            f"n={n}, f={f}, stride={stride}; change the filter size or the output size by one"
        )
    return twice_z // 2


def _pad(x, padding):
    """Zero-pad the two spatial axes of ``x: (N, C, H, W)`` by ``padding`` on each side."""
    if padding == 0:
        return x
    return np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))


def _check_conv_args(x, w, b, stride, padding):
    """Validate conv2d arguments. Returns (x, w, b, stride, padding, H_out, W_out)."""
    x = as_float_array(x, "x", ndim=4)
    w = as_float_array(w, "w", ndim=4)
    if w.shape[2] != w.shape[3]:
        raise ValueError(f"w must hold square filters (C_out, C_in, K, K), got shape {w.shape}")
    if x.shape[1] != w.shape[1]:
        raise ValueError(
            f"x has {x.shape[1]} channels but w expects C_in = {w.shape[1]} (w: (C_out, C_in, K, K) = {w.shape})"
        )
    if b is not None:
        b = as_float_array(b, "b", ndim=1)
        check_shape(b, (w.shape[0],), "b")
    stride = check_positive_int(stride, "stride")
    padding = check_positive_int(padding, "padding", allow_zero=True)
    kernel_size = w.shape[2]
    h_out = conv_output_size(x.shape[2], kernel_size, stride, padding)
    w_out = conv_output_size(x.shape[3], kernel_size, stride, padding)
    return x, w, b, stride, padding, h_out, w_out


def _check_dout(dout, x, w, h_out, w_out):
    """Validate the upstream gradient; returns it in the common dtype of dout, x and w."""
    dout = as_float_array(dout, "dout", ndim=4)
    check_shape(dout, (x.shape[0], w.shape[0], h_out, w_out), "dout")
    return dout.astype(np.result_type(dout, x, w), copy=False)


def conv2d_naive(x, w, b=None, stride=1, padding=0):
    """Convolution (cross-correlation) straight from the definition, with loops.

    out[n, k, i, j] = b[k] + sum_{c, u, v} x_pad[n, c, i*S + u, j*S + v] * w[k, c, u, v]

    x: (N, C, H, W), w: (C_out, C, K, K), b: (C_out,) or None.
    Returns out: (N, C_out, H_out, W_out), H_out = (H + 2P - K)/S + 1.
    """
    x, w, b, stride, padding, h_out, w_out = _check_conv_args(x, w, b, stride, padding)
    x_pad = _pad(x, padding)
    num_images, num_filters, k = x.shape[0], w.shape[0], w.shape[2]
    out = np.zeros((num_images, num_filters, h_out, w_out), dtype=np.result_type(x, w))
    for n in range(num_images):
        for f in range(num_filters):
            for i in range(h_out):
                for j in range(w_out):
                    window = x_pad[n, :, i * stride : i * stride + k, j * stride : j * stride + k]
                    out[n, f, i, j] = np.sum(window * w[f])
            if b is not None:
                out[n, f] += b[f]
    return out


def conv2d_naive_backward(dout, x, w, stride=1, padding=0):
    """Gradients of :func:`conv2d_naive`, with loops (every output pixel sends its gradient back).

    dw[k] += x_pad window(n, i, j) * dout[n, k, i, j]
    dx_pad window(n, i, j) += w[k] * dout[n, k, i, j]
    db[k] = sum_{n, i, j} dout[n, k, i, j]

    dout: (N, C_out, H_out, W_out); x, w as in the forward pass.
    Returns (dx: (N, C, H, W), dw: (C_out, C, K, K), db: (C_out,)). db is the gradient a
    bias would receive; it is returned even when the forward pass had no bias.
    """
    x, w, _, stride, padding, h_out, w_out = _check_conv_args(x, w, None, stride, padding)
    dout = _check_dout(dout, x, w, h_out, w_out)
    x_pad = _pad(x, padding)
    dx_pad = np.zeros_like(x_pad)
    dw = np.zeros_like(w)
    num_images, num_filters, k = x.shape[0], w.shape[0], w.shape[2]
    for n in range(num_images):
        for f in range(num_filters):
            for i in range(h_out):
                for j in range(w_out):
                    rows = slice(i * stride, i * stride + k)
                    cols = slice(j * stride, j * stride + k)
                    dw[f] += x_pad[n, :, rows, cols] * dout[n, f, i, j]
                    dx_pad[n, :, rows, cols] += w[f] * dout[n, f, i, j]
    dx = dx_pad[:, :, padding : padding + x.shape[2], padding : padding + x.shape[3]]
    db = dout.sum(axis=(0, 2, 3))
    return dx, dw, db


def im2col(x, kernel_size, stride=1, padding=0):
    """Unfold every K x K patch of the zero-padded input into one row of a matrix.

    x: (N, C, H, W). Returns cols: (N * H_out * W_out, C * K * K) with

        cols[(n * H_out + i) * W_out + j, (c * K + u) * K + v] = x_pad[n, c, i*S + u, j*S + v]

    i.e. rows run over images, then output rows, then output columns (C order of
    (n, i, j)); columns run over channels, then kernel rows, then kernel columns (C
    order of (c, u, v)), the same order as ``w.reshape(C_out, C * K * K)``. So
    ``cols @ w.reshape(C_out, -1).T`` is the convolution, one row per output pixel.

    Built from a strided view of x_pad (no loop over pixels) and one copy. The copy
    is stored as the transpose of a C-contiguous (C*K*K, N*H_out*W_out) array, so
    ``cols`` is Fortran-ordered: the copy then moves whole image rows at a time,
    about 6x faster (benchmarks/conv.py) than writing the short C*K*K-element rows of a
    C-ordered ``cols``.
    Indexing is unaffected; ``np.ascontiguousarray(cols)`` gives the C-ordered one.
    """
    x = as_float_array(x, "x", ndim=4)
    kernel_size = check_positive_int(kernel_size, "kernel_size")
    stride = check_positive_int(stride, "stride")
    padding = check_positive_int(padding, "padding", allow_zero=True)
    num_images, channels, height, width = x.shape
    h_out = conv_output_size(height, kernel_size, stride, padding)
    w_out = conv_output_size(width, kernel_size, stride, padding)
    x_pad = _pad(x, padding)
    # patches[n, c, i, j, u, v] = x_pad[n, c, i*S + u, j*S + v]  (a view: nothing is copied)
    patches = np.lib.stride_tricks.sliding_window_view(x_pad, (kernel_size, kernel_size), axis=(2, 3))
    patches = patches[:, :, ::stride, ::stride]
    # copy in (c, u, v, n, i, j) order, then read it back transposed as rows (n, i, j) x columns (c, u, v)
    cols_t = np.array(patches.transpose(1, 4, 5, 0, 2, 3), order="C")  # always a fresh copy, never a view of x
    return cols_t.reshape(channels * kernel_size**2, num_images * h_out * w_out).T


def col2im(cols, x_shape, kernel_size, stride=1, padding=0):
    """Fold rows of patches back into an image, summing where patches overlap.

    The adjoint (transpose) of :func:`im2col`: <im2col(x), cols> = <x, col2im(cols)>
    for every x and cols, which is exactly what the backward pass of a convolution
    needs: dx = col2im(dcols).

        x_pad[n, c, i*S + u, j*S + v] += cols[(n * H_out + i) * W_out + j, (c * K + u) * K + v]

    cols: (N * H_out * W_out, C * K * K) in :func:`im2col`'s ordering; x_shape: (N, C, H, W).
    Returns x: (N, C, H, W) (the padding border is dropped). Loops over the K * K
    kernel offsets only; each iteration adds one strided slice of x_pad at once.
    """
    kernel_size = check_positive_int(kernel_size, "kernel_size")
    stride = check_positive_int(stride, "stride")
    padding = check_positive_int(padding, "padding", allow_zero=True)
    if len(x_shape) != 4:
        raise ValueError(f"x_shape must be (N, C, H, W), got {x_shape}")
    num_images, channels, height, width = (check_positive_int(s, "x_shape entry") for s in x_shape)
    h_out = conv_output_size(height, kernel_size, stride, padding)
    w_out = conv_output_size(width, kernel_size, stride, padding)
    cols = as_float_array(cols, "cols", ndim=2)
    check_shape(cols, (num_images * h_out * w_out, channels * kernel_size**2), "cols")
    # patches[c, u, v, n, i, j] = cols[(n, i, j), (c, u, v)]  (a view when cols is Fortran-ordered)
    patches = cols.T.reshape(channels, kernel_size, kernel_size, num_images, h_out, w_out)
    x_pad = np.zeros((num_images, channels, height + 2 * padding, width + 2 * padding), dtype=cols.dtype)
    for u in range(kernel_size):
        for v in range(kernel_size):
            # kernel offset (u, v) touches x_pad[n, c, i*S + u, j*S + v] for every output pixel (i, j)
            rows = slice(u, u + stride * h_out, stride)
            columns = slice(v, v + stride * w_out, stride)
            x_pad[:, :, rows, columns] += patches[:, u, v].transpose(1, 0, 2, 3)
    return x_pad[:, :, padding : padding + height, padding : padding + width]


def conv2d(x, w, b=None, stride=1, padding=0):
    """Convolution (cross-correlation) as im2col followed by one matrix product.

    out = im2col(x) @ w.reshape(C_out, C*K*K).T + b, reshaped to NCHW.

    x: (N, C, H, W), w: (C_out, C, K, K), b: (C_out,) or None.
    Returns out: (N, C_out, H_out, W_out), equal to :func:`conv2d_naive` (a transposed view
    of the (C_out, N, H_out, W_out) product; ``np.ascontiguousarray`` it if C order matters).
    """
    x, w, b, stride, padding, h_out, w_out = _check_conv_args(x, w, b, stride, padding)
    num_filters, kernel_size = w.shape[0], w.shape[2]
    cols = im2col(x, kernel_size, stride, padding)  # (N*H_out*W_out, C*K*K)
    weights = w.reshape(num_filters, -1)  # (C_out, C*K*K)
    # the product cols @ weights.T, computed transposed: row k holds filter k's outputs for all pixels
    out_t = weights @ cols.T  # (C_out, N*H_out*W_out)
    if b is not None:
        out_t += b[:, None]
    return out_t.reshape(num_filters, x.shape[0], h_out, w_out).transpose(1, 0, 2, 3)


def conv2d_backward(dout, x, w, stride=1, padding=0):
    """Gradients of :func:`conv2d`, vectorised with im2col / col2im.

    With cols = im2col(x), W = w.reshape(C_out, C*K*K) and D = dout as (N*H_out*W_out, C_out)
    (one row per output pixel, like cols), out = cols W^T + b gives

        dw = (D^T cols).reshape(w.shape),  dx = col2im(D W),  db = sum of dout over (N, H_out, W_out).

    Both products are computed image by image, D^T cols = sum_n D_n^T cols_n and
    D W = [D_n W]_n, on views of dout and cols: no transposed copy of dout is needed.

    dout: (N, C_out, H_out, W_out); x, w as in the forward pass.
    Returns (dx: (N, C, H, W), dw: (C_out, C, K, K), db: (C_out,)). db is the gradient a
    bias would receive; it is returned even when the forward pass had no bias.
    """
    x, w, _, stride, padding, h_out, w_out = _check_conv_args(x, w, None, stride, padding)
    dout = _check_dout(dout, x, w, h_out, w_out)
    x, w = x.astype(dout.dtype, copy=False), w.astype(dout.dtype, copy=False)
    num_images, num_filters, kernel_size = x.shape[0], w.shape[0], w.shape[2]
    weights = w.reshape(num_filters, -1)  # W: (C_out, C*K*K)
    cols = im2col(x, kernel_size, stride, padding)  # (N*H_out*W_out, C*K*K)
    cols_per_image = cols.reshape(num_images, h_out * w_out, -1)  # cols_n: (N, H_out*W_out, C*K*K), a view
    dout_per_image = dout.reshape(num_images, num_filters, h_out * w_out)  # D_n^T: (N, C_out, H_out*W_out)
    dw = np.matmul(dout_per_image, cols_per_image).sum(axis=0).reshape(w.shape)
    # D_n W has the shape of cols_n, which is not needed any more: compute it (transposed, as
    # W^T D_n^T) straight into cols' memory. Allocating and page-faulting a second
    # N*H_out*W_out x C*K*K matrix instead doubled the time of this function in benchmarks/conv.py.
    np.matmul(weights.T, dout_per_image, out=cols_per_image.transpose(0, 2, 1))
    dcols = cols  # now holds D W: (N*H_out*W_out, C*K*K)
    dx = col2im(dcols, x.shape, kernel_size, stride, padding)
    db = dout.sum(axis=(0, 2, 3))
    return dx, dw, db
