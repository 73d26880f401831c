# -*- coding: utf-8 -*-
"""Template discovery: templates from skip-gram mutual information.

Words that keep appearing together a few words apart (``的 ... 是 ... 呢``)
form the fixed part of a sentence template.  Two passes over the corpus:

1. :meth:`TemplateFinder.train` counts words and ordered skip-gram pairs
   (``w1`` before ``w2`` at most ``window`` words later, inside one fragment).
   A pair is *strong* when ``p(w1, w2) > min_proba`` and its pointwise
   mutual information ``log(p(w1, w2) / (p(w1) p(w2)))`` exceeds
   ``min_pmi`` (pair probabilities are relative to all pairs counted, word
   probabilities to all words).
2. :meth:`TemplateFinder.find` links the strong pairs of each fragment into
   a DAG over word positions and follows every maximal path (from a word no
   strong pair reaches to one no strong pair leaves; a link that a longer
   chain of links already implies is dropped first, so a path never skips a
   word it could go through).  A path becomes a template: its words in
   order, a placeholder wherever it skips words, and one before its first
   and after its last word unless those are the fragment's ends.  A word
   that no strong pair touches gives the trivial template ``X w X`` (or
   ``w X`` / ``X w`` at an end).  Templates more probable than
   ``min_proba`` and seen at least ``min_count`` times are kept, except
   those without a placeholder: a path that covers a whole fragment
   (``参考文献``, ``图 2``, a one-word fragment such as ``1``) is a word or a
   collocation, not a template, so it is left out unless ``keep_phrases``
   is set.  Their occurrences still count in the total that ``min_proba``
   is relative to.

Bounds.  A dense fragment can have exponentially many paths, so the walk is
done separately for each stretch of the fragment that no strong pair links
across, and stops after ``max_steps`` steps in a stretch (a step is a word
added to a path); stretches cut short are counted in :attr:`truncated`.
The pair and template count tables are pruned to their most frequent half
when they exceed ``max_pairs`` / ``max_templates`` entries (the totals keep
counting everything, so probabilities stay relative to the whole corpus;
on big corpora the pruned pairs are far below ``min_proba``); with
``max_pairs=None, max_templates=None`` the counts are exact, and
``memory`` bounds the tables by spilling them to disk.  The word table is
as large as the vocabulary the tokenizer produces.  Both passes are map
and merge (:mod:`.mapping`): ``workers`` and Spark run the same maps.
"""

from __future__ import division

import math
import tempfile
from collections import Counter
from itertools import compress, repeat

from .._compat import clock, iteritems, map, range, zip
from ..counting.memory import parse_size
from ..counting.spill import add_counts
from ..counting.workers import in_order, start_helpers
from ..errors import CorpusError
from ..text.corpus import as_corpus
from ..progress import log
from .mapping import (StrongPairs, TemplateMap, TupleCounts, line_batches, pair_counts,
                      spool_batches)
from .templates import PLACEHOLDER, Template, TemplateSet

__all__ = ['TemplateFinder']

_X = PLACEHOLDER


