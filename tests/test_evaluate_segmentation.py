# -*- coding: utf-8 -*-
"""Segmentation scores: SIGHAN word-span precision, recall and F1."""

import unittest

from support import TempDirTestCase, run_cli

from nlp_zero import FormatError, segmentation_scores

GOLD = [u'中外  科学  名著', u'我  爱  北京']
PRED = [u'中外 科 学 名著', u'我 爱北京']


class SegmentationScoresTest(unittest.TestCase):

    def test_precision_recall_f1(self):
        # gold: 6 words; predicted: 6 words; right: 中外 名著 我 -> 3
        scores = segmentation_scores(GOLD, PRED)
        self.assertEqual((scores.gold_words, scores.predicted_words, scores.correct), (6, 6, 3))
        self.assertAlmostEqual(scores.precision, 0.5)
        self.assertAlmostEqual(scores.recall, 0.5)
        self.assertAlmostEqual(scores['f1'], 0.5)
        self.assertIsNone(scores.oov_recall)

    def test_unequal_precision_and_recall(self):
        scores = segmentation_scores([u'ab c'], [u'a b c'])
        self.assertAlmostEqual(scores.precision, 1 / 3.0)
        self.assertAlmostEqual(scores.recall, 1 / 2.0)
        self.assertAlmostEqual(scores.f1, 0.4)

    def test_oov_recall(self):
        scores = segmentation_scores(GOLD, PRED, vocabulary={u'中外', u'科学', u'我', u'爱'})
        # not in the vocabulary: 名著 (found) and 北京 (missed)
        self.assertEqual((scores.oov_words, scores.oov_correct), (2, 1))
        self.assertAlmostEqual(scores.oov_recall, 0.5)
        self.assertIn('OOV-R 0.5000', str(scores))

    def test_word_lists_are_accepted(self):
        scores = segmentation_scores([[u'中外', u'科学']], [[u'中外', u'科学']])
        self.assertEqual(scores.f1, 1.0)

    def test_different_characters_name_the_line(self):
        with self.assertRaises(FormatError) as caught:
            segmentation_scores(GOLD, [PRED[0], u'我 爱 上海'], predicted_name='pred.txt')
        self.assertIn('pred.txt, line 2', str(caught.exception))

    def test_different_line_counts(self):
        with self.assertRaises(FormatError) as caught:
            segmentation_scores(GOLD, PRED[:1])
        self.assertIn('more lines', str(caught.exception))


class EvaluateCommandTest(TempDirTestCase):

    def test_scores_printed(self):
        gold = self.write_text('gold.txt', u'\r\n'.join(GOLD) + u'\r\n')
        pred = self.write_text('pred.txt', u'\n'.join(PRED) + u'\n')
        words = self.write_text('words.txt', u'中外\n科学\n我\n爱\n')
        status, out, err = run_cli('evaluate-segmentation', gold, pred, '--words', words)
        self.assertEqual(status, 0, err)
        self.assertIn(u'F1\t0.5000', out)
        self.assertIn(u'OOV recall\t0.5000', out)

    def test_mismatch_is_one_error_line(self):
        gold = self.write_text('gold.txt', u'\n'.join(GOLD) + u'\n')
        pred = self.write_text('pred.txt', u'中外 科学 名著\n我 爱 上海\n')
        status, _, err = run_cli('evaluate-segmentation', gold, pred)
        self.assertEqual(status, 1)
        self.assertIn('pred.txt, line 2', err)
        self.assertEqual(len(err.strip().splitlines()), 1, err)


if __name__ == '__main__':
    unittest.main()
