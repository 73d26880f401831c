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
        for text in self._cut_batches(corpora, caches, kept, 'cut', progress):
            pieces.merge(Counter(text.split()))
            pieces.check(progress)
        return kept_pieces(pieces.items(), floor)

    def _count_alone(self, corpora, caches, kept, progress):
        """Cut every batch at ``kept`` and count, here, what the second cut
        needs (:class:`~.singles.SingleCounts`), batch after batch."""
        eligible = pack_all(self.eligible, 2)
        self.work.set_eligible(eligible)
        self._tell_helpers('set_eligible', list(eligible), progress)
        counts = SingleCounts()
        for result in self._cut_batches(corpora, caches, kept, 'count_alone', progress):
            counts.add(result)
        return counts

    def _cut_batches(self, corpora, caches, kept, task, progress):
        """``task`` (a :class:`~.cutting.BatchWork` method) of every batch of
        the corpora (from their caches where there are), cut at ``kept``, in
        the helper processes if any; the results in the order of the batches."""
        self.work.set_kept(kept)
        self._tell_helpers('set_kept', dict((n, list(grams)) for n, grams in iteritems(kept)),
                           progress)
        helpers = self._start_helpers(progress)
        for corpus, cache in zip(corpora, caches):
            batches = cache if cache is not None else texts(corpus)
            for result in in_order(task, batches, helpers, getattr(self.work, task)):
                yield result

    def _tell_helpers(self, method, value, progress):
        """Call ``method(value)`` in every helper process (started if not yet)."""
        helpers = self._start_helpers(progress)
        for helper in helpers:
            helper.send(method, value)
        for helper in helpers:
            helper.receive()
