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

# -- structure: templates and parser

# -- statistics and vectors

# -- names of the original nlp-zero (2018)
