# -*- coding: utf-8 -*-
"""The second cut: characters that the first cut left standing alone.

The first cut keeps two characters together when the PMI of their pair,
from character counts, is above ``min_pmi`` (1 nat: the point where making
them one symbol lowers the information per character).  A character's
count holds all its uses inside other words, so a word of two frequent
characters has a low PMI although it is a word: on the Fudan corpus
大家 0.92 (大 is also in 大学, 重大, 扩大 ...; 家 in 国家, 专家 ...), 大会
0.90, 发出 0.51, 新年 -1.05.  The first cut separates them everywhere, so
they never become candidates; this was the largest loss on PKU (see
benchmarks/results_discovery.md).

After the first cut, most uses of 大 and 家 inside other words are inside
pieces: what is left alone is what the first cut could not explain.  The
second cut counts, among the pieces, how often each character stands alone
as a piece and how often two such characters stand side by side, and asks
the same question as the first with these counts: is the PMI of the pair
of lone characters (its count lowered by ``confidence`` standard
deviations, out of all the pieces) above ``min_pmi``, and is the pair seen
``min_count`` times?  The pairs that pass are kept together in a second
cut of the corpus and join the candidate words, with the number of times
they stood alone side by side.  Only two characters are ever joined, as in
the first cut: joining longer pieces makes phrases (measured: joining any
two adjacent tokens of up to 3 or 4 characters in all scored lower on every
setting than joining characters only).

Only frequent pairs that the first cut separates can pass (the count of
the lone pair is at most that of the pair), so only those are counted
(:func:`eligible_pairs`); a pair with a digit or letter run is never
counted (a run is a class, not a character, and a number starts a word).
"""

from __future__ import division

import math
from collections import Counter

from ..._compat import iteritems, zip
from .normalize import LATIN, NUMBER

__all__ = ['SingleCounts', 'eligible_pairs', 'count_alone', 'joined_pairs']

_CLASSES = frozenset((NUMBER, LATIN))


def eligible_pairs(frequent, kept):
    """The pairs (2-character strings) of ``frequent`` (the pairs seen
    ``min_count`` times) that are not in ``kept`` (those the first cut keeps
    together) and hold no digit or letter class: the only pairs that can
    be joined by the second cut."""
    return sorted(p for p in frequent
                  if p not in kept and p[0] not in _CLASSES and p[1] not in _CLASSES)


def count_alone(cut, eligible):
    """The counts of one cut batch (its normalized pieces separated by
    single spaces; a run of spaces between fragments): ``(number of
    pieces, {character: times it is a piece alone}, {pair: times its two
    characters are pieces alone side by side})``, the pairs only those of
    the set ``eligible``."""
    pieces = cut.split(u' ')
    number = len(pieces) - pieces.count(u'')
    lone = [p if len(p) == 1 else None for p in pieces]
    chars = Counter(filter(None, lone))
    pairs = Counter(a + b for a, b in zip(lone, lone[1:]) if a and b and a + b in eligible)
    return number, chars, pairs


class SingleCounts(object):
    """The counts of :func:`count_alone` added over batches (or parts of a
    corpus: the totals do not depend on how the text was split)."""

    def __init__(self):
        self.pieces = 0
        self.chars = Counter()
        self.pairs = Counter()

    def add(self, counts):
        number, chars, pairs = counts
        self.pieces += number
        self.chars.update(chars)
        self.pairs.update(pairs)
        return self

    def items(self):
        """The counts as ``(key, count)`` pairs that add up by key (what a
        map over parts of a corpus gives back): ``(0, '')`` the pieces,
        ``(1, char)`` the characters alone, ``(2, pair)`` the pairs."""
        yield (0, u''), self.pieces
        for char, count in iteritems(self.chars):
            yield (1, char), count
        for pair, count in iteritems(self.pairs):
            yield (2, pair), count

    @classmethod
    def from_items(cls, items):
        """The counts from the (summed) :meth:`items` of parts of a corpus."""
        counts = cls()
        tables = (None, counts.chars, counts.pairs)
        for (kind, key), count in items:
            if kind:
                tables[kind][key] += count
            else:
                counts.pieces += count
        return counts

    def __eq__(self, other):
        return (isinstance(other, SingleCounts) and self.pieces == other.pieces
                and self.chars == other.chars and self.pairs == other.pairs)

    def __ne__(self, other):
        return not self == other

    def __repr__(self):
        return '<SingleCounts: %d pieces, %d characters alone, %d pairs>' % (
            self.pieces, len(self.chars), len(self.pairs))


def joined_pairs(counts, min_count, min_pmi=1.0, confidence=1.0):
    """``{pair: count}`` of the pairs of lone characters that the second cut
    keeps together: seen side by side at least ``min_count`` times, with
    ``log (c - z sqrt(c)) + log N - log c(a) - log c(b) > min_pmi`` for the
    count ``c`` of the pair, ``N`` pieces and the counts ``c(a)``, ``c(b)``
    of the two characters as pieces alone (the criterion of the first cut,
    on the counts of the pieces)."""
    if not counts.pieces:
        return {}
    log, sqrt = math.log, math.sqrt
    log_total = log(counts.pieces)
    chars = counts.chars
    joined = {}
    for pair, count in iteritems(counts.pairs):
        if count < min_count:
            continue
        sure = log(max(count - confidence * sqrt(count), 0.5))
        if sure + log_total - log(chars[pair[0]]) - log(chars[pair[1]]) > min_pmi:
            joined[pair] = count
    return joined
