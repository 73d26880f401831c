"""The NumPy engine of :mod:`nlp_zero.vectors.glove` (imported only when NumPy is there).

The same epochs as :mod:`._glove_python` (samples of observed pairs chosen
in proportion to their weight, each with its tied sampled pairs), processed
in shuffled mini-batches: the updates of a batch are computed from the same
vectors, then summed per word and applied together.  The summing sorts the
word ids of the batch once and gathers each partner vector straight into
that order (one gather instead of a gather, a copy and a permutation), then
``add.reduceat``; ``add.at`` is several times slower.  The AdaGrad
accumulators first grow by the sum of the squared gradients, as if the
updates had been applied one after the other.  State is float32 (half the
memory traffic of float64; the vectors differ from the plain path's after
the first batch anyway); the pair table stays as the counting left it
(sorted keys), with the targets and weights as two float32 arrays.

Expected sampled pairs (``negative_estimate='expected'``, model 0).  A
sampled pair ``(i, n)`` of weight ``w`` pulls ``<v_i, v_n>`` to 0; over the
draws of ``n`` from the unigram^0.75 distribution ``q`` its expected
gradient on ``v_i`` is ``w Q v_i`` with ``Q = sum_n q_n v_n v_n^T`` (a
100 x 100 matrix), and on every ``v_n`` it is ``q_n P v_n`` with ``P`` the
weighted sum of ``v_i v_i^T`` over the sampled sides.  So instead of
drawing two partners per pair, a batch adds ``w Q v_i`` to the summed
gradient of each of its words (one small matrix product), and adds ``w``
to the side weight of each; every ``EXPECTED_CHUNK`` samples, ``P`` is
formed from those weights and the current vectors, every word gets its
``q_n P v_n``, and ``Q`` is recomputed.  The expected loss is the sampled
one's, without the sampling noise (except that a drawn partner equal to
the word itself is skipped, a difference of ``q_i``), and a batch gathers a
third of the rows: 1.3 to 1.45 times as fast on 2M tokens of English.  On
78k words a step over every row costs about five batches, so the steps
come every 64 batches of 4,096 (262,144 samples): with a step every 16
batches and ``P`` summed batch by batch, an epoch of 17M tokens of English
took 55-60 s instead of 38-42 s, for the same loss after 10 epochs (see
benchmarks/results_vectors.md).  Small matrix products
run single-threaded best on a busy machine (the command line asks OpenBLAS
for one thread).

With ``workers`` the epoch's chunks are split between processes that update
the vectors and accumulators in shared memory (:mod:`.sharing`); each
keeps its own side weights and ``Q`` and takes its own steps over every
word, for its own chunks.  On 2 cores an epoch of 17M tokens of English
takes 20 s instead of 38 s.
"""

from __future__ import division

import math

from .._backend import numpy as np
from ._glove_python import CHUNK, MAX_STEP, NEGATIVE_SEED_OFFSET
from .sharing import shared_buffer, split_chunks

__all__ = ['Runner', 'prepare']

#: Samples between two steps of every word as a sampled partner (each
#: step passes over every word several times).
EXPECTED_CHUNK = 4 * CHUNK

#: Pairs converted at a time when preparing targets and selecting samples
#: (bounds the temporary float64 arrays).
_PREP_CHUNK = 1 << 22


class Data(object):
    """The observed pairs: sorted keys ``i * stride + j``, float32 targets and weights."""

    def __init__(self, keys, stride, targets, weights):
        self.keys, self.stride, self.targets, self.weights = keys, stride, targets, weights
        self.pairs = len(keys)
        self.weight_sum = float(weights.sum(dtype=np.float64))


def prepare(cooccurrence, model):
    """:class:`Data` of a table for ``model`` (a SimplerGlove), without
    copying the table's key array."""
    keys, counts = cooccurrence.pair_arrays()
    stride = cooccurrence.stride
    logc = np.array(cooccurrence.log_marginals(model.context_smoothing), dtype=np.float64)
    log_z = math.log(cooccurrence.pair_total)
    n = len(keys)
    targets = np.empty(n, dtype=np.float32)
    weights = np.empty(n, dtype=np.float32)
    for s in range(0, n, _PREP_CHUNK):
        k = keys[s:s + _PREP_CHUNK]
        r = k // stride
        x = counts[s:s + _PREP_CHUNK].astype(np.float64)
        t = np.log(x) - log_z - logc[r] - logc[k - r * stride]
        if model.pmi_shift:
            t -= model.pmi_shift
        if model.pmi_floor is not None:
            np.maximum(t, model.pmi_floor, out=t)
        targets[s:s + _PREP_CHUNK] = t
        w = (x / model.x_max) ** model.alpha
        weights[s:s + _PREP_CHUNK] = np.minimum(w, 1.0) if model.truncate_weight else w
    return Data(keys, stride, targets, weights)


