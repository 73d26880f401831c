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
on big corpora the pruned pairs are far below ``min_proba``).  The word
table is as large as the vocabulary the tokenizer produces.
"""

from __future__ import division

import math
import tempfile
from collections import Counter
from itertools import compress, repeat

from .._compat import clock, map, range, zip
from ..errors import CorpusError
from ..text.chars import fragments
from ..text.corpus import as_corpus
from ..progress import log
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
    max_pairs, max_templates : int
        Size at which a count table is pruned to its most frequent half.
    keep_phrases : bool
        Also keep the templates without a placeholder (whole fragments:
        words and collocations); see the module doc.
    progress : Progress, optional
        Receives progress updates and log lines (pruning, truncation).
    """

    def __init__(self, tokenize, window=5, min_proba=1e-5, min_pmi=2, min_count=2,
                 max_steps=10000, max_pairs=2000000, max_templates=2000000, progress=None,
                 keep_phrases=False):
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
        self.word_counts = Counter()
        self.pair_counts = Counter()
        self.template_counts = Counter()  # item tuple -> count
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
        self._train_words(self._words_of(texts))
        return self

    def _train_words(self, fragment_words):
        # Count in batches: Counter.update runs at C speed on a whole batch.
        batch = []
        for ws in fragment_words:
            batch.append(ws)
            if len(batch) >= 2000:
                self._count_batch(batch)
                batch = []
        if batch:
            self._count_batch(batch)
        self._strong = None

    def _count_batch(self, batch):
        words, pairs, window = self.word_counts, self.pair_counts, self.window
        n_words = 0
        n_pairs = 0
        for ws in batch:
            n = len(ws)
            n_words += n
            if n > window:
                n_pairs += window * n - window * (window + 1) // 2
            else:
                n_pairs += n * (n - 1) // 2
        words.update(w for ws in batch for w in ws)
        for k in range(1, window + 1):
            pairs.update(pair for ws in batch if len(ws) > k for pair in zip(ws, ws[k:]))
        self.word_total += n_words
        self.pair_total += n_pairs
        self.fragments_trained += len(batch)
        if len(pairs) > self.max_pairs:
            self.pair_counts = _prune(pairs, self.max_pairs // 2, 'pair', self.progress)

    def strong_pairs(self):
        """The set of (w1, w2) pairs that link words into templates."""
        if self._strong is None:
            self._strong = self._compute_strong()
        return self._strong

    def _compute_strong(self):
        if not self.pair_total:
            return frozenset()
        log_pairs = math.log(self.pair_total)
        log_words = math.log(self.word_total)
        min_count = self.min_proba * self.pair_total
        # log p12 - log p1 - log p2 > min_pmi, with p = count / total
        offset = self.min_pmi + log_pairs - 2 * log_words
        logs = {}
        words = self.word_counts
        strong = set()
        mlog = math.log
        for pair, count in self.pair_counts.items():
            if count <= min_count:
                continue
            w1, w2 = pair
            l1 = logs.get(w1)
            if l1 is None:
                l1 = logs[w1] = mlog(words[w1])
            l2 = logs.get(w2)
            if l2 is None:
                l2 = logs[w2] = mlog(words[w2])
            if mlog(count) - l1 - l2 > offset:
                strong.add(pair)
        return frozenset(strong)

    # ------------------------------------------------------------ pass 2

    def find(self, texts):
        """Count the templates of ``texts`` with the pairs trained so far and
        return the kept ones (over everything ``find`` has seen) as a
        :class:`~nlp_zero.templates.TemplateSet`."""
        self._find_words(self._words_of(texts))
        return self.kept_templates()

    def _find_words(self, fragment_words):
        strong = self.strong_pairs()
        counts = self.template_counts
        count_fragment = self._count_fragment
        done = 0
        total = 0
        for ws in fragment_words:
            if ws:
                total += count_fragment(ws, strong, counts)
                done += 1
                if len(counts) > self.max_templates:
                    counts = self.template_counts = _prune(
                        counts, self.max_templates // 2, 'template', self.progress)
        self.template_total += total
        self.fragments_found += done

    def fit(self, texts):
        """Both passes over a re-iterable corpus; returns the kept templates.

        Each fragment is tokenized once: the words are spooled to a temporary
        file between the passes.  A corpus without a word (and nothing
        trained before) is a :class:`~nlp_zero.errors.CorpusError`, as in
        word discovery: an empty result would look like a finding.
        """
        corpus = as_corpus(texts)
        with tempfile.TemporaryFile() as spool:
            started = clock()
            self._train_words(self._spooled(self._words_of(corpus), spool))
            if not self.word_total:
                raise CorpusError('no text to find templates in: the corpus has no words (it '
                                  'is empty, or only punctuation and spaces)')
            log(self.progress, 'counted %d words and %d pairs in %d fragments (%.1fs)' % (
                self.word_total, self.pair_total, self.fragments_trained, clock() - started))
            log(self.progress, '%d strong pairs' % len(self.strong_pairs()))
            size = spool.tell()
            spool.seek(0)
            started = clock()
            if self.progress is not None:
                self.progress.start(size, 'finding templates')
            self._find_words(self._unspooled(spool))
            if self.progress is not None:
                self.progress.finish()
            log(self.progress, 'found %d distinct templates, %d occurrences (%.1fs)%s' % (
                len(self.template_counts), self.template_total, clock() - started,
                '; %d stretches hit max_steps' % self.truncated if self.truncated else ''))
        return self.kept_templates()

    @staticmethod
    def _spooled(fragment_words, spool):
        write = spool.write
        for ws in fragment_words:
            line = u' '.join(ws)
            if line.count(u' ') != len(ws) - 1:
                raise ValueError('tokenize returned a word with a space in it: %r' % (ws,))
            write(line.encode('utf-8') + b'\n')
            yield ws

    def _unspooled(self, spool):
        progress = self.progress
        done = 0
        for number, line in enumerate(spool):
            done += len(line)
            if progress is not None and not number & 0xfff:
                progress.update(done)
            ws = line.decode('utf-8').rstrip(u'\n')
            yield ws.split(u' ') if ws else []

    def kept_templates(self):
        """The kept templates: probability above ``min_proba``, count at
        least ``min_count``, and a placeholder (unless ``keep_phrases``)."""
        threshold = max(self.min_proba * self.template_total, self.min_count - 0.5)
        phrases = self.keep_phrases
        return TemplateSet((Template.from_items(items), count)
                           for items, count in self.template_counts.items()
                           if count > threshold and (phrases or _X in items))

    def _words_of(self, texts):
        tokenize = self.tokenize
        corpus = as_corpus(texts)
        for line in corpus:
            for fragment in fragments(line):
                ws = tokenize(fragment)
                if ws:
                    yield ws

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
