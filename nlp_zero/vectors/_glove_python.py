"""The plain-Python engine of the simpler-GloVe solver.

An epoch is a shuffled list of *samples* of observed pairs (see
:func:`select_pairs`); each sample is updated, then its ``negatives``
sampled unobserved pairs, tied to it (as word2vec ties its negatives to a
window pair).  On CPython each update is one dot product (``sum(map(mul))``,
``math.sumprod`` from 3.12) and two list comprehensions over lists of
floats; on PyPy plain index loops over flat arrays, which its JIT compiles
to machine code.  Each in two forms: one AdaGrad accumulator per vector
(``'row'``) or per coordinate (``'coordinate'``).  The row form keeps the
squared norm of every vector up to date algebraically
(``|v - s u|^2 = |v|^2 - 2 s <v, u> + s^2 |u|^2``), so that an update needs
one dot product, not three; the norms are recomputed exactly at the start of
every epoch.  Under PyPy, several worker processes can share the flat
vectors (:mod:`.sharing`), each taking its share of the chunks of an epoch.
:mod:`._glove_numpy` has the same interface.
"""

from __future__ import division

import math
import random
from array import array
from itertools import compress, islice, repeat
from operator import gt, mul

from .._compat import PYPY, collect_garbage, collecting, map, range, zip
from .sharing import can_share_doubles, shared_doubles, split_chunks

__all__ = ['Runner', 'prepare', 'select_pairs', 'unigram_table', 'MAX_STEP', 'CHUNK']

#: Cap on ``w * (<v_i, v_j> - PMI)``, so that a diverging run (eta far too
#: large) keeps finite vectors; never reached in a sane run.
MAX_STEP = 100.0

#: Samples processed between two progress reports (and negative draws).
CHUNK = 1 << 16

#: Chunks between two garbage collections under PyPy: each chunk leaves its
#: sample ids and drawn words (768 KB) behind, and PyPy's next major
#: collection would come only when its heap has grown by most of the
#: training arrays' size (measured: one epoch grew it by 200 MB).
_CHUNKS_PER_COLLECTION = 16

#: Added to an epoch's seed for the sampling of unobserved pairs, so that
#: their random stream is not the one that selects and shuffles the samples.
NEGATIVE_SEED_OFFSET = 7919

_sumprod = getattr(math, 'sumprod', None)  # Python 3.12+: a dot product in C


def _dot(u, v):
    return sum(map(mul, u, v))


dot = _sumprod or _dot


class Data(object):
    """The observed pairs as typed arrays: keys ``i * stride + j``, PMI
    targets, weights f(X)."""

    def __init__(self, keys, stride, targets, weights):
        self.keys, self.stride, self.targets, self.weights = keys, stride, targets, weights
        self.pairs = len(keys)
        self.weight_sum = math.fsum(weights)


def prepare(cooccurrence, model):
    """:class:`Data` of a table for ``model`` (a SimplerGlove): the table's
    own key array (no copy; a pair's words are one ``divmod`` away) and its
    PMI targets (shifted, floored) and weights f(X) as float32 arrays (half
    the memory, and no visible change in the vectors), computed in one pass
    without a float64 copy."""
    keys, counts = cooccurrence.key_arrays()
    targets = cooccurrence.pmi_targets(keys, counts, model.context_smoothing)
    shift = model.target_transform()
    targets = array('f', targets if shift is None else map(shift, targets))
    weights = array('f', map(model.weight_transform(), counts))
    return Data(keys, cooccurrence.stride, targets, weights)


def select_pairs(weights, weighted, rand):
    """The ids of an epoch's samples, shuffled (an ``array('i')``).

    ``weighted``: pair ``k`` is kept with probability ``weights[k]`` (at most
    1) and then counts with weight 1, so that the expected gradient of an
    epoch is the one of the full weighted pass (every pair with weight
    ``f``), with a third of the updates at the default ``x_max`` (most pairs
    are seen once or twice and weigh 0.18-0.3).  Otherwise every pair once.
    """
    n = len(weights)
    if weighted:
        ids = array('i', compress(range(n), map(gt, weights, iter(rand.random, None))))
    else:
        ids = array('i', range(n))
    shuffle(ids, rand)
    return ids