class Runner(object):
    def __init__(self, state, data, dim, model, eta, adagrad, batch_size, workers=1):
        self.data = data
        self.workers = max(1, workers)
        self._shared = False
        self.dim, self.model, self.eta, self.adagrad = dim, model, eta, adagrad
        self.batch_size = max(1, batch_size)
        tables = 1 if model == 0 else 2
        self.vectors = [_float32(a).reshape(-1, dim) for a in state[:tables]]
        shape = (-1, dim) if adagrad == 'coordinate' else (-1,)
        self.grads = [_float32(a).reshape(shape) for a in state[tables:]]
        self._table = None
        self._expected = None

    def state(self):
        from array import array
        return [array('d', t.astype(np.float64).tobytes()) for t in self.vectors + self.grads]

    def epoch(self, seed, plan):
        """One epoch; returns the weighted mean squared error of its updates."""
        ids = self._select(np.random.RandomState(seed % (2 ** 32)), plan.weighted)
        if self._table is None:
            self._table = np.frombuffer(plan.table, dtype=np.int32).astype(np.int64)
        if plan.expected and self._expected is None:
            self._expected = _Expected(self._table, len(self.vectors[0]), plan)
        total, wsum = self._chunks(ids, seed, plan)
        return total / wsum if wsum else 0.0

    def _chunks(self, ids, seed, plan):
        """Run the samples ``ids`` chunk by chunk, split between the workers;
        ``(loss sum, weight sum)``."""
        if self.workers > 1 and not self._shared:
            self.vectors = [_shared_copy(a) for a in self.vectors]
            self.grads = [_shared_copy(a) for a in self.grads]
            self._shared = True
        size = EXPECTED_CHUNK if plan.expected else CHUNK
        return split_chunks(len(ids), size, self.workers,
                            lambda index, starts, progress:
                            self._part(ids, seed, plan, index, starts, progress), plan.report)

    def _part(self, ids, seed, plan, index, starts, progress):
        """Worker ``index``'s chunks of the samples ``ids`` (those at ``starts``)."""
        rng = np.random.RandomState((seed + NEGATIVE_SEED_OFFSET + index) % (2 ** 32))
        expected = self._expected if plan.expected else None
        if expected is not None:
            expected.refresh(self.vectors[0])
        size = CHUNK if expected is None else EXPECTED_CHUNK
        total = wsum = 0.0
        for start in starts:
            chunk = ids[start:start + size]
            if expected is None:
                drawn = self._table[rng.randint(0, len(self._table),
                                                len(chunk) * plan.negatives)]
                drawn = drawn.reshape(len(chunk), plan.negatives)
            for b in range(0, len(chunk), self.batch_size):
                if expected is None:
                    loss, weight = self._batch(chunk[b:b + self.batch_size],
                                               drawn[b:b + self.batch_size], plan, b)
                else:
                    loss, weight = self._expected_batch(chunk[b:b + self.batch_size], plan)
                total += loss
                wsum += weight
            if expected is not None:
                self._apply(0, *expected.partner_gradients(self.vectors[0], self.adagrad,
                                                           self.dim))
                expected.refresh(self.vectors[0])
            progress(len(chunk))
        return total, wsum

    def _expected_batch(self, k, plan):
        """A batch of observed pairs, each with the expected gradient of its
        sampled pairs.  Each pair's two vectors are gathered once: sorted by
        word they are both the partners of the other side and the words' own."""
        W, expected = self.vectors[0], self._expected
        r, c, t, w = self._pairs(k, plan)
        n = len(r)
        both = np.concatenate((r, c))
        rows = W[both]
        diff = np.einsum('ij,ij->i', rows[:n], rows[n:]) - t
        fdiff, loss = _capped(w, diff)
        order, ids, starts = _segments(both)
        sides = np.concatenate((w, w))[order]
        grad = rows[(order + n) % (2 * n)]  # the partner of entry e is entry e + n (mod 2n)
        own = rows[order[starts]]
        summed, increment = self._gradients(grad, np.concatenate((fdiff, fdiff))[order], starts)
        side_weight = np.add.reduceat(sides, starts) * expected.coefficient
        pull = np.dot(own, expected.Q)
        squared = np.add.reduceat(sides * sides, starts) * expected.coefficient ** 2
        if self.adagrad == 'row':
            increment += squared * np.einsum('ij,ij->i', pull, pull)
            increment /= self.dim
        else:
            increment += squared[:, None] * pull * pull
        summed += side_weight[:, None] * pull
        loss += float(np.dot(side_weight.astype(np.float64), np.einsum('ij,ij->i', own, pull)))
        words = ids[starts]
        expected.collect(words, side_weight)
        self._apply(0, words, summed, increment)
        return loss, float(w.sum(dtype=np.float64)) * (1 + plan.negatives * plan.negative_weight)

    def _select(self, rng, weighted):
        """The sample ids of an epoch, shuffled (see ``_glove_python.select_pairs``)."""
        weights = self.data.weights
        if weighted:
            parts = []
            for s in range(0, len(weights), _PREP_CHUNK):
                chosen = rng.random_sample(len(weights[s:s + _PREP_CHUNK])) < \
                    weights[s:s + _PREP_CHUNK]
                parts.append((np.flatnonzero(chosen) + s).astype(np.int32))
            ids = np.concatenate(parts)
        else:
            ids = np.arange(len(weights), dtype=np.int32)
        rng.shuffle(ids)
        return ids

    def _pairs(self, k, plan):
        """Rows, columns, targets and weights of the samples ``k``."""
        data = self.data
        key = data.keys[k]
        r = key // data.stride
        c = key - r * data.stride
        w = np.ones(len(k), dtype=np.float32) if plan.weighted else data.weights[k]
        return r, c, data.targets[k], w

    def _batch(self, k, drawn, plan, first=0):
        """The updates of a batch of samples (the chunk's from ``first`` on):
        pairs, mirrors, sampled pairs."""
        r, c, t, w = self._pairs(k, plan)
        lefts, rights, targets, weights = [r], [c], [t], [w]
        if self.model != 0:
            lefts.append(c)
            rights.append(r)
            targets.append(t)
            weights.append(w)
        zeros = np.zeros(len(k), dtype=np.float32)
        # The sides in turn, the turn carried from pair to pair through the
        # chunk when the number is odd (as the plain engine does).
        turn = np.arange(first, first + len(k)) & (plan.negatives & 1)
        for q in range(plan.negatives):
            side = np.where((q + turn) & 1, c, r)
            n = drawn[:, q]
            lefts.append(side)
            rights.append(n)
            targets.append(zeros)
            weights.append(np.where(side != n, np.float32(plan.negative_weight) * w,
                                    np.float32(0.0)))
        weights = np.concatenate(weights)
        loss = self._update(np.concatenate(lefts), np.concatenate(rights),
                            np.concatenate(targets), weights)
        return loss, float(weights.sum(dtype=np.float64))

    def _residuals(self, a, b, t, w):
        """``w * (<v_a, c_b> - t)``, capped, and the weighted squared error."""
        W, C = self.vectors[0], self.vectors[-1]
        return _capped(w, np.einsum('ij,ij->i', W[a], C[b]) - t)

    def _update(self, a, b, t, w):
        W, C = self.vectors[0], self.vectors[-1]
        fdiff, loss = self._residuals(a, b, t, w)
        if self.model == 0:
            both = np.concatenate((fdiff, fdiff))
            self._apply(0, *self._summed(np.concatenate((a, b)), np.concatenate((b, a)), both, W))
        else:
            to_w = self._summed(a, b, fdiff, C)  # both from the vectors before the batch
            to_c = self._summed(b, a, fdiff, W)
            self._apply(0, *to_w)
            self._apply(1, *to_c)
        return loss

    def _summed(self, ids, partners, coef, source):
        """Per distinct word of ``ids``: the summed gradient and its AdaGrad increment."""
        order, ids, starts = _segments(ids)
        summed, increment = self._gradients(source[partners[order]], coef[order], starts)
        if self.adagrad == 'row':
            increment /= self.dim
        return ids[starts], summed, increment

    def _gradients(self, grad, coef, starts):
        """Segment sums of the partner rows ``grad`` (sorted by word) times
        ``coef``, and of their squares: per word in ``'row'`` mode (not yet
        divided by dim), per coordinate otherwise.  Scales ``grad`` in place."""
        if self.adagrad == 'row':
            squares = np.einsum('ij,ij->i', grad, grad)
            squares *= coef * coef
            increment = np.add.reduceat(squares, starts)
            grad *= coef[:, None]
        else:
            grad *= coef[:, None]
            increment = _segment_sums(grad * grad, starts)
        return _segment_sums(grad, starts), increment

    def _apply(self, table, words, summed, increment):
        """AdaGrad steps for ``words`` (None: every word, in place)."""
        grads = self.grads[table]
        if words is None:
            grads += increment
            g = grads
        else:
            g = grads[words] + increment
            grads[words] = g
        if self.adagrad == 'row':
            summed *= (self.eta / np.sqrt(g))[:, None]
        else:
            summed *= self.eta / np.sqrt(g)
        if words is None:
            self.vectors[table] -= summed
        else:
            self.vectors[table][words] -= summed


