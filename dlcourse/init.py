"""Weight initializers for a fully connected layer with m inputs and n outputs.

Every initializer is called as ``f(fan_in, fan_out, ..., rng=None)`` and returns a
float64 array ``W: (fan_out, fan_in)``: torch's weight layout, one row per output
unit, so ``y = x W^T + b``. Here m = fan_in and n = fan_out, as in torch's
``_calculate_fan_in_and_fan_out`` (fan_in = W.shape[1], fan_out = W.shape[0]).

What the lectures say (004, "Initialization Strategies"): initialization must
break symmetry (see :func:`zeros`), and the scale of the weights matters.

===================  =====================================  ====================================
initializer          distribution                           torch equivalent
===================  =====================================  ====================================
uniform_fan_in       U(-1/sqrt(m), 1/sqrt(m))               nn.Linear's default weight
xavier_uniform       U(-a, a),  a = gain sqrt(6 / (m + n))  init.xavier_uniform_
xavier_normal        N(0, s^2), s = gain sqrt(2 / (m + n))  init.xavier_normal_
he_uniform           U(-a, a),  a = sqrt(6 / m)             init.kaiming_uniform_(relu)
he_normal            N(0, s^2), s = sqrt(2 / m)             init.kaiming_normal_(relu)
orthogonal           gain * Q, Q from QR of a Gaussian      init.orthogonal_
sparse               k nonzero N(0, std^2) weights per row  (init.sparse_ zeros per column)
zeros                all zero: symmetry never breaks        init.zeros_
===================  =====================================  ====================================

rng: None, an int seed or a numpy Generator (see ``as_rng``).
"""

from __future__ import annotations

import numpy as np

from dlcourse._validation import as_rng, check_positive, check_positive_int


def uniform_fan_in(fan_in, fan_out, rng=None):
    """Lecture 004's first heuristic: ``W_ij ~ U(-1/sqrt(m), 1/sqrt(m))``, m = fan_in.

    Equals torch's default ``nn.Linear`` weight (``kaiming_uniform_(a=sqrt(5))``,
    whose bound works out to 1/sqrt(fan_in)). Its variance is 1/(3m).
    Returns (fan_out, fan_in).
    """
    fan_in, fan_out = _check_fans(fan_in, fan_out)
    bound = 1.0 / np.sqrt(fan_in)
    return as_rng(rng).uniform(-bound, bound, size=(fan_out, fan_in))


def xavier_uniform(fan_in, fan_out, gain=1.0, rng=None):
    """Xavier/Glorot uniform: ``W_ij ~ U(-a, a)`` with ``a = gain * sqrt(6 / (m + n))``.

    Variance a^2/3 = gain^2 * 2/(m + n): the compromise between keeping the
    forward variance (1/m) and the backward variance (1/n), derived for a
    network of matrix products without nonlinearities.

    Erratum: the slide in lecture 004 writes the bound 6/sqrt(m+n), dropping the
    square root of 6; the correct bound is sqrt(6)/sqrt(m+n) = sqrt(6/(m+n)).
    Returns (fan_out, fan_in).
    """
    fan_in, fan_out = _check_fans(fan_in, fan_out)
    gain = check_positive(gain, "gain")
    bound = gain * np.sqrt(6.0 / (fan_in + fan_out))
    return as_rng(rng).uniform(-bound, bound, size=(fan_out, fan_in))


def xavier_normal(fan_in, fan_out, gain=1.0, rng=None):
    """Xavier/Glorot normal: ``W_ij ~ N(0, s^2)`` with ``s = gain * sqrt(2 / (m + n))``.

    Same variance as :func:`xavier_uniform`. Returns (fan_out, fan_in).
    """
    fan_in, fan_out = _check_fans(fan_in, fan_out)
    gain = check_positive(gain, "gain")
    std = gain * np.sqrt(2.0 / (fan_in + fan_out))
    return as_rng(rng).normal(0.0, std, size=(fan_out, fan_in))


def he_normal(fan_in, fan_out, rng=None):
    """He/Kaiming normal for ReLU layers: ``W_ij ~ N(0, s^2)`` with ``s = sqrt(2 / m)``.

    A ReLU zeroes half of its inputs on average, halving the variance; the
    factor 2 restores it. Returns (fan_out, fan_in).
    """
    fan_in, fan_out = _check_fans(fan_in, fan_out)
    std = np.sqrt(2.0 / fan_in)
    return as_rng(rng).normal(0.0, std, size=(fan_out, fan_in))


