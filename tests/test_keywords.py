# -*- coding: utf-8 -*-
"""Keywords without vectors: TF-IDF with IDF learned from a corpus, and
TextRank over a document's co-occurrence graph, on toy inputs whose answer
is known."""

import math
import unittest

from support import TempDirTestCase

from nlp_zero import Corpus, FormatError, Tokenizer
from nlp_zero.text.decoders import LinePiece
from nlp_zero.words.keywords import TextRank, TfIdf, textrank_scores

DOCUMENTS = [u'apple banana apple', u'banana cherry', u'banana date']


class TfIdfTest(TempDirTestCase):

    def test_idf_values_and_scores(self):
        tfidf = TfIdf().fit(DOCUMENTS)
        self.assertEqual(tfidf.documents, 3)
        self.assertAlmostEqual(tfidf.idf(u'apple'), math.log(4 / 2.0))
        self.assertAlmostEqual(tfidf.idf(u'banana'), 0.0)   # in every document
        self.assertAlmostEqual(tfidf.idf(u'unseen'), math.log(2.0))  # the rarest seen
        found = tfidf.keywords(u'apple banana apple')
        self.assertEqual([w for w, _ in found], [u'apple', u'banana'])
        self.assertAlmostEqual(found[0][1], 2 / 3.0 * math.log(2.0))
        self.assertEqual(tfidf.extract_tags(u'banana cherry', topK=1), [u'cherry'])
        self.assertEqual(tfidf.extract_tags(u'banana cherry', withWeight=True)[1],
                         (u'banana', 0.0))

    def test_candidates_filter_short_words_marks_and_stop_words(self):
        tfidf = TfIdf(stop_words=[u'cherry']).fit([u'a bb , cherry', u'bb dd'])
        self.assertEqual(sorted(tfidf.idf_table), [u'bb', u'dd'])

    def test_chinese_documents_through_a_tokenizer(self):
        tokenizer = Tokenizer({u'科学': 5, u'名著': 3, u'出版': 4, u'历史': 2, u'的': 9})
        corpus = Corpus.from_texts([u'科学的名著', u'科学的历史', u'名著的出版'])
        tfidf = TfIdf(tokenizer).fit(corpus)
        self.assertEqual(tfidf.keywords(u'历史名著的历史', topn=1)[0][0], u'历史')

    def test_the_pieces_of_a_long_line_are_one_document(self):
        tfidf = TfIdf().fit([LinePiece(u'apple banana'), u'banana', u'cherry'])
        self.assertEqual(tfidf.documents, 2)
        self.assertAlmostEqual(tfidf.idf(u'banana'), math.log(3 / 2.0))

    def test_save_and_load_in_jieba_format(self):
        tfidf = TfIdf().fit(DOCUMENTS)
        path = self.path('idf.txt')
        tfidf.save(path)
        lines = self.read_text('idf.txt').splitlines()
        self.assertEqual(lines[0], u'banana 0.0')
        self.assertEqual(len(lines), 4)
        loaded = TfIdf.load(path)
        self.assertEqual(loaded.idf_table, tfidf.idf_table)
        self.assertEqual(loaded.keywords(u'apple date'), tfidf.keywords(u'apple date'))
        jieba_style = self.write_text('jieba_idf.txt', u'劳动防护 13.900677652\n\n生化学 13.9\n')
        self.assertAlmostEqual(TfIdf.load(jieba_style).idf(u'劳动防护'), 13.900677652)

    def test_bad_tables_are_named(self):
        for text in (u'word\n', u'word x\n', u'word nan\n', u'word -1\n', u'a b c\n'):
            path = self.write_text('bad.txt', text)
            self.assertRaises(FormatError, TfIdf.load, path)
        self.assertRaises(FormatError, TfIdf.load, self.path('missing.txt'))
        self.assertRaises(ValueError, TfIdf().fit([[u'a b', u'cc']]).save, self.path('x'))


class TextRankTest(unittest.TestCase):

    def test_a_weighted_star_has_the_closed_form_scores(self):
        # window 2: adjacent words only; hub-aa 1, hub-bb 2, hub-cc 1
        d = 0.85
        scores = textrank_scores([u'aa', u'hub', u'bb', u'hub', u'cc'], window=2, damping=d,
                                 tol=1e-12)
        hub = (1 + 3 * d) / (1 + d)
        self.assertAlmostEqual(scores[u'hub'], hub, places=9)
        self.assertAlmostEqual(scores[u'aa'], (1 - d) + d * hub / 4, places=9)
        self.assertAlmostEqual(scores[u'bb'], (1 - d) + d * hub / 2, places=9)
        self.assertAlmostEqual(sum(scores.values()), 4.0, places=9)  # mean 1

    def test_window_counts_every_position_and_isolated_words_stay(self):
        # "xx" is dropped (keep) but still takes a position: aa and bb are 2 apart
        keep = lambda w: w != u'xx'  # noqa: E731
        scores = textrank_scores([u'aa', u'xx', u'bb'], keep, window=2)
        self.assertEqual(scores, {u'aa': 0.15000000000000002, u'bb': 0.15000000000000002})
        linked = textrank_scores([u'aa', u'xx', u'bb'], keep, window=3)
        self.assertAlmostEqual(linked[u'aa'], 1.0)

    def test_keywords_filter_and_jieba_spelling(self):
        rank = TextRank(window=2, stop_words=[u'cc'])
        found = rank.keywords(u'aa hub bb hub cc , x')
        self.assertEqual([w for w, _ in found], [u'hub', u'bb', u'aa'])  # bb: twice
        self.assertEqual(rank.textrank(u'aa hub bb hub', topK=1), [u'hub'])
        self.assertEqual(rank.keywords([u'aa', u'hub']), rank.keywords(u'aa hub'))

    def test_bad_parameters(self):
        self.assertRaises(ValueError, textrank_scores, [u'aa'], damping=1.0)
        self.assertRaises(ValueError, textrank_scores, [u'aa'], window=1)
        self.assertEqual(textrank_scores([]), {})


if __name__ == '__main__':
    unittest.main()
