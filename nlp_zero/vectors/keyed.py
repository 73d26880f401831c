"""Word vectors and the questions one asks them.

:class:`WordVectors` follows gensim's ``KeyedVectors`` where it fits
(``vectors[word]``, ``most_similar``, ``similarity``,
``evaluate_word_pairs``, ``evaluate_word_analogies``, the word2vec text
format), and adds what the simpler-GloVe geometry gives:

* cosine ranks *similar* words (same contexts): :meth:`most_similar`;
* the inner product ranks *related* words (PMI: they occur together):
  :meth:`most_related`;
* the squared norm tracks ``-ln P(w)``: the sum of a sentence's vectors,
  dotted with each word, ranks its :meth:`keywords`;
* :meth:`correlation_similar`: Pearson correlation of two words' PMI
  profiles over the most frequent words.

Pure Python; with the NumPy backend (the default when NumPy is importable)
the whole-vocabulary scans run in :mod:`._keyed_numpy`.
"""

from __future__ import division

import math
from array import array
from collections import namedtuple
from itertools import repeat
from operator import add, mul, sub

from .._backend import numpy_or_none
from .._compat import map, range, zip
from .._files import MAX_LINE_BYTES, atomic_open, text_lines
from ..errors import FormatError
from . import formats, metrics
from .queries import GensimQueries
from .vector import Vector

__all__ = ['WordVectors', 'WordPairsResult', 'AnalogyResult']

#: ``evaluate_word_pairs``: correlations over the pairs whose words are known.
WordPairsResult = namedtuple('WordPairsResult', 'pearson spearman coverage used total')

#: ``evaluate_word_analogies``: accuracy over the covered questions and per section
#: (``[(name, correct, covered, total)]``).
AnalogyResult = namedtuple('AnalogyResult', 'accuracy sections coverage correct used total')


#: Limits of a word2vec header: a count of words a 64-bit counter holds, and
#: as many values as a line can hold (two bytes each: a digit and a space).
_MAX_WORDS = (1 << 63) - 1
_MAX_DIM = MAX_LINE_BYTES // 2


def _norm(v):
    return math.sqrt(sum(map(mul, v, v)))


def _unit(v):
    n = _norm(v)
    return array('d', [x / n for x in v]) if n > 0 else array('d', v)


