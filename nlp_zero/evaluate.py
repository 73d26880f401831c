# -*- coding: utf-8 -*-
"""Quality measures, so that every claim about a model is one command away.

Segmentation: precision, recall and F1 over word spans (the SIGHAN bakeoff
definition).  Word vectors: Spearman/Pearson correlation with human
similarity judgements, and analogy accuracy (3CosAdd).
"""

from __future__ import division

# ---------------------------------------------------------------- segmentation
from .errors import FormatError  # noqa: E402
from ._compat import string_types, zip  # noqa: E402


class SegmentationScores(object):
    """Word-level precision, recall and F1 of a segmentation (SIGHAN style).

    A predicted word is correct when a gold word covers exactly the same
    characters (same start and end).  ``oov_recall`` is the recall over the
    gold words that are not in the given vocabulary (None without one).
    Also readable as a dict: ``scores['f1']``, ``scores.as_dict()``.

    Parameters
    ----------
    lines : int
        How many sentence pairs were compared.
    gold_words, predicted_words : int
        How many words the gold and the predicted segmentation have.
    correct : int
        How many predicted words have a gold word's exact span.
    oov_words, oov_correct : int, optional
        How many gold words are out of the vocabulary, and how many of
        those were predicted exactly (None when no vocabulary was given).
    """

    def __init__(self, lines, gold_words, predicted_words, correct,
                 oov_words=None, oov_correct=None):
        self.lines = lines
        self.gold_words = gold_words
        self.predicted_words = predicted_words
        self.correct = correct
        self.oov_words = oov_words
        self.oov_correct = oov_correct
        self.precision = correct / predicted_words if predicted_words else 0.0
        self.recall = correct / gold_words if gold_words else 0.0
        both = self.precision + self.recall
        self.f1 = 2 * self.precision * self.recall / both if both else 0.0
        self.oov_recall = None
        if oov_words:
            self.oov_recall = oov_correct / oov_words
        self.oov_rate = oov_words / gold_words if oov_words is not None and gold_words else None

    _FIELDS = ('precision', 'recall', 'f1', 'oov_recall', 'oov_rate', 'lines', 'gold_words',
               'predicted_words', 'correct', 'oov_words', 'oov_correct')

    def as_dict(self):
        """All scores and counts as a plain dict (e.g. for JSON)."""
        return dict((name, getattr(self, name)) for name in self._FIELDS)

    def __getitem__(self, name):
        if name not in self._FIELDS:
            raise KeyError(name)
        return getattr(self, name)

    def __str__(self):
        text = 'P %.4f R %.4f F1 %.4f' % (self.precision, self.recall, self.f1)
        if self.oov_recall is not None:
            text += ' OOV-R %.4f' % self.oov_recall
        return text

    def __repr__(self):
        return '<SegmentationScores %s>' % self


def _words(line):
    return line.split() if isinstance(line, string_types) else list(line)


def _spans(words):
    spans = set()
    start = 0
    for word in words:
        end = start + len(word)
        spans.add((start, end))
        start = end
    return spans


def segmentation_scores(gold_lines, predicted_lines, vocabulary=None,
                        gold_name='<gold>', predicted_name='<predicted>'):
    """Score a segmentation against a gold one, line by line.

    Parameters
    ----------
    gold_lines, predicted_lines : iterables of str or of word lists
        Paired in order.  A string is split into words at any whitespace
        (so the gold files' double spaces are fine).
    vocabulary : container of str, optional
        The words of the training data (a set, Lexicon ...); gives the
        recall on out-of-vocabulary gold words, ``oov_recall``.
    gold_name, predicted_name : str
        Names used in error messages (e.g. the file names).

    Returns
    -------
    SegmentationScores

    Raises
    ------
    FormatError
        When a predicted line does not have the same characters (ignoring
        whitespace) as its gold line -- the two files are not the same
        text -- or when one side has more lines than the other.
    """
    gold_total = predicted_total = correct = 0
    oov_total = oov_correct = 0
    number = 0
    gold_iter, predicted_iter = iter(gold_lines), iter(predicted_lines)
    missing = object()
    while True:
        gold = next(gold_iter, missing)
        predicted = next(predicted_iter, missing)
        if gold is missing or predicted is missing:
            if gold is not predicted:
                longer, shorter = ((gold_name, predicted_name) if predicted is missing
                                   else (predicted_name, gold_name))
                raise FormatError(longer, number + 1, 'has more lines than %s (%d lines)'
                                  % (shorter, number))
            break
        number += 1
        gold_words, predicted_words = _words(gold), _words(predicted)
        if u''.join(gold_words) != u''.join(predicted_words):
            raise FormatError(predicted_name, number, _difference(gold_words, predicted_words))
        gold_spans, predicted_spans = _spans(gold_words), _spans(predicted_words)
        gold_total += len(gold_words)
        predicted_total += len(predicted_words)
        correct += len(gold_spans & predicted_spans)
        if vocabulary is not None:
            start = 0
            for word in gold_words:
                end = start + len(word)
                if word not in vocabulary:
                    oov_total += 1
                    if (start, end) in predicted_spans:
                        oov_correct += 1
                start = end
    if vocabulary is None:
        return SegmentationScores(number, gold_total, predicted_total, correct)
    return SegmentationScores(number, gold_total, predicted_total, correct,
                              oov_total, oov_correct)


def _difference(gold_words, predicted_words):
    gold, predicted = u''.join(gold_words), u''.join(predicted_words)
    at = 0
    for a, b in zip(gold, predicted):
        if a != b:
            break
        at += 1
    return ('its characters differ from the gold line at character %d (gold %r, predicted %r); '
            'the two files must be segmentations of the same text'
            % (at + 1, gold[at:at + 10], predicted[at:at + 10]))

# ---------------------------------------------------------------- word vectors
import io as _io  # noqa: E402
import math as _math  # noqa: E402

from .errors import FormatError as _FormatError  # noqa: E402


def pearson(xs, ys):
    """Pearson correlation of two equal-length sequences (0.0 when one is constant)."""
    n = len(xs)
    if n != len(ys):
        raise ValueError('pearson: sequences of different lengths')
    if n < 2:
        return 0.0
    mx = _math.fsum(xs) / n
    my = _math.fsum(ys) / n
    dx = [x - mx for x in xs]
    dy = [y - my for y in ys]
    sxy = _math.fsum(a * b for a, b in zip(dx, dy))
    sxx = _math.fsum(a * a for a in dx)
    syy = _math.fsum(b * b for b in dy)
    if sxx <= 0 or syy <= 0:
        return 0.0
    return sxy / _math.sqrt(sxx * syy)


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
    with _io.open(path, 'rb') as f:
        for number, raw in enumerate(f, 1):
            try:
                line = raw.decode('utf-8-sig' if number == 1 else 'utf-8')
            except UnicodeDecodeError as exc:
                raise _FormatError(path, number, 'not UTF-8 text (%s)' % exc.reason)
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
            raise _FormatError(path, number, 'expected "word1<TAB>word2<TAB>score"')
        try:
            score = float(fields[2])
        except ValueError:
            if not pairs:
                continue  # a header such as "Word 1<TAB>Word 2<TAB>Human (mean)"
            raise _FormatError(path, number, 'the score %r is not a number' % fields[2])
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
            raise _FormatError(path, number, 'expected four words, got %d' % len(words))
        if not sections:
            sections.append((u'', []))
        sections[-1][1].append(tuple(words))
    return sections
