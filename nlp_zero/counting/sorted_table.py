"""Counts held as two compact sorted arrays: keys and values.

A dict of tens of millions of int keys costs about 110 bytes an entry on
CPython; two ``array`` objects cost 16.  The table is read-only once
built: a lookup is a binary search (``bisect`` runs in C over an array).
"""

from array import array
from bisect import bisect_left

from .._compat import INT64, Mapping, collect_garbage, range, zip

__all__ = ['SortedTable', 'blocks_of', 'collect_blocks']

#: Items appended to the arrays at a time while collecting a sorted stream.
_CHUNK = 1 << 16

#: Chunks between two garbage collections under PyPy while collecting: the
#: stream's short-lived objects (a merge's tuples) otherwise grow PyPy's
#: heap by hundreds of MB before its next major collection.
_CHUNKS_PER_COLLECTION = 64


class SortedTable(Mapping):
    """A read-only ``{key: value}`` mapping over sorted distinct ``keys``
    (an ``array('q')``) and their ``values`` (``array('q')`` or ``array('d')``)."""

    def __init__(self, keys, values):
        self.keys_array = keys
        self.values_array = values

    def __len__(self):
        return len(self.keys_array)

    def __iter__(self):
        return iter(self.keys_array)

    def _position(self, key):
        keys = self.keys_array
        at = bisect_left(keys, key)
        return at if at < len(keys) and keys[at] == key else None

    def __contains__(self, key):
        return self._position(key) is not None

    def __getitem__(self, key):
        at = self._position(key)
        if at is None:
            raise KeyError(key)
        return self.values_array[at]

    def get(self, key, default=None):
        at = self._position(key)
        return default if at is None else self.values_array[at]

    def values(self):
        return iter(self.values_array)

    def items(self):
        return zip(self.keys_array, self.values_array)

    iteritems = items  # (Python 2's Mapping would look every key up)

    def blocks(self, size=_CHUNK):
        """The table as ``(keys, values)`` array slices of ``size``, in key order."""
        keys, values = self.keys_array, self.values_array
        for start in range(0, len(keys), size):
            yield keys[start:start + size], values[start:start + size]


def blocks_of(items, size=_CHUNK):
    """A stream of ``(key, value)`` as ``(keys, values)`` lists of ``size``."""
    keys, values = [], []
    for key, value in items:
        keys.append(key)
        values.append(value)
        if len(keys) >= size:
            yield keys, values
            keys, values = [], []
    if keys:
        yield keys, values


def collect_blocks(blocks, weighted=False):
    """A :class:`SortedTable` of a stream of ``(keys, values)`` blocks, the
    keys of each block sorted and above those of the blocks before."""
    keys, values = array(INT64), array('d' if weighted else INT64)
    collected = 0
    for block_keys, block_values in blocks:
        keys.extend(block_keys)
        values.extend(block_values)
        collected += len(block_keys)
        if collected >= _CHUNK * _CHUNKS_PER_COLLECTION:
            collect_garbage()
            collected = 0
    return SortedTable(keys, values)