class TemplateFinder(object):
    """Find sentence templates in tokenized text.

    Parameters
    ----------
    tokenize : callable
        ``text -> list of words``, e.g. ``Tokenizer(lexicon).tokenize``.  It
        is given one fragment (a run of word characters) at a time.
    window : int
        Pairs are counted between a word and the ``window`` words after it.
    min_proba : float
        Lowest probability of a strong pair and of a kept template.
    min_pmi : float
        Lowest pointwise mutual information (natural log) of a strong pair.
    min_count : int
        Templates seen fewer times are not kept.
    max_steps : int
        Cap on the path walk in one stretch of a fragment (see module doc).
    max_pairs, max_templates : int or None
        Size at which a count table is pruned to its most frequent half
        (approximate, bounded; the default).  None: exact counts, never
        pruned; then ``memory`` bounds the tables instead.
    memory : int, str or None
        With exact tables: bytes (or ``'500M'``) each may take before it
        spills to sorted runs on disk, in ``tmp_dir``, merged back at the
        end (:class:`~.mapping.TupleCounts`; the tables are then read once,
        by one :meth:`fit`).  None: in memory only.
    keep_phrases : bool
        Also keep the templates without a placeholder (whole fragments:
        words and collocations); see the module doc.
    progress : Progress, optional
        Receives progress updates and log lines (pruning, truncation).
    workers : int
        With ``n > 1``, :meth:`fit` tokenizes, counts and walks the batches
        in ``n`` worker processes (``tokenize`` must then be picklable
        where processes are spawned, not forked) while this one merges
        their counts, batch after batch: the templates are those of one
        process.  See :mod:`nlp_zero.structure.mapping`.
    """

    def __init__(self, tokenize, window=5, min_proba=1e-5, min_pmi=2, min_count=2,
                 max_steps=10000, max_pairs=2000000, max_templates=2000000, progress=None,
                 keep_phrases=False, workers=1, memory=None, tmp_dir=None):
        if window < 1:
            raise ValueError('window must be at least 1')
        if not 0 <= min_proba <= 1:  # NaN fails too
            raise ValueError('min_proba is a probability, between 0 and 1, not %r' % (min_proba,))
        if not -float('inf') < min_pmi < float('inf'):
            raise ValueError('min_pmi must be a finite number, not %r' % (min_pmi,))
        self.tokenize = tokenize
        self.window = int(window)
        self.min_proba = min_proba
        self.min_pmi = min_pmi
        self.min_count = min_count
        self.max_steps = max_steps
        self.max_pairs = max_pairs
        self.max_templates = max_templates
        self.progress = progress
        self.keep_phrases = keep_phrases
        self.workers = max(1, int(workers))
        self.memory, self.tmp_dir = parse_size(memory), tmp_dir
        self.word_counts = Counter()
        self.pair_counts = self._table(max_pairs, 'pairs')
        self.template_counts = self._table(max_templates, 'templates')  # item tuple -> count
        self._kept = None
        self.word_total = 0
        self.pair_total = 0
        self.template_total = 0
        self.fragments_trained = 0
        self.fragments_found = 0
        self.truncated = 0
        self.most_steps = 0  # the longest walk of one stretch (at most max_steps)
        self._strong = None

    # ------------------------------------------------------------ pass 1

    def train(self, texts):
        """Count words and skip-gram pairs in ``texts`` (lines); may be called
        several times to add more text.  Returns ``self``."""
        mapper = self._mapper()
        for lines in line_batches(as_corpus(texts)):
            self.merge_pairs(pair_counts(list(mapper.fragment_words(lines)), self.window))
        return self

    def _table(self, bound, name):
        if bound or not self.memory:
            return Counter()
        return TupleCounts(self.memory, self.tmp_dir, name, self.progress)

    def _mapper(self):
        return TemplateMap(**self._map_options())

    def _map_options(self):
        return dict(tokenize=self.tokenize, window=self.window, max_steps=self.max_steps)

    def merge_pairs(self, counts):
        """Add the counts of pass 1 of one batch (:func:`~.mapping.pair_counts`),
        pruning the pair table past ``max_pairs``."""
        words, pairs, n_words, n_pairs, n_fragments = counts
        _add(self.word_counts, words)
        _add(self.pair_counts, pairs)
        self.word_total += n_words
        self.pair_total += n_pairs
        self.fragments_trained += n_fragments
        if self.max_pairs and len(self.pair_counts) > self.max_pairs:
            self.pair_counts = _prune(self.pair_counts, self.max_pairs // 2, 'pair',
                                      self.progress)
        self._strong = None

    def strong_pairs(self):
        """The set of (w1, w2) pairs that link words into templates."""
        if self._strong is None:
            self._strong = self._compute_strong()
        return self._strong

    def _compute_strong(self):
        if not self.pair_total:
            return frozenset()
        return frozenset(pair for pair, count in filter(self.strong_test(), _items(
            self.pair_counts)))

    def strong_test(self, words=None):
        """The test of a strong pair ``((w1, w2), count)`` with the totals
        counted so far (:class:`~.mapping.StrongPairs`; ``words``: the word
        counts, default :attr:`word_counts`)."""
        words = self.word_counts if words is None else words
        logs = dict((word, math.log(count)) for word, count in iteritems(words))
        return StrongPairs(logs, self.word_total, self.pair_total, self.min_proba,
                           self.min_pmi)

    def use_strong_pairs(self, pairs):
        """Set the strong pairs (found elsewhere, e.g. on Spark, with
        :meth:`strong_test`) for pass 2."""
        self._strong = frozenset(pairs)

    # ------------------------------------------------------------ pass 2

    def find(self, texts):
        """Count the templates of ``texts`` with the pairs trained so far and
        return the kept ones (over everything ``find`` has seen) as a
        :class:`~nlp_zero.templates.TemplateSet`."""
        mapper = self._mapper()
        mapper.set_strong(self.strong_pairs())
        for lines in line_batches(as_corpus(texts)):
            self.merge_templates(mapper.count_templates(list(mapper.fragment_words(lines))))
        return self.kept_templates()

    def merge_templates(self, result):
        """Add the counts of pass 2 of one batch (:meth:`TemplateMap.count_templates
        <nlp_zero.structure.mapping.TemplateMap.count_templates>`), pruning
        the template table past ``max_templates``."""
        counts, total, done, truncated, most_steps = result
        _add(self.template_counts, counts)
        self.template_total += total
        self.fragments_found += done
        self.truncated += truncated
        self.most_steps = max(self.most_steps, most_steps)
        if self.max_templates and len(self.template_counts) > self.max_templates:
            self.template_counts = _prune(self.template_counts, self.max_templates // 2,
                                          'template', self.progress)

    def fit(self, texts):
        """Both passes over a re-iterable corpus; returns the kept templates.

        Each fragment is tokenized once: the words are spooled to a temporary
        file between the passes.  A corpus without a word (and nothing
        trained before) is a :class:`~nlp_zero.errors.CorpusError`, as in
        word discovery: an empty result would look like a finding.
        """
        corpus = as_corpus(texts)
        helpers = []
        if self.workers > 1:
            helpers = start_helpers(self.workers, TemplateMap, self._map_options(), self.progress)
        try:
            with tempfile.TemporaryFile() as spool:
                self._fit(corpus, spool, helpers)
            return self.kept_templates()
        finally:
            for helper in helpers:
                helper.stop()
            for table in (self.pair_counts, self.template_counts):
                if isinstance(table, TupleCounts):
                    table.close()  # (their runs, also after an error or Ctrl-C)

    def _fit(self, corpus, spool, helpers):
        mapper = self._mapper()
        started = clock()
        for counts, spooled in in_order('count_pairs', line_batches(corpus), helpers,
                                        mapper.count_pairs):
            spool.write(spooled)
            self.merge_pairs(counts)
        if not self.word_total:
            raise CorpusError('no text to find templates in: the corpus has no words (it '
                              'is empty, or only punctuation and spaces)')
        log(self.progress, 'counted %d words and %d pairs in %d fragments (%.1fs)' % (
            self.word_total, self.pair_total, self.fragments_trained, clock() - started))
        strong = self.strong_pairs()
        log(self.progress, '%d strong pairs' % len(strong))
        mapper.set_strong(strong)
        for helper in helpers:
            helper.send('set_strong', list(strong))
        for helper in helpers:
            helper.receive()
        size = spool.tell()
        spool.seek(0)
        started = clock()
        progress = self.progress
        if progress is not None:
            progress.start(size, 'finding templates')
        for result in in_order('count_templates', spool_batches(spool), helpers,
                               mapper.count_templates):
            self.merge_templates(result)
            if progress is not None:
                progress.update(spool.tell())
        if progress is not None:
            progress.finish()
        log(progress, 'found %d distinct templates, %d occurrences (%.1fs)%s' % (
            len(self.template_counts), self.template_total, clock() - started,
            '; %d stretches hit max_steps' % self.truncated if self.truncated else ''))

    def kept_templates(self):
        """The kept templates: probability above ``min_proba``, count at
        least ``min_count``, and a placeholder (unless ``keep_phrases``)."""
        if self._kept is not None:
            return self._kept
        threshold = max(self.min_proba * self.template_total, self.min_count - 0.5)
        phrases = self.keep_phrases
        kept = TemplateSet((Template.from_items(items), count)
                           for items, count in _items(self.template_counts)
                           if count > threshold and (phrases or _X in items))
        if isinstance(self.template_counts, TupleCounts):
            self._kept = kept  # (its totals are read once)
        return kept

    # ------------------------------------------------- one fragment's paths

    def _count_fragment(self, ws, strong, counts):
        """Add the templates of one fragment to ``counts``; returns how many."""
        n = len(ws)
        if n == 1:
            counts[(ws[0],)] += 1
            return 1
        out = {}
        contains = strong.__contains__
        for k in range(1, min(self.window, n - 1) + 1):
            for i in compress(range(n - k), map(contains, zip(ws, ws[k:]))):
                targets = out.get(i)
                if targets is None:
                    out[i] = [i + k]
                else:
                    targets.append(i + k)
        if not out:
            _count_isolated(ws, range(n), counts)
            return n
        _reduce(out, self.window)
        has_in = set()
        for targets in out.values():
            has_in.update(targets)
        isolated = [i for i in range(n) if i not in out and i not in has_in]
        if isolated:
            _count_isolated(ws, isolated, counts)
        found = len(isolated)
        for sources in _stretches(out, has_in, n):
            found += self._walk(ws, sources, out, counts)
        return found

    def _walk(self, ws, sources, out, counts):
        """Count the templates of every maximal path from ``sources``,
        depth first with an explicit stack, at most ``max_steps`` steps."""
        last = len(ws) - 1
        budget = self.max_steps
        found = 0
        for source in sources:
            path = [source]
            stack = [iter(out[source])]
            while stack:
                nxt = next(stack[-1], None)
                if nxt is not None:
                    budget -= 1
                    if budget < 0:
                        self.truncated += 1
                        self.most_steps = self.max_steps
                        return found
                    path.append(nxt)
                    targets = out.get(nxt)
                    if targets is not None:
                        stack.append(iter(targets))
                        continue
                    counts[_path_items(ws, path, last)] += 1
                    found += 1
                    budget -= len(path)
                path.pop()
                if nxt is None:
                    stack.pop()
        steps = min(self.max_steps, self.max_steps - budget)
        if steps > self.most_steps:
            self.most_steps = steps
        return found


