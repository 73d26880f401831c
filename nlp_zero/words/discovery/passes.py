"""The passes of word discovery over the corpus after counting: cutting it
and counting what the cuts give, batch after batch, with the worker
processes (if any) cutting while this process counts.

Every table is updated here, in the order of the batches, whatever process
cut them, so the counts are those of one process.
"""

from collections import Counter

from ..._compat import iteritems, zip
from ...counting.workers import in_order, start_helpers
from .cutting import BatchWork
from .ngrams import pack_all
from .normalize import texts
from .singles import SingleCounts
from .tables import CountTable, ExactPieces, kept_pieces

__all__ = ['CorpusPasses']


class CorpusPasses(object):
    """The passes of :class:`~.finder.WordDiscovery` (a mixin: it uses the
    finder's ``work``, ``workers``, ``max_entries``, ``memory`` and
    ``tmp_dir``)."""

    def _start_helpers(self, progress):
        if not self._helpers and self.workers > 1:
            self._helpers = start_helpers(self.workers - 1, BatchWork, self.work.options(), progress)
        return self._helpers

    def _stop_helpers(self):
        helpers, self._helpers = self._helpers, []
        for helper in helpers:
            helper.stop()

    def _count_pieces(self, corpora, caches, kept, progress, floor):
        """Cut every batch (in the helper processes, if any) and count its
        pieces here, batch after batch; the pieces kept at ``floor``
        (:func:`~.tables.kept_pieces`, as every engine gives them)."""
        if self.max_entries:
            # only the frequent pieces are candidates: half the room is plenty
            pieces = CountTable('piece', self.max_entries // 2)
        else:
            pieces = ExactPieces(self.memory, self.tmp_dir, progress)
        helpers = self._start_helpers(progress)
        self._send_kept(kept, helpers)
        for corpus, cache in zip(corpora, caches):
            batches = cache if cache is not None else texts(corpus)
            for text in in_order('cut', batches, helpers, self.work.cut):
                pieces.merge(Counter(text.split()))
                pieces.check(progress)
        return kept_pieces(pieces.items(), floor)

    def _count_alone(self, corpora, caches, kept, progress):
        """Cut every batch at ``kept`` and count, here, what the second cut
        needs (:class:`~.singles.SingleCounts`), batch after batch."""
        helpers = self._start_helpers(progress)
        self._send_kept(kept, helpers)
        eligible = pack_all(self.eligible, 2)
        self.work.set_eligible(eligible)
        for helper in helpers:
            helper.send('set_eligible', list(eligible))
        for helper in helpers:
            helper.receive()
        counts = SingleCounts()
        for corpus, cache in zip(corpora, caches):
            batches = cache if cache is not None else texts(corpus)
            for result in in_order('count_alone', batches, helpers, self.work.count_alone):
                counts.add(result)
        return counts

    def _send_kept(self, kept, helpers):
        self.work.set_kept(kept)
        for helper in helpers:
            helper.send('set_kept', dict((n, list(grams)) for n, grams in iteritems(kept)))
        for helper in helpers:
            helper.receive()
