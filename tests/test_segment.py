# -*- coding: utf-8 -*-
"""jieba's interface: cut/lcut, user dictionaries, add_word/del_word/
suggest_freq, the default segmenter and the jieba dictionary export."""

import io
import unittest

from support import TempDirTestCase

import nlp_zero
from nlp_zero import FormatError, Lexicon
from nlp_zero.words import segment
from nlp_zero.words.segment import Segmenter, export_jieba

WORDS = {u'中': 10, u'将': 8, u'中将': 30, u'台': 5, u'出': 20, u'来': 30, u'出来': 3,
         u'科学': 20, u'名著': 8}


class SegmenterTest(unittest.TestCase):

    def setUp(self):
        self.lexicon = Lexicon(WORDS)
        self.seg = Segmenter(self.lexicon)

    def test_cut_is_lazy_and_lcut_a_list(self):
        words = self.seg.cut(u'中将 科学名著')
        self.assertFalse(isinstance(words, list))
        self.assertEqual(list(words), [u'中将', u'科学', u'名著'])
        self.assertEqual(self.seg.lcut(u'科学名著', HMM=False), [u'科学', u'名著'])
        self.assertEqual(self.seg.lcut(u'科学'.encode('utf-8')), [u'科学'])
        self.assertRaises(NotImplementedError, self.seg.lcut, u'科学', cut_all=True)

    def test_suggest_freq_joins_with_the_least_count(self):
        self.assertEqual(self.seg.lcut(u'出来'), [u'出', u'来'])
        count = self.seg.suggest_freq(u'出来')
        self.assertEqual(self.lexicon[u'出来'], 3)  # not tuned: nothing changed
        self.seg.add_word(u'出来', count - 1)
        self.assertEqual(self.seg.lcut(u'出来'), [u'出', u'来'])
        self.assertEqual(self.seg.suggest_freq(u'出来', tune=True), count)
        self.assertEqual(self.lexicon[u'出来'], count)
        self.assertEqual(self.seg.lcut(u'出来'), [u'出来'])

    def test_suggest_freq_never_lowers_a_word_that_already_wins(self):
        self.assertEqual(self.seg.suggest_freq(u'中将'), 30)

    def test_suggest_freq_splits_with_the_greatest_count(self):
        self.assertEqual(self.seg.lcut(u'中将'), [u'中将'])
        count = self.seg.suggest_freq((u'中', u'将'), tune=True)
        self.assertEqual(self.seg.lcut(u'中将'), [u'中', u'将'])
        self.seg.add_word(u'中将', count + 1)
        self.assertEqual(self.seg.lcut(u'中将'), [u'中将'])

    def test_split_to_zero_removes_the_word(self):
        self.assertEqual(self.seg.suggest_freq([u'科', u'学'], tune=True), 0)
        self.assertNotIn(u'科学', self.lexicon)
        self.assertEqual(self.seg.lcut(u'科学'), [u'科', u'学'])

    def test_add_word_without_count_makes_it_a_word(self):
        self.seg.add_word(u'台中', tag=u'ns')
        self.assertEqual(self.seg.lcut(u'台中'), [u'台中'])
        self.assertEqual(self.seg.tags[u'台中'], u'ns')
        self.seg.del_word(u'台中')
        self.assertEqual(self.seg.lcut(u'台中'), [u'台', u'中'])
        self.seg.del_word(u'never there')
        self.assertRaises(ValueError, self.seg.add_word, u'台中', -1)


class UserDictTest(TempDirTestCase):

    def setUp(self):
        TempDirTestCase.setUp(self)
        self.seg = Segmenter(Lexicon(WORDS))

    def test_bare_words_counts_and_tags(self):
        path = self.write_text('user.txt', u'\ufeff# a comment\n台中\n云计算 5 n\n'
                                           u'创新办 3\n石墨烯\tnz\n\n名著 100\n')
        self.assertEqual(self.seg.load_userdict(path), 5)
        lexicon = self.seg.lexicon
        self.assertEqual(lexicon[u'云计算'], 5)
        self.assertEqual(lexicon[u'创新办'], 3)
        self.assertEqual(lexicon[u'名著'], 100)
        self.assertEqual(self.seg.tags[u'石墨烯'], u'nz')
        for word in (u'台中', u'石墨烯', u'云计算'):
            self.assertEqual(self.seg.lcut(word), [word])

    def test_open_files_text_or_bytes(self):
        self.seg.load_userdict(io.StringIO(u'台中 7\n'))
        self.seg.load_userdict(io.BytesIO(u'石墨烯\n'.encode('utf-8')))
        self.assertEqual(self.seg.lexicon[u'台中'], 7)
        self.assertEqual(self.seg.lcut(u'石墨烯'), [u'石墨烯'])

    def test_a_bad_line_is_named_and_nothing_is_added(self):
        path = self.write_text('bad.txt', u'台中 7\n云计算 5 n extra\n')
        with self.assertRaises(FormatError) as caught:
            self.seg.load_userdict(path)
        self.assertIn('line 2', str(caught.exception))
        self.assertNotIn(u'台中', self.seg.lexicon)
        self.assertRaises(FormatError, self.seg.load_userdict, self.path('missing.txt'))
        bad = self.write_bytes('latin1.txt', b'caf\xe9 3\n')
        self.assertRaises(FormatError, self.seg.load_userdict, bad)


class ExportTest(TempDirTestCase):

    def test_word_count_lines_most_frequent_first(self):
        path = self.path('dict.txt')
        export_jieba(Lexicon({u'科学': 20, u'名著': 8.4, u'中': 0.2}), path)
        self.assertEqual(self.read_text('dict.txt'), u'科学 20\n名著 8\n中 1\n')
        # and it reads back as a lexicon and as a user dictionary
        self.assertEqual(Lexicon.load(path)[u'名著'], 8)
        seg = Segmenter(Lexicon({u'科': 1}))
        seg.load_userdict(path)
        self.assertEqual(seg.lexicon[u'科学'], 20)

    def test_whitespace_in_a_word_is_refused(self):
        self.assertRaises(ValueError, export_jieba, {u'a b': 2}, self.path('d.txt'))


class DefaultSegmenterTest(unittest.TestCase):
    """The module functions act on one segmenter built on first use from
    the lexicon discovered in the bundled sample corpus."""

    def test_module_functions_on_the_sample_lexicon(self):
        words = nlp_zero.lcut(u'玄德曰：此乃天意也。')
        self.assertEqual(u''.join(words), u'玄德曰：此乃天意也。')
        self.assertIn(u'玄德', words)
        self.assertEqual(list(nlp_zero.cut(u'玄德')), [u'玄德'])
        before = len(segment.dt.lexicon)
        nlp_zero.add_word(u'此乃天意')
        self.assertIn(u'此乃天意', nlp_zero.lcut(u'此乃天意也'))
        nlp_zero.del_word(u'此乃天意')
        self.assertEqual(len(segment.dt.lexicon), before)
        # the cached sample lexicon is copied: a new segmenter does not see add_word
        self.assertNotIn(u'此乃天意', segment.sample_lexicon())

    def test_repr_says_whether_it_is_built(self):
        self.assertIn('not built yet', repr(Segmenter()))
        self.assertIn('2 words', repr(Segmenter({u'a': 1, u'b': 2}).initialize()))


if __name__ == '__main__':
    unittest.main()