def shuffle(items, rand):
    """Shuffle ``items`` in place, the same way on every interpreter
    (``random.shuffle`` draws differently on Python 2 and 3): Fisher-Yates
    over the floats of ``rand``, whose stream is the same on both."""
    rand = rand.random
    for i in range(len(items) - 1, 0, -1):
        j = int(rand() * (i + 1))
        items[i], items[j] = items[j], items[i]


def draw(table, count, rand):
    """``count`` word ids from a :func:`unigram_table`."""
    size = len(table)
    return array('i', map(table.__getitem__,
                          map(int, map(mul, islice(iter(rand, None), count), repeat(size)))))


def unigram_table(counts, power, size=1 << 20):
    """Word ids repeated in proportion to ``count^power``: sampling is one index."""
    powered = [c ** power for c in counts]
    total = math.fsum(powered) or 1.0
    table = array('i')
    for i, p in enumerate(powered):
        table.extend(repeat(i, int(round(p / total * size)) or 1))
    return table


class Runner(object):
    """Runs epochs of AdaGrad over sampled pairs with plain Python (the engine
    interface: ``Runner(state, data, ...)``, ``epoch(seed, plan)``,
    ``state()``; :mod:`._glove_numpy` has the same)."""

    def __init__(self, state, data, dim, model, eta, adagrad, batch_size=None, workers=1):
        self.data = data
        self.dim, self.model, self.eta, self.adagrad = dim, model, eta, adagrad
        self.flat = _USE_FLAT
        self.workers = workers if workers > 1 and self.flat and can_share_doubles() else 1
        tables = 1 if model == 0 else 2
        if self.workers > 1:  # (the accumulators are flat in both forms)
            self.vectors = [shared_doubles(a) for a in state[:tables]]
            self.grads = [shared_doubles(a) for a in state[tables:]]
            return
        if self.flat:
            self.vectors = [array('d', a) for a in state[:tables]]
        else:
            self.vectors = [_split(a, dim) for a in state[:tables]]
        grads = state[tables:]
        if adagrad == 'coordinate' and not self.flat:
            self.grads = [_split(a, dim) for a in grads]
        else:
            self.grads = [array('d', a) if self.flat else list(a) for a in grads]

    def state(self):
        """Flat ``array('d')`` copies: vectors, then accumulators."""
        out = []
        for t in self.vectors + self.grads:
            if len(t) and isinstance(t[0], list):
                flat = array('d')
                for row in t:
                    flat.extend(row)
                out.append(flat)
            else:
                out.append(array('d', t))
        return out

    def _norms(self):
        """Squared norms of the vectors of every table, exactly."""
        if self.flat:
            dim = self.dim
            return [array('d', [_dot(v[k:k + dim], v[k:k + dim]) for k in range(0, len(v), dim)])
                    for v in self.vectors]
        return [[dot(row, row) for row in v] for v in self.vectors]

    def _step(self):
        W = self.vectors[0]
        C = self.vectors[-1]
        GW, GC = self.grads[0], self.grads[-1]
        kind = (_flat_row if self.flat else _list_row) if self.adagrad == 'row' else \
            (_flat_coordinate if self.flat else _list_coordinate)
        if self.adagrad == 'row':
            norms = self._norms()
            return kind(W, C, GW, GC, norms[0], norms[-1], self.eta, self.dim)
        return kind(W, C, GW, GC, self.eta, self.dim)

    def epoch(self, seed, plan):
        """One epoch; returns the weighted mean squared error of its updates."""
        data = self.data
        collect_garbage()  # PyPy: free the last epoch's sample ids before the next are drawn
        ids = select_pairs(data.weights, plan.weighted, random.Random(seed))
        step = self._step()
        total, wsum = split_chunks(len(ids), CHUNK, self.workers,
                                   lambda index, starts, progress:
                                   self._part(step, ids, seed, plan, starts, index, progress),
                                   plan.report)
        return total / wsum if wsum else 0.0

    def _part(self, step, ids, seed, plan, starts, index, progress):
        """Worker ``index``'s chunks of the samples ``ids`` (those at ``starts``)."""
        rand = random.Random(seed + NEGATIVE_SEED_OFFSET + index).random
        total = wsum = 0.0
        for start in collecting(starts, _CHUNKS_PER_COLLECTION):
            if self.workers > 1:  # (the others moved the vectors: their norms afresh)
                step = self._step()
            chunk = ids[start:start + CHUNK]
            drawn = draw(plan.table, len(chunk) * plan.negatives, rand) if plan.negatives \
                else None
            loss, weight = _drive(step, chunk, self.data, drawn, plan.negatives,
                                  plan.negative_weight, self.model != 0, plan.weighted)
            total += loss
            wsum += weight
            progress(len(chunk))
        return total, wsum