def _reduce(out, window):
    """Drop the edges that a longer path already implies (i -> k when
    i -> j -> ... -> k exists), so that a path never skips a word it could
    have gone through: ``的 -> 是 -> 呢`` gives ``[X]的[X]是[X]呢`` only, not
    also ``[X]的[X]呢``.  Sorts each target list."""
    reach = {}
    for i in sorted(out, reverse=True):
        targets = sorted(out[i])
        limit = i + window
        implied = set()
        for m in targets:
            implied.update(k for k in reach.get(m, ()) if k <= limit)
        if implied:
            targets = [k for k in targets if k not in implied]
        out[i] = targets
        implied.update(targets)
        reach[i] = implied


def _stretches(out, has_in, n):
    """Sources of the strong-pair DAG grouped by stretch: a stretch ends
    where no edge crosses from one position to the next."""
    reach = -1
    group = []
    for i in range(n):
        if i > reach and group:
            yield group
            group = []
        targets = out.get(i)
        if targets is not None:
            if i not in has_in:
                group.append(i)
            if targets[-1] > reach:
                reach = targets[-1]
    if group:
        yield group


def _path_items(ws, path, last):
    items = [] if path[0] == 0 else [_X]
    previous = path[0] - 1
    for i in path:
        if i - previous > 1 and items and items[-1] is not _X:
            items.append(_X)
        items.append(ws[i])
        previous = i
    if previous != last:
        items.append(_X)
    return tuple(items)


def _count_isolated(ws, positions, counts):
    """Trivial templates of words no strong pair touches."""
    last = len(ws) - 1
    inner = [ws[i] for i in positions if 0 < i < last]
    if inner:
        counts.update(zip(repeat(_X), inner, repeat(_X)))
    if positions[0] == 0:
        counts[(ws[0], _X)] += 1
    if positions[-1] == last:
        counts[(_X, ws[last])] += 1


def _add(table, batch):
    """Add a batch's Counter to a table, one C-level pass over its keys."""
    if isinstance(table, TupleCounts):
        table.add_counts(batch)
    else:
        add_counts(table, batch)


def _items(table):
    return table.items() if isinstance(table, TupleCounts) else iteritems(table)


def _prune(counts, keep, what, progress):
    """The ``keep`` (about) most frequent entries of a Counter."""
    histogram = Counter(counts.values())
    kept = len(counts)
    threshold = 0
    for value in sorted(histogram):
        if kept <= keep:
            break
        kept -= histogram[value]
        threshold = value
    pruned = Counter({key: c for key, c in counts.items() if c > threshold})
    log(progress, 'pruned the %s table from %d to %d entries (dropped counts <= %d)' % (
        what, len(counts), len(pruned), threshold))
    return pruned
