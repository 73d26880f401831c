"""nlp-zero: unsupervised NLP from raw text, on the minimum-entropy principle.

The data flow, each stage usable on its own::

    Corpus -> word discovery -> Lexicon -> Tokenizer -> templates / parser
                                              |
                                              v
                   co-occurrence counts -> simpler GloVe -> WordVectors

Pure Python, standard library only; NumPy accelerates vector training when
it is importable.
"""

__version__ = '0.2.0'

from .errors import NlpZeroError, CorpusError, FormatError  # noqa: E402
from .corpus import Corpus, as_corpus, fragments  # noqa: E402
from .progress import Progress  # noqa: E402
from . import datasets  # noqa: E402

# -- words: lexicon, tokenizer, discovery
from .lexicon import Lexicon  # noqa: E402
from .tokenizer import Tokenizer  # noqa: E402
from .evaluate import segmentation_scores  # noqa: E402
from .discovery import WordDiscovery, discover_words, new_words  # noqa: E402
from .information import information_per_char  # noqa: E402

# -- structure: templates and parser
from .templates import Template, TemplateSet  # noqa: E402
from .template_finder import TemplateFinder  # noqa: E402
from .template_index import TemplateIndex  # noqa: E402
from .parser import Parser, ParseTree  # noqa: E402

# -- statistics and vectors
from .cooccurrence import Cooccurrence  # noqa: E402
from .glove import SimplerGlove, suggest_dimension  # noqa: E402
from .vectors import WordVectors  # noqa: E402

# -- names of the original nlp-zero (2018).  Tokenizer and Parser are the new
# classes, which take the original's arguments; nlp_zero.legacy has variants
# that also keep the original's extra methods and printing.
from .legacy import DAG, SentTree, Template_Finder, Trie, Word_Finder, XTrie  # noqa: E402

__all__ = [
    'NlpZeroError', 'CorpusError', 'FormatError', 'Corpus', 'as_corpus', 'fragments', 'Progress',
    'datasets', 'Lexicon', 'Tokenizer', 'segmentation_scores', 'WordDiscovery', 'discover_words',
    'new_words', 'information_per_char', 'Template', 'TemplateSet', 'TemplateFinder',
    'TemplateIndex', 'Parser', 'ParseTree', 'Cooccurrence', 'SimplerGlove', 'suggest_dimension',
    'WordVectors', 'DAG', 'SentTree', 'Template_Finder', 'Trie', 'Word_Finder', 'XTrie',
]
