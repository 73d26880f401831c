"""Exact counts of integer keys in bounded memory.

Counts are added to an in-memory table; when the table passes its budget,
its entries are sorted and written to a *run* on disk (a compact binary
file) and the table starts empty again.  At the end the runs are merged by
streaming, a block of each at a time (:func:`merge_blocks`), adding the
counts of equal keys, as GloVe's ``cooccur`` does: peak memory is then a
setting, not a function of the corpus size, and the counts are exact.

A run of integer keys is two blocks of little-endian 64-bit numbers: the
sorted distinct keys, then their counts (integers, or doubles for weighted
counts).  A run of text keys (``text_keys=True``; keys without tabs or line
ends) is UTF-8 lines ``key<TAB>count`` in key order (UTF-8 bytes sort as
the code points do, so Python's order of the keys is the order on disk).
Runs live in a temporary folder (in ``folder``, default the system's), which
is removed when the counter is closed, also after an error or Ctrl-C.
"""

import contextlib
import errno
import heapq
import io
import os
import shutil
import tempfile
from array import array
from bisect import bisect_right
from itertools import repeat
from operator import add

from .._compat import INT64, collect_garbage, map, range, read_array, write_array, zip
from ..errors import NlpZeroError
from ..progress import log
from .memory import BYTES_PER_ENTRY
from .sorted_table import SortedTable, collect_blocks

__all__ = ['SpillCounter', 'add_counts', 'add_equal', 'merge_blocks', 'merge_sorted']

#: Numbers read from a run at a time while merging.
_READ_ITEMS = 1 << 15

#: Entries a round of :func:`merge_blocks` may add up, over all runs (its
#: dict holds about this many): blocks of this share of it, at least
#: :data:`_MIN_BLOCK_ITEMS`, are read from each run.
_MERGE_ITEMS = 1 << 18
_MIN_BLOCK_ITEMS = 1 << 10


