"""The NumPy engine of :mod:`nlp_zero.vectors.glove` (imported only when NumPy is there).

Pairs are processed in shuffled mini-batches: the gradients of every pair of a
batch are computed from the same vectors, then summed per word (sort +
``add.reduceat``, much faster than ``add.at``) and applied together.  The
AdaGrad accumulators first grow by the sum of the squared gradients, as if
the pairs had been applied one after the other.
"""

from __future__ import division

from array import array

from .._backend import numpy as np
from ._glove_python import MAX_STEP


class Runner(object):
    def __init__(self, state, rows, cols, targets, weights, dim, model, eta, adagrad, batch_size):
        self.rows = np.frombuffer(rows, dtype=np.int32).astype(np.int64)
        self.cols = np.frombuffer(cols, dtype=np.int32).astype(np.int64)
        self.targets = np.frombuffer(targets, dtype=np.float64).copy()
        self.weights = np.frombuffer(weights, dtype=np.float64).copy()
        self.dim, self.model, self.eta, self.adagrad = dim, model, eta, adagrad
        self.batch_size = max(1, batch_size)
        tables = 1 if model == 0 else 2
        self.vectors = [np.array(a, dtype=np.float64).reshape(-1, dim) for a in state[:tables]]
        if adagrad == 'coordinate':
            self.grads = [np.array(a, dtype=np.float64).reshape(-1, dim) for a in state[tables:]]
        else:
            self.grads = [np.array(a, dtype=np.float64) for a in state[tables:]]

    def state(self):
        return [array('d', t.ravel().tolist()) for t in self.vectors + self.grads]

    def epoch(self, seed, negatives=None, report=None):
        rows, cols, targets, weights = self.rows, self.cols, self.targets, self.weights
        if negatives is not None:
            extra_rows, extra_cols, extra_weights = negatives
            rows = np.concatenate((rows, extra_rows))
            cols = np.concatenate((cols, extra_cols))
            targets = np.concatenate((targets, np.zeros(len(extra_rows))))
            weights = np.concatenate((weights, extra_weights))
        order = np.random.RandomState(seed % (2 ** 32)).permutation(len(rows))
        total, n = 0.0, 0
        if self.model == 0:
            tables = [(0, 0, rows, cols)]
        else:
            tables = [(0, 1, rows, cols), (0, 1, cols, rows)]
        for start in range(0, len(order), self.batch_size):
            batch = order[start:start + self.batch_size]
            for a, b, r, c in tables:
                total += self._batch(a, b, r[batch], c[batch], targets[batch], weights[batch])
                n += len(batch)
            if report is not None and (start // self.batch_size) % 16 == 15:
                report(start + len(batch))
        return 0.5 * total / max(n, 1)

    def _batch(self, a, b, r, c, t, w):
        W, C = self.vectors[a], self.vectors[b]
        GW, GC = self.grads[a], self.grads[b]
        vi, vj = W[r], C[c]
        diff = np.einsum('ij,ij->i', vi, vj) - t
        fdiff = w * diff
        bad = ~np.isfinite(fdiff)
        if bad.any():
            fdiff[bad] = 0.0
            diff[bad] = 0.0
        loss = float(np.dot(fdiff, diff))
        np.clip(fdiff, -MAX_STEP, MAX_STEP, out=fdiff)
        gi = fdiff[:, None] * vj
        gj = fdiff[:, None] * vi
        if a == b:
            self._apply(W, GW, np.concatenate((r, c)), np.concatenate((gi, gj)))
        else:
            self._apply(W, GW, r, gi)
            self._apply(C, GC, c, gj)
        return loss

    def _apply(self, table, grads, ids, steps):
        order = np.argsort(ids, kind='stable')
        ids = ids[order]
        steps = steps[order]
        first = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
        words = ids[first]
        summed = np.add.reduceat(steps, first, axis=0)
        if self.adagrad == 'coordinate':
            grads[words] += np.add.reduceat(steps * steps, first, axis=0)
            table[words] -= self.eta * summed / np.sqrt(grads[words])
        else:
            grads[words] += np.add.reduceat(np.einsum('ij,ij->i', steps, steps),
                                            first) / self.dim
            table[words] -= (self.eta / np.sqrt(grads[words]))[:, None] * summed


def negative_pairs(rows, cols, weights, table, negatives, weight, seed):
    """NumPy version of :func:`._glove_python.negative_pairs` (its own random stream)."""
    rng = np.random.RandomState(seed % (2 ** 32))
    table = np.frombuffer(table, dtype=np.int32)
    rows = np.frombuffer(rows, dtype=np.int32).astype(np.int64)
    cols = np.frombuffer(cols, dtype=np.int32).astype(np.int64)
    scaled = weight * np.frombuffer(weights, dtype=np.float64)
    out_rows, out_cols, out_weights = [], [], []
    for m in range(negatives):
        side = rows if m % 2 == 0 else cols
        drawn = table[rng.randint(0, len(table), len(side))].astype(np.int64)
        out_rows.append(side)
        out_cols.append(drawn)
        out_weights.append(np.where(side != drawn, scaled, 0.0))
    return np.concatenate(out_rows), np.concatenate(out_cols), np.concatenate(out_weights)
