"""Word discovery as map and merge, for engines that count elsewhere.

Discovery counts the n-grams of the normalized text, then, with the
cohesive n-grams that must not be cut, what the second cut needs (the
characters left alone, :mod:`.singles`), then the pieces of the cut text.
All are sums over batches of lines, and what a batch counts depends on its
lines only (lines are joined by a separator, and nothing counted spans
one), so any split of the corpus into parts gives the same totals.
:class:`DiscoveryMap` is the map of these passes over one part of the
corpus, built from plain options (it can be sent to another process or
machine); the merge is addition, then :meth:`WordDiscovery.add_gram_counts
<nlp_zero.words.discovery.WordDiscovery.add_gram_counts>` and
:meth:`WordDiscovery.find_with
<nlp_zero.words.discovery.WordDiscovery.find_with>` finish on the counts.
The tables are those of exact counting (``max_entries=None``), which do not
depend on the order of the batches; :func:`nlp_zero.spark.discover` runs
this on Spark.
"""

from collections import Counter

from ..._compat import range, zip
from .cutting import BatchWork
from .ngrams import gram_arrays, pack_all
from .normalize import texts
from .singles import SingleCounts
from .tables import ExactPieces, ExactTable

__all__ = ['DiscoveryMap']


class DiscoveryMap(object):
    """The map of the counting passes of a WordDiscovery, for one part of
    a corpus (an iterable of lines) at a time.

    ``options`` are :meth:`BatchWork.options` of the WordDiscovery
    (``finder.work.options()``); ``memory`` and ``folder`` bound the part's
    tables as in exact counting (spilling past ``memory`` bytes).
    """

    def __init__(self, options, memory=None, folder=None):
        self.options = dict(options)
        self.memory = memory
        self.folder = folder
        self._work = None

    def __getstate__(self):  # (sent without the tables built from the options)
        return dict(self.__dict__, _work=None)

    @property
    def work(self):
        if self._work is None:
            self._work = BatchWork(**self.options)
        return self._work

    def gram_counts(self, lines):
        """``((n, packed n-gram), count)`` of every n-gram of ``lines``, for
        each order n from 2 (the n-gram tables of
        :meth:`WordDiscovery.train`)."""
        work = self.work
        order = work.order
        tables = dict((n, ExactTable('%d-gram' % n, self.memory, self.folder))
                      for n in range(2, order + 1))
        for text in texts(lines):
            data, _ = work.prepare((text, False))
            length = len(data) // 2
            for n in range(2, order + 1):
                tables[n].count_arrays(gram_arrays(data, length, n))
        for n in range(2, order + 1):
            for keys, counts in tables[n].chunks():
                for key, count in zip(keys, counts):
                    yield (n, key), count

    def alone_counts(self, lines, kept, eligible):
        """``(key, count)`` of :meth:`SingleCounts.items()
        <nlp_zero.words.discovery.singles.SingleCounts.items>` for ``lines``
        cut at ``kept``, the pairs those of ``eligible`` (2-character
        strings: :attr:`WordDiscovery.eligible`); what the second cut
        counts."""
        work = self.work
        work.set_kept(kept)
        work.set_eligible(pack_all(list(eligible), 2))
        counts = SingleCounts()
        for text in texts(lines):
            counts.add(work.count_alone(text))
        return counts.items()

    def piece_counts(self, lines, kept):
        """``(piece, count)`` of the pieces of ``lines`` cut where no n-gram of
        ``kept`` (``{n: packed n-grams}``) spans the gap, in surface form
        (what :meth:`WordDiscovery.find` counts)."""
        work = self.work
        work.set_kept(kept)
        pieces = ExactPieces(self.memory, self.folder, None)
        for text in texts(lines):
            pieces.merge(Counter(work.cut(text).split()))
        return pieces.counter.items()
