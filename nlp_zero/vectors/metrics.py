"""Word-vector quality measures: correlation with human similarity judgements
(Pearson, Spearman) and the readers of the similarity and analogy files.

Pure Python; the vector side of the evaluation (which pairs are covered,
3CosAdd) lives in :class:`nlp_zero.vectors.keyed.WordVectors`.
"""

from __future__ import division

import io
import math

from .._compat import zip
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


def _data_lines(path):
    """``(line_number, text)`` of a UTF-8 data file, without BOM and line ends.

    Lines are decoded one by one so that bytes that are not UTF-8 raise a
    FormatError naming their line, not a bare UnicodeDecodeError.
    """
    with io.open(path, 'rb') as f:
        for number, raw in enumerate(f, 1):
            try:
                line = raw.decode('utf-8-sig' if number == 1 else 'utf-8')
            except UnicodeDecodeError as exc:
                raise FormatError(path, number, 'not UTF-8 text (%s)' % exc.reason)
            yield number, line.rstrip(u'\r\n')


def read_word_pairs(path):
    """``[(word1, word2, score)]`` of a similarity file (wordsim353, SimLex ...).

    Fields are separated by tabs (or any whitespace); empty lines and lines
    starting with ``#`` are skipped; a line with a non-numeric score raises
    FormatError naming it (except a first line that is a header).
    """
    pairs = []
    for number, line in _data_lines(path):
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
            raise FormatError(path, number, 'the score %r is not a number' % fields[2])
        pairs.append((fields[0].strip(), fields[1].strip(), score))
    return pairs


def read_analogies(path):
    """``[(section, [(a, b, c, d), ...])]`` of an analogy file (Google format).

    ``: name`` lines open a section; other lines hold four words.
    """
    sections = []
    for number, line in _data_lines(path):
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
