"""The queries of gensim's ``KeyedVectors`` that :class:`WordVectors` adds
to its own: vectors as queries, ``similar_by_vector``, ``doesnt_match``,
``n_similarity``, ``rank``/``closer_than`` and ``.vectors``.

They follow gensim 4's definitions (so that a gensim user gets the same
answers), in plain Python, with the NumPy backend where a whole-vocabulary
scan is involved.  :class:`GensimQueries` is a mixin of
:class:`~nlp_zero.vectors.keyed.WordVectors`; it uses its rows
(``_rows``), unit rows and scans.
"""

from __future__ import division

import math
from array import array
from itertools import repeat
from operator import add, mul

from .._compat import map, range, string_types
from .formats import read_word2vec_binary
from .vector import Vector, is_vector

__all__ = ['GensimQueries']


def _unit(v):
    n = math.sqrt(sum(map(mul, v, v)))
    return array('d', [x / n for x in v]) if n > 0 else array('d', v)


def _mean(rows, dim):
    total = array('d', repeat(0.0, dim))
    for row in rows:
        total = array('d', map(add, total, row))
    return array('d', [x / len(rows) for x in total])


def _entries(value):
    """``positive``/``negative`` of ``most_similar`` as a list: one word, one
    vector, or a list of words, vectors and (word or vector, weight) pairs."""
    if value is None:
        return []
    if isinstance(value, string_types) or is_vector(value):
        return [value]
    return list(value)


class GensimQueries(object):
    """gensim's ``KeyedVectors`` queries, on top of :class:`WordVectors`."""

    def _as_vector(self, row):
        """A row as what ``vectors[word]`` gives: an ndarray with the NumPy
        backend, else a :class:`Vector`."""
        if self._numpy is not None:
            return self._numpy.array(row, dtype=self._numpy.float64)
        return Vector(row)

    @property
    def vectors(self):
        """All vectors, one row per word in :attr:`index_to_key` order: a 2-D
        ndarray with the NumPy backend (shared with the scans: do not write
        to it), else a list of :class:`Vector` copies."""
        if self._numpy is not None:
            return self._numpy_matrix(False)
        return [Vector(row) for row in self._rows]

    def _query(self, positive, negative):
        """``(unit query, rows to leave out)`` of ``most_similar``: the mean
        of the unit vectors of the words and of the vectors as given (gensim's
        rule), each times its weight (1, or the second item of a pair)."""
        units = self._unit_rows()
        terms, exclude = [], set()
        for values, sign in ((_entries(positive), 1.0), (_entries(negative), -1.0)):
            for entry in values:
                weight = sign
                if isinstance(entry, tuple) and len(entry) == 2 and not is_vector(entry):
                    entry, weight = entry[0], sign * entry[1]
                if is_vector(entry):
                    row = array('d', map(float, entry))
                    if len(row) != self.vector_size:
                        raise ValueError('a query vector has %d values, not %d'
                                         % (len(row), self.vector_size))
                else:
                    i = self.get_index(entry)
                    exclude.add(i)
                    row = units[i]
                terms.append(array('d', [x * weight for x in row]))
        if not terms:
            raise ValueError('most_similar needs at least one word or vector')
        return _unit(_mean(terms, self.vector_size)), exclude

    def similar_by_vector(self, vector, topn=10, restrict_vocab=None):
        """Words with the highest cosine to ``vector`` (none left out)."""
        return self.most_similar(positive=[vector], topn=topn, restrict_vocab=restrict_vocab)

    def similar_by_word(self, word, topn=10, restrict_vocab=None):
        """Words with the highest cosine to ``word`` (gensim's name)."""
        return self.most_similar(positive=[word], topn=topn, restrict_vocab=restrict_vocab)

    def doesnt_match(self, words):
        """The word of ``words`` farthest from the others: lowest cosine with
        the mean of their unit vectors.  Unknown words are skipped (gensim
        does so too); ValueError when none is known."""
        used = [w for w in words if w in self.key_to_index]
        if not used:
            raise ValueError('doesnt_match needs at least one word of the vocabulary')
        units = self._unit_rows()
        rows = [units[self.key_to_index[w]] for w in used]
        centre = _unit(_mean(rows, self.vector_size))
        return min((sum(map(mul, row, centre)), w) for row, w in zip(rows, used))[1]

    def n_similarity(self, words1, words2):
        """Cosine of the mean vectors of two lists of words (KeyError for an
        unknown word, as gensim)."""
        words1, words2 = list(words1), list(words2)
        if not words1 or not words2:
            raise ValueError('n_similarity needs two non-empty lists of words')
        means = [_unit(_mean([self._rows[self.get_index(w)] for w in ws], self.vector_size))
                 for ws in (words1, words2)]
        return sum(map(mul, means[0], means[1]))

    def _cosines(self, i):
        """The cosine of every word with word ``i``, in row order."""
        query = self._unit_rows()[i]
        if self._numpy is not None:
            return self._numpy_matrix(True).dot(self._numpy.array(query)).tolist()
        return [sum(map(mul, query, row)) for row in self._unit_rows()]

    def closer_than(self, word1, word2):
        """The words closer to ``word1`` (higher cosine) than ``word2`` is."""
        i, j = self.get_index(word1), self.get_index(word2)
        cosines = self._cosines(i)
        limit = cosines[j]
        return [self.index_to_key[k] for k in range(len(cosines))
                if cosines[k] > limit and k != i]

    @classmethod
    def _load_binary(cls, path, limit, unicode_errors, encoding):
        """``load_word2vec_format(..., binary=True)``."""
        words, rows, dim = read_word2vec_binary(path, limit, unicode_errors, encoding)
        return cls(words, rows) if rows else cls(words, [], dim=dim)

    def rank(self, word1, word2):
        """The rank of ``word2`` among the neighbours of ``word1`` (1: the
        nearest)."""
        return len(self.closer_than(word1, word2)) + 1
