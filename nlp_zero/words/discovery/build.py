# -*- coding: utf-8 -*-
"""From counted pieces to a lexicon: redundancy removal, re-estimation,
surface forms, and the scores of single words.

The pieces of the cut corpus and the cohesive pairs are the candidates.  A
candidate that its parts explain as well is dropped (its count goes to its
parts); then passes of hard EM (cut every piece with the lexicon, recount)
turn the counts into counts of use, and redundancy is removed again with
those counts before each further pass (:func:`refine`).  Words with a digit or letter class
are finally replaced by the runs seen in the corpus (1996年, ABC).
"""

from __future__ import division

import math
from collections import Counter

from ..._compat import iteritems, itervalues, range
from ...text.marks import COMBINING, has_combining, join_combining
from ..lexicon import Lexicon
from ..viterbi import best_cut, unknown_logp
from .normalize import CLASS_CHAR_RE, CLASS_RUN_RE, LATIN, LATIN_RE, NUMBER, NUMBER_RE

__all__ = ['candidate_words', 'remove_redundancy', 'reestimate', 'refine', 'log_likelihood', 'new_words', 'cohesion', 'class_pieces',
           'normalize_counts', 'surface_counts', 'count_multi']


def cut_word(word, logp, max_length, unknown):
    """The most probable cut of ``word`` (:func:`~nlp_zero.words.viterbi.best_cut`),
    never before a combining mark (a vowel sign or a virama belongs to its
    letter, so no word can start with one)."""
    parts = best_cut(word, logp, max_length, unknown)
    return join_combining(parts) if has_combining(word) else parts


def count_multi(words):
    return sum(1 for w in words if len(w) > 1)


def class_pieces(surface_pieces):
    """The pieces that contain a digit or letter run, with their counts."""
    search = CLASS_RUN_RE.search
    return dict((p, c) for p, c in iteritems(surface_pieces) if search(p))


def normalize_counts(surface_pieces, class_pieces, min_count):
    """Counts of the pieces with digit/letter runs replaced by their class
    (pieces rarer than ``min_count`` are left out, unless they have a class:
    1996年 and 1997年 add up)."""
    pieces = Counter(dict((p, c) for p, c in iteritems(surface_pieces)
                          if c >= min_count and p not in class_pieces))
    for piece, count in iteritems(class_pieces):
        pieces[LATIN_RE.sub(LATIN, NUMBER_RE.sub(NUMBER, piece))] += count
    return pieces


def candidate_words(pieces, chars, min_count, pair_candidates, cohesive=None):
    """The candidate words: the pieces seen ``min_count`` times, the
    ``pair_candidates`` (with their pair counts), and every character.  With
    ``cohesive`` (``{n: n-grams}``, the n-gram method), a piece of 3+
    characters is kept only when all its sub-n-grams of order 3 and up are
    cohesive."""
    candidates = Counter()
    order = max(cohesive) if cohesive else 2
    for piece, count in iteritems(pieces):
        if len(piece) > 1 and (count < min_count or COMBINING.match(piece)):
            continue
        if order >= 3 and len(piece) >= 3 and not all(
                piece[j:j + n] in cohesive[n]
                for n in range(3, min(order, len(piece)) + 1)
                for j in range(len(piece) - n + 1)):
            continue
        candidates[piece] = count
    for pair, count in iteritems(pair_candidates):
        if pair not in candidates and not COMBINING.match(pair):
            candidates[pair] = count
    for char, count in iteritems(chars):
        if char not in candidates or candidates[char] < 1:
            candidates[char] = max(1, candidates.get(char, 0))
    return candidates


def remove_redundancy(candidates, mode='length', value=3.0):
    """Drop words that their parts explain; their counts go to the parts.

    Longest words first, each word is taken out of the lexicon and cut
    with what remains; it stays only if ``log p(w) - sum log p(parts)``
    exceeds ``value * (len(w) - 1)`` (``mode='length'``) or ``value``
    (``mode='constant'``).
    """
    words = Counter(dict((w, c) for w, c in iteritems(candidates) if c > 0))
    total = sum(itervalues(words))
    if not total:
        return words
    log = math.log
    log_total = log(total)
    logp = dict((w, log(c) - log_total) for w, c in iteritems(words))
    max_length = max(len(w) for w in words)
    unknown = unknown_logp(log_total)
    per_char = value if mode == 'length' else None
    for word in sorted((w for w in words if len(w) > 1), key=lambda w: (-len(w), w)):
        count = words[word]
        own = logp.pop(word)
        parts = cut_word(word, logp, max_length, unknown)
        gain = own - sum(logp.get(p, unknown) for p in parts)
        limit = (len(word) - 1) * per_char if per_char is not None else value
        if gain > limit:
            logp[word] = own
            continue
        del words[word]
        for part in parts:
            words[part] += count
            logp[part] = log(words[part]) - log_total
    return words


