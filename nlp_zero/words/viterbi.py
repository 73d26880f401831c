"""The most probable cut of a string into words, and the score of an unknown one.

Minimum entropy for a segmentation means maximum probability under the
unigram model: among all ways to cut a text into words ``w1 .. wk``, take the
one that maximises ``sum log p(wi)``.  :func:`best_cut` is the Viterbi pass
that finds it over a dict of log-probabilities; word discovery (redundancy
removal, re-estimation, surface forms), :func:`nlp_zero.words.discovery.new_words`
and cohesion scores all use it.  The :class:`~nlp_zero.words.tokenizer.Tokenizer`
runs the same recurrence, with the same unknown-character score, on tables
precomputed from its lexicon (see its module for why that is faster on long
texts).

Why an unknown character scores like a word of count :data:`UNKNOWN_COUNT`
(0.5): a character no lexicon word covers must still be a possible token,
or a text with one unseen character could not be cut at all; its score must
be finite and lower than that of any character that was seen (every seen
count is a whole number, at least 1), so a known reading always wins; and it
should not be so low that a path through it is never worth taking when the
alternatives are poor.  Half an occurrence is the usual add-half
(Jeffreys) estimate of something seen zero times.
"""

from __future__ import division

import math

from .._compat import range

__all__ = ['UNKNOWN_COUNT', 'unknown_logp', 'best_cut', 'log_probabilities']

#: The count an unknown single character is scored with (see the module text).
UNKNOWN_COUNT = 0.5


def unknown_logp(log_total):
    """Log-probability of an unknown character when the counts sum to
    ``exp(log_total)``."""
    return math.log(UNKNOWN_COUNT) - log_total


def log_probabilities(counts):
    """``({word: log p(word)}, log total)`` of a word -> count mapping (words
    with a count of zero or less are left out)."""
    total = sum(c for c in counts.values() if c > 0)
    log = math.log
    log_total = log(total) if total > 0 else 0.0
    return dict((w, log(c) - log_total) for w, c in counts.items() if c > 0), log_total


def best_cut(text, logp, max_length, unknown):
    """Most probable cut of ``text`` into words of ``logp`` (a dict of log
    probabilities), as a list of strings.

    Words longer than ``max_length`` are not looked up; a single character
    missing from ``logp`` scores ``unknown``.  On ties the cut with the
    longest last word wins (scanned left to right).

    >>> logp, log_total = log_probabilities({u'ab': 3, u'a': 1, u'b': 1, u'c': 1})
    >>> best_cut(u'abc', logp, 2, unknown_logp(log_total)) == [u'ab', u'c']
    True
    """
    n = len(text)
    best = [0.0] * (n + 1)
    back = [0] * (n + 1)
    get = logp.get
    for end in range(1, n + 1):
        score = best[end - 1] + get(text[end - 1], unknown)
        start_best = end - 1
        for start in range(max(0, end - max_length), end - 1):
            value = get(text[start:end])
            if value is not None:
                value += best[start]
                if value > score:
                    score = value
                    start_best = start
        best[end] = score
        back[end] = start_best
    words = []
    end = n
    while end > 0:
        start = back[end]
        words.append(text[start:end])
        end = start
    words.reverse()
    return words
