# -*- coding: utf-8 -*-
"""Count tables of packed n-grams, bounded in size.

:class:`CountTable` is a ``Counter`` that keeps at most ``max_entries``
entries by dropping the rarest ones when it grows past that (the word2vec
vocabulary reduction), and says so through the progress reporter; the
NumPy-backed table of :mod:`nlp_zero.words.discovery._numpy` has the same
interface and gives the same counts and prunings.  :class:`PackedSet` is the
set of n-grams that must not be cut.
"""

from array import array
from collections import Counter
from itertools import compress, repeat
from operator import le, not_

from ..._compat import INT64, array_bytes, iteritems, itervalues, map, range, zip
from ...counting.sorted_table import SortedTable
from ...counting.spill import SpillCounter, add_counts, merge_sorted
from ...progress import log
from .ngrams import CODES
from .normalize import CLASS_RUN_RE

__all__ = ['CountTable', 'ExactTable', 'ExactPieces', 'KeepPiece', 'PackedSet', 'gram_table',
           'at_least', 'kept_pieces', 'prune_threshold']

#: Keys handed out at a time by :meth:`ExactTable.chunks`.
_CHUNK = 1 << 16


def at_least(values, floor):
    """One flag per value: is it ``>= floor``?  (C-level, for compress.)"""
    return list(map(le, repeat(floor), values))


