"""Counting window co-occurrences with the standard library (the plain
engine; :mod:`._cooccurrence_numpy` has the same interface).

For every offset ``d`` of the window one
``Counter.update(map(add, left_keys[:-d], ids[d:]))`` counts all the ordered
pairs at that distance in a batch of token ids: there is no Python loop per
pair.  The ordered counts are folded into the table of canonical keys
``i * stride + j`` (i < j) with ``map``/``compress`` over key lists.
"""

from array import array
from collections import Counter
from itertools import compress, repeat
from operator import add, floordiv, gt, le, lt, mod, mul

from .._compat import INT64, PYPY, iteritems, map, range, string_types

__all__ = ['PairMapper', 'line_batches', 'BATCH_TOKENS']

#: Tokens mapped in one batch: the batch's pair counts (up to ``2 * window``
#: per token, folded to about half) must stay small beside the memory budget.
BATCH_TOKENS = 1 << 16


class PairMapper(object):
    """Counts the co-occurrences of one batch of lines (the *map* of the
    counting stage: it runs here or in a worker process).

    Parameters are the vocabulary (its ids are the positions), the window
    and whether counts are weighted by ``1 / distance``.
    """

    def __init__(self, words, window, weighted):
        self.stride = len(words) + 1
        self.window = window
        self.weighted = weighted
        self.index = dict((w, i) for i, w in enumerate(words))
        # Lines end with ``window`` separators, so windows never cross a
        # line end; with this id, every pair that involves a separator has
        # a negative key (``i * stride + j``) and is dropped in one pass.
        self.separator = -self.stride * self.stride
        self._raw = Counter()

    def count(self, lines):
        """``(parts, unigrams)`` of a list of lines (strings, split on
        whitespace, or token lists): ``parts`` are ``(keys, counts)`` arrays
        of pairs ``i * stride + j`` (i < j; a key may be in both parts), and
        ``unigrams`` the ``{id: count}`` of the in-vocabulary tokens."""
        ids = self.ids(lines)
        unigrams = Counter(ids)
        unigrams.pop(self.separator, None)
        self._count(ids)
        return self._fold(), unigrams

    def ids(self, lines):
        """The ids of the known tokens of ``lines``, each line followed by
        ``window`` separators."""
        index = self.index
        pad = [self.separator] * self.window
        ids = []
        extend = ids.extend
        for tokens in lines:
            if isinstance(tokens, string_types):
                tokens = tokens.split()
            # (a comprehension: faster than filter(map(...)) on CPython 3.11)
            known = [index[t] for t in tokens if t in index]
            if known:
                extend(known)
                extend(pad)
        return ids

    def _count(self, ids):
        """Count the ordered pairs (left, right) of a batch into ``_raw``."""
        raw = self._raw
        left = list(map(mul, ids, repeat(self.stride)))
        n = len(ids)
        if PYPY and not self.weighted:
            # PyPy's JIT runs the plain loop faster than Counter.update(map(...)),
            # and a loop over positions makes no list per distance: PyPy allocates
            # large lists outside its nursery and frees them only at its next
            # major collection, and glibc then keeps the freed blocks.
            get = raw.get
            window = self.window
            for p in range(n - 1):
                a = left[p]
                for q in range(p + 1, min(p + window, n - 1) + 1):
                    key = a + ids[q]
                    raw[key] = get(key, 0) + 1
            return
        distances = range(1, min(self.window, n - 1) + 1)
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
        """The ordered pair counts as two parts of i < j keys (the pairs seen
        as (i, j) and those seen as (j, i)); separators and the diagonal
        dropped.  Done with map/compress over the key lists (C speed): a
        Python loop over millions of pairs would cost as much as the
        counting."""
        raw = self._raw
        keys = list(raw)
        values = list(raw.values())
        raw.clear()
        real = list(map(le, repeat(0), keys))
        keys = list(compress(keys, real))
        values = list(compress(values, real))
        strides = repeat(self.stride)
        swapped = list(map(add, map(mul, map(mod, keys, strides), strides),
                           map(floordiv, keys, strides)))
        parts = []
        for wanted, canonical in ((lt, keys), (gt, swapped)):
            mask = list(map(wanted, keys, swapped))  # i < j, or i > j (the diagonal is neither)
            parts.append((array(INT64, compress(canonical, mask)),
                          array('d' if self.weighted else INT64, compress(values, mask))))
        return parts


def line_batches(lines, progress=None):
    """Lists of lines (or token lists) of about :data:`BATCH_TOKENS` tokens."""
    chars = 6 * BATCH_TOKENS  # lines are not split yet: about six characters a token
    batch, filled, read = [], 0, 0
    for line in lines:
        filled += len(line) * BATCH_TOKENS // chars if isinstance(line, string_types) \
            else len(line)
        batch.append(line)
        read += 1
        if filled >= BATCH_TOKENS:
            yield batch
            batch, filled = [], 0
            if progress is not None:
                progress.update(getattr(lines, 'bytes_read', read))
    if batch:
        yield batch
