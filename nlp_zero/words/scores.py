# -*- coding: utf-8 -*-
"""Segmentation quality: precision, recall and F1 over word spans (the SIGHAN
bakeoff definition), with the recall of out-of-vocabulary words."""

from __future__ import division

from .._compat import string_types, zip
from ..errors import FormatError

__all__ = ['SegmentationScores', 'segmentation_scores']


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
                raise FormatError(longer, number + 1, 'has more lines than %s (%d line%s)'
                                  % (shorter, number, '' if number == 1 else 's'))
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
