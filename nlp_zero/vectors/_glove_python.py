"""The plain-Python engine of the simpler-GloVe solver.

On CPython each update is a few ``map`` calls over lists of floats (the
per-element work happens in C); on PyPy plain index loops over flat arrays,
which its JIT compiles to machine code.  Each in two forms: one AdaGrad
accumulator per vector (``'row'``) or per coordinate (``'coordinate'``).
:mod:`._glove_numpy` has the same interface.
"""

from __future__ import division

import math
import random
from array import array
from itertools import repeat
from operator import add, mul, sub, truediv

from .._compat import PYPY, map, range, zip

__all__ = ['Runner', 'negative_pairs', 'unigram_table', 'shuffled', 'MAX_STEP']

#: Updates between two progress reports within an epoch.
_REPORT_EVERY = 1 << 16

#: Cap on ``f * (<v_i, v_j> - PMI)``, so that a diverging run (eta far too
#: large) keeps finite vectors; never reached in a sane run.
MAX_STEP = 100.0


class Runner(object):
    """Runs epochs of AdaGrad over the pairs with plain Python (the engine
    interface: ``Runner(state, ...)``, ``epoch(seed, negatives)``,
    ``state()``; :mod:`._glove_numpy` has the same)."""

    def __init__(self, state, rows, cols, targets, weights, dim, model, eta, adagrad,
                 batch_size):
        self.rows, self.cols, self.targets, self.weights = rows, cols, targets, weights
        self.dim, self.model, self.eta, self.adagrad = dim, model, eta, adagrad
        tables = 1 if model == 0 else 2
        self.flat = _USE_FLAT
        if self.flat:
            self.vectors = [array('d', a) for a in state[:tables]]
            self.grads = [array('d', a) for a in state[tables:]]
        else:
            # Lists of per-word lists of floats: the fastest thing to map() over.
            self.vectors = [_split(a, dim) for a in state[:tables]]
            if adagrad == 'coordinate':
                self.grads = [_split(a, dim) for a in state[tables:]]
            else:
                self.grads = [list(a) for a in state[tables:]]

    def state(self):
        if self.flat:
            return [array('d', a) for a in self.vectors + self.grads]
        out = []
        for table in self.vectors:
            flat = array('d')
            for v in table:
                flat.extend(v)
            out.append(flat)
        for table in self.grads:
            flat = array('d')
            if self.adagrad == 'coordinate':
                for g in table:
                    flat.extend(g)
            else:
                flat.extend(table)
            out.append(flat)
        return out

    def epoch(self, seed, negatives=None, report=None):
        rows, cols, targets, weights = self.rows, self.cols, self.targets, self.weights
        if negatives is not None:
            extra_rows, extra_cols, extra_weights = negatives
            rows = rows + extra_rows
            cols = cols + extra_cols
            targets = targets + array('d', repeat(0.0, len(extra_rows)))
            weights = weights + extra_weights
        order = shuffled(len(rows), seed)
        step = (_FLAT_STEPS if self.flat else _STEPS)[self.adagrad]
        total = 0.0
        w, c = self.vectors[0], self.vectors[-1]
        gw, gc = self.grads[0], self.grads[-1]
        norms = squared_norms(w, c) if step is _steps_row else None
        for start in range(0, len(order), _REPORT_EVERY):  # (a progress report between parts)
            part = order[start:start + _REPORT_EVERY]
            total += step(w, c, gw, gc, part, rows, cols, targets, weights, self.eta, self.dim,
                          norms)
            if self.model != 0:
                total += step(w, c, gw, gc, part, cols, rows, targets, weights, self.eta,
                              self.dim, norms)
            if report is not None:
                report(start + len(part))
        n = len(order) * (1 if self.model == 0 else 2)
        return 0.5 * total / max(n, 1)


def squared_norms(W, C):
    """The squared norms of the rows of ``W`` and of ``C`` (the same list
    when they are the same table)."""
    NW = [sum(map(mul, v, v)) for v in W]
    return NW, NW if C is W else [sum(map(mul, v, v)) for v in C]


