# -*- coding: utf-8 -*-
"""Word discovery: find the words of a language in raw text, with no dictionary.

Both algorithms follow the minimum-entropy principle: a string is a word
when its characters stick together far more often than chance predicts,
and a word is worth a lexicon entry when the text is cheaper to describe
with it than with its parts.

``method='cut'`` (minimum-entropy cutting, the original ``Word_Finder``)
    Count characters and adjacent pairs; cut between ``a`` and ``b`` when the
    pair is rare or weakly bound: ``log p(ab) / (p(a) p(b)) <= min_pmi``,
    with 1 nat by default, the point where merging ``a`` and ``b`` stops
    lowering the information per character.  The frequent pieces are the
    candidates.
``method='ngram'`` (n-gram cohesion; default)
    Count character n-grams up to ``order``; an n-gram is *cohesive* when
    its pointwise mutual information is high for every way to cut it in two
    (``min over splits of log p(w) / (p(left) p(right))``), with a threshold
    that rises with the order.  The text is cut between two characters
    unless a cohesive n-gram covers that gap; the pieces are counted, and a
    frequent piece is a candidate when all its sub-n-grams are cohesive.

In both, PMI is computed from a lower confidence bound of the n-gram's
count, so that chance pairs of a small corpus do not look cohesive, and
the pairs above ``min_pmi`` join the candidates too (a pair that never
stands alone, like 制度 inside 人事制度, may be the real word).  Then
(``second_cut``, default) the text is cut a second time: two characters
that the first cut left standing alone side by side are kept together when
the same criterion, on the counts of the pieces, says so (大家, 大会, 发出:
words of frequent characters whose character PMI is under ``min_pmi``;
see :mod:`.singles`), and the pieces of that cut are counted.  Then
redundancy is removed: longest candidates first, a word is taken out and
segmented with the remaining lexicon; it stays only if
``log p(w) - sum log p(parts)`` exceeds a threshold, otherwise its count goes
to its parts.  Finally the word counts are re-estimated by segmenting every
counted piece with the lexicon and recounting (hard EM, as unigram
language-model tokenizers do); redundancy is removed again with these
counts of use and the pass repeated, until the lexicon stops changing (at
most ``reestimate`` rounds).

Numbers are learned as a class: a run of digits (ASCII or full-width) or of
two or more Chinese numerals (including the zeros ○ and 〇) counts as one
character, and so does a run of Latin letters; "<number>年" is then learned
from statistics like any other word, and a number always starts a word.  The
lexicon lists the surface forms seen (1996年, 二○○○年).

Counting is done in batches on packed integers (n-grams read from the UTF-16
bytes of the text through :mod:`array`), so that the per-character work
happens inside C builtins; count tables that grow past ``max_entries`` lose
their rarest entries (as word2vec's vocabulary), and say so.  NumPy, where
installed, does the n-gram tables and the test of every gap (same results).

Parts: :mod:`.normalize` (what is counted), :mod:`.ngrams` (packed n-grams),
:mod:`.tables` (count tables), :mod:`.cohesive` (what the first cut keeps),
:mod:`.singles` (the second cut), :mod:`.cutting` (where the text is cut),
:mod:`.passes` (the passes over the cut text), :mod:`.build` (pieces to
lexicon), :mod:`.mapping` (map and merge).
"""

from __future__ import division

import math
from collections import Counter
from itertools import chain, compress, repeat

from ..._compat import iteritems, itervalues, map, range, zip
from ...errors import CorpusError
from ...progress import log
from ...counting.memory import parse_size
from ...text.corpus import as_corpus
from ..lexicon import Lexicon
from .build import (candidate_words, class_pieces, cohesion, count_multi, normalize_counts,
                    refine, surface_counts)
from .cohesive import cohesive_grams
from .cutting import BatchWork
from .passes import CorpusPasses
from .ngrams import MAX_ORDER, gram_arrays, pack_all, unpack_all, unpack_firsts
from .normalize import BatchCache, texts
from .singles import eligible_pairs, joined_pairs
from .tables import PackedSet, at_least, gram_table
from ...counting.workers import in_order

__all__ = ['WordDiscovery', 'DEFAULT_THRESHOLDS']

#: Cohesion thresholds (minimum PMI over binary splits, in nats) by order.
DEFAULT_THRESHOLDS = {2: 2.0, 3: 4.0, 4: 6.0}


