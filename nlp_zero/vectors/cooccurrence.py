"""Word co-occurrence counts and the PMI statistics read from them.

:class:`Cooccurrence` holds a vocabulary (words sorted by frequency, with
their unigram counts) and the symmetric window counts ``X[i, j]``: how many
times word ``j`` occurs within ``window`` tokens of word ``i``.  These are the
sufficient statistics of the simpler-GloVe model (:mod:`nlp_zero.glove`).

Why it is built the way it is:

* Pairs are stored as integers, ``key = i * stride + j`` with ``i < j`` and
  ``stride = len(vocabulary) + 1``, in one dict: a tuple-of-strings key costs
  several times the memory and hashes slower.
* Counting runs at C speed: for every offset ``d`` of the window one
  ``Counter.update(map(add, left_keys[:-d], ids[d:]))`` counts all pairs at
  that distance in a batch of token ids; there is no Python loop per pair
  (:mod:`._cooccurrence_python`).
* With NumPy importable (optional; ``backend='auto'``) the counting runs in
  :mod:`nlp_zero.vectors._cooccurrence_numpy` instead: sorted key vectors and run
  lengths in place of the dict, about ten times faster, and the table is
  then held as two sorted arrays (16 bytes per pair, against ~100 in the
  dict) behind the same ``pairs`` mapping.  Both paths give the same
  table (the same integer counts; weighted counts equal up to rounding).
* Out-of-vocabulary tokens are removed *before* windowing (the word2vec and
  GloVe convention: rare words do not take window slots), windows never cross
  line ends, and a word never co-occurs with itself (the diagonal is dropped).

The file format of :meth:`Cooccurrence.save` is in :mod:`.table_file`.
"""

from __future__ import division

import math
from collections import Counter
from itertools import repeat
from operator import add

from .._backend import numpy_or_none
from .._compat import iteritems, map, range, string_types, text_type, zip
from ..errors import CorpusError
from ..progress import log
from . import _cooccurrence_python
from .table_file import load_table, save_table

__all__ = ['Cooccurrence', 'count_words', 'build_vocabulary']



def _numpy_module(backend):
    """The NumPy counting module for ``backend``, or None for the pure-Python path."""
    if numpy_or_none(backend) is None:
        return None
    from . import _cooccurrence_numpy
    return _cooccurrence_numpy


def _token_lists(source):
    """Token lists from a Corpus/iterable of lines (split on whitespace) or of lists."""
    if isinstance(source, string_types):
        raise TypeError('expected an iterable of token lists or lines, not a single string')
    for item in source:
        if isinstance(item, string_types):
            item = item.split()
        yield item


def count_words(token_lists, progress=None):
    """Unigram counts (a Counter) of an iterable of token lists or lines."""
    counts = Counter()
    update = counts.update
    lines = 0
    for tokens in _token_lists(token_lists):
        update(tokens)
        lines += 1
    log(progress, 'counted %d distinct words in %d lines' % (len(counts), lines))
    return counts


def build_vocabulary(counts, min_count=5, max_vocab=None):
    """``[(word, count)]`` with count >= min_count, most frequent first.

    Ties are broken by the word itself so that the ids do not depend on the
    order the corpus was read in.  ``max_vocab`` keeps only the most frequent.
    """
    kept = [(w, c) for w, c in iteritems(counts) if c >= min_count]
    kept.sort(key=lambda wc: (-wc[1], wc[0]))
    if max_vocab is not None:
        kept = kept[:max_vocab]
    return kept