class _Expected(object):
    """The two dim x dim matrices of the expected sampled pairs: ``Q`` (the
    second moment of the vectors under ``q``) and ``P`` (that of the sampled
    sides since the last :meth:`partner_gradients`, from their summed
    weights ``sides``)."""

    def __init__(self, table, words, plan):
        q = np.bincount(table, minlength=words).astype(np.float64)
        self.q = (q / q.sum()).astype(np.float32)
        self.root_q = np.sqrt(self.q)
        # Each of the ``negatives`` sampled pairs of a pair takes one side in turn.
        self.coefficient = np.float32(plan.negative_weight * plan.negatives / 2.0)
        self.sides = np.zeros(words, dtype=np.float32)
        self.Q = None

    def refresh(self, W):
        self.Q = _second_moment(W, self.root_q)

    def collect(self, words, side_weight):
        """Count ``side_weight`` to the sampled sides ``words`` (distinct)."""
        self.sides[words] += side_weight

    def partner_gradients(self, W, adagrad, dim):
        """Every word's expected gradient as a sampled partner, ``q_n P v_n``,
        with ``P`` from the current vectors of the sides collected; then the
        collection starts again."""
        touched = np.flatnonzero(self.sides)
        P = _second_moment(W[touched], np.sqrt(self.sides[touched]))
        self.sides[:] = 0
        gradient = np.dot(W, P)
        gradient *= self.q[:, None]
        if adagrad == 'row':
            increment = np.einsum('ij,ij->i', gradient, gradient) / dim
        else:
            increment = gradient * gradient
        return None, gradient, increment


