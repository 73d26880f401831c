"""nlp-zero: unsupervised NLP from raw text, on the minimum-entropy principle.

The data flow, each stage a subpackage usable on its own::

    text       Corpus, fragments, character classes
      -> words      WordDiscovery -> Lexicon -> Tokenizer (unigram Viterbi)
      -> structure  TemplateFinder -> TemplateSet -> Parser
      -> vectors    Cooccurrence (PMI) -> SimplerGlove -> WordVectors

Pure Python, standard library only; NumPy, when it is importable, speeds up
word discovery, co-occurrence counting, vector training and the vector
queries (``backend='auto'``), with the same results (training: the same
model, see :mod:`nlp_zero.vectors.glove`).

For jieba users: ``nlp_zero.cut``/``lcut``/``load_userdict``/``add_word``/
``del_word``/``suggest_freq`` act on a default :class:`Segmenter`
(:mod:`nlp_zero.words.segment`), and :class:`TfIdf`/:class:`TextRank` find
keywords (:mod:`nlp_zero.words.keywords`); for gensim users,
:class:`WordVectors` answers ``KeyedVectors``' queries and reads and writes
the binary word2vec format.
"""

import sys as _sys

__version__ = '0.2.0'

from .errors import NlpZeroError, CorpusError, FormatError  # noqa: E402
from .text import Corpus, as_corpus, fragments  # noqa: E402
from .progress import Progress  # noqa: E402
from . import datasets  # noqa: E402

# -- words: lexicon, tokenizer, discovery
from .words import (Lexicon, Tokenizer, WordDiscovery, discover_words, information_per_char,  # noqa: E402,E501
                    new_words, segmentation_scores)

# -- jieba's interface: cut/lcut on a default segmenter, user dictionaries
from .words.segment import (Segmenter, add_word, cut, del_word, export_jieba, initialize,  # noqa: E402,E501
                            lcut, load_userdict, set_dictionary, suggest_freq)
from .words.discovery.newwords import rank_new_words  # noqa: E402
from .words.keywords import TextRank, TfIdf  # noqa: E402

# -- structure: templates and parser
from .structure import Parser, ParseTree, Template, TemplateFinder, TemplateIndex, TemplateSet  # noqa: E402,E501

# -- statistics and vectors
from .vectors import Cooccurrence, SimplerGlove, WordVectors, suggest_dimension  # noqa: E402

# -- names of the original nlp-zero (2018).  Tokenizer and Parser are the new
# classes, which take the original's arguments; nlp_zero.legacy has variants
# that also keep the original's extra methods and printing.
from .legacy import DAG, SentTree, Template_Finder, Trie, Word_Finder, XTrie  # noqa: E402

__all__ = [
    'NlpZeroError', 'CorpusError', 'FormatError', 'Corpus', 'as_corpus', 'fragments', 'Progress',
    'datasets', 'Lexicon', 'Tokenizer', 'segmentation_scores', 'WordDiscovery', 'discover_words',
    'new_words', 'information_per_char', 'Segmenter', 'cut', 'lcut', 'load_userdict', 'add_word',
    'del_word', 'suggest_freq', 'export_jieba', 'initialize', 'set_dictionary', 'TfIdf',
    'TextRank', 'rank_new_words', 'Template', 'TemplateSet', 'TemplateFinder',
    'TemplateIndex', 'Parser', 'ParseTree', 'Cooccurrence', 'SimplerGlove', 'suggest_dimension',
    'WordVectors', 'DAG', 'SentTree', 'Template_Finder', 'Trie', 'Word_Finder', 'XTrie',
]

# -- the module paths of nlp-zero 0.2 (one flat package) keep working:
# ``import nlp_zero.corpus`` or ``from nlp_zero.tokenizer import Tokenizer``
# find the module that holds those names now.
_MOVED = {
    'corpus': 'text', 'lexicon': 'words.lexicon', 'tokenizer': 'words.tokenizer',
    'information': 'words.information', 'discovery': 'words.discovery',
    'templates': 'structure.templates', 'template_finder': 'structure.finder',
    'template_index': 'structure.index', 'parser': 'structure.parser',
    'cooccurrence': 'vectors.cooccurrence', 'glove': 'vectors.glove',
}


def _alias_moved_modules():
    import importlib
    for old, new in _MOVED.items():
        module = importlib.import_module(__name__ + '.' + new)
        _sys.modules[__name__ + '.' + old] = module
        globals()[old] = module


_alias_moved_modules()