class WordVectors(GensimQueries):
    """A vocabulary with one vector per word.

    Parameters
    ----------
    words : list of str
        The words, most frequent first when the vectors come from a corpus
        (``restrict_vocab`` options keep the first words).
    vectors : flat sequence of floats, or sequence of rows
        ``len(words) * dim`` numbers (row after row), or one row per word.
    dim : int, optional
        Vector size; required with flat vectors.
    counts : list of int, optional
        Corpus counts of the words (kept for reference).
    backend : {'auto', 'python', 'numpy'}
        What runs the whole-vocabulary scans (nearest words, analogies):
        NumPy when it is importable (``'auto'``, default), or plain Python.
        The answers are the same up to floating-point rounding.
    """

    def __init__(self, words, vectors, dim=None, counts=None, backend='auto'):
        words = list(words)
        if dim is None:
            rows = [array('d', v) for v in vectors]
            dim = len(rows[0]) if rows else 0
        else:
            flat = vectors if isinstance(vectors, array) else array('d', vectors)
            rows = [flat[k * dim:(k + 1) * dim] for k in range(len(words))]
        if len(rows) != len(words) or any(len(r) != dim for r in rows):
            raise ValueError('need one vector of size %d per word' % dim)
        self.index_to_key = words
        self.key_to_index = dict((w, i) for i, w in enumerate(words))
        self.vector_size = dim
        self.counts = list(counts) if counts is not None else None
        self._rows = rows
        self._units = None
        self._matrix = None
        self._correlation = {}
        self._numpy = numpy_or_none(backend)
        if self._numpy is not None:
            from . import _keyed_numpy
            self._kernels = _keyed_numpy

    # ----------------------------------------------------------------- basics
    def __len__(self):
        return len(self.index_to_key)

    def __repr__(self):
        return '<WordVectors: %d words, %d dimensions>' % (len(self), self.vector_size)

    def __contains__(self, word):
        return word in self.key_to_index

    def __iter__(self):
        return iter(self.index_to_key)

    def get_index(self, word):
        """The row of ``word``; KeyError naming the word when unknown."""
        try:
            return self.key_to_index[word]
        except KeyError:
            raise KeyError(u'word %r is not in the vocabulary' % (word,))

    def __getitem__(self, word):
        """A copy of the vector of ``word``: an ndarray with the NumPy
        backend, else a :class:`~nlp_zero.vectors.vector.Vector` (an
        ``array('d')`` with vector arithmetic); a list of words gives their
        vectors (a 2-D ndarray with NumPy)."""
        if isinstance(word, (list, tuple)):
            rows = [self._rows[self.get_index(w)] for w in word]
            if self._numpy is None:
                return [Vector(row) for row in rows]
            return self._numpy.array(rows, dtype=self._numpy.float64).reshape(
                len(rows), self.vector_size)
        return self._as_vector(self._rows[self.get_index(word)])

    def get_vector(self, word, norm=False):
        """``vectors[word]``, or its unit vector with ``norm=True``."""
        if norm:
            return self._as_vector(self._unit_rows()[self.get_index(word)])
        return self[word]

    def _unit_rows(self):
        if self._units is None:
            self._units = [_unit(v) for v in self._rows]
        return self._units

    def _numpy_matrix(self, normalized):
        """(raw, unit) float64 matrices, built once (NumPy backend)."""
        if self._matrix is None:
            self._matrix = self._kernels.matrices(self._rows, self.vector_size)
        return self._matrix[1 if normalized else 0]

    # ------------------------------------------------------------- neighbours
    def _scan(self, query, normalized, exclude, topn, restrict_vocab=None):
        """The ``topn`` rows with the highest inner product with ``query``."""
        limit = len(self._rows) if restrict_vocab is None else min(restrict_vocab,
                                                                    len(self._rows))
        if self._numpy is not None:
            found = self._kernels.scan(self._numpy_matrix(normalized), query, exclude, topn,
                                       limit)
            return [(self.index_to_key[i], score) for i, score in found]
        rows = self._unit_rows() if normalized else self._rows
        scored = [(sum(map(mul, query, rows[i])), i) for i in range(limit) if i not in exclude]
        scored.sort(key=lambda si: (-si[0], si[1]))
        return [(self.index_to_key[i], s) for s, i in scored[:topn]]

    def most_similar(self, positive=None, negative=None, topn=10, restrict_vocab=None):
        """Words with the highest cosine to the mean of the given unit vectors.

        ``positive`` and ``negative`` are words, vectors, or lists of words,
        vectors and ``(word or vector, weight)`` pairs, as in gensim; the
        query words themselves are left out (vectors are used as given).
        Similar words appear in the same contexts (synonyms, co-hyponyms).
        """
        query, exclude = self._query(positive, negative)
        return self._scan(query, True, exclude, topn, restrict_vocab)

    def most_related(self, word, topn=10, restrict_vocab=None):
        """Words with the highest inner product (PMI) with ``word``: its associates."""
        i = self.get_index(word)
        return self._scan(self._rows[i], False, set([i]), topn, restrict_vocab)

    def similarity(self, a, b):
        """Cosine of the vectors of two words."""
        units = self._unit_rows()
        return sum(map(mul, units[self.get_index(a)], units[self.get_index(b)]))

    def relatedness(self, a, b):
        """Inner product of the vectors of two words (their fitted PMI)."""
        return sum(map(mul, self._rows[self.get_index(a)], self._rows[self.get_index(b)]))

    def analogy(self, a, b, c, topn=1, restrict_vocab=None):
        """``a : b = c : ?`` by 3CosAdd: words nearest to ``b - a + c`` (unit vectors).

        Returns ``[(word, cosine)]``, the query words excluded; e.g.
        ``analogy('man', 'king', 'woman')`` -> ``[('queen', 0.7...)]``.
        """
        return self.most_similar(positive=[b, c], negative=[a], topn=topn,
                                 restrict_vocab=restrict_vocab)

    # --------------------------------------------------------------- sentences
    def sentence_vector(self, words, mode='sum'):
        """Sum (or mean) of the vectors of the known words of ``words``.

        Unknown words are skipped: a sentence vector is a summary and should
        not fail on one rare word.  The sum keeps the norm information (a
        sentence of informative words is long); 'mean' removes the length.
        """
        if mode not in ('sum', 'mean'):
            raise ValueError("mode must be 'sum' or 'mean'")
        total = array('d', repeat(0.0, self.vector_size))
        n = 0
        for w in words:
            i = self.key_to_index.get(w)
            if i is not None:
                total = array('d', map(add, total, self._rows[i]))
                n += 1
        if mode == 'mean' and n:
            total = array('d', [x / n for x in total])
        return total

    def keywords(self, words, topn=None):
        """The sentence's known words ranked by ``<sum of the sentence, v_w>``.

        That is the total PMI of a word with the sentence: words that are
        informative (long vectors) and fit the rest of the sentence come
        first, function words last.  Returns ``[(word, score)]``.
        """
        words = [w for w in words if w in self.key_to_index]
        total = self.sentence_vector(words)
        scores = {}
        for w in words:
            scores[w] = sum(map(mul, total, self._rows[self.key_to_index[w]]))
        ranked = sorted(scores.items(), key=lambda ws: (-ws[1], ws[0]))
        return ranked if topn is None else ranked[:topn]

    def sentence_similarity(self, a, b):
        """Cosine of the sum vectors of two word lists (0.0 if one has no known word)."""
        va, vb = self.sentence_vector(a), self.sentence_vector(b)
        na, nb = _norm(va), _norm(vb)
        if not na or not nb:
            return 0.0
        return sum(map(mul, va, vb)) / (na * nb)

    # ------------------------------------------------------------ correlation
    def correlation_similar(self, word, n_context=1000, topn=10):
        """Words whose PMI profiles over the ``n_context`` most frequent words
        correlate best (Pearson) with that of ``word``.

        The profile of ``w`` is ``M v_w`` (M: the context words' vectors).  The
        covariance of two profiles is ``v_a' S v_b`` with ``S = M' H M`` (H
        centres), so with ``S = L L'`` (Cholesky) the correlation is the
        cosine of ``L' v_a`` and ``L' v_b``: one transform of the whole table,
        then an ordinary cosine search.
        """
        i = self.get_index(word)
        n_context = max(2, min(int(n_context), len(self._rows)))
        table = self._correlation.get(n_context)
        if table is None:
            table = self._correlation_table(n_context)
            self._correlation[n_context] = table
        query = table[i]
        if self._numpy is not None:
            return [(self.index_to_key[k], score)
                    for k, score in self._kernels.scan_table(table, i, topn)]
        scored = [(sum(map(mul, query, v)), k) for k, v in enumerate(table) if k != i]
        scored.sort(key=lambda sk: (-sk[0], sk[1]))
        return [(self.index_to_key[k], s) for s, k in scored[:topn]]

    def _correlation_table(self, n_context):
        dim = self.vector_size
        context = self._rows[:n_context]
        mean = [x / n_context for x in _column_sums(context, dim)]
        centred = [array('d', map(sub, v, mean)) for v in context]
        gram = [[0.0] * dim for _ in range(dim)]
        for v in centred:
            for a in range(dim):
                va = v[a]
                if va:
                    gram[a] = list(map(add, gram[a], map(mul, v, repeat(va))))
        lower = cholesky(gram)
        # u = L' v: u[a] = sum_b L[b][a] v[b]
        columns = [[lower[b][a] for b in range(dim)] for a in range(dim)]
        if self._numpy is not None:
            return self._kernels.transform(self._numpy_matrix(False), columns)
        return [_unit(array('d', [sum(map(mul, col, v)) for col in columns]))
                for v in self._rows]

    # -------------------------------------------------------------- evaluation
    def _lookup(self, word, case_insensitive):
        if word in self.key_to_index:
            return self.key_to_index[word]
        if case_insensitive:
            return self.key_to_index.get(word.lower())
        return None

    def evaluate_word_pairs(self, path, case_insensitive=True):
        """Correlation of cosine similarities with human scores in ``path``.

        Returns ``WordPairsResult(pearson, spearman, coverage, used, total)``
        over the pairs whose two words are in the vocabulary.
        """
        pairs = metrics.read_word_pairs(path)
        model, human = [], []
        for a, b, score in pairs:
            i, j = self._lookup(a, case_insensitive), self._lookup(b, case_insensitive)
            if i is None or j is None:
                continue
            model.append(self.similarity(self.index_to_key[i], self.index_to_key[j]))
            human.append(score)
        coverage = len(model) / len(pairs) if pairs else 0.0
        return WordPairsResult(metrics.pearson(model, human), metrics.spearman(model, human),
                               coverage, len(model), len(pairs))

    def evaluate_word_analogies(self, path, restrict_vocab=30000, case_insensitive=True):
        """3CosAdd accuracy on an analogy file (Google ``questions-words`` format).

        Only the first ``restrict_vocab`` words are candidates, and questions
        with a word outside them are not covered (gensim's convention).
        Returns ``AnalogyResult(accuracy, sections, coverage, correct, used,
        total)``; ``sections`` is ``[(name, correct, covered, total)]``.
        """
        limit = len(self) if restrict_vocab is None else min(restrict_vocab, len(self))
        sections = []
        correct = used = total = 0
        for name, questions in metrics.read_analogies(path):
            covered = []
            for q in questions:
                ids = [self._lookup(w, case_insensitive) for w in q]
                if all(i is not None and i < limit for i in ids):
                    covered.append(ids)
            hits = self._answer_analogies(covered, limit)
            sections.append((name, hits, len(covered), len(questions)))
            correct += hits
            used += len(covered)
            total += len(questions)
        accuracy = correct / used if used else 0.0
        return AnalogyResult(accuracy, sections, used / total if total else 0.0, correct, used,
                             total)

    def _answer_analogies(self, questions, limit):
        """How many of ``[(a, b, c, d)]`` (ids) have d as the best b - a + c."""
        if not questions:
            return 0
        if self._numpy is not None:
            return self._kernels.analogy_hits(self._numpy_matrix(True), questions, limit)
        hits = 0
        for a, b, c, d in questions:
            words = self.index_to_key
            best = self.most_similar(positive=[words[b], words[c]], negative=[words[a]],
                                     topn=1, restrict_vocab=limit)
            hits += bool(best) and best[0][0] == words[d]
        return hits

    # ------------------------------------------------------------------ files
    def save_word2vec_format(self, path, precision=6, binary=False):
        """Write the word2vec text format (header ``N D``), or with
        ``binary=True`` the binary format (:mod:`.formats`), atomically."""
        if binary:
            with atomic_open(path, 'wb') as out:
                formats.write_word2vec_binary(out, self.index_to_key, self._rows,
                                              self.vector_size)
            return
        with atomic_open(path, 'w') as out:
            self.write_word2vec_format(out, precision)

    def write_word2vec_format(self, out, precision=6):
        """Write the word2vec text format to ``out``, an open text stream."""
        fmt = u'%%.%dg' % max(1, int(precision) + 1)
        out.write(u'%d %d\n' % (len(self), self.vector_size))
        for w, v in zip(self.index_to_key, self._rows):
            if not w or any(ch.isspace() for ch in w):
                raise ValueError('word %r cannot be written in the word2vec text format' % w)
            out.write(w + u' ' + u' '.join([fmt % x for x in v]) + u'\n')

    @classmethod
    def load_word2vec_format(cls, path, limit=None, unicode_errors='strict', encoding='utf-8',
                             no_header=None, binary=False):
        """Read the word2vec text format, or GloVe's header-less text format
        (with ``binary=True``: the binary word2vec format, :mod:`.formats`;
        ``binary='auto'``: whichever of the two the file is in).

        ``limit`` reads only the first words; ``unicode_errors`` is passed to
        the decoder (gensim's option).  Fields are separated by single
        spaces.  A malformed or truncated file (a line with a tab, another
        number of values or a value that is not a finite number, a word
        listed twice, a line longer than 1 MB ...) raises FormatError naming
        the file and the line.
        """
        if binary == 'auto':
            binary = formats.is_word2vec_binary(path)
        if binary:
            return cls._load_binary(path, limit, unicode_errors, encoding)
        words, rows, seen = [], [], {}
        dim = expected = None
        number = 0
        for number, line in text_lines(path, 'vectors file', encoding, unicode_errors):
            if number == 1 and no_header is not True:
                header = _word2vec_header(path, line)
                if header is not None:
                    expected, dim = header
                    continue
            if limit is not None and len(words) >= limit:
                break
            if not line.strip():
                continue
            word, row = _vector_line(path, number, line, dim)
            if word in seen:
                raise FormatError(path, number, 'the word %s occurs twice (first on line %d)'
                                  % (word[:40], seen[word]))
            seen[word] = number
            dim = len(row)
            words.append(word)
            rows.append(row)
        if expected is not None and len(words) < expected and (limit is None or
                                                              len(words) < limit):
            raise FormatError(path, number if words else 1,
                              'truncated file: the header announces %d words, found %d' % (
                                  expected, len(words)))
        return cls(words, rows) if rows else cls(words, [], dim=dim or 0)


