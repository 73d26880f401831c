# -*- coding: utf-8 -*-
"""Template discovery as map and merge.

Both passes of :class:`~nlp_zero.structure.finder.TemplateFinder` are sums
over batches: the first maps a batch of lines to its word and skip-gram
pair counts (and its fragments' words, spooled for the second pass), the
second maps a batch of fragments to the counts of their templates, given
the strong pairs.  :class:`TemplateMap` is both maps, built from plain
options, so that it runs the same in this process, in worker processes
(:mod:`nlp_zero.counting.workers`) or on Spark executors
(:func:`nlp_zero.spark.templates`).  The finder merges the results batch
after batch, in the order of the batches, so that its tables, and the
prunings of its tables, do not depend on which process mapped a batch.
"""

from collections import Counter

from .._compat import range, zip
from ..text.chars import fragments

__all__ = ['TemplateMap', 'pair_counts', 'line_batches', 'spool_batches', 'StrongPairs',
           'TupleCounts']

#: A batch is this many lines, or fewer lines of this many characters.
BATCH_LINES = 2000
BATCH_CHARS = 1 << 18


def line_batches(lines):
    """Lists of lines: at most :data:`BATCH_LINES`, about :data:`BATCH_CHARS`."""
    batch, size = [], 0
    for line in lines:
        batch.append(line)
        size += len(line)
        if size >= BATCH_CHARS or len(batch) >= BATCH_LINES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def spool_batches(spool):
    """Batches of spooled fragments (bytes: one UTF-8 line of words each)
    read back from a binary file, :data:`BATCH_LINES` at a time."""
    batch = []
    for line in spool:
        batch.append(line)
        if len(batch) >= BATCH_LINES:
            yield b''.join(batch)
            batch = []
    if batch:
        yield b''.join(batch)


def pair_counts(batch, window):
    """Pass 1 of one batch of fragments (lists of words): ``(word counts,
    pair counts, words, pairs, fragments)``; a pair is ``(w1, w2)`` with
    ``w2`` at most ``window`` words after ``w1`` in one fragment."""
    n_words = n_pairs = 0
    for ws in batch:
        n = len(ws)
        n_words += n
        if n > window:
            n_pairs += window * n - window * (window + 1) // 2
        else:
            n_pairs += n * (n - 1) // 2
    words = Counter(w for ws in batch for w in ws)
    pairs = Counter()
    for k in range(1, window + 1):
        pairs.update(pair for ws in batch if len(ws) > k for pair in zip(ws, ws[k:]))
    return words, pairs, n_words, n_pairs, len(batch)


class TemplateMap(object):
    """The maps of both passes of a TemplateFinder with these options
    (``tokenize``: text -> words, given one fragment at a time)."""

    def __init__(self, tokenize, window=5, max_steps=10000):
        self.tokenize = tokenize
        self.window = window
        self.max_steps = max_steps
        self.strong = frozenset()

    def fragment_words(self, lines):
        """The words of each fragment of ``lines`` that has any."""
        tokenize = self.tokenize
        for line in lines:
            for fragment in fragments(line):
                ws = tokenize(fragment)
                if ws:
                    yield ws

    def count_pairs(self, lines):
        """Pass 1 of a batch of lines: :func:`pair_counts` of its fragments,
        and the fragments spooled (bytes, one line of words each)."""
        batch = list(self.fragment_words(lines))
        spooled = []
        for ws in batch:
            line = u' '.join(ws)
            if line.count(u' ') != len(ws) - 1:
                raise ValueError('tokenize returned a word with a space in it: %r' % (ws,))
            spooled.append(line)
        spooled.append(u'')
        return pair_counts(batch, self.window), u'\n'.join(spooled).encode('utf-8')

    def set_strong(self, pairs):
        """The strong pairs (of :meth:`TemplateFinder.strong_pairs`) of pass 2."""
        self.strong = pairs if isinstance(pairs, frozenset) else frozenset(pairs)

    def count_templates(self, batch):
        """Pass 2 of a batch of fragments (lists of words, or spooled bytes):
        ``(template counts, occurrences, fragments, stretches truncated,
        longest walk)``."""
        from .finder import TemplateFinder
        if isinstance(batch, bytes):
            batch = [line.split(u' ') if line else []
                     for line in batch.decode('utf-8').split(u'\n')[:-1]]
        walker = TemplateFinder(None, window=self.window, max_steps=self.max_steps)
        counts = Counter()
        total = done = 0
        strong = self.strong
        for ws in batch:
            if ws:
                total += walker._count_fragment(ws, strong, counts)
                done += 1
        return counts, total, done, walker.truncated, walker.most_steps


class StrongPairs(object):
    """The test of a strong pair ``((w1, w2), count)``, from the totals of
    pass 1: ``p(w1, w2) > min_proba`` and ``log(p(w1, w2) / (p(w1) p(w2)))
    > min_pmi`` (a picklable callable; ``word_logs``: ``{word: log count}``
    of at least the words of the pairs tested)."""

    def __init__(self, word_logs, word_total, pair_total, min_proba, min_pmi):
        import math
        self.word_logs = word_logs
        self.min_count = min_proba * pair_total
        # log p12 - log p1 - log p2 > min_pmi, with p = count / total
        self.offset = min_pmi + math.log(pair_total) - 2 * math.log(word_total)

    def __call__(self, item):
        import math
        (w1, w2), count = item
        if count <= self.min_count:
            return False
        logs = self.word_logs
        return math.log(count) - logs[w1] - logs[w2] > self.offset


class TupleCounts(object):
    """Exact counts of word tuples (skip-gram pairs, template items) within
    ``memory`` bytes: past it they spill to sorted runs on disk, in
    ``folder``, and are merged back by streaming
    (:class:`~nlp_zero.counting.spill.SpillCounter` with text keys: the
    words joined by spaces, a placeholder (None) as an empty word; words
    never hold whitespace).  :meth:`items` streams the totals once."""

    def __init__(self, memory, folder=None, name='pairs', progress=None):
        from ..counting.spill import SpillCounter
        self.counter = SpillCounter(memory, folder, progress=progress, name=name,
                                    text_keys=True)
        self.spilled = 0  # entries written to runs (a key may be in several)
        self.distinct = None  # known once the totals are streamed

    def add_counts(self, batch):
        """Add a batch's ``{tuple: count}``."""
        keys = [u' '.join([w if w is not None else u'' for w in key]) for key in batch]
        runs = len(self.counter.runs)
        before = len(self.counter.table)
        self.counter.add_items(keys, list(batch.values()))
        if len(self.counter.runs) > runs:
            self.spilled += before + len(keys)  # (at most)

    def __len__(self):
        """Distinct tuples (an upper bound until :meth:`items` has run)."""
        if self.distinct is not None:
            return self.distinct
        return len(self.counter.table) + self.spilled

    def items(self):
        """``(tuple, count)`` totals, in the order of the encoded keys."""
        distinct = 0
        for key, count in self.counter.items():
            distinct += 1
            yield tuple([w if w else None for w in key.split(u' ')]), count
        self.distinct = distinct

    def close(self):
        self.counter.close()
