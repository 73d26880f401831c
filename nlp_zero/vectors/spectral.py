"""The spectral warm start of the simpler-GloVe solver.

Without its weights, the loss of :mod:`.glove` asks ``<v_i, v_j>`` to be the
target (shifted PMI) of every observed pair and 0 for every other pair: the
best vectors of size ``d`` are then the best positive semidefinite rank-d
approximation of the symmetric matrix ``T`` holding the targets, that is
``v = U sqrt(L)`` from its ``d`` largest eigenpairs (Eckart and Young).
Starting SGD there instead of near 0 leaves it mostly the weights to fit:
on 17M tokens of English, four NumPy epochs from the spectral start reach
about the loss of ten from random vectors.  The start costs about one
epoch of the plain engine (PyPy: 119-146 s; CPython: 0.7 to 1.6 epochs)
and about five of the NumPy one, so it is an option (``init='spectral'``), with
fewer epochs, not the default (benchmarks/results_vectors.md).

The eigenpairs come from the Lanczos method with full reorthogonalisation,
``3 d`` steps without restarts: each step multiplies ``T`` by one vector
(one pass over the pairs, each pair used twice, as ``T[i, j]`` and
``T[j, i]``) and orthogonalises the result against every earlier step,
after which the Ritz pairs of the small tridiagonal matrix (found here with
the implicit QL method) approximate the extreme eigenpairs of ``T``.  The
leading ones converge first; with ``3 d`` steps most of the ``d`` wanted
ones have converged and the rest are close, and the weighted SGD that
follows corrects what is left.  A coordinate whose Ritz value is not
positive keeps its random start (a zero coordinate would get no gradient).

Kernels: on CPython a product row by row with ``map`` over slices of the
pair arrays (C-speed), on PyPy plain loops, which its JIT compiles; both add
in the same order, so that they compute the same start.  The NumPy kernel
(:mod:`._spectral_numpy`) runs the same steps on arrays.
"""

from __future__ import division

import math
from array import array
from bisect import bisect_left
from collections import Counter
from itertools import repeat
from operator import mod, mul, sub

from .._compat import INT64, PYPY, map, range, zip
from ..progress import log
from ._glove_python import dot

__all__ = ['lanczos_steps', 'spectral_vectors', 'tridiagonal_eigen', 'PlainTargets']

#: Lanczos steps per wanted dimension.
STEPS_PER_DIMENSION = 3


def lanczos_steps(dim, words):
    """The Krylov dimension for ``dim`` vectors of ``words`` words (at most ``words``)."""
    return max(1, min(STEPS_PER_DIMENSION * dim, words))


def spectral_vectors(targets, dim, rand, initial, progress=None):
    """Overwrite the flat row-major ``initial`` (``words * dim`` floats, the
    random start) with the spectral start, coordinate by coordinate where
    the Ritz value is positive; returns the number of such coordinates.

    ``targets`` is a kernel (:class:`PlainTargets` or the NumPy one): the
    symmetric target matrix, with its vector operations.  ``rand`` is a
    ``random.Random`` for the starting vector (the same stream on every
    interpreter and kernel).
    """
    words = targets.words
    steps = lanczos_steps(dim, words)
    start = [rand.gauss(0.0, 1.0) for _ in range(words)]
    basis, alphas, betas = lanczos(targets, start, steps, progress)
    values, vectors = tridiagonal_eigen(alphas, betas)
    order = sorted(range(len(values)), key=lambda c: -values[c])[:dim]
    kept = [c for c in order if values[c] > 0]
    log(progress, 'spectral start: %d Lanczos steps, Ritz values %.4g to %.4g, %d of %d '
        'coordinates set' % (len(alphas), values[order[0]], values[order[-1]], len(kept), dim))
    for position, c in enumerate(order):
        if values[c] > 0:
            column = targets.combine(basis, vectors[c], math.sqrt(values[c]))
            targets.set_column(initial, column, position, dim)
    return len(kept)


