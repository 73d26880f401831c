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

Function-word fusions.  Statistics alone make 却说 (then + say), 都是
(all + are) or 与他 (with + him) look like words: both characters are
frequent and often adjacent.  A candidate is left out as a fusion when its
junction with its first or last character is a word boundary by two
independent measures:

1. the lexicon's: both sides of the junction are free-standing.  A single
   character is free-standing when the segmentation uses it as a word of
   its own in at least half of its occurrences outside the candidate (a
   character found only inside it is bound); a longer side must be a word
   of the lexicon;
2. the corpus's: the junction branches at least as much as the candidate's
   weaker outer edge, from both sides: what follows the left side anywhere
   in the corpus, and what precedes the right side, are each at least as
   varied (in entropy) as the neighbours of the candidate itself
   (``min(left_entropy, right_entropy)``).  Word boundaries are where
   branching entropy is high (Tanaka-Ishii 2005); a junction that is as
   open as the word's own edge is a boundary too.

A reduplication (悄悄, 哥哥: one character repeated) is a word-forming
process, never a fusion.  The thresholds are a majority (1) and the
comparison of entropies measured on the same corpus (2): nothing is tuned
to a word list.  Real words pass because a side is bound (我们: 们 is
never a word alone), or because one side is bound to the other (行者: 者
is mostly preceded by 行; 平儿: 平 is mostly followed by 儿), which keeps
the junction's entropy low.  The filter errs on the side of keeping: the
ranking by score already moves most fusions (low cohesion) down.
"""

from __future__ import division

import math
from collections import Counter, namedtuple
from itertools import compress, count
from operator import add

from ..._compat import iteritems, map
from ...text.chars import compile_word_pattern
from .build import new_words

__all__ = ['NewWord', 'rank_new_words', 'branching_entropies', 'entropy']

#: One row of :func:`rank_new_words`.
NewWord = namedtuple('NewWord', 'word count pmi left_entropy right_entropy score')

_BOUNDARY = None  # the neighbour recorded for a line end or a mark


def entropy(neighbours):
    """Entropy (nats) of a ``{neighbour: count}`` table in which the key
    None counts boundaries, each a neighbour of its own; with the
    Miller-Madow correction ``(K - 1) / 2N``."""
    boundaries = neighbours.get(_BOUNDARY, 0)
    n = sum(neighbours.values())
    if not n:
        return 0.0
    log = math.log
    h = boundaries * log(n) / n
    kinds = boundaries
    for key, c in iteritems(neighbours):
        if key is not _BOUNDARY:
            h -= c / n * log(c / n)
            kinds += 1
    return h + (kinds - 1) / (2 * n)


def branching_entropies(corpus, words, chars=()):
    """``(left, right)``: ``{string: entropy}`` of the characters before and
    after the occurrences of each of ``words`` (strings of 2+ characters)
    and of ``chars`` (single characters), in one pass over ``corpus``."""
    words = set(w for w in words if len(w) > 1)
    chars = set(c for c in chars if len(c) == 1)
    prefixes = {}
    for word in words:
        prefixes.setdefault(word[:2], set()).add(len(word))
    sides = dict((s, (Counter(), Counter())) for s in words | chars)
    is_word = compile_word_pattern().match
    pairs = Counter()
    for line in corpus:
        padded = u' ' + line + u' '
        grams = list(map(add, padded, padded[1:]))
        pairs.update(grams)
        for start in compress(count(), map(prefixes.__contains__, grams)):
            for length in prefixes[grams[start]]:
                word = padded[start:start + length]
                if word in words and len(word) == length:
                    # (a word has no space: it starts after the padding)
                    _record(sides[word], padded[start - 1], padded[start + length], is_word)
    _record_chars(sides, chars, pairs, is_word)
    left = dict((s, entropy(lr[0])) for s, lr in iteritems(sides))
    right = dict((s, entropy(lr[1])) for s, lr in iteritems(sides))
    return left, right


def _record(sides, before, after, is_word):
    sides[0][before if is_word(before) else _BOUNDARY] += 1
    sides[1][after if is_word(after) else _BOUNDARY] += 1


def _record_chars(sides, chars, pairs, is_word):
    """Neighbours of single characters, from the counts of all pairs."""
    for pair, n in iteritems(pairs):
        a, b = pair[0], pair[1]
        if b in chars:
            sides[b][0][a if is_word(a) else _BOUNDARY] += n
        if a in chars:
            sides[a][1][b if is_word(b) else _BOUNDARY] += n


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


def _fusion(word, freedom, left, right):
    """Whether the junction of ``word`` with its first or last character is
    a word boundary (see the module text)."""
    if len(word) < 2 or word == word[0] * len(word):
        return False
    edge = min(left[word], right[word])
    for head, tail in ((word[:-1], word[-1]), (word[0], word[1:])):
        if (freedom.free(head, word) and freedom.free(tail, word)
                and right[head] >= edge and left[tail] >= edge):
            return True
    return False


def rank_new_words(lexicon, corpus, known=(), top=None, min_length=2, max_length=None,
                   fusions=False):
    """The words of ``lexicon`` that ``known`` lacks, best first, as
    :class:`NewWord` rows (word, count, pmi, left_entropy, right_entropy,
    score; see the module text); ``corpus`` is the text they were
    discovered in (read once).

    Words shorter than ``min_length`` or longer than ``max_length``
    characters are left out, and so are function-word fusions unless
    ``fusions`` is true.
    """
    found = new_words(lexicon, known, min_length=min_length, max_length=max_length)
    words = set(row[0] for row in found)
    sides = set()
    for word in words:
        sides.update((word[0], word[1:], word[:-1], word[-1]))
    left, right = branching_entropies(corpus, words | sides, sides)
    freedom = _Freedom(lexicon)
    rows = []
    for word, c, pmi in found:
        if not fusions and _fusion(word, freedom, left, right):
            continue
        h = min(left[word], right[word])
        rows.append(NewWord(word, c, pmi, left[word], right[word], math.log(c) * (pmi + h)))
    rows.sort(key=lambda row: (-row.score, row.word))
    return rows if top is None else rows[:top]