class SpillCounter(object):
    """Exact ``{int key: count}`` totals within about ``memory`` bytes.

    Parameters
    ----------
    memory : int or None
        Bytes the in-memory table may take (None: no limit, never spill).
    folder : str or None
        Where the temporary folder of runs goes (default: the system's).
    weighted : bool
        Counts are floats (distance-weighted co-occurrences), not integers.
    name : str
        What is counted, for the progress messages.
    """

    def __init__(self, memory=None, folder=None, weighted=False, progress=None, name='pairs',
                 text_keys=False):
        self.max_entries = max(1, memory // BYTES_PER_ENTRY) if memory else None
        self.folder = folder
        self.weighted = weighted
        self.progress = progress
        self.name = name
        self.text_keys = text_keys
        self.table = {}
        self.runs = []
        self._tmp = None

    def add(self, counts):
        """Add a ``{key: count}`` mapping (C-speed: no Python loop per key)."""
        self.add_items(list(counts), map(counts.__getitem__, counts))

    def add_items(self, keys, values):
        """Add the counts ``values`` of ``keys`` (two sequences, C speed)."""
        table = self.table
        _add_items(table, keys, values)
        if self.max_entries is not None and len(table) > self.max_entries:
            self._spill()

    def items(self):
        """The totals as a stream of ``(key, count)`` in key order (the runs
        merged as they are read); the counter is emptied."""
        try:
            if not self.runs:
                table, self.table = self.table, {}
                for key in sorted(table):
                    yield key, table[key]
                return
            if self.table:
                self._spill()
            log(self.progress, 'merging %d runs of %s' % (len(self.runs), self.name))
            if not self.text_keys:
                for keys, values in merge_blocks(self._run_blocks()):
                    for item in zip(keys, values):
                        yield item
                return
            for item in add_equal(heapq.merge(*[_read_text_run(path)
                                                for path in self.runs])):
                yield item
        finally:
            self.close()

    def result(self):
        """The totals as a :class:`SortedTable` (integer keys); the counter
        is emptied."""
        try:
            if not self.runs:
                keys = sorted(self.table)
                values = array('d' if self.weighted else INT64, map(self.table.__getitem__, keys))
                self.table = {}
                return SortedTable(array(INT64, keys), values)
            if self.table:
                self._spill()  # the merge then holds no table beside its output
            log(self.progress, 'merging %d runs of %s' % (len(self.runs), self.name))
            return merge_sorted(self._run_blocks(), self.weighted)
        finally:
            self.close()

    def _run_blocks(self):
        """The runs as streams of blocks, sized so that a round of the merge
        holds about :data:`_MERGE_ITEMS` entries whatever their number."""
        block = max(_MIN_BLOCK_ITEMS, _MERGE_ITEMS // len(self.runs))
        return [_read_blocks(path, self.weighted, block) for path in self.runs]

    def close(self):
        """Remove the runs and their folder (also called by :meth:`result`)."""
        self.table = {}
        self.runs = []
        if self._tmp is not None:
            shutil.rmtree(self._tmp, True)
            self._tmp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _spill(self):
        if self._tmp is None:
            try:
                self._tmp = tempfile.mkdtemp(prefix='nlp-zero-runs-', dir=self.folder)
            except (IOError, OSError) as exc:
                raise NlpZeroError('cannot make a temporary folder in %s: %s'
                                   % (self.folder or tempfile.gettempdir(), exc.strerror or exc))
        table = self.table
        keys = sorted(table)
        values = list(map(table.__getitem__, keys))
        self.table = table = {}
        path = os.path.join(self._tmp, 'run-%05d' % len(self.runs))
        if self.text_keys:
            _write_text_run(path, keys, values)
        else:
            _write_run(path, array(INT64, keys), array('d' if self.weighted else INT64, values))
        self.runs.append(path)
        log(self.progress, 'spilled run %d of %s: %d entries, %d MB on disk'
            % (len(self.runs), self.name, len(keys), (16 * len(keys)) >> 20))
        del keys, values
        collect_garbage()  # PyPy: give the old table's memory to the next one


def _write_run(path, keys, values):
    with _full_disk_named(path):
        with io.open(path, 'wb') as out:
            write_array(out, keys)
            write_array(out, values)


def _write_text_run(path, keys, values):
    with _full_disk_named(path):
        with io.open(path, 'wb') as out:
            for start in range(0, len(keys), _READ_ITEMS):
                out.write(u''.join(u'%s\t%d\n' % item for item in
                                   zip(keys[start:start + _READ_ITEMS],
                                       values[start:start + _READ_ITEMS])).encode('utf-8'))


def _read_text_run(path):
    with io.open(path, 'r', encoding='utf-8', newline='\n') as lines:
        for line in lines:
            key, _, count = line.rstrip(u'\n').rpartition(u'\t')
            yield key, int(count)


@contextlib.contextmanager
def _full_disk_named(path):
    try:
        yield
    except (IOError, OSError) as exc:
        if getattr(exc, 'errno', None) == errno.ENOSPC:
            raise NlpZeroError('the temporary folder %s is full: choose another with more room '
                               '(--tmp-dir, or tmp_dir= in the API)' % os.path.dirname(path))
        raise


def _read_blocks(path, weighted, items=_READ_ITEMS):
    """The ``(keys, counts)`` arrays of a run, ``items`` at a time, in key order."""
    size = os.path.getsize(path) // 16
    with io.open(path, 'rb') as keys_file:
        with io.open(path, 'rb') as values_file:
            values_file.seek(8 * size)
            left = size
            while left:
                n = min(left, items)
                keys = read_array(keys_file, INT64, n)
                values = read_array(values_file, 'd' if weighted else INT64, n)
                left -= n
                yield keys, values


def merge_sorted(runs, weighted=False):
    """A :class:`SortedTable` of the totals of sorted runs of integer keys,
    each given as a stream of ``(keys, counts)`` blocks (see
    :func:`merge_blocks`; a table's own are ``SortedTable.blocks()``)."""
    return collect_blocks(merge_blocks(runs), weighted)


def merge_blocks(runs):
    """Merge sorted runs given as streams of ``(keys, counts)`` blocks (each
    run's keys distinct and increasing) into blocks of sorted distinct keys
    and their totals.

    A block at a time instead of a pair at a time: with every run's current
    block at hand, no later block holds a key at or below the smallest of
    their last keys, so every key up to it is added up at once in a dict (C
    speed on CPython, JIT-compiled on PyPy) and sorted.  Several times
    faster than ``heapq.merge`` over ``(key, count)`` tuples, which costs a
    few Python calls a pair.
    """
    blocks = []
    for run in runs:
        run = iter(run)
        for keys, values in run:
            if len(keys):
                blocks.append([run, keys, values, 0])
                break
    while blocks:
        bound = min(block[1][-1] for block in blocks)
        table = {}
        for block in blocks:
            run, keys, values, start = block
            end = bisect_right(keys, bound, start)
            _add_items(table, keys[start:end], values[start:end])
            block[3] = end
        keys = sorted(table)
        yield keys, list(map(table.__getitem__, keys))
        blocks = [block for block in map(_refilled, blocks) if block is not None]


def _refilled(block):
    """``block`` with its next block of keys read if it has used up its own;
    None when its run is over."""
    run, keys, values, start = block
    if start < len(keys):
        return block
    for keys, values in run:
        if len(keys):
            return [run, keys, values, 0]
    return None


def add_counts(table, counts):
    """Add the ``{key: count}`` of ``counts`` into the dict (or Counter)
    ``table`` (with ``map`` over the keys: C speed, no Python loop per key;
    the new keys go in the order of ``counts``)."""
    keys = list(counts)
    _add_items(table, keys, map(counts.__getitem__, keys))


def _add_items(table, keys, values):
    # dict.update: a Counter's own update would count the (key, total) tuples
    dict.update(table, zip(keys, map(add, map(table.get, keys, repeat(0)), values)))


def add_equal(items):
    """Add up the counts of consecutive equal keys of a sorted stream."""
    items = iter(items)
    for current, total in items:
        break
    else:
        return
    for key, value in items:
        if key == current:
            total += value
        else:
            yield current, total
            current, total = key, value
    yield current, total
