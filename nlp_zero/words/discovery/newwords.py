# -*- coding: utf-8 -*-
"""New words ranked as HanLP and SmoothNLP users expect: by frequency,
cohesion and branching entropy together, with function-word fusions left
out.

Three measures of a candidate ``w`` (a discovered word that a known lexicon
lacks):

* ``count``: its count in the lexicon (how often the segmentation uses it);
* ``pmi`` (cohesion): ``log p(w) - sum log p(parts)`` for its best cut into
  other lexicon words (nats): how much better the text is described with
  ``w`` than with its parts, the minimum-entropy criterion;
* ``left_entropy``, ``right_entropy``: the entropy (nats) of the character
  just before, and just after, each occurrence of ``w`` in the corpus.  A
  word is free to combine with many neighbours; a piece of a longer word
  is always followed by the same rest.  A line end or a punctuation mark
  is a boundary: it counts as a neighbour never seen before (the word can
  stand at the edge of a phrase).  Entropies carry the Miller-Madow
  correction ``(K - 1) / 2N`` (K neighbours seen in N occurrences), so
  that strings seen 100 and 10,000 times are compared fairly.

``score = ln(count) * (pmi + min(left_entropy, right_entropy))``: the
cohesion inside plus the freedom at the weaker edge (both in nats), weighted
by how much evidence there is.

Function-word fusions.  Statistics alone make 却说 (then + say), 是谁
(is + who) or 与他 (with + him) look like words: both characters are
frequent and often adjacent.  The score ranks most of them low (their
cohesion is low); the filter takes out those that two tests call fusions.
A candidate is a fusion when its junction with its first or last character
is a word boundary by two independent measures:

1. the lexicon's: both sides of the junction are free-standing.  A single
   character is free-standing when the segmentation uses it as a word of
   its own in at least half of its occurrences outside the candidate (a
   character found only inside it is bound); a longer side must be a word
   of the lexicon;
2. the corpus's: the junction is more open than the candidate's weaker
   outer edge, from both sides, counted on the same number of
   occurrences.  The edge: how many distinct characters precede the
   candidate (or follow it, whichever is fewer) in its ``n``
   occurrences (its accessor variety, Feng et al. 2004).  The junction:
   how many distinct characters would follow the left side, and precede
   the right side, in ``n`` of their occurrences drawn at random (the
   expected number, by rarefaction: exact, no sampling).  Comparing at
   equal numbers of occurrences matters: a character seen 10,000 times
   has more distinct neighbours than a word seen 10 times, whatever the
   language.  Word boundaries are where the next character is least
   predictable (Harris 1955; Tanaka-Ishii 2005); a junction more open
   than the word's own edge is a boundary too.

Boundaries (a mark, a line end) count as distinct neighbours in both.  A
reduplication (悄悄, 哥哥: one character repeated) is a word-forming
process, never a fusion.  The thresholds are a majority (1) and the
comparison of two counts measured on the same corpus (2): nothing is tuned
to a word list.  Real words pass because a side is bound (我们: 们 is
never a word alone), or because one side is bound to the other (行者: 者
is mostly preceded by 行; 平儿: 平 is mostly followed by 儿), which keeps
the junction closed.  On 西游记 the filter takes out 却说, 是谁, 去罢, 偷了
and 7 others of 15,761 candidates; some real words go too (买卖 "trade", a
compound of two free verbs).
"""

from __future__ import division

import math
import re
from collections import Counter, namedtuple
from itertools import compress, count
from operator import add, or_

from ..._compat import iteritems, map
from ...text.chars import ALNUM_CHARS, compile_word_pattern
from .build import new_words

__all__ = ['NewWord', 'rank_new_words', 'branching_entropies', 'entropy']

#: One row of :func:`rank_new_words`.
NewWord = namedtuple('NewWord', 'word count pmi left_entropy right_entropy score')

_BOUNDARY = None  # the neighbour recorded for a line end or a mark
_ALNUM_RUN = re.compile(u'[%s]+$' % ALNUM_CHARS, re.UNICODE)


