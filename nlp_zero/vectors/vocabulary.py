"""The vocabulary pass of co-occurrence counting: word counts, then the
words kept (a count of at least ``min_count``), most frequent first."""

from collections import Counter

from .._compat import iteritems, string_types
from ..progress import log

__all__ = ['count_words', 'build_vocabulary', 'token_lists']


def token_lists(source):
    """Token lists from a Corpus/iterable of lines (split on whitespace) or of lists."""
    if isinstance(source, string_types):
        raise TypeError('expected an iterable of token lists or lines, not a single string')
    for item in source:
        if isinstance(item, string_types):
            item = item.split()
        yield item


def count_words(lines, progress=None):
    """Unigram counts (a Counter) of an iterable of token lists or lines."""
    counts = Counter()
    update = counts.update
    read = 0
    for tokens in token_lists(lines):
        update(tokens)
        read += 1
    read = getattr(lines, 'lines_read', read)  # (a long line read in pieces is one line)
    log(progress, 'counted %d distinct words in %d line%s' % (len(counts), read,
                                                                '' if read == 1 else 's'))
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
