"""Word discovery: find the words of a language in raw text, with no dictionary.

:class:`WordDiscovery` (in :mod:`.finder`) is the model; the rest of this
package holds its parts, one concern each (see the finder's documentation).
"""

from .build import new_words, reestimate, remove_redundancy
from .finder import DEFAULT_THRESHOLDS, WordDiscovery
from .ngrams import MAX_ORDER
from .normalize import LATIN, NUMBER, normalize_text

__all__ = ['WordDiscovery', 'discover_words', 'new_words', 'normalize_text', 'remove_redundancy',
           'reestimate', 'NUMBER', 'LATIN', 'DEFAULT_THRESHOLDS', 'MAX_ORDER']


def discover_words(corpus, progress=None, **options):
    """Discover the words of ``corpus`` in one call; returns a :class:`Lexicon`.

    ``options`` are those of :class:`WordDiscovery`.
    """
    finder = WordDiscovery(progress=progress, **options)
    finder.train(corpus)
    return finder.find()
