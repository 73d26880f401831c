"""Word co-occurrence counts and the PMI statistics read from them.

:class:`Cooccurrence` holds a vocabulary (words sorted by frequency, with
their unigram counts) and the symmetric window counts ``X[i, j]``: how many
times word ``j`` occurs within ``window`` tokens of word ``i``.  These are the
sufficient statistics of the simpler-GloVe model (:mod:`nlp_zero.glove`).

Why it is built the way it is:

* Pairs are stored as integers, ``key = i * stride + j`` with ``i < j`` and
  ``stride = len(vocabulary) + 1``: a tuple-of-strings key costs several
  times the memory and hashes slower.  Counted, merged or loaded, the pairs
  end as two sorted arrays (16 bytes a pair; a dict entry costs 100-200).
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
from array import array
from itertools import repeat
from operator import floordiv, mod

from .._backend import numpy_or_none
from .._compat import INT64, iteritems, map, range, text_type, zip
from ..errors import CorpusError
from ..progress import log
from . import _cooccurrence_python
from .table_file import load_table, save_table
from .vocabulary import build_vocabulary, count_words, token_lists
from ..counting.memory import parse_size
from ..counting.sorted_table import SortedTable, blocks_of
from ..counting.spill import SpillCounter, add_counts, merge_sorted
from ..counting.workers import in_order, start_helpers

__all__ = ['Cooccurrence', 'count_words', 'build_vocabulary']



def _numpy_module(backend):
    """The NumPy counting module for ``backend``, or None for the pure-Python path."""
    if numpy_or_none(backend) is None:
        return None
    from . import _cooccurrence_numpy
    return _cooccurrence_numpy


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
        choice; default off: every pair in the window counts 1).

    Build one with :meth:`count` (or :meth:`add` on an empty one).  The
    probabilities are defined in :meth:`joint_probability`, :meth:`probability`
    and :meth:`pmi`.
    """

    #: The largest window: windows are a few words; a huge one would only
    #: cost memory (each line end is padded with ``window`` separators).
    MAX_WINDOW = 10000

    def __init__(self, vocabulary, window=10, distance_weighting=False):
        if not 1 <= int(window) <= self.MAX_WINDOW:
            raise ValueError('window must be between 1 and %d, not %r' % (self.MAX_WINDOW, window))
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
              distance_weighting=False, vocabulary=None, progress=None, backend='auto',
              memory=None, workers=1, tmp_dir=None):
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
        backend, memory, workers, tmp_dir
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
        table.add(token_lists, progress=progress, backend=backend, memory=memory,
                  workers=workers, tmp_dir=tmp_dir)
        return table

    def add(self, token_lists, progress=None, backend='auto', memory=None, workers=1,
            tmp_dir=None):
        """Count more text into this table (unigrams of known words and pairs).

        ``backend='numpy'`` counts with NumPy and keeps the pairs as two
        sorted arrays (about ten times faster); ``'python'`` with the
        standard library only, the pairs also ending in two compact sorted
        arrays; ``'auto'`` (default) uses NumPy when it can be imported.
        Both give the same table.

        With ``'python'``, ``memory`` (bytes, or a size such as ``'500M'``)
        bounds the counting: past it, counts spill to sorted runs in a
        temporary folder (in ``tmp_dir``) that are merged back at the end,
        so the counts stay exact; None (default) counts in memory.
        ``workers`` processes count the batches (the table is the same).
        """
        fast = _numpy_module(backend)
        if fast is not None:
            self._add_numpy(fast, token_lists, progress)
        else:
            self._add_python(token_lists, progress, parse_size(memory), max(1, int(workers)),
                             tmp_dir)
        log(progress, 'co-occurrence: %d tokens, %d words, %d pairs (window %d)' % (
            self.tokens, len(self.words), len(self.pairs), self.window))
        return self

    def _id_batches(self, source, progress, size, unknown):
        """Lists of about ``size`` ids, each line followed by ``window``
        separators (id ``len(words)``: pairs across a line end involve it and
        are dropped), out-of-vocabulary tokens as ``unknown`` (the NumPy
        counter removes them).  The list is reused: consume it before asking
        for the next one."""
        get = self.index.get
        pad = [len(self.words)] * self.window
        batch = []
        extend = batch.extend
        lines = 0
        for tokens in token_lists(source):
            lines += 1
            extend(map(get, tokens, repeat(unknown)))
            extend(pad)
            if len(batch) >= size:
                yield batch
                del batch[:]
                if progress is not None:
                    progress.update(getattr(source, 'bytes_read', lines))
        if batch:
            yield batch

    def _add_python(self, token_lists, progress, memory, workers, tmp_dir):
        # The new text is counted apart (in worker processes if asked), then
        # merged: an error partway leaves the table as it was.
        options = dict(words=self.words, window=self.window, weighted=self.distance_weighting)
        mapper = _cooccurrence_python.PairMapper(**options)
        helpers = []
        if workers > 1:
            helpers = start_helpers(workers, _cooccurrence_python.PairMapper, options, progress)
        counter = SpillCounter(memory, tmp_dir, self.distance_weighting, progress)
        unigrams = {}
        try:
            batches = _cooccurrence_python.line_batches(token_lists, progress)
            for parts, counts in in_order('count', batches, helpers, mapper.count):
                for keys, values in parts:
                    counter.add_items(keys, values)
                add_counts(unigrams, counts)
            table = counter.result()
        finally:
            counter.close()
            for helper in helpers:
                helper.stop()
        self._merge_sorted(table)
        counts = self.counts
        for i, c in iteritems(unigrams):
            counts[i] += c
            self.tokens += c
        self._pair_total = None

    def _merge_sorted(self, table):
        """Add a :class:`SortedTable` of new pair counts to this table."""
        if not self._pairs and self._arrays is None:
            self._pairs = table
            return
        self._pairs = merge_sorted([blocks_of(self._sorted_items()), table.blocks()],
                                   self.distance_weighting)
        self._arrays = None

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
        """Turn an array-held table into the dict that :meth:`merge` updates."""
        if self._arrays is not None or isinstance(self._pairs, SortedTable):
            self._pairs = dict(self.pairs.items())
            self._arrays = None

    @property
    def pairs(self):
        """``{i * stride + j: count}`` for i < j (floats with distance weighting).

        A read-only mapping over two sorted arrays after counting or
        loading (a dict after :meth:`merge`, or when assigned one).
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

    def __repr__(self):
        return '<Cooccurrence: %d words, %d pairs from %d tokens, window %d%s>' % (
            len(self.words), len(self.pairs), self.tokens, self.window,
            ', distance-weighted' if self.distance_weighting else '')

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
        if self._arrays is not None or isinstance(self._pairs, SortedTable):
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
        keys, values = self.key_arrays()
        stride = self.stride
        if not isinstance(values, array) or values.typecode != 'd':
            values = array('d', values)
        strides = repeat(stride)
        rows = array('i', map(floordiv, keys, strides))
        cols = array('i', map(mod, keys, strides))
        return rows, cols, values, array('d', self.pmi_targets(keys, values, context_smoothing))

    def key_arrays(self):
        """``(keys, counts)`` of the stored pairs in key order, as arrays
        (64-bit integers; counts integers or ``'d'``): the table's own after counting
        with the standard library or loading, so training adds no copy."""
        if not self.pair_total:
            raise CorpusError('the co-occurrence table has no pairs: nothing to train on (is the '
                              'corpus empty, or are its words all below min_count?)')
        if self._arrays is not None:
            keys, counts = self._arrays
            kind = 'd' if counts.dtype.kind == 'f' else INT64
            return (array(INT64, keys.astype('int64').tobytes()),
                    array(kind, counts.astype(kind).tobytes()))
        if isinstance(self._pairs, SortedTable):
            return self._pairs.keys_array, self._pairs.values_array
        keys = array(INT64, sorted(self._pairs))
        kind = 'd' if self.distance_weighting else INT64
        return keys, array(kind, map(self._pairs.__getitem__, keys))

    def pmi_targets(self, keys, counts, context_smoothing=None):
        """An iterator of ``PMI(i, j)`` (as :meth:`pmi` defines it) for the
        pair keys ``i * stride + j`` and their counts."""
        logc = self.log_marginals(context_smoothing)
        log_z = math.log(self.pair_total)
        stride = self.stride
        return (math.log(x) - log_z - logc[k // stride] - logc[k % stride]
                for k, x in zip(keys, counts))

    def pair_arrays(self):
        """``(keys, counts)``: the pairs as sorted NumPy arrays (NumPy must be
        importable); the table's own arrays after NumPy counting, no copy."""
        if self._arrays is not None:
            return self._arrays
        from . import _cooccurrence_numpy
        pairs = self._pairs
        if isinstance(pairs, SortedTable):
            return _cooccurrence_numpy.from_sorted(pairs.keys_array, pairs.values_array,
                                                   self.distance_weighting)
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