def _drive(step, ids, data, drawn, negatives, negative_weight, both, weighted):
    """The updates of a list of samples: the pair (and, with context vectors,
    its mirror), then its sampled pairs, fitted to 0.  Returns the sum of
    ``w * diff^2`` and the sum of ``w``.

    A pair's update has weight ``f`` (every pair visited) or 1 (pairs sampled
    with probability ``f``).  (Growing the AdaGrad accumulators by only
    ``f`` times the squared gradient of a sampled pair, so that they
    estimate the sums of a full pass, was measured and is worse: 0.559 /
    0.166 against 0.582 / 0.187 WS353 / analogy after 4 epochs on 17M
    tokens of English.)
    """
    keys, stride, targets, weights = data.keys, data.stride, data.targets, data.weights
    total = wsum = 0.0
    m = 0
    sides = range(negatives)
    # The sampled pairs take the pair's two sides in turn; with an odd number
    # the turn carries over to the next pair, so that each side gets half.
    odd = negatives & 1
    turn = 0
    for k in ids:
        i, j = divmod(keys[k], stride)
        t = targets[k]
        w = 1.0 if weighted else weights[k]
        total += step(i, j, t, w)
        wsum += w
        if both:
            total += step(j, i, t, w)
            wsum += w
        nw = negative_weight * w
        for q in sides:
            n = drawn[m]
            m += 1
            a = j if (q + turn) & 1 else i
            if a != n:
                total += step(a, n, 0.0, nw)
                wsum += nw
        turn ^= odd
    return total, wsum


def _split(flat, dim):
    return [flat[k:k + dim].tolist() for k in range(0, len(flat), dim)]


def _list_row(W, C, GW, GC, NW, NC, eta, dim):
    """An update with one AdaGrad accumulator per vector, on lists of floats.

    The accumulator grows by the mean squared coordinate of the gradient
    (``(w diff)^2 |u|^2 / dim``), so that it matches the per-coordinate form
    when the coordinates are alike.  Returns ``w * diff^2``.
    """
    sqrt = math.sqrt

    def step(i, j, t, w):
        vi = W[i]
        vj = C[j]
        d = dot(vi, vj)
        diff = d - t
        fdiff = w * diff
        if fdiff - fdiff != 0.0:  # nan or inf: skip the pair, keep the vectors finite
            return 0.0
        loss = fdiff * diff
        if not -MAX_STEP < fdiff < MAX_STEP:  # only reached when training diverges
            fdiff = MAX_STEP if fdiff > 0 else -MAX_STEP
        ni = NW[i]
        nj = NC[j]
        if not (ni >= 0.0 and nj >= 0.0):  # stale: another worker shrank the vector
            ni, nj = dot(vi, vi), dot(vj, vj)
        f2 = fdiff * fdiff / dim
        ai = GW[i] + f2 * nj
        aj = GC[j] + f2 * ni
        GW[i] = ai
        GC[j] = aj
        si = eta * fdiff / sqrt(ai)
        sj = eta * fdiff / sqrt(aj)
        W[i] = [x - si * y for x, y in zip(vi, vj)]
        C[j] = [y - sj * x for x, y in zip(vi, vj)]
        ni, nj = ni - 2.0 * si * d + si * si * nj, nj - 2.0 * sj * d + sj * sj * ni
        if ni - ni != 0.0 or nj - nj != 0.0:  # an overflow: compute them afresh
            ni, nj = dot(W[i], W[i]), dot(C[j], C[j])
        NW[i] = ni
        NC[j] = nj
        return loss
    return step