def shuffled(n, seed):
    """``range(n)`` in a random order that is the same on every interpreter
    (``random.shuffle`` draws differently on Python 2 and 3): Fisher-Yates
    over the floats of ``Random(seed)``, whose stream is the same on both."""
    order = list(range(n))
    rand = random.Random(seed).random
    for i in range(n - 1, 0, -1):
        j = int(rand() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return order


def unigram_table(counts, power, size=1 << 20):
    """Word ids repeated in proportion to ``count^power``: sampling is one index."""
    powered = [c ** power for c in counts]
    total = math.fsum(powered) or 1.0
    table = array('i')
    for i, p in enumerate(powered):
        table.extend(repeat(i, int(round(p / total * size)) or 1))
    return table


def negative_pairs(rows, cols, weights, table, negatives, weight, seed):
    """``negatives`` sampled pairs per observed pair, fitted to an inner product of 0.

    The first word of a sampled pair is the first
    (even m) or second (odd m) word of the observed pair, the other is drawn
    from the smoothed unigram table; its weight is ``weight`` times the
    observed pair's, so every word feels as much push as pull.
    """
    rand = random.Random(seed).random
    size = len(table)
    out_rows, out_cols, out_weights = array('i'), array('i'), array('d')
    scaled = array('d', [weight * w for w in weights])
    for m in range(negatives):
        side = rows if m % 2 == 0 else cols
        drawn = array('i', [table[int(rand() * size)] for _ in range(len(side))])
        out_rows.extend(side)
        out_cols.extend(drawn)
        out_weights.extend(w if a != b else 0.0 for a, b, w in zip(side, drawn, scaled))
    return out_rows, out_cols, out_weights


def _split(flat, dim):
    return [flat[k:k + dim].tolist() for k in range(0, len(flat), dim)]


def _steps_coordinate(W, C, GW, GC, order, rows, cols, targets, weights, eta, dim, norms=None):
    """One pass of per-pair updates with one AdaGrad accumulator per coordinate."""
    total = 0.0
    sqrt = math.sqrt
    etas = repeat(eta)
    for k in order:
        i = rows[k]
        j = cols[k]
        vi = W[i]
        vj = C[j]
        diff = sum(map(mul, vi, vj)) - targets[k]
        fdiff = weights[k] * diff
        if fdiff - fdiff != 0.0:  # nan or inf: skip the pair, keep the vectors finite
            continue
        total += fdiff * diff
        if not -MAX_STEP < fdiff < MAX_STEP:  # only reached when training diverges
            fdiff = MAX_STEP if fdiff > 0 else -MAX_STEP
        gi = list(map(mul, vj, repeat(fdiff, dim)))
        gj = list(map(mul, vi, repeat(fdiff, dim)))
        ai = list(map(add, GW[i], map(mul, gi, gi)))
        aj = list(map(add, GC[j], map(mul, gj, gj)))
        GW[i] = ai
        GC[j] = aj
        W[i] = list(map(sub, vi, map(truediv, map(mul, gi, etas), map(sqrt, ai))))
        C[j] = list(map(sub, vj, map(truediv, map(mul, gj, etas), map(sqrt, aj))))
    return total


def _steps_row(W, C, GW, GC, order, rows, cols, targets, weights, eta, dim, norms=None):
    """One pass of per-pair updates with one AdaGrad accumulator per vector.

    The accumulator grows by the mean squared coordinate of the step, so it
    matches the per-coordinate form when the coordinates are alike.  The
    squared norms it needs are kept up to date from the dot product
    (``|v - s u|^2 = |v|^2 - 2 s <v, u> + s^2 |u|^2``) instead of being
    recomputed: a step is then one dot product and two axpys, the fewest
    passes over the coordinates (they are computed afresh every pass, so
    rounding never accumulates beyond one epoch).
    """
    total = 0.0
    sqrt = math.sqrt
    NW, NC = norms if norms is not None else squared_norms(W, C)
    for k in order:
        i = rows[k]
        j = cols[k]
        vi = W[i]
        vj = C[j]
        dot = sum(map(mul, vi, vj))
        diff = dot - targets[k]
        fdiff = weights[k] * diff
        if fdiff - fdiff != 0.0:
            continue
        total += fdiff * diff
        if not -MAX_STEP < fdiff < MAX_STEP:  # only reached when training diverges
            fdiff = MAX_STEP if fdiff > 0 else -MAX_STEP
        f2 = fdiff * fdiff / dim
        ni = NW[i]
        nj = NC[j]
        ai = GW[i] + f2 * nj
        aj = GC[j] + f2 * ni
        GW[i] = ai
        GC[j] = aj
        si = eta * fdiff / sqrt(ai)
        sj = eta * fdiff / sqrt(aj)
        W[i] = list(map(sub, vi, map(mul, vj, repeat(si, dim))))
        C[j] = list(map(sub, vj, map(mul, vi, repeat(sj, dim))))
        ni, nj = ni - 2.0 * si * dot + si * si * nj, nj - 2.0 * sj * dot + sj * sj * ni
        if i == j and C is W or ni - ni != 0.0 or nj - nj != 0.0:
            # one vector stepped twice, or overflow: compute them afresh
            ni = sum(map(mul, W[i], W[i]))
            nj = sum(map(mul, C[j], C[j]))
        NW[i] = ni
        NC[j] = nj
    return total


def _flat_steps_coordinate(W, C, GW, GC, order, rows, cols, targets, weights, eta, dim, norms=None):
    """``_steps_coordinate`` on flat arrays with index loops: what PyPy's JIT compiles best."""
    total = 0.0
    sqrt = math.sqrt
    dims = range(dim)
    for k in order:
        i = rows[k] * dim
        j = cols[k] * dim
        dot = 0.0
        for a in dims:
            dot += W[i + a] * C[j + a]
        diff = dot - targets[k]
        fdiff = weights[k] * diff
        if fdiff - fdiff != 0.0:
            continue
        total += fdiff * diff
        if not -MAX_STEP < fdiff < MAX_STEP:  # only reached when training diverges
            fdiff = MAX_STEP if fdiff > 0 else -MAX_STEP
        for a in dims:
            ia = i + a
            ja = j + a
            gi = fdiff * C[ja]
            gj = fdiff * W[ia]
            ai = GW[ia] + gi * gi
            aj = GC[ja] + gj * gj
            GW[ia] = ai
            GC[ja] = aj
            W[ia] -= eta * gi / sqrt(ai)
            C[ja] -= eta * gj / sqrt(aj)
    return total


def _flat_steps_row(W, C, GW, GC, order, rows, cols, targets, weights, eta, dim, norms=None):
    """``_steps_row`` on flat arrays with index loops (for PyPy)."""
    total = 0.0
    sqrt = math.sqrt
    dims = range(dim)
    for k in order:
        ri = rows[k]
        rj = cols[k]
        i = ri * dim
        j = rj * dim
        dot = ni = nj = 0.0
        for a in dims:
            x = W[i + a]
            y = C[j + a]
            dot += x * y
            ni += x * x
            nj += y * y
        diff = dot - targets[k]
        fdiff = weights[k] * diff
        if fdiff - fdiff != 0.0:
            continue
        total += fdiff * diff
        if not -MAX_STEP < fdiff < MAX_STEP:  # only reached when training diverges
            fdiff = MAX_STEP if fdiff > 0 else -MAX_STEP
        f2 = fdiff * fdiff / dim
        ai = GW[ri] + f2 * nj
        aj = GC[rj] + f2 * ni
        GW[ri] = ai
        GC[rj] = aj
        si = eta * fdiff / sqrt(ai)
        sj = eta * fdiff / sqrt(aj)
        for a in dims:
            x = W[i + a]
            W[i + a] = x - si * C[j + a]
            C[j + a] -= sj * x
    return total


_STEPS = {'coordinate': _steps_coordinate, 'row': _steps_row}
_FLAT_STEPS = {'coordinate': _flat_steps_coordinate, 'row': _flat_steps_row}

#: PyPy runs index loops over flat arrays several times faster than map();
#: CPython the other way round.
_USE_FLAT = PYPY
