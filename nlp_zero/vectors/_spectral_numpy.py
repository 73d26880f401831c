"""The spectral warm start (:mod:`.spectral`) with NumPy: block Lanczos.

The plain kernel multiplies the target matrix by one vector per step; here
one product handles a block of ``BLOCK`` vectors, because the cost of a
product is gathering each pair's partner row (``BLOCK`` contiguous floats
cost about what one does).  The steps are those of block Lanczos with full
reorthogonalisation (Golub and Underwood): ``W = T Q_k``, ``W`` made
orthogonal to every earlier block (twice, which is enough in floating
point), ``Q_{k+1} R = W``; the projected matrix ``B = Q^T T Q`` is filled
from ``Q^T W`` as the blocks come, and its top eigenpairs give the start.
Its Krylov space (``span{Q_0, T Q_0, T^2 Q_0, ...}`` from a random block) is
not the one of the plain kernel's single vector, so the two starts agree
in their converged eigenpairs, not to the last bit; the NumPy training
differs from the plain one anyway (see :mod:`._glove_numpy`).
"""

from __future__ import division

from .._backend import numpy as np
from ..progress import log
from ._glove_numpy import _segment_sums
from .spectral import lanczos_steps

__all__ = ['spectral_vectors']

#: Vectors multiplied together in one product (at most).
BLOCK = 20

#: Block steps (at least, where the steps allow): the Krylov space of a few
#: wide blocks converges more slowly than that of many narrow ones.
_MIN_BLOCK_STEPS = 15

#: Pairs gathered at a time in a product (bounds its temporary arrays).
_CHUNK = 1 << 20


class _Targets(object):
    """``T X`` for the symmetric target matrix of sorted keys ``i * stride + j``."""

    def __init__(self, keys, stride, targets, words):
        self.keys, self.stride, self.targets, self.words = keys, stride, targets, words
        self.starts = np.searchsorted(keys, np.arange(words + 1, dtype=np.int64) * stride)
        pairs = len(keys)
        columns = np.empty(pairs, dtype=np.int32)
        for a in range(0, pairs, _CHUNK):
            columns[a:a + _CHUNK] = keys[a:a + _CHUNK] % stride
        order = np.argsort(columns, kind='stable')  # the pairs by column, rows ascending
        self.column_starts = np.concatenate(
            ([0], np.cumsum(np.bincount(columns, minlength=words)))).astype(np.int64)
        del columns
        self.rows = np.empty(pairs, dtype=np.int32)
        for a in range(0, pairs, _CHUNK):
            self.rows[a:a + _CHUNK] = keys[order[a:a + _CHUNK]] // stride
        self.values = targets[order]

    def product(self, X):
        """``T X`` for a ``words x b`` float32 block."""
        Y = np.zeros(X.shape, dtype=np.float64)
        self._add_rows(Y, X, self.starts, self.targets,
                       lambda a, b, rows: self.keys[a:b] - rows * self.stride)
        self._add_rows(Y, X, self.column_starts, self.values, lambda a, b, rows: self.rows[a:b])
        return Y

    def _add_rows(self, Y, X, starts, values, partners):
        """``Y[r] += sum of values * X[partner]`` over the pairs of row ``r``
        (rows in ``starts``), a chunk of pairs at a time."""
        n = len(values)
        for a in range(0, n, _CHUNK):
            b = min(a + _CHUNK, n)
            first = np.searchsorted(starts, a, side='right') - 1
            last = np.searchsorted(starts, b, side='left')
            bounds = np.clip(starts[first:last + 1], a, b)
            sizes = np.diff(bounds)
            rows = np.repeat(np.arange(first, last, dtype=np.int64), sizes)
            gathered = X[partners(a, b, rows)]
            gathered *= values[a:b, None]
            kept = sizes > 0
            Y[np.arange(first, last)[kept]] += _segment_sums(gathered, (bounds[:-1] - a)[kept])


def spectral_vectors(data, words, dim, seed, initial, progress=None):
    """Overwrite the flat row-major ``initial`` (an ``array('d')`` of the
    random start) with the spectral start where the Ritz value is positive;
    returns the number of coordinates set."""
    targets = _Targets(data.keys, data.stride, data.targets, words)
    steps = lanczos_steps(dim, words)
    block = max(1, min(BLOCK, steps // _MIN_BLOCK_STEPS))
    blocks = max(1, -(-steps // block))
    rng = np.random.RandomState(seed % (2 ** 32))
    Q, _ = np.linalg.qr(rng.standard_normal((words, block)))
    basis = np.zeros((words, blocks * block + block), dtype=np.float64)
    projected = np.zeros((blocks * block + block,) * 2, dtype=np.float64)
    used = 0
    if progress is not None:
        progress.start(total=blocks, label='spectral start')
        progress.unit = 'blocks'
    for k in range(blocks):
        width = Q.shape[1]
        basis[:, used:used + width] = Q
        W = targets.product(Q.astype(np.float32))
        column = basis[:, :used + width].T.dot(W)
        projected[:used + width, used:used + width] = column
        projected[used:used + width, :used + width] = column.T
        used += width
        if k == blocks - 1:
            break
        for _ in range(2):
            W -= basis[:, :used].dot(basis[:, :used].T.dot(W))
        Q, R = np.linalg.qr(W)
        keep = np.abs(np.diag(R)) > 1e-10 * max(1.0, np.abs(projected[:used, :used]).max())
        if not keep.any():
            break  # the Krylov space is exhausted: the Ritz pairs are exact
        Q = Q[:, keep]
        if progress is not None:
            progress.update(k + 1)
    if progress is not None:
        progress.finish()
    projected = projected[:used, :used]
    values, vectors = np.linalg.eigh((projected + projected.T) / 2)
    order = np.argsort(-values)[:dim]
    kept = values[order] > 0
    log(progress, 'spectral start: %d block Lanczos steps of %d, Ritz values %.4g to %.4g, '
        '%d of %d coordinates set' % (k + 1, block, values[order[0]], values[order[-1]],
                                      int(kept.sum()), dim))
    flat = np.frombuffer(initial, dtype=np.float64).reshape(-1, dim)
    positions = np.flatnonzero(kept)
    chosen = order[kept]
    flat[:, positions] = basis[:, :used].dot(vectors[:, chosen]) * np.sqrt(values[chosen])
    return int(kept.sum())