class CountTable(object):
    """A Counter that keeps at most ``max_entries`` entries by dropping the
    rarest ones (the word2vec vocabulary reduction)."""

    def __init__(self, name, max_entries):
        self.name = name
        self.max_entries = max_entries
        self.counts = Counter()
        self.floor = 0  # counts below this may have been dropped
        self.prunings = 0
        self.keep_dropped = None  # called with the keys and counts dropped

    def __len__(self):
        return len(self.counts)

    def count_arrays(self, arrays):
        """Count the packed n-grams of one batch (arrays of ints)."""
        for packed in arrays:
            self.counts.update(packed)

    def snapshot(self):
        """What :meth:`restore` needs to undo the counting that follows."""
        return Counter(self.counts), self.floor, self.prunings

    def restore(self, state):
        self.counts, self.floor, self.prunings = state

    def keys_and_counts(self):
        """Two lists: the keys, and their counts."""
        return list(self.counts), list(itervalues(self.counts))

    def items(self):
        return iteritems(self.counts)

    def chunks(self):
        """The keys and counts as ``(keys, counts)`` lists, a part at a time."""
        yield self.keys_and_counts()

    def merge(self, batch):
        """Add the counts of one batch (a Counter).

        Counting a batch apart, in a small Counter that stays in the CPU
        cache, then adding each distinct key once, is faster than counting
        every occurrence in the large table when keys repeat a lot within
        a batch (pieces: a fifth are distinct); the table ends up the same,
        in the same order.
        """
        add_counts(self.counts, batch)

    def check(self, progress):
        if self.max_entries and len(self) > self.max_entries:
            self.prune(progress)

    def prune(self, progress):
        """Keep about half of the allowed entries: the most frequent ones."""
        counts = self.counts
        threshold = prune_threshold(iteritems(Counter(itervalues(counts))),
                                     self.max_entries // 2)
        before = len(counts)
        # the filtering runs in C (compress over flags), in the table's order
        keys = list(counts)
        values = list(itervalues(counts))
        del counts
        self.counts = Counter()
        flags = at_least(values, threshold)
        dict.update(self.counts, zip(compress(keys, flags), compress(values, flags)))
        if self.keep_dropped is not None:
            flags = list(map(not_, flags))
            self.keep_dropped(list(compress(keys, flags)), list(compress(values, flags)))
        self.floor = max(self.floor, threshold)
        self.prunings += 1
        log(progress, 'pruned the %s table from %d to %d entries (dropped counts < %d)'
            % (self.name, before, len(self.counts), threshold))


def prune_threshold(histogram, keep):
    """The smallest count that keeps at most about ``keep`` entries (at
    least 2), from ``(count, number of entries)`` pairs."""
    kept = 0
    for value, entries in sorted(histogram, reverse=True):
        kept += entries
        if kept > keep:
            return max(value + 1, 2)
    return 2


def _as_signed(keys):
    """Packed n-grams (unsigned, up to 64 bits: a 4-gram of characters
    from U+8000 up sets the top bit) as the signed 64-bit integers of the
    counting layer, bit for bit."""
    return array(INT64, array_bytes(array(CODES[4], keys)))


def _as_unsigned(keys):
    """The packed n-grams of :func:`_as_signed` integers (an array), as a list."""
    return array(CODES[4], array_bytes(keys)).tolist()


class ExactTable(object):
    """Exact counts of packed n-grams in bounded memory: a
    :class:`~nlp_zero.counting.spill.SpillCounter` behind the interface of
    :class:`CountTable` (nothing is ever pruned; past ``memory`` bytes the
    counts spill to sorted runs in ``folder`` and are merged back).  The
    counter holds the keys as signed integers (:func:`_as_signed`); they are
    sorted in that order, which nothing here depends on."""

    def __init__(self, name, memory=None, folder=None):
        self.name = name
        self.memory = memory
        self.folder = folder
        self.floor = 0
        self.prunings = 0
        self.keep_dropped = None  # nothing is dropped
        self._counter = None
        self._final = SortedTable(array(INT64), array(INT64))

    def __len__(self):
        return len(self._finished())

    def count_arrays(self, arrays):
        batch = Counter()
        for packed in arrays:
            batch.update(packed)
        self.add_counts(list(batch), list(itervalues(batch)))

    def add_counts(self, keys, counts):
        """Add the ``counts`` of the packed n-grams ``keys`` (two lists)."""
        if self._counter is None:
            self._counter = SpillCounter(self.memory, self.folder, name=self.name + 's')
        self._counter.add_items(_as_signed(keys), counts)

    def check(self, progress):
        if self._counter is not None:
            self._counter.progress = progress  # (it says when it spills)

    def _finished(self):
        """The totals so far, as a SortedTable."""
        if self._counter is not None:
            new, self._counter = self._counter.result(), None
            if len(self._final):
                new = merge_sorted([self._final.blocks(), new.blocks()])
            self._final = new
        return self._final

    def keys_and_counts(self):
        table = self._finished()
        return _as_unsigned(table.keys_array), table.values_array.tolist()

    def chunks(self):
        table = self._finished()
        for start in range(0, len(table), _CHUNK):
            yield (_as_unsigned(table.keys_array[start:start + _CHUNK]),
                   table.values_array[start:start + _CHUNK].tolist())

    def snapshot(self):
        return self._finished()

    def restore(self, state):
        if self._counter is not None:
            self._counter.close()
        self._counter, self._final = None, state


class PackedSet(set):
    """A set of packed n-grams (with, for pairs, the NumPy lookup table of
    :func:`nlp_zero.words.discovery._numpy.pair_flags` once it is built)."""
    lookup = None


def gram_table(n, max_entries, numpy=None, memory=None, folder=None):
    """An empty count table for packed n-grams: pruned past ``max_entries``
    (NumPy-backed when ``numpy`` is the NumPy module), or, with no
    ``max_entries``, exact (spilling to ``folder`` past ``memory`` bytes)."""
    name = '%d-gram' % n
    if not max_entries and (numpy is None or memory):
        return ExactTable(name, memory, folder)
    if numpy is None:
        return CountTable(name, max_entries)
    from ._numpy import ArrayTable
    return ArrayTable(name, max_entries, CODES[n], numpy)

class ExactPieces(object):
    """The piece table of exact counting: every piece counted (spilling past
    ``memory``), then only those that can matter kept: the frequent ones and
    those with a digit or letter run (1996年 and 1997年 add up as a class)."""

    def __init__(self, memory, folder, progress):
        self.counter = SpillCounter(memory, folder, progress=progress, name='pieces',
                                    text_keys=True)

    def merge(self, batch):
        self.counter.add(batch)

    def check(self, progress):
        pass

    def items(self):
        """The ``(piece, count)`` totals, in the order of the pieces (once)."""
        return self.counter.items()


def kept_pieces(items, floor):
    """The ``(piece, count)`` totals of ``items`` that :class:`KeepPiece`
    keeps, as a Counter in their order: what every engine hands
    :meth:`WordDiscovery.find_with
    <nlp_zero.words.discovery.WordDiscovery.find_with>` (Spark applies the
    same test on its executors)."""
    return Counter(dict(filter(KeepPiece(floor), items)))


class KeepPiece(object):
    """Whether a piece's total ``(piece, count)`` can matter to the lexicon:
    it is frequent, or it has a digit or letter run (a picklable test, for
    the engines that count pieces elsewhere)."""

    def __init__(self, min_count):
        self.min_count = min_count

    def __call__(self, item):
        return item[1] >= self.min_count or CLASS_RUN_RE.search(item[0]) is not None
