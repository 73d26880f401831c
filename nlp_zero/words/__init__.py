"""Words: the lexicon, the unigram tokenizer, word discovery and its measures.

:class:`Lexicon` (word -> count) is what discovery produces and the
:class:`Tokenizer` consumes; :mod:`.viterbi` is the most probable cut they
share; :mod:`.information` and :mod:`.scores` measure a lexicon and a
segmentation.
"""

from .discovery import WordDiscovery, discover_words, new_words
from .information import bits, information_per_char
from .lexicon import Lexicon
from .scores import SegmentationScores, segmentation_scores
from .tokenizer import Tokenizer
from .viterbi import UNKNOWN_COUNT, best_cut

__all__ = ['Lexicon', 'Tokenizer', 'WordDiscovery', 'discover_words', 'new_words',
           'information_per_char', 'bits', 'segmentation_scores', 'SegmentationScores',
           'best_cut', 'UNKNOWN_COUNT']