def entropy(neighbours):
    """Entropy (nats) of a ``{neighbour: count}`` table in which the key
    None counts boundaries, each a neighbour of its own; with the
    Miller-Madow correction ``(K - 1) / 2N``."""
    table = _Neighbours()
    for key, c in iteritems(neighbours):
        table.add(None, _EDGE if key is _BOUNDARY else ord(key), c)
    return table.entropy(None)


#: Neighbours are counted under one integer per (string, neighbour): the
#: string's number times this, plus the neighbour's code point, or
#: :data:`_EDGE` for a boundary (half the memory of a table per string).
_SPAN = 0x110001
_EDGE = 0x110000


class _Neighbours(object):
    """Running sums from which the entropy of each string's neighbours
    follows, without keeping its table: ``H = ln N - sum c ln c / N`` (a
    boundary, a neighbour seen once, adds nothing to the sum); ``kinds``
    counts the distinct neighbours (each boundary one).  The whole table is
    kept for the strings of ``keep`` (the fusion test needs it)."""

    def __init__(self, keep=()):
        self.n = Counter()
        self.sums = Counter()
        self.kinds = Counter()
        self.tables = dict((key, Counter()) for key in keep)

    def add(self, key, neighbour, c):
        self.n[key] += c
        if neighbour == _EDGE:
            self.kinds[key] += c
        else:
            self.sums[key] += c * math.log(c)
            self.kinds[key] += 1
        if key in self.tables:
            self.tables[key][neighbour] += c

    def entropy(self, key):
        n = self.n.get(key, 0)
        if not n:
            return 0.0
        return math.log(n) - self.sums[key] / n + (self.kinds[key] - 1) / (2 * n)

    def rarefied_kinds(self, key, n):
        """The expected number of distinct neighbours among ``n`` of the
        occurrences of ``key`` drawn at random (without replacement)."""
        table, total = self.tables[key], self.n.get(key, 0)
        if n >= total:
            return self.kinds[key]
        lg = math.lgamma
        base = lg(total + 1) - lg(total - n + 1)
        expected = 0.0
        for neighbour, c in iteritems(table):
            if neighbour == _EDGE:  # c boundaries, each seen once
                expected += c * n / total
            elif total - c >= n:
                expected += 1 - math.exp(lg(total - c + 1) - lg(total - c - n + 1) - base)
            else:
                expected += 1
        return expected


def branching_entropies(corpus, words, chars=()):
    """``(left, right)``: ``{string: entropy}`` of the characters before and
    after the occurrences of each of ``words`` (strings of 2+ characters)
    and of ``chars`` (single characters), in one pass over ``corpus``."""
    left, right = _branching(corpus, words, chars)
    strings = set(left.n) | set(right.n) | set(w for w in words if len(w) > 1) | set(chars)
    return (dict((s, left.entropy(s)) for s in strings),
            dict((s, right.entropy(s)) for s in strings))


def _branching(corpus, words, chars=(), keep=()):
    """``(left, right)`` :class:`_Neighbours` of ``words`` and ``chars``,
    with the whole tables of the strings of ``keep``."""
    words = sorted(set(w for w in words if len(w) > 1))
    chars = set(c for c in chars if len(c) == 1)
    before, after, pairs = Counter(), Counter(), Counter()
    code = _coder()
    scan = _scanner(words)
    wanted = chars.__contains__
    for line in corpus:
        padded = u' ' + line + u' '
        grams = list(map(add, padded, padded[1:]))
        if chars:  # only the pairs around the characters asked for
            pairs.update(compress(grams, map(or_, map(wanted, padded), map(wanted, padded[1:]))))
        for number, start, end in scan(padded, grams):
            base = number * _SPAN
            before[base + code(padded[start - 1])] += 1
            after[base + code(padded[end])] += 1
    left, right = _Neighbours(keep), _Neighbours(keep)
    for table, sums in ((before, left), (after, right)):
        for key, c in iteritems(table):
            number, neighbour = divmod(key, _SPAN)
            sums.add(words[number], neighbour, c)
    _add_chars(left, right, chars, pairs, code)
    return left, right


def _coder():
    """The code of a neighbour: its code point, or :data:`_EDGE` for a
    mark, a space or a line end."""
    is_word = compile_word_pattern().match

    def code(char):
        return ord(char) if is_word(char) else _EDGE
    return code