def _shared_copy(a):
    """A copy of ``a`` in memory shared with the worker processes."""
    out = np.frombuffer(shared_buffer(a.nbytes), dtype=a.dtype).reshape(a.shape)
    out[...] = a
    return out


def _second_moment(rows, roots):
    """``sum_k roots_k^2 rows_k rows_k^T``, as ``A^T A`` with ``A`` the
    scaled rows: BLAS computes that product as a symmetric rank-k update
    (``syrk``), half the work of a general product."""
    scaled = rows * roots[:, None]
    return np.dot(scaled.T, scaled)


def _segments(ids):
    """``(order, ids[order], starts)``: the word ids sorted, and where each
    distinct word's run begins."""
    order = np.argsort(ids)  # introsort: deterministic, and 10 times a stable sort's speed
    ids = ids[order]
    first = np.empty(len(ids), dtype=bool)
    first[0] = True
    np.not_equal(ids[1:], ids[:-1], out=first[1:])
    return order, ids, np.flatnonzero(first)


def _capped(w, diff):
    """``w * diff`` capped at MAX_STEP (non-finite values dropped), and the
    weighted squared error."""
    fdiff = w * diff
    bad = ~np.isfinite(fdiff)
    if bad.any():
        fdiff[bad] = 0.0
        diff[bad] = 0.0
    loss = float(np.dot(fdiff.astype(np.float64), diff))
    np.clip(fdiff, -MAX_STEP, MAX_STEP, out=fdiff)
    return fdiff, loss


def _float32(values):
    return np.frombuffer(values, dtype=np.float64).astype(np.float32)


def _segment_sums(rows, starts, levels=8):
    """``add.reduceat(rows, starts, axis=0)``, several times faster on the rows of a batch.

    ``reduceat`` over rows pays microseconds per segment and per row, and
    ``add.at`` as much.  Here the first row of every segment is copied; the
    k-th rows of the segments of at most ``levels`` rows are added with one
    fancy-indexed ``+=`` per k (no index repeats within one k); each longer
    segment (a frequent word: at most a few hundred a batch) is one
    contiguous ``sum(axis=0)``.
    """
    sizes = np.diff(np.append(starts, len(rows)))
    out = rows[starts]
    short = sizes <= levels
    segment = np.repeat(np.arange(len(starts)), sizes)
    position = np.arange(len(rows)) - np.repeat(starts, sizes)
    rest = np.flatnonzero((position > 0) & np.repeat(short, sizes))
    rest_position = position[rest]
    for k in range(1, int(min(levels, sizes.max()))):
        members = rest[rest_position == k]
        if not len(members):
            break
        out[segment[members]] += rows[members]
    for s in np.flatnonzero(~short).tolist():
        first = starts[s]
        out[s] = rows[first:first + sizes[s]].sum(axis=0)
    return out