def reestimate(pieces, words, min_count):
    """One pass of hard EM: cut every counted piece with the current word
    probabilities and recount; words that fall below ``min_count`` go (single
    characters always stay)."""
    total = sum(itervalues(words))
    log = math.log
    log_total = log(total)
    logp = dict((w, log(c) - log_total) for w, c in iteritems(words) if c > 0)
    max_length = max(len(w) for w in logp)
    unknown = unknown_logp(log_total)
    counts = Counter()
    for piece, count in iteritems(pieces):
        if piece in logp and len(piece) <= 2:
            counts[piece] += count
            continue
        for part in cut_word(piece, logp, max_length, unknown):
            counts[part] += count
    return Counter(dict((w, c) for w, c in iteritems(counts)
                        if c >= min_count or len(w) == 1))


def refine(candidates, pieces, min_count, mode='length', value=3.0, rounds=1, report=None):
    """Redundancy removal, then ``rounds`` rounds of hard EM; from the second
    round on, redundancy is removed again before each pass, with the counts
    of use of the round before.  Stops early at a fixed point (the same
    words twice in a row).  ``report(round, words)`` is called after each
    step (round 0: the first redundancy removal).

    The first removal judges a word with the counts of the candidates
    (piece counts: a character counts every time it stands alone after the
    cut).  Once counts are counts of use, a part that is mostly used inside
    other words is rarer on its own, a word made of it explains more, and a
    phrase whose parts are words used elsewhere explains less; the same
    test, on the same scale, then decides better.
    """
    words = remove_redundancy(candidates, mode, value)
    if report is not None:
        report(0, words)
    previous = None
    for number in range(rounds):
        if number:
            words = remove_redundancy(words, mode, value)
        words = reestimate(pieces, words, min_count)
        if report is not None:
            report(number + 1, words)
        current = frozenset(words)
        if current == previous:
            break
        previous = current
    return words


def log_likelihood(pieces, words):
    """Log-likelihood (nats) of the counted ``pieces`` under the unigram
    model of ``words``, each piece cut by its most probable segmentation
    (the objective that hard EM raises)."""
    total = sum(c for c in itervalues(words) if c > 0)
    log_total = math.log(total)
    logp = dict((w, math.log(c) - log_total) for w, c in iteritems(words) if c > 0)
    max_length = max(len(w) for w in logp)
    unknown = unknown_logp(log_total)
    result = 0.0
    for piece, count in iteritems(pieces):
        parts = cut_word(piece, logp, max_length, unknown)
        result += count * sum(logp.get(p, unknown) for p in parts)
    return result


def surface_counts(words, class_pieces):
    """The lexicon in surface form: words with a digit/letter class are
    replaced by the runs seen in the corpus (1996年, ABC)."""
    result = Counter(dict((w, c) for w, c in iteritems(words)
                          if not CLASS_CHAR_RE.search(w)))
    if len(result) == len(words):
        return result
    log_total = math.log(sum(itervalues(words)))
    logp = dict((w, math.log(c) - log_total) for w, c in iteritems(words) if c > 0)
    max_length = max(len(w) for w in logp)
    for piece, count in iteritems(class_pieces):
        runs = iter(CLASS_RUN_RE.findall(piece))
        normal = LATIN_RE.sub(LATIN, NUMBER_RE.sub(NUMBER, piece))
        for part in best_cut(normal, logp, max_length, unknown_logp(log_total)):
            if CLASS_CHAR_RE.search(part):
                part = CLASS_CHAR_RE.sub(lambda m: next(runs), part)
                result[part] += count
    return result


def cohesion(word, lexicon):
    counts = dict(lexicon.items()) if isinstance(lexicon, Lexicon) else dict(lexicon)
    total = sum(itervalues(counts))
    own = counts.pop(word, 0)
    if not own or len(word) < 2:
        return 0.0
    log = math.log
    log_total = log(total)
    logp = dict((w, log(c) - log_total) for w, c in iteritems(counts) if c > 0)
    unknown = unknown_logp(log_total)
    parts = best_cut(word, logp, len(word) - 1, unknown)
    return log(own) - log_total - sum(logp.get(p, unknown) for p in parts)


def new_words(lexicon, known=(), top=None, min_length=2, max_length=None):
    """Discovered words absent from ``known`` (a Lexicon, set or list),
    most frequent first: ``[(word, count, cohesion)]``; only words of
    ``min_length`` to ``max_length`` characters (no upper bound when None).
    :func:`.newwords.rank_new_words` ranks them by a combined score.

    Cohesion is ``log p(w) - sum log p(parts)`` for the word's best cut
    into other discovered words (nats): how much the word explains.
    """
    counts = dict(lexicon.items())
    total = sum(itervalues(counts))
    if not total:
        return []
    log = math.log
    log_total = log(total)
    logp = dict((w, log(c) - log_total) for w, c in iteritems(counts) if c > 0)
    unknown = unknown_logp(log_total)
    longest = max_length if max_length is not None else float('inf')
    found = [(w, c) for w, c in iteritems(counts)
             if min_length <= len(w) <= longest and w not in known]
    found.sort(key=lambda item: (-item[1], item[0]))
    if top is not None:
        found = found[:top]
    result = []
    for word, count in found:
        own = logp.pop(word)
        parts = best_cut(word, logp, len(word) - 1, unknown)
        logp[word] = own
        result.append((word, count, own - sum(logp.get(p, unknown) for p in parts)))
    return result