def _word2vec_header(path, line):
    """``(words, dim)`` of a word2vec header line, or None when the line is
    not one (GloVe's format has none)."""
    fields = line.rstrip().split(u' ')
    if len(fields) != 2:
        return None
    try:
        expected, dim = int(fields[0]), int(fields[1])
    except ValueError:
        return None
    if not 0 <= expected <= _MAX_WORDS or not 1 <= dim <= _MAX_DIM:
        raise FormatError(path, 1, 'the header "%s" does not give a number of words and a '
                                   'vector size from 1 to %d' % (line[:40], _MAX_DIM))
    return expected, dim


def _vector_line(path, number, line, dim):
    """``(word, array of values)`` of one line of a word2vec/GloVe text file."""
    line = line.rstrip()
    if u'\t' in line:
        raise FormatError(path, number, 'a tab between the fields: the word2vec text format '
                                        'separates them with single spaces')
    fields = line.split(u' ')
    word, values = fields[0], fields[1:]
    if not word or not values or dim is not None and len(values) != dim:
        raise FormatError(path, number, 'expected a word and %s numbers, got %d fields' % (
            dim or 'some', len(fields)))
    try:
        row = array('d', map(float, values))
    except ValueError:
        raise FormatError(path, number, 'a vector value is not a number')
    total = sum(row)
    if total - total != 0:  # an inf or a NaN (or values whose sum overflows)
        for value in row:
            if value - value != 0:
                raise FormatError(path, number, 'the vector value %r is not a finite number'
                                  % value)
    return word, row


def _column_sums(rows, dim):
    total = [0.0] * dim
    for v in rows:
        total = list(map(add, total, v))
    return total


def cholesky(matrix, jitter=1e-10):
    """Lower-triangular L with ``L L' = matrix`` (symmetric positive semi-definite).

    A tiny diagonal ``jitter`` (relative to the trace) keeps a singular
    matrix (fewer context words than dimensions) factorisable.
    """
    n = len(matrix)
    trace = sum(matrix[i][i] for i in range(n)) or 1.0
    eps = jitter * trace / n
    lower = [[0.0] * n for _ in range(n)]
    for i in range(n):
        li = lower[i]
        for j in range(i + 1):
            lj = lower[j]
            s = matrix[i][j] - sum(map(mul, li[:j], lj[:j]))
            if i == j:
                li[j] = math.sqrt(max(s + eps, eps))
            else:
                li[j] = s / lj[j]
    return lower
