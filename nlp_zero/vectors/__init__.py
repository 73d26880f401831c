"""Statistics and vectors: window co-occurrence counts and PMI, the
simpler-GloVe solver (inner product = PMI) and the vectors' queries.

:class:`Cooccurrence` (in :mod:`.cooccurrence`) counts; :class:`SimplerGlove`
(:mod:`.glove`, with its engines :mod:`._glove_python` and
:mod:`._glove_numpy`) fits; :class:`WordVectors` (:mod:`.keyed`) answers;
:mod:`.metrics` scores.
"""

from .cooccurrence import Cooccurrence, build_vocabulary, count_words
from .glove import SimplerGlove, suggest_dimension, weight_function
from .keyed import AnalogyResult, WordPairsResult, WordVectors, cholesky
from .metrics import pearson, read_analogies, read_word_pairs, spearman

__all__ = ['Cooccurrence', 'build_vocabulary', 'count_words', 'SimplerGlove',
           'suggest_dimension', 'weight_function', 'WordVectors', 'WordPairsResult',
           'AnalogyResult', 'cholesky', 'pearson', 'spearman', 'read_word_pairs',
           'read_analogies']
