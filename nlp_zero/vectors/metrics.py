"""Word-vector quality measures: correlation with human similarity judgements
(Pearson, Spearman) and the readers of the similarity and analogy files.

Pure Python; the vector side of the evaluation (which pairs are covered,
3CosAdd) lives in :class:`nlp_zero.vectors.keyed.WordVectors`.
"""

from __future__ import division

import math

from .._compat import zip
from .._files import text_lines
from ..errors import FormatError

__all__ = ['pearson', 'spearman', 'ranks', 'read_word_pairs', 'read_analogies']


def pearson(xs, ys):
    """Pearson correlation of two equal-length sequences (0.0 when one is constant)."""
    n = len(xs)
    if n != len(ys):
        raise ValueError('pearson: sequences of different lengths')
    if n < 2:
        return 0.0
    mx = math.fsum(xs) / n
    my = math.fsum(ys) / n
    dx = [x - mx for x in xs]
    dy = [y - my for y in ys]
    sxy = math.fsum(a * b for a, b in zip(dx, dy))
    sxx = math.fsum(a * a for a in dx)
    syy = math.fsum(b * b for b in dy)
    if sxx <= 0 or syy <= 0:
        return 0.0
    return sxy / math.sqrt(sxx * syy)


def ranks(values):
    """Ranks from 1, ties sharing the mean of their ranks (as Spearman needs)."""
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    k = 0
    while k < len(order):
        end = k
        while end + 1 < len(order) and values[order[end + 1]] == values[order[k]]:
            end += 1
        mean_rank = (k + end) / 2.0 + 1
        for m in range(k, end + 1):
            out[order[m]] = mean_rank
        k = end + 1
    return out


def spearman(xs, ys):
    """Spearman rank correlation: Pearson correlation of the (tie-averaged) ranks."""
    return pearson(ranks(list(xs)), ranks(list(ys)))


def read_word_pairs(path):
    """``[(word1, word2, score)]`` of a similarity file (wordsim353, SimLex ...).

    Fields are separated by tabs (or any whitespace); empty lines and lines
    starting with ``#`` are skipped; a line with a score that is not a
    finite number or an empty word raises FormatError naming it (except a
    first line that is a header), as does a file that cannot be read.
    """
    pairs = []
    for number, line in text_lines(path, 'word-pair file'):
        if not line.strip() or line.lstrip().startswith(u'#'):
            continue
        fields = line.split(u'\t') if u'\t' in line else line.split()
        if len(fields) < 3:
            raise FormatError(path, number, 'expected "word1<TAB>word2<TAB>score"')
        try:
            score = float(fields[2])
        except ValueError:
            if not pairs:
                continue  # a header such as "Word 1<TAB>Word 2<TAB>Human (mean)"
            raise FormatError(path, number, 'the score %r is not a number' % fields[2][:30])
        if math.isinf(score) or math.isnan(score):
            raise FormatError(path, number, 'the score %r is not a finite number' % fields[2][:30])
        first, second = fields[0].strip(), fields[1].strip()
        if not first or not second:
            raise FormatError(path, number, 'a word is empty')
        pairs.append((first, second, score))
    return pairs


def read_analogies(path):
    """``[(section, [(a, b, c, d), ...])]`` of an analogy file (Google format).

    ``: name`` lines open a section; other lines hold four words (else a
    FormatError names the line).
    """
    sections = []
    for number, line in text_lines(path, 'analogy file'):
        if not line.strip():
            continue
        if line.startswith(u':'):
            sections.append((line[1:].strip(), []))
            continue
        words = line.split()
        if len(words) != 4:
            raise FormatError(path, number, 'expected four words, got %d' % len(words))
        if not sections:
            sections.append((u'', []))
        sections[-1][1].append(tuple(words))
    return sections