def lanczos(targets, start, steps, progress=None):
    """``(basis, alphas, betas)``: ``steps`` Lanczos steps (fewer if the
    Krylov space is exhausted) from ``start``, each new vector
    orthogonalised against all earlier ones (classical Gram-Schmidt once
    after the three-term recurrence: with the large components gone, one
    pass keeps the basis orthogonal to working precision)."""
    v = targets.scaled(targets.vector(start), 1.0 / math.sqrt(targets.dot(start, start)))
    basis, alphas, betas = [v], [], []
    scale = 0.0  # the largest |alpha| so far: what a vanishing beta is measured against
    if progress is not None:
        progress.start(total=steps, label='spectral start')
        progress.unit = 'steps'
    for step in range(steps):
        w = targets.product(basis[-1])
        alpha = targets.dot(basis[-1], w)
        alphas.append(alpha)
        scale = max(scale, abs(alpha))
        w = targets.minus(w, basis[-1], alpha)  # the three-term recurrence, then
        if len(basis) > 1:                       # Gram-Schmidt against every step, whose
            w = targets.minus(w, basis[-2], betas[-1])  # coefficients are now small
        w = targets.orthogonalized(w, basis)
        beta = math.sqrt(targets.dot(w, w))
        if progress is not None:
            progress.update(step + 1)
        if step == steps - 1 or not beta > 1e-10 * scale:
            break  # done, or an invariant subspace: the Ritz pairs are exact
        betas.append(beta)
        basis.append(targets.scaled(w, 1.0 / beta))
    if progress is not None:
        progress.finish()
    return basis, alphas, betas


def tridiagonal_eigen(diagonal, off_diagonal):
    """Eigenvalues and eigenvectors of a symmetric tridiagonal matrix by the
    implicit QL method with shifts (EISPACK's tql2): ``(values, vectors)``
    with ``vectors[c]`` the c-th eigenvector (a list)."""
    n = len(diagonal)
    d = [float(x) for x in diagonal]
    e = [float(x) for x in off_diagonal] + [0.0] * (n - len(off_diagonal))
    z = [[1.0 if r == c else 0.0 for r in range(n)] for c in range(n)]  # by column
    for l in range(n):
        iterations = 0
        while True:
            m = l
            while m < n - 1:
                scale = abs(d[m]) + abs(d[m + 1])
                if abs(e[m]) <= 1e-15 * scale:
                    break
                m += 1
            if m == l:
                break
            iterations += 1
            if iterations > 60:
                raise ArithmeticError('the tridiagonal eigensolver did not converge')
            g = (d[l + 1] - d[l]) / (2.0 * e[l])
            r = math.hypot(g, 1.0)
            g = d[m] - d[l] + e[l] / (g + (r if g >= 0 else -r))
            s = c = 1.0
            p = 0.0
            i = m - 1
            underflow = False
            while i >= l:
                f, b = s * e[i], c * e[i]
                r = math.hypot(f, g)
                e[i + 1] = r
                if r == 0.0:
                    d[i + 1] -= p
                    e[m] = 0.0
                    underflow = True
                    break
                s, c = f / r, g / r
                g = d[i + 1] - p
                r = (d[i] - g) * s + 2.0 * c * b
                p = s * r
                d[i + 1] = g + p
                g = c * r - b
                _rotate(z, i, s, c)
                i -= 1
            if underflow:
                continue
            d[l] -= p
            e[l] = g
            e[m] = 0.0
    return d, z


def _rotate(z, i, s, c):
    """Rotate columns ``i`` and ``i + 1`` of ``z`` (stored as columns)."""
    left, right = z[i], z[i + 1]
    z[i + 1] = [s * a + c * f for a, f in zip(left, right)]
    z[i] = [c * a - s * f for a, f in zip(left, right)]