def _scanner(words):
    """A function of a padded line and its pairs that yields ``(number of
    the word, start, end)`` for every occurrence of each of ``words``."""
    numbers = dict((w, i) for i, w in enumerate(words))
    prefixes = {}
    for word in words:
        prefixes.setdefault(word[:2], set()).add(len(word))

    def scan(padded, grams):
        for start in compress(count(), map(prefixes.__contains__, grams)):
            for length in prefixes[grams[start]]:
                # (a word has no space: it starts after the padding)
                number = numbers.get(padded[start:start + length])
                if number is not None and start + length < len(padded):
                    yield number, start, start + length
    return scan


def _add_chars(left, right, chars, pairs, code):
    """Neighbours of single characters, from the counts of the pairs."""
    for pair, n in iteritems(pairs):
        a, b = pair[0], pair[1]
        if b in chars:
            left.add(b, code(a), n)
        if a in chars:
            right.add(a, code(b), n)


class _Freedom(object):
    """Which strings the lexicon uses as words of their own (see the
    module text, tests 1 and 2)."""

    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.chars = Counter()
        for word, c in lexicon.items():
            for char in word:
                self.chars[char] += c

    def free(self, part, within):
        """Whether ``part`` stands alone in at least half of its occurrences
        outside ``within`` (a character found only in ``within`` is bound)."""
        if len(part) > 1:
            return part in self.lexicon
        elsewhere = self.chars[part] - self.lexicon.get(within, 0) * within.count(part)
        return elsewhere > 0 and 2 * self.lexicon.get(part, 0) >= elsewhere


def _free_junctions(word, freedom):
    """The ``(head, tail)`` splits of ``word`` at its first or last
    character whose two sides are free-standing (test 1 of the module
    text); none for a reduplication."""
    if len(word) < 2 or word == word[0] * len(word):
        return []
    splits = [(word[:-1], word[-1])] + ([(word[0], word[1:])] if len(word) > 2 else [])
    return [(head, tail) for head, tail in splits
            if freedom.free(head, word) and freedom.free(tail, word)]


def _fusion(word, junctions, left, right):
    """Whether one of the free ``junctions`` of ``word`` is more open than
    its weaker edge, at the same number of occurrences (test 2 of the
    module text)."""
    n = left.n[word]
    edge = min(left.kinds[word], right.kinds[word])
    return any(right.rarefied_kinds(head, n) > edge and left.rarefied_kinds(tail, n) > edge
               for head, tail in junctions)


def rank_new_words(lexicon, corpus, known=(), top=None, min_length=2, max_length=None,
                   fusions=False):
    """The words of ``lexicon`` that ``known`` lacks, best first, as
    :class:`NewWord` rows (word, count, pmi, left_entropy, right_entropy,
    score; see the module text); ``corpus`` is the text they were
    discovered in (read once).

    Words shorter than ``min_length`` or longer than ``max_length``
    characters are left out, and so are function-word fusions unless
    ``fusions`` is true, and words that are one run of digits or Latin
    letters (``Abstract``, ``1996``): discovery takes such runs whole, as
    one symbol, so they are not found by their cohesion, which would be
    meaningless (``1996年`` stays).
    """
    found = [row for row in new_words(lexicon, known, min_length=min_length,
                                      max_length=max_length) if not _ALNUM_RUN.match(row[0])]
    freedom = _Freedom(lexicon)
    junctions = dict((row[0], [] if fusions else _free_junctions(row[0], freedom))
                     for row in found)
    sides = set()  # only the sides of free junctions need their entropies
    for splits in junctions.values():
        for head, tail in splits:
            sides.update((head, tail))
    left, right = _branching(corpus, set(junctions) | sides, sides, sides)
    rows = []
    for word, c, pmi in found:
        if junctions[word] and _fusion(word, junctions[word], left, right):
            continue
        h_left, h_right = left.entropy(word), right.entropy(word)
        rows.append(NewWord(word, c, pmi, h_left, h_right,
                            math.log(c) * (pmi + min(h_left, h_right))))
    rows.sort(key=lambda row: (-row.score, row.word))
    return rows if top is None else rows[:top]
