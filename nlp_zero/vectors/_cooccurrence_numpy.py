"""NumPy counting of window co-occurrences (optional accelerator).

Imported only when NumPy is importable; :mod:`nlp_zero.vectors.cooccurrence` falls
back to its pure-Python counting otherwise and both give the same table.

Why it is built the way it is: the pure path spends its time in lookups in
a dict of millions of integer keys that does not fit in the cache.  Here a
batch of token ids becomes, for every offset ``d`` of the window, one vector
of canonical keys ``min * stride + max``; the batch's keys are sorted and
run-length counted, and the counts are merged into one table held as a
sorted key array and a count array (16 bytes per pair, against ~100 for a
dict entry and its two int objects).
"""

from .._backend import numpy as np

from .._compat import Mapping, range, zip

#: Token ids counted in one batch: larger than the pure path's, as the cost
#: per batch is a few array passes, not a growing dict.
BATCH_IDS = 1 << 19

#: Elements converted to Python objects at a time when iterating (bounds memory).
_CHUNK = 1 << 16


def _runs(sorted_keys):
    """Start indices of the runs of equal values of a sorted key array."""
    if not len(sorted_keys):
        return np.zeros(0, dtype=np.intp)
    starts = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1])
    starts += 1
    return np.concatenate(([0], starts))


def _reduce(keys, values):
    """Distinct sorted keys and the sum of the values of each (stable: same order of sums)."""
    order = np.argsort(keys, kind='stable')
    keys = keys[order]
    values = values[order]
    del order
    starts = _runs(keys)
    if not len(starts):
        return keys, values
    return keys[starts], np.add.reduceat(values, starts)


class PairCounter(object):
    """Accumulates batches of token ids into a sorted ``(keys, values)`` pair table.

    ``keys`` are ``i * stride + j`` with ``i < j``; the separator id
    ``stride - 1`` marks line ends and never enters the table.
    """

    def __init__(self, stride, window, weighted, keys=None, values=None):
        self.stride = stride
        self.window = window
        self.weighted = weighted
        dtype = np.float64 if weighted else np.int64
        self.keys = np.zeros(0, dtype=np.int64) if keys is None else keys
        self.values = np.zeros(0, dtype=dtype) if values is None else values.astype(dtype)
        self.unigrams = np.zeros(stride, dtype=np.int64)

    def add_batch(self, ids, unknown=None):
        """Count one batch of ids (a list; lines end with ``window`` separators).

        Ids equal to ``unknown`` (out-of-vocabulary tokens) are removed first.
        """
        ids = np.array(ids, dtype=np.int64)
        if unknown is not None:
            ids = ids[ids != unknown]
        self.unigrams += np.bincount(ids, minlength=self.stride)
        keys, values = self._batch_pairs(ids)
        del ids
        table = [self.keys, self.values]
        self.keys = self.values = None  # let the merge free the old arrays as it goes
        self.keys, self.values = merge_sorted(table, keys, values)

    def _batch_pairs(self, ids):
        stride, sep, n = self.stride, self.stride - 1, len(ids)
        pieces = []
        for d in range(1, min(self.window, n - 1) + 1):
            left, right = ids[:n - d], ids[d:]
            low = np.minimum(left, right)
            high = np.maximum(left, right)
            keep = (low != high) & (high != sep)  # the diagonal; the separator is the largest id
            keys = low[keep]
            del low, left, right
            keys *= stride
            keys += high[keep]
            del high, keep
            if self.weighted:
                keys.sort()
                starts = _runs(keys)
                counts = np.diff(np.append(starts, len(keys)))
                pieces.append((keys[starts], counts * (1.0 / d)))
            else:
                pieces.append(keys)
        if not pieces:
            return np.zeros(0, dtype=np.int64), self.values[:0]
        if self.weighted:
            return _reduce(np.concatenate([k for k, _ in pieces]),
                           np.concatenate([v for _, v in pieces]))
        keys = np.concatenate(pieces)
        del pieces
        keys.sort()
        starts = _runs(keys)
        counts = np.diff(np.append(starts, len(keys)))
        return keys[starts], counts

    def result(self):
        """``(keys, values, unigrams)``: the sorted pair table and the id counts."""
        return self.keys, self.values, self.unigrams


def merge_sorted(table, new_keys, new_values):
    """Add a sorted distinct ``(new_keys, new_values)`` into a sorted distinct table.

    ``table`` is a ``[keys, values]`` list the function empties, so that each
    old array is freed as soon as its replacement exists.  Existing keys are
    updated in place; the others are inserted in one pass (``np.insert``):
    the peak memory is the table plus one array, never the cost of sorting the
    concatenation.
    """
    keys, values = table
    del table[:]
    if not len(keys):
        return new_keys, new_values.astype(values.dtype)
    pos = np.searchsorted(keys, new_keys)
    found = pos < len(keys)
    found[found] = keys[pos[found]] == new_keys[found]
    values[pos[found]] += new_values[found]
    missing = ~found
    del found
    if missing.any():
        where = pos[missing]
        del pos
        keys = np.insert(keys, where, new_keys[missing])
        values = np.insert(values, where, new_values[missing].astype(values.dtype))
    return keys, values


def from_items(keys, values, weighted):
    """Sorted arrays of the pairs of a dict's keys and values (any order)."""
    keys = np.array(keys, dtype=np.int64)
    values = np.array(values, dtype=np.float64 if weighted else np.int64)
    order = np.argsort(keys, kind='stable')
    return keys[order], values[order]


def from_sorted(keys, values, weighted):
    """NumPy views of sorted ``array`` keys and values (no copy: a
    SortedTable's arrays are never resized)."""
    return (np.frombuffer(keys, dtype=np.int64),
            np.frombuffer(values, dtype=np.float64 if weighted else np.int64))


def chunks(array):
    """Python numbers of an array, a slice at a time (``tolist`` of the whole would be huge)."""
    for start in range(0, len(array), _CHUNK):
        for x in array[start:start + _CHUNK].tolist():
            yield x


def lookup(keys, values, key):
    """The value stored for ``key`` or None."""
    pos = int(np.searchsorted(keys, key))
    if pos < len(keys) and keys[pos] == key:
        return values[pos].item()
    return None



class SortedPairs(Mapping):
    """Read-only ``{key: count}`` view of a pair table held as sorted arrays.

    Lets ``table.pairs`` keep working (``len``, ``get``, ``[key]``, iteration
    in key order, comparison with a dict) without building a dict that would
    take several times the memory of the arrays.
    """

    def __init__(self, keys, values):
        self.keys_array = keys
        self.values_array = values

    def __len__(self):
        return len(self.keys_array)

    def __iter__(self):
        return chunks(self.keys_array)

    def __contains__(self, key):
        return lookup(self.keys_array, self.values_array, key) is not None

    def __getitem__(self, key):
        value = lookup(self.keys_array, self.values_array, key)
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key, default=None):
        value = lookup(self.keys_array, self.values_array, key)
        return default if value is None else value

    def values(self):
        return chunks(self.values_array)

    def items(self):
        return zip(chunks(self.keys_array), chunks(self.values_array))