class PlainTargets(object):
    """The symmetric target matrix of the observed pairs, for the standard
    library: sorted keys ``i * stride + j`` (``i < j``) and their targets,
    with the vector operations of :func:`lanczos` on ``array('d')``.

    The product takes ``T[i, j]`` row by row from the keys; on CPython the
    transposed half comes from a copy of the pairs ordered by column (8
    bytes a pair), built once, because a scatter in Python would be a
    bytecode loop per pair; PyPy scatters in its loop.  (Rows split between
    two forked processes made a product slower under PyPy, 0.46 s against
    0.34 s on 22.5M pairs: forking the large process costs more than half
    a product.)
    """

    def __init__(self, keys, stride, targets, words):
        self.keys, self.stride, self.targets, self.words = keys, stride, targets, words
        self.starts = array(INT64, (bisect_left(keys, i * stride) for i in range(words + 1)))
        if not PYPY:
            self._transpose()

    def _transpose(self):
        """The pairs by column: ``rows`` (the other word) and ``values``,
        with ``column_starts``; within a column the rows ascend, so that a
        column's sum adds in the order PyPy's scatter does."""
        keys, stride, words = self.keys, self.stride, self.words
        sizes = Counter(map(mod, keys, repeat(stride)))
        starts = array(INT64, [0])
        for j in range(words):
            starts.append(starts[-1] + sizes.get(j, 0))
        position = starts.tolist()
        rows = array('i', repeat(0, len(keys)))
        values = array('f', repeat(0.0, len(keys)))
        targets = self.targets
        for i in range(words):
            base = i * stride
            for k in range(self.starts[i], self.starts[i + 1]):
                j = keys[k] - base
                p = position[j]
                rows[p], values[p] = i, targets[k]
                position[j] = p + 1
        self.column_starts, self.rows, self.values = starts, rows, values

    # ------------------------------------------------------------ products
    def product(self, x):
        """``T x`` as a new ``array('d')``."""
        if not PYPY:
            return self._product_maps(x)
        return self._product_loops(x)

    def _product_maps(self, x):
        keys, targets, stride = self.keys, self.targets, self.stride
        starts, column_starts, rows, values = self.starts, self.column_starts, self.rows, \
            self.values
        take = x.__getitem__
        y = array('d')
        for i in range(self.words):
            a, b = starts[i], starts[i + 1]
            c, d = column_starts[i], column_starts[i + 1]
            lower = dot(values[c:d], map(take, rows[c:d])) if d > c else 0.0
            upper = dot(targets[a:b], map(take, map(sub, keys[a:b], repeat(i * stride)))) \
                if b > a else 0.0
            y.append(lower + upper)
        return y

    def _product_loops(self, x):
        keys, targets, stride, starts = self.keys, self.targets, self.stride, self.starts
        y = array('d', repeat(0.0, self.words))
        for i in range(self.words):
            base = i * stride
            xi = x[i]
            upper = 0.0
            for k in range(starts[i], starts[i + 1]):
                t = targets[k]
                j = keys[k] - base
                upper += t * x[j]
                y[j] += t * xi
            y[i] += upper
        return y

    # ------------------------------------------------- vector operations
    @staticmethod
    def vector(values):
        return array('d', values)

    @staticmethod
    def dot(u, v):
        if PYPY:
            total = 0.0
            for k in range(len(u)):
                total += u[k] * v[k]
            return total
        return dot(u, v)

    @staticmethod
    def scaled(u, factor):
        return array('d', map(mul, u, repeat(factor)))

    def orthogonalized(self, w, basis):
        """``w`` minus its projections on the (orthonormal) ``basis``,
        all coefficients taken from ``w`` as it came (classical Gram-Schmidt)."""
        coefficients = [self.dot(v, w) for v in basis]
        for v, c in zip(basis, coefficients):
            w = self.minus(w, v, c)
        return w

    @staticmethod
    def minus(w, v, c):
        """``w - c v`` (in place under PyPy)."""
        if PYPY:
            for k in range(len(w)):
                w[k] -= c * v[k]
            return w
        return array('d', map(sub, w, map(mul, v, repeat(c))))

    def combine(self, basis, coefficients, factor):
        """``factor * sum(coefficients[k] * basis[k])``."""
        column = array('d', repeat(0.0, self.words))
        for v, c in zip(basis, coefficients):
            column = self.minus(column, v, -c)
        return self.scaled(column, factor)

    def set_column(self, flat, column, position, dim):
        """Write ``column`` as coordinate ``position`` of every row of ``flat``."""
        flat[position::dim] = array(flat.typecode, column)
