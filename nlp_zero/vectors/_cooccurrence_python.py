"""Counting window co-occurrences with the standard library (the plain
engine; :mod:`._cooccurrence_numpy` has the same interface).

For every offset ``d`` of the window one
``Counter.update(map(add, left_keys[:-d], ids[d:]))`` counts all the ordered
pairs at that distance in a batch of token ids: there is no Python loop per
pair.  The ordered counts are folded into the table of canonical keys
``i * stride + j`` (i < j) with ``map``/``compress`` over key lists.
"""

from collections import Counter
from itertools import compress, repeat
from operator import add, floordiv, gt, lt, mod, mul

from .._compat import PYPY, iteritems, map, range, zip

__all__ = ['PairCounter', 'BATCH_IDS']

#: Token ids counted in one batch (lines are packed together up to this size).
BATCH_IDS = 1 << 18

#: Ordered-pair counts kept before they are folded into the table: bounds the
#: memory of the counting pass at a small cost in speed.
MAX_RAW = 8000000


class PairCounter(object):
    """Accumulates batches of token ids into ``{i * stride + j: count}`` (i < j).

    The separator id ``stride - 1`` marks line ends (each line is followed by
    ``window`` of them): pairs with it, and the diagonal, never enter the table.
    """

    def __init__(self, stride, window, weighted):
        self.stride = stride
        self.window = window
        self.weighted = weighted
        self.pairs = {}
        self.unigrams = Counter()
        self._raw = Counter()

    def add_batch(self, ids):
        """Count one batch of ids (a list)."""
        self.unigrams.update(ids)
        self._count(ids)
        if len(self._raw) > MAX_RAW:
            self._fold()

    def result(self):
        """``(pairs, unigrams)``: the table and the id counts (no separator)."""
        self._fold()
        self.unigrams.pop(self.stride - 1, None)
        return self.pairs, self.unigrams

    def _count(self, ids):
        """Count the ordered pairs (left, right) of a batch into ``_raw``."""
        raw = self._raw
        left = list(map(mul, ids, repeat(self.stride)))
        n = len(ids)
        distances = range(1, min(self.window, n - 1) + 1)
        if PYPY and not self.weighted:
            # PyPy's JIT runs the plain loop faster than Counter.update(map(...)).
            get = raw.get
            for d in distances:
                for key in [a + b for a, b in zip(left[:n - d], ids[d:])]:
                    raw[key] = get(key, 0) + 1
            return
        if not self.weighted:
            update = raw.update
            for d in distances:
                update(map(add, left[:n - d], ids[d:]))
            return
        for d in distances:
            weight = 1.0 / d
            get = raw.get
            for key, c in iteritems(Counter(map(add, left[:n - d], ids[d:]))):
                raw[key] = get(key, 0) + c * weight

    def _fold(self):
        """Merge the ordered pair counts into the i < j table; drop separators
        and the diagonal.  Done with map/compress over the key lists (C
        speed): a Python loop over tens of millions of pairs would cost as
        much as the counting."""
        stride = self.stride
        raw = self._raw
        keys = list(raw)
        values = list(raw.values())
        raw.clear()
        strides = repeat(stride)
        swapped = list(map(add, map(mul, map(mod, keys, strides), strides),
                           map(floordiv, keys, strides)))
        pairs = self.pairs
        for wanted, canonical in ((lt, keys), (gt, swapped)):
            mask = list(map(wanted, keys, swapped))  # i < j, or i > j (the diagonal is neither)
            chosen = list(compress(canonical, mask))
            pairs.update(zip(chosen, map(add, map(pairs.get, chosen, repeat(0)),
                                         compress(values, mask))))
        sep = stride - 1
        pop = pairs.pop
        for i in range(sep):
            pop(i * stride + sep, None)