class Cooccurrence(object):
    """Vocabulary, unigram counts and symmetric window co-occurrence counts.

    Parameters
    ----------
    vocabulary : list of (word, count)
        The words (their ids are their positions) and their corpus counts.
    window : int
        Words at most this many tokens apart co-occur (default 10).
    distance_weighting : bool
        Count a pair at distance ``d`` as ``1/d`` instead of 1 (GloVe's
        choice; default off: every pair in the window counts 1, as word2vec's
        average window).

    Build one with :meth:`count` (or :meth:`add` on an empty one).  The
    probabilities are defined in :meth:`joint_probability`, :meth:`probability`
    and :meth:`pmi`.
    """

    def __init__(self, vocabulary, window=10, distance_weighting=False):
        if int(window) < 1:
            raise ValueError('window must be at least 1')
        self.words = [to_word(w) for w, _ in vocabulary]
        self.counts = [int(c) for _, c in vocabulary]
        self.index = dict((w, i) for i, w in enumerate(self.words))
        if len(self.index) != len(self.words):
            raise ValueError('the vocabulary lists a word twice')
        self.window = int(window)
        self.distance_weighting = bool(distance_weighting)
        self.stride = len(self.words) + 1
        self._pairs = {}
        #: ``(sorted keys, counts)`` NumPy arrays instead of ``_pairs`` after NumPy counting.
        self._arrays = None
        #: In-vocabulary tokens counted (the ``N`` of the unigram probabilities).
        self.tokens = 0
        self._pair_total = None

    # ------------------------------------------------------------- building
    @classmethod
    def count(cls, token_lists, min_count=5, max_vocab=None, window=10,
              distance_weighting=False, vocabulary=None, progress=None, backend='auto'):
        """Count a corpus: a vocabulary pass, then a pair pass.

        Parameters
        ----------
        token_lists : Corpus or iterable
            Lines (split on whitespace) or lists of tokens.  Read twice
            unless ``vocabulary`` is given, so a generator needs one.
        min_count, max_vocab : int
            Vocabulary cut-offs (ignored when ``vocabulary`` is given).
        vocabulary : list of (word, count), optional
            A fixed vocabulary; the counts it gives are replaced by the counts
            in this corpus.
        backend : {'auto', 'python', 'numpy'}
            How the pairs are counted (see :meth:`add`).
        """
        _numpy_module(backend)  # a bad backend fails before the vocabulary pass
        if vocabulary is None:
            if iter(token_lists) is token_lists:
                raise CorpusError('counting needs two passes over the corpus: give a list, a '
                                  'Corpus, or a vocabulary')
            vocabulary = build_vocabulary(count_words(token_lists, progress), min_count,
                                          max_vocab)
            log(progress, 'vocabulary: %d words with count >= %d' % (len(vocabulary), min_count))
        table = cls([(w, 0) for w, _ in vocabulary], window, distance_weighting)
        table.add(token_lists, progress=progress, backend=backend)
        return table

    def add(self, token_lists, progress=None, backend='auto'):
        """Count more text into this table (unigrams of known words and pairs).

        ``backend='numpy'`` counts with NumPy and keeps the pairs as two
        sorted arrays (about ten times faster, a fifth of the memory);
        ``'python'`` with the standard library only; ``'auto'`` (default)
        uses NumPy when it can be imported.  Both give the same table.
        """
        fast = _numpy_module(backend)
        if fast is not None:
            self._add_numpy(fast, token_lists, progress)
        else:
            self._add_python(token_lists, progress)
        log(progress, 'co-occurrence: %d tokens, %d words, %d pairs (window %d)' % (
            self.tokens, len(self.words), len(self.pairs), self.window))
        return self

    def _id_batches(self, token_lists, progress, size, unknown=None):
        """Lists of about ``size`` ids; each line followed by ``window`` separators.

        The separator is ``len(words)``; pairs across a line end involve it
        and are dropped later.  Out-of-vocabulary tokens are left out, or
        with ``unknown`` given become that id (for a caller that removes them
        faster itself).  The list is reused: consume it before asking for the
        next one.
        """
        separator = len(self.words)  # never a real word
        index = self.index
        get = index.get
        pad = [separator] * self.window
        batch = []
        extend = batch.extend
        lines = 0
        for tokens in _token_lists(token_lists):
            lines += 1
            if unknown is not None:
                extend(map(get, tokens, repeat(unknown)))
            else:
                # (a comprehension: faster than filter(map(...)) on CPython 3.11)
                ids = [index[t] for t in tokens if t in index]
                if not ids:
                    continue
                extend(ids)
            extend(pad)
            if len(batch) >= size:
                yield batch
                del batch[:]
                if progress is not None:
                    progress.update(getattr(token_lists, 'bytes_read', lines))
        if batch:
            yield batch

    def _add_python(self, token_lists, progress):
        # As with NumPy: the new text is counted apart, then merged.
        counter = _cooccurrence_python.PairCounter(self.stride, self.window,
                                                   self.distance_weighting)
        for batch in self._id_batches(token_lists, progress, _cooccurrence_python.BATCH_IDS):
            counter.add_batch(batch)
        pairs, unigrams = counter.result()
        self._thaw()
        if self._pairs:
            old = self._pairs
            keys = list(pairs)
            old.update(zip(keys, map(add, map(old.get, keys, repeat(0)), pairs.values())))
        else:
            self._pairs = pairs
        counts = self.counts
        for i, c in iteritems(unigrams):
            counts[i] += c
            self.tokens += c
        self._pair_total = None

    def _add_numpy(self, fast, token_lists, progress):
        # The new text is counted apart and merged at the end, so that an
        # error partway (a bad byte, Ctrl-C) leaves the table as it was.
        counter = fast.PairCounter(self.stride, self.window, self.distance_weighting)
        unknown = self.stride  # removed by the counter
        for batch in self._id_batches(token_lists, progress, fast.BATCH_IDS, unknown):
            counter.add_batch(batch, unknown)
        new_keys, new_values, unigrams = counter.result()
        if self._arrays is not None:
            table = list(self._arrays)
        else:
            table = list(fast.from_items(list(self._pairs), list(self._pairs.values()),
                                         self.distance_weighting))
        self._arrays = fast.merge_sorted(table, new_keys, new_values)
        self._pairs = {}
        counts = self.counts
        for i, c in enumerate(unigrams[:len(self.words)].tolist()):
            counts[i] += c
            self.tokens += c
        self._pair_total = None

    def _thaw(self):
        """Turn an array-held table into the dict the pure-Python paths update."""
        if self._arrays is not None:
            self._pairs = dict(self.pairs.items())
            self._arrays = None

    @property
    def pairs(self):
        """``{i * stride + j: count}`` for i < j (floats with distance weighting).

        A dict, or after NumPy counting a read-only mapping over the sorted arrays.
        """
        if self._arrays is not None:
            from ._cooccurrence_numpy import SortedPairs
            return SortedPairs(*self._arrays)
        return self._pairs

    @pairs.setter
    def pairs(self, pairs):
        self._pairs = pairs
        self._arrays = None
        self._pair_total = None

    def merge(self, other):
        """Add the counts of another table (same window); new words are appended."""
        if other.window != self.window or other.distance_weighting != self.distance_weighting:
            raise ValueError('cannot merge counts made with different windows')
        self._thaw()
        old_stride = self.stride
        new_ids = []
        for w, c in zip(other.words, other.counts):
            if w not in self.index:
                self.index[w] = len(self.words)
                self.words.append(w)
                self.counts.append(0)
            new_ids.append(self.index[w])
            self.counts[self.index[w]] += c
        self.stride = len(self.words) + 1
        if self.stride != old_stride:
            self.pairs = dict((divmod(k, old_stride)[0] * self.stride + k % old_stride, c)
                              for k, c in iteritems(self.pairs))
        stride, pairs = self.stride, self.pairs
        get = pairs.get
        for (i, j), c in other.iter_pairs_ids():
            i, j = new_ids[i], new_ids[j]
            key = i * stride + j if i < j else j * stride + i
            pairs[key] = get(key, 0) + c
        self.tokens += other.tokens
        self._pair_total = None
        return self

    # ---------------------------------------------------------------- access
    def __len__(self):
        return len(self.words)

    def __contains__(self, word):
        return word in self.index

    def iter_pairs_ids(self):
        """``((i, j), count)`` for every stored pair, i < j."""
        stride = self.stride
        for key, c in iteritems(self.pairs):
            yield divmod(key, stride), c

    def iter_pairs(self):
        """``(word_i, word_j, count)`` for every stored pair (each unordered pair once)."""
        words = self.words
        for (i, j), c in self.iter_pairs_ids():
            yield words[i], words[j], c

    def _sorted_items(self):
        """``(key, count)`` in key order."""
        if self._arrays is not None:
            return iteritems(self.pairs)  # already sorted
        pairs = self._pairs
        # sorting ints, not tuples: several times faster
        return ((key, pairs[key]) for key in sorted(pairs))

    def _id(self, word):
        try:
            return self.index[word]
        except KeyError:
            raise KeyError('word %r is not in the vocabulary' % (word,))

    def pair_count(self, a, b):
        """``X[a, b]``: how often ``b`` occurred in a window around ``a`` (symmetric)."""
        i, j = self._id(a), self._id(b)
        if i > j:
            i, j = j, i
        return self.pairs.get(i * self.stride + j, 0)

    @property
    def pair_total(self):
        """``Z``: the sum of ``X[i, j]`` over all ordered pairs ``i != j``.

        Twice the sum of the stored (``i < j``) counts.
        """
        if self._pair_total is None:
            if self._arrays is not None and not self.distance_weighting:
                self._pair_total = 2.0 * float(int(self._arrays[1].sum()))  # exact, as fsum
            else:
                self._pair_total = 2.0 * math.fsum(self.pairs.values())
        return self._pair_total

    def probability(self, word):
        """``P(w) = count(w) / N``, N the number of in-vocabulary tokens."""
        return self.counts[self._id(word)] / self.tokens

    def joint_probability(self, a, b):
        """``P(a, b) = X[a, b] / Z``, Z the total over all ordered pairs."""
        return self.pair_count(a, b) / self.pair_total

    def pmi(self, a, b):
        """``ln P(a, b) / (P(a) P(b))``; ``-inf`` for a pair never seen together.

        The joint is normalised over all pair counts and the marginals over
        the unigram counts; with a window that never crosses a line end the
        two agree (each token has ~2*window neighbours), so PMI of
        independent words is ~0.  :meth:`training_arrays` computes it for the
        whole table.
        """
        x = self.pair_count(a, b)
        if not x:
            return float('-inf')
        return math.log(x * self.tokens * self.tokens /
                        (self.pair_total * self.counts[self.index[a]] * self.counts[self.index[b]]))

    def top_pmi(self, word, topn=10, min_pair_count=1):
        """The ``topn`` partners of ``word`` with the highest PMI: ``[(word, pmi)]``.

        ``min_pair_count`` hides pairs seen too rarely for their PMI to mean
        much (rare pairs of rare words always have a high PMI).
        """
        i = self._id(word)
        stride, pairs, counts = self.stride, self.pairs, self.counts
        log_norm = math.log(self.tokens * self.tokens / (self.pair_total * counts[i]))
        scored = []
        for j in range(len(self.words)):
            if j == i:
                continue
            key = i * stride + j if i < j else j * stride + i
            x = pairs.get(key)
            if x and x >= min_pair_count:
                scored.append((math.log(x / counts[j]) + log_norm, self.words[j]))
        scored.sort(reverse=True)
        return [(w, s) for s, w in scored[:topn]]

    # ------------------------------------------------------------------ files
    def save(self, path):
        """Write the table to ``path`` (UTF-8 text, the format of
        :mod:`.table_file`), atomically."""
        save_table(self, path)

    @classmethod
    def load(cls, path):
        """Read a table written by :meth:`save`; a malformed file raises a
        FormatError naming the file and line."""
        return load_table(cls, path)

    # --------------------------------------------------------------- training
    def training_arrays(self, context_smoothing=None):
        """Arrays ``(rows, cols, counts, log_ratio)`` of the stored pairs, for the solver.

        ``log_ratio[k] = PMI(rows[k], cols[k])`` as defined in :meth:`pmi`;
        with ``context_smoothing = a`` the marginals are ``count^a``
        renormalised (context-distribution smoothing; applied to both words,
        so that the target stays symmetric).
        """
        if not self.pair_total:
            raise CorpusError('the co-occurrence table has no pairs: nothing to train on (is the '
                              'corpus empty, or are its words all below min_count?)')
        from array import array
        stride = self.stride
        if self._arrays is not None:
            keys, counts = self._arrays
            rows = array('i', (keys // stride).astype('i').tobytes())
            cols = array('i', (keys % stride).astype('i').tobytes())
            values = array('d', counts.astype('d').tobytes())
        else:
            rows, cols, values = array('i'), array('i'), array('d')
            keys = sorted(self._pairs)
            get = self._pairs.__getitem__
            rows.extend(k // stride for k in keys)
            cols.extend(k % stride for k in keys)
            values.extend(map(get, keys))
        logc = self.log_marginals(context_smoothing)
        log_z = math.log(self.pair_total)
        log_ratio = array('d', (math.log(x) - log_z - logc[i] - logc[j]
                                for i, j, x in zip(rows, cols, values)))
        return rows, cols, values, log_ratio

    def pair_arrays(self):
        """``(keys, counts)``: the pairs as sorted NumPy arrays (NumPy must be
        importable); the table's own arrays after NumPy counting, no copy."""
        if self._arrays is not None:
            return self._arrays
        from . import _cooccurrence_numpy
        pairs = self._pairs
        return _cooccurrence_numpy.from_items(list(pairs), list(pairs.values()),
                                              self.distance_weighting)

    def log_marginals(self, context_smoothing=None):
        """``ln P(w)`` for every word id, optionally from ``count^a`` renormalised."""
        a = 1.0 if context_smoothing is None else float(context_smoothing)
        powered = [c ** a if c > 0 else 0.0 for c in self.counts]
        total = math.fsum(powered)
        return [math.log(p / total) if p > 0 else 0.0 for p in powered]


def to_word(word):
    if not isinstance(word, text_type):
        if isinstance(word, bytes):
            return word.decode('utf-8')
        raise TypeError('a word must be text, not %r' % (word,))
    return word