def _flat_row(W, C, GW, GC, NW, NC, eta, dim):
    """``_list_row`` on flat arrays with index loops: what PyPy's JIT compiles best."""
    sqrt = math.sqrt
    dims = range(dim)

    def step(i, j, t, w):
        p = i * dim
        q = j * dim
        d = 0.0
        for a in dims:
            d += W[p + a] * C[q + a]
        diff = d - t
        fdiff = w * diff
        if fdiff - fdiff != 0.0:
            return 0.0
        loss = fdiff * diff
        if not -MAX_STEP < fdiff < MAX_STEP:
            fdiff = MAX_STEP if fdiff > 0 else -MAX_STEP
        ni = NW[i]
        nj = NC[j]
        if not (ni >= 0.0 and nj >= 0.0):  # stale: another worker shrank the vector
            ni = nj = 0.0
            for a in dims:
                ni += W[p + a] * W[p + a]
                nj += C[q + a] * C[q + a]
        f2 = fdiff * fdiff / dim
        ai = GW[i] + f2 * nj
        aj = GC[j] + f2 * ni
        GW[i] = ai
        GC[j] = aj
        si = eta * fdiff / sqrt(ai)
        sj = eta * fdiff / sqrt(aj)
        for a in dims:
            x = W[p + a]
            y = C[q + a]
            W[p + a] = x - si * y
            C[q + a] = y - sj * x
        ni, nj = ni - 2.0 * si * d + si * si * nj, nj - 2.0 * sj * d + sj * sj * ni
        if ni - ni != 0.0 or nj - nj != 0.0:  # an overflow: compute them afresh
            ni = nj = 0.0
            for a in dims:
                ni += W[p + a] * W[p + a]
                nj += C[q + a] * C[q + a]
        NW[i] = ni
        NC[j] = nj
        return loss
    return step


def _list_coordinate(W, C, GW, GC, eta, dim):
    """An update with one AdaGrad accumulator per coordinate (GloVe's form)."""
    sqrt = math.sqrt

    def step(i, j, t, w):
        vi = W[i]
        vj = C[j]
        diff = dot(vi, vj) - t
        fdiff = w * diff
        if fdiff - fdiff != 0.0:
            return 0.0
        loss = fdiff * diff
        if not -MAX_STEP < fdiff < MAX_STEP:
            fdiff = MAX_STEP if fdiff > 0 else -MAX_STEP
        gi = [fdiff * y for y in vj]
        gj = [fdiff * x for x in vi]
        ai = [a + g * g for a, g in zip(GW[i], gi)]
        aj = [a + g * g for a, g in zip(GC[j], gj)]
        GW[i] = ai
        GC[j] = aj
        W[i] = [x - eta * g / sqrt(a) for x, g, a in zip(vi, gi, ai)]
        C[j] = [y - eta * g / sqrt(a) for y, g, a in zip(vj, gj, aj)]
        return loss
    return step


def _flat_coordinate(W, C, GW, GC, eta, dim):
    """``_list_coordinate`` on flat arrays with index loops (for PyPy)."""
    sqrt = math.sqrt
    dims = range(dim)

    def step(i, j, t, w):
        p = i * dim
        q = j * dim
        d = 0.0
        for a in dims:
            d += W[p + a] * C[q + a]
        diff = d - t
        fdiff = w * diff
        if fdiff - fdiff != 0.0:
            return 0.0
        loss = fdiff * diff
        if not -MAX_STEP < fdiff < MAX_STEP:
            fdiff = MAX_STEP if fdiff > 0 else -MAX_STEP
        for a in dims:
            x = W[p + a]
            y = C[q + a]
            gi = fdiff * y
            gj = fdiff * x
            ai = GW[p + a] + gi * gi
            aj = GC[q + a] + gj * gj
            GW[p + a] = ai
            GC[q + a] = aj
            W[p + a] = x - eta * gi / sqrt(ai)
            C[q + a] = y - eta * gj / sqrt(aj)
        return loss
    return step


#: PyPy runs index loops over flat arrays several times faster than
#: comprehensions over lists; CPython the other way round.
_USE_FLAT = PYPY