class WordDiscovery(CorpusPasses):
    """Unsupervised word discovery by minimum entropy.

    Parameters
    ----------
    method : {'cut', 'ngram'}
        ``'ngram'`` (default): n-gram cohesion, up to ``order``; the better
        lexicon on small and large corpora alike (benchmarks/results_discovery.md).
        ``'cut'``: minimum-entropy cutting on adjacent pairs, the original
        algorithm, improved; about 60% of the time and 90% of the memory.
    order : int
        Longest n-gram counted by ``'ngram'`` (2 to 4, default 4).
    thresholds : dict
        Cohesion thresholds of ``'ngram'`` by order, in nats (default
        :data:`DEFAULT_THRESHOLDS`: 2, 4, 6: two nats more for each extra
        character, because a longer string has more ways to look cohesive
        by chance).
    min_pmi : float
        ``'cut'`` keeps two characters together when their pair's PMI is
        above this (default 1.0, the minimum-entropy criterion: merging
        ``a`` and ``b`` into one symbol lowers the information per character
        when ``p(ab) (log p(ab) / (p(a) p(b)) - 1) > 0``).  For both methods
        the pairs above it are also candidate words.
    min_proba : float or None
        ``'cut'`` also cuts a pair whose probability is at most this
        (default None: fewer than ``min_count`` occurrences).
    confidence : float
        PMI is computed with the n-gram's count lowered by ``confidence``
        standard deviations (``c - z sqrt(c)``; default 1.0), so that the
        same thresholds serve tiny and huge corpora.
    min_count : int or None
        Fewest occurrences of an n-gram or candidate word.  None (default):
        ``max(2, round(2 sqrt(N / 1e6)))`` for N characters: 2 up to a
        million characters, 4 at 4M, 13 at 40M.  Sampling noise grows like
        the square root of the corpus, so a count must too to stand out;
        a fixed fraction of N would throw away every word of a topic that
        fills only a small part of a large corpus.
    redundancy : {'length', 'constant'}
        How much a word must explain beyond its parts to stay:
        ``log p(w) - sum log p(parts) > redundancy_threshold * (len(w) - 1)``
        (``'length'``, default, as the original code with 1 nat) or
        ``> redundancy_threshold`` (``'constant'``; the blog used 1).
    redundancy_threshold : float
        Default 3.0 nats per extra character: with 1 nat, frequent phrases
        (新世纪, 干部人事制度) stay words and hide their parts; 3 nats
        lets a longer word stay only when it is much more than its parts.
    reestimate : int or None
        Rounds of re-estimation after redundancy removal (hard EM: cut
        every counted piece with the lexicon, recount, drop words under
        ``min_count``); from the second round on, redundancy is removed
        again with the counts of use before the pass, until the lexicon
        stops changing.  The counts become counts of use: a pair that only
        occurs inside a longer word (新世 in 新世纪) drops out.  None
        (default): 3, for both methods.
    reestimate_pieces : {'all', 'frequent'}
        Pieces cut when re-estimating: every piece counted (``'all'``,
        default; a word whose pieces are each rare, 难民 in 难民营 and
        巴勒斯坦难民, still gets its uses) or only those seen ``min_count``
        times (``'frequent'``, the candidates).
    second_cut : bool
        Cut the text a second time (default True): two characters that
        the first cut left alone side by side are kept together when,
        counted as pieces, their PMI is above ``min_pmi`` and they are seen
        ``min_count`` times (:mod:`.singles`).  A character's count holds
        its uses inside other words, so a word of frequent characters
        (大家, 发出) has a low PMI; among the pieces left alone it has not.
        One more pass over the text.
    classes : bool
        Count each run of digits, and each run of Latin letters, as one
        character (default True), so that "<number>年" is learned once.
    numbers_start_words : bool
        Always cut before a number (default True): dates come out as
        ``12月 / 31日`` rather than ``12 / 月31日``.
    max_entries : int or None
        Largest size of the pair (n-gram) tables before their rarest
        entries are dropped (default 400,000, about 45 MB each, 5 MB with
        NumPy); the table of pieces gets half.  This pruning is
        approximate (a count dropped early is lost), and it is the default
        because it bounds memory and time on any corpus and the defaults
        were measured with it.  None (or 0): exact counts, never pruned;
        then ``memory`` bounds the tables instead.
    memory : int, str or None
        With exact counts: bytes (or ``'500M'``) the count tables may take
        before they spill to sorted runs on disk, in ``tmp_dir``, merged
        back at the end (the counts, and the lexicon, stay exact).  None: in
        memory only.
    cache_bytes : int
        How much compressed text :meth:`train` keeps so that :meth:`find`
        need not read the corpus again (default 64 MB, about 150M
        characters; 0 reads it again).
    backend : {'auto', 'python', 'numpy'}
        Count tables and the test of every gap while cutting with NumPy
        (``'numpy'``), with the standard library only (``'python'``), or
        with NumPy when it is importable (``'auto'``, default).  The lexicon
        is the same.
    workers : int
        Processes to use (default 1).  With ``n > 1``, ``n - 1`` worker
        processes (forked by :meth:`train`, stopped by :meth:`find`)
        normalize and cut the batches while this one counts their n-grams
        and pieces, batch after batch: the lexicon is exactly that of one
        process.  Without multiprocessing, everything runs here.
    pattern : str or regex
        The word-character pattern (default :data:`nlp_zero.corpus.WORD_PATTERN`).
    progress : Progress or None
        Where to log what happens.

    Examples
    --------
    >>> finder = WordDiscovery()
    >>> finder.train(Corpus('news.txt'))          # doctest: +SKIP
    >>> lexicon = finder.find()                   # doctest: +SKIP
    """

    def __init__(self, method='ngram', order=4, thresholds=None, min_pmi=1.0, min_proba=None,
                 confidence=1.0, min_count=None, redundancy='length', redundancy_threshold=3.0,
                 reestimate=None, reestimate_pieces='all', second_cut=True, classes=True,
                 numbers_start_words=True, max_entries=400000,
                 cache_bytes=64 << 20, workers=1, pattern=None, progress=None, backend='auto',
                 memory=None, tmp_dir=None):
        if method not in ('ngram', 'cut'):
            raise ValueError("method must be 'ngram' or 'cut', not %r" % (method,))
        if method == 'cut':
            order = 2
        if not 2 <= int(order) <= MAX_ORDER:
            raise ValueError('order must be between 2 and %d, not %r' % (MAX_ORDER, order))
        if redundancy not in ('length', 'constant'):
            raise ValueError("redundancy must be 'length' or 'constant', not %r" % (redundancy,))
        self.method = method
        self.order = int(order)
        self.thresholds = dict(DEFAULT_THRESHOLDS)
        if thresholds:
            self.thresholds.update(thresholds)
        self.min_pmi = float(min_pmi)
        self.min_proba = min_proba
        self.confidence = float(confidence)
        self.min_count = min_count
        self.redundancy = redundancy
        self.redundancy_threshold = float(redundancy_threshold)
        if reestimate_pieces not in ('all', 'frequent'):
            raise ValueError("reestimate_pieces must be 'all' or 'frequent', not %r"
                             % (reestimate_pieces,))
        self.reestimate = int(reestimate) if reestimate is not None else 3
        self.reestimate_pieces = reestimate_pieces
        self.second_cut = bool(second_cut)
        self.classes = classes
        self.numbers_start_words = numbers_start_words
        self.max_entries = max_entries
        self.pattern = pattern
        self.work = BatchWork(self.order, classes, numbers_start_words, pattern, backend)
        self.backend = backend
        self.progress = progress
        # Characters are counted as the first halves of the pairs (every
        # batch ends with a space, so each character starts one pair): one
        # pass over the text less.  What pruning drops from the pair table
        # is kept per character in ``_dropped_chars``.
        numpy = self.work.numpy
        self.memory, self.tmp_dir = parse_size(memory), tmp_dir
        self.tables = dict((n, gram_table(n, max_entries, numpy, self.memory, tmp_dir))
                           for n in range(2, self.order + 1))
        self.tables[2].keep_dropped = self._keep_dropped_chars
        self._dropped_chars = Counter()
        self._chars = None
        self._caches = []
        self.cache_bytes = cache_bytes
        self.workers = max(1, int(workers))
        self._helpers = []
        self.corpora = []
        self.lexicon = None
        self.pieces = None
        self.cohesive = None
        self.pair_candidates = {}
        self.eligible = []
        self.joined = {}

    # -------------------------------------------------------------- counting
    @property
    def total_chars(self):
        """Characters counted so far (digit and letter runs count as one)."""
        return sum(itervalues(self.char_counts()))

    def char_counts(self):
        """``{char: count}`` of every character counted so far."""
        if self._chars is None:
            self._chars = self._count_chars()
        return self._chars

    def _count_chars(self):
        chars = Counter(self._dropped_chars)
        for keys, counts in self.tables[2].chunks():
            for char, count in zip(unpack_firsts(keys, 2), counts):
                chars[char] += count
        chars.pop(u' ', None)
        return chars

    def _keep_dropped_chars(self, keys, counts):
        """Add the counts of pruned pairs to their first characters (the
        character counts are the first halves of the pairs)."""
        firsts = unpack_firsts(keys, 2)
        self._dropped_chars.update(chain.from_iterable(map(repeat, firsts, counts)))

    def add_gram_counts(self, n, keys, counts):
        """Add n-gram counts made elsewhere (``keys``: packed n-grams; see
        :mod:`.mapping`) to the exact table of order ``n``."""
        self._chars = None
        self.tables[n].add_counts(keys, counts)

    def train(self, corpus, progress=None):
        """Count the characters and n-grams of ``corpus`` (added to the counts
        of earlier calls; nothing is ever wiped).  Returns ``self``.

        All or nothing: if reading or counting fails (a bad byte, Ctrl-C),
        the counts and the list of corpora are those before the call.

        The counted text is also kept, zlib-compressed, up to
        ``cache_bytes``, so that :meth:`find` does not read and normalize
        the corpus a second time.
        """
        progress = progress or self.progress
        corpus = as_corpus(corpus, spool=True)
        # all or nothing: an error while counting leaves the counts as they were
        saved = [(table, table.snapshot()) for table in self.tables.values()]
        saved_dropped = Counter(self._dropped_chars)
        self._chars = None
        cache = BatchCache(self.cache_bytes - sum(c.size for c in self._caches if c))
        try:
            self._count_ngrams(corpus, cache, progress)
        except BaseException:
            self._stop_helpers()
            for table, state in saved:
                table.restore(state)
            self._dropped_chars = saved_dropped
            raise
        self.corpora.append(corpus)
        self._caches.append(cache if cache.alive else None)
        if not cache.alive:
            log(progress, 'the corpus is larger than the cache (%d MB): it will be read '
                'again to cut it' % (self.cache_bytes >> 20))
        return self

    def _count_ngrams(self, corpus, cache, progress):
        helpers = self._start_helpers(progress)
        tables = self.tables
        # (whether to pack a batch for the cache is decided when it is read)
        batches = ((text, cache.alive) for text in texts(corpus))
        for data, packed in in_order('prepare', batches, helpers, self.work.prepare):
            if packed is not None and cache.alive:
                cache.add(packed)
            length = len(data) // 2
            for n in range(2, self.order + 1):
                table = tables[n]
                table.count_arrays(gram_arrays(data, length, n))
                table.check(progress)

    def _gram_table(self, n, min_count):
        """``{text: count}`` of the n-grams with at least ``min_count``
        occurrences, leaving out those that touch the space between
        fragments."""
        found = {}
        for keys, counts in self.tables[n].chunks():
            flags = at_least(counts, min_count)
            keys = list(compress(keys, flags))
            counts = list(compress(counts, flags))
            found.update((g, c) for g, c in zip(unpack_all(keys, n), counts) if u' ' not in g)
        return found

    def effective_min_count(self):
        """The ``min_count`` used for the text counted so far."""
        return self._min_count(self.total_chars)

    def _min_count(self, size):
        if self.min_count is not None:
            return max(1, int(self.min_count))
        return max(2, int(round(math.sqrt(size / 1e6) * 2)))

    # -------------------------------------------------------------- cutting
    def _cohesive_ngrams(self, chars, min_count):
        """``{n: set of packed n-grams}`` that must not be cut.

        Also fills :attr:`pair_candidates`: the pairs bound above ``min_pmi``
        (with their counts), which join the candidate words, because a pair
        that never stands alone (制度 inside 人事制度) may be the real word.
        """
        grams = {1: chars}
        for n in range(2, self.order + 1):
            grams[n] = self._gram_table(n, min_count)
        thresholds = {2: self.min_pmi} if self.method == 'cut' else self.thresholds
        floor = None
        if self.method == 'cut':
            floor = self.min_proba * sum(itervalues(chars)) if self.min_proba else min_count - 0.5
        kept, self.pair_candidates = cohesive_grams(grams, thresholds, self.min_pmi,
                                                    self.confidence, floor)
        self.cohesive = kept
        self.eligible = eligible_pairs(grams[2], kept[2])
        return dict((n, PackedSet(pack_all(list(found), n))) for n, found in iteritems(kept))

    # -------------------------------------------------------------- finding
    def find(self, corpus=None, progress=None):
        """Discover the words: cut the corpus (default: every corpus given to
        :meth:`train`), count the pieces, remove redundancy, re-estimate.

        Returns the :class:`Lexicon` (also kept in :attr:`lexicon`).
        """
        progress = progress or self.progress
        if corpus is not None:
            corpora, caches = [as_corpus(corpus, spool=True)], [None]
        else:
            corpora, caches = self.corpora, self._caches

        def count_alone(kept):
            try:
                return self._count_alone(corpora, caches, kept, progress)
            except BaseException:
                self._stop_helpers()
                raise

        def count_pieces(kept, floor):
            try:
                return self._count_pieces(corpora, caches, kept, progress, floor)
            finally:
                self._stop_helpers()
        return self.find_with(count_pieces if corpora else None, progress, count_alone)

    def find_with(self, count_pieces, progress=None, count_alone=None):
        """:meth:`find` with the pieces counted by ``count_pieces(kept,
        floor)`` (``{surface piece: count}`` of the pieces seen at least
        ``floor`` times or holding a digit or letter run; ``kept``: the packed
        n-grams not to cut, by order): the seam where another engine
        (:mod:`nlp_zero.words.discovery.mapping`) counts them.  With
        ``second_cut``, ``count_alone(kept)`` counts what the second cut
        needs (a :class:`~.singles.SingleCounts` of the text cut at ``kept``,
        the pairs those of :attr:`eligible`); without it (None) there is
        no second cut."""
        progress = progress or self.progress
        chars = self.char_counts()
        size = sum(itervalues(chars))
        if count_pieces is None or not size:
            raise CorpusError('no text to discover words in: the corpus has no letters or '
                              'digits (it is empty, or only punctuation and spaces)')
        if size < 2:
            raise CorpusError('too little text to discover words: the corpus has a single '
                              'character; give it at least a few sentences')
        min_count = self._min_count(size)
        log(progress, 'discovering words (%s method) in %d characters, min count %d'
            % (self.method, size, min_count))
        kept = self._cohesive_ngrams(chars, min_count)
        log(progress, 'cohesive n-grams: %s' % ', '.join(
            '%d of order %d' % (len(kept[n]), n) for n in sorted(kept)))
        self.joined = {}
        if self.second_cut and count_alone is not None:
            kept = self._join_alone(count_alone(kept), kept, min_count, progress)
        # only the frequent pieces are candidates (rarer ones are noise, and
        # many), but every piece counted is cut when the counts are re-estimated
        floor = min_count if self.reestimate_pieces == 'frequent' else 1
        surface_pieces = count_pieces(kept, floor)
        classed = class_pieces(surface_pieces) if self.classes else {}
        pieces = normalize_counts(surface_pieces, classed, floor)
        del surface_pieces
        self.pieces = pieces
        candidates = candidate_words(pieces, chars, min_count, self.pair_candidates,
                                    self.cohesive if self.method == 'ngram' else None)
        log(progress, '%d candidate words of 2+ characters' % count_multi(candidates))
        def report(number, words):
            log(progress, '%d words of 2+ characters after %s' % (count_multi(words), (
                're-estimation %d' % number if number else 'removing redundancy')))
        words = refine(candidates, pieces, min_count, self.redundancy,
                       self.redundancy_threshold, self.reestimate, report)
        self.lexicon = Lexicon(surface_counts(words, classed))
        return self.lexicon

    def _join_alone(self, counts, kept, min_count, progress):
        """The second cut: keep together the pairs of lone characters that
        :func:`~.singles.joined_pairs` joins, and make them candidates with
        the number of times they stood alone side by side."""
        self.joined = joined = joined_pairs(counts, min_count, self.min_pmi, self.confidence)
        log(progress, 'second cut: %d of %d pairs of characters left alone joined'
            % (len(joined), len(counts.pairs)))
        if not joined:
            return kept
        self.cohesive[2] = self.cohesive.get(2, set()) | set(joined)
        for pair in sorted(joined):  # (the same order whatever engine counted)
            self.pair_candidates.setdefault(pair, joined[pair])
        kept = dict(kept)
        kept[2] = PackedSet(pack_all(sorted(self.cohesive[2]), 2))
        return kept

    # ------------------------------------------------------------ reporting
    def __repr__(self):
        trained = len(self.corpora)
        state = ('%d words found' % len(self.lexicon) if self.lexicon is not None else
                 'find() not run yet' if trained else 'nothing trained yet')
        return '<WordDiscovery: method=%r, %d %s, %s>' % (
            self.method, trained, 'corpus' if trained == 1 else 'corpora', state)

    def cohesion(self, word, lexicon=None):
        """How much more probable ``word`` is as one word than as its best
        cut into other lexicon words: ``log p(w) - sum log p(parts)`` (nats)."""
        lexicon = lexicon if lexicon is not None else self.lexicon
        return cohesion(word, lexicon)