def he_uniform(fan_in, fan_out, rng=None):
    """He/Kaiming uniform for ReLU layers: ``W_ij ~ U(-a, a)`` with ``a = sqrt(6 / m)``.

    Variance a^2/3 = 2/m, as :func:`he_normal`. Returns (fan_out, fan_in).
    """
    fan_in, fan_out = _check_fans(fan_in, fan_out)
    bound = np.sqrt(6.0 / fan_in)
    return as_rng(rng).uniform(-bound, bound, size=(fan_out, fan_in))


def orthogonal(fan_in, fan_out, gain=1.0, rng=None):
    """A random (semi-)orthogonal matrix times ``gain`` (Saxe et al. 2013, lecture 004).

    W = gain * Q where Q comes from the QR factorization of a standard Gaussian
    matrix, with each column of Q multiplied by the sign of R's diagonal entry,
    as torch's ``init.orthogonal_`` does: without that fix Q is not uniformly
    distributed over the orthogonal matrices.
    Wide (fan_out <= fan_in): orthonormal rows, ``W W^T = gain^2 I``.
    Tall (fan_out > fan_in): orthonormal columns, ``W^T W = gain^2 I``.
    Returns (fan_out, fan_in).
    """
    fan_in, fan_out = _check_fans(fan_in, fan_out)
    gain = check_positive(gain, "gain")
    gaussian = as_rng(rng).standard_normal((fan_out, fan_in))
    return gain * _orthonormalize(gaussian)


def _orthonormalize(matrix):
    """Sign-fixed Q factor of ``matrix: (rows, cols)``; same shape, orthonormal rows or columns.

    QR needs a tall matrix, so a wide one is transposed first and back after.
    """
    wide = matrix.shape[0] < matrix.shape[1]
    tall = matrix.T if wide else matrix
    q, r = np.linalg.qr(tall)
    q = q * np.sign(np.diag(r))
    return q.T if wide else q


def sparse(fan_in, fan_out, nonzeros=15, std=1.0, rng=None):
    """Martens' (2010) sparse initialization: each unit receives exactly k nonzero weights.

    Every row of W (the incoming weights of one output unit) has ``nonzeros``
    entries drawn from N(0, std^2) at random positions and zeros elsewhere, so a
    unit's total input no longer shrinks like 1/sqrt(m) as the layer widens
    (lecture 004: "a bad idea to have all initial weights ... the same standard
    deviation 1/sqrt(m)"). Martens used k = 15 and unit Gaussians.
    torch's ``init.sparse_(W, sparsity)`` differs: it zeroes a fraction of each
    *column* (the outgoing weights of an input) and uses std 0.01.
    nonzeros: 1 <= k <= fan_in. Returns (fan_out, fan_in).
    """
    fan_in, fan_out = _check_fans(fan_in, fan_out)
    nonzeros = check_positive_int(nonzeros, "nonzeros")
    if nonzeros > fan_in:
        raise ValueError(f"nonzeros must be <= fan_in ({fan_in}): a unit has only fan_in inputs, got {nonzeros}")
    std = check_positive(std, "std")
    rng = as_rng(rng)
    # A random permutation of 0..fan_in-1 for every row; its first k entries are the kept inputs.
    kept_columns = np.argsort(rng.random((fan_out, fan_in)), axis=1)[:, :nonzeros]
    weights = np.zeros((fan_out, fan_in))
    rows = np.arange(fan_out)[:, None]
    weights[rows, kept_columns] = rng.normal(0.0, std, size=(fan_out, nonzeros))
    return weights


def zeros(fan_in, fan_out, rng=None):
    """All-zero weights: what *not* to do (lecture 002: "NOT to 0!").

    Every hidden unit then computes the same function and receives the same
    gradient, so gradient descent keeps them identical forever: symmetry is
    never broken. (Zeros are fine for biases.) ``rng`` is ignored; it is
    accepted so that every initializer can be called the same way.
    Returns (fan_out, fan_in).
    """
    fan_in, fan_out = _check_fans(fan_in, fan_out)
    return np.zeros((fan_out, fan_in))


def _check_fans(fan_in, fan_out):
    return check_positive_int(fan_in, "fan_in"), check_positive_int(fan_out, "fan_out")
