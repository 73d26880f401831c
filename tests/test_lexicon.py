# -*- coding: utf-8 -*-
"""The lexicon: counts, probabilities, merging and its text file format."""

import math
import os
import unittest

from support import TempDirTestCase

from nlp_zero import FormatError, Lexicon


class LexiconTest(unittest.TestCase):

    def setUp(self):
        self.lexicon = Lexicon({u'科学': 6, u'名著': 3, u'中外': 1})

    def test_counts_total_and_membership(self):
        lexicon = self.lexicon
        self.assertEqual(len(lexicon), 3)
        self.assertEqual(lexicon.total, 10)
        self.assertIn(u'科学', lexicon)
        self.assertNotIn(u'外科', lexicon)
        self.assertEqual(lexicon[u'科学'], 6)
        self.assertEqual(lexicon[u'外科'], 0)  # like a Counter
        self.assertEqual(sorted(lexicon), sorted([u'科学', u'名著', u'中外']))

    def test_built_from_pairs(self):
        self.assertEqual(Lexicon([(u'科学', 6), (u'名著', 3), (u'中外', 1)]), self.lexicon)

    def test_log_probability(self):
        self.assertAlmostEqual(self.lexicon.logp(u'科学'), math.log(0.6))
        self.assertEqual(self.lexicon.logp(u'外科'), float('-inf'))
        self.assertEqual(self.lexicon.logp(u'外科', -99.0), -99.0)

    def test_changing_counts_keeps_the_total(self):
        lexicon = self.lexicon
        lexicon[u'外科'] += 4
        lexicon[u'科学'] = 2
        del lexicon[u'中外']
        lexicon[u'名著'] = 0  # zero means: not a word
        self.assertEqual(dict(lexicon.items()), {u'外科': 4, u'科学': 2})
        self.assertEqual(lexicon.total, 6)

    def test_most_common_is_stable(self):
        lexicon = Lexicon({u'b': 2, u'a': 2, u'c': 5, u'd': 1})
        self.assertEqual(lexicon.most_common(2), [(u'c', 5), (u'a', 2)])
        self.assertEqual([w for w, _ in lexicon.most_common()], [u'c', u'a', u'b', u'd'])

    def test_merge_adds_counts(self):
        merged = self.lexicon.copy().merge({u'科学': 1, u'外科': 2})
        self.assertEqual(merged[u'科学'], 7)
        self.assertEqual(merged[u'外科'], 2)
        self.assertEqual(merged.total, 13)
        self.assertEqual(self.lexicon[u'科学'], 6)  # the copy is independent

    def test_negative_count_is_refused(self):
        with self.assertRaises(ValueError):
            self.lexicon[u'x'] = -1


class LexiconFileTest(TempDirTestCase):

    def test_save_and_load_round_trip(self):
        lexicon = Lexicon({u'科学': 6, u'名著': 3, u'中外': 1, u'半': 0.5})
        path = self.path('lexicon.tsv')
        lexicon.save(path)
        self.assertEqual(self.read_text('lexicon.tsv').splitlines()[0], u'科学\t6')
        self.assertEqual(Lexicon.load(path), lexicon)

    def test_save_is_atomic(self):
        path = self.write_text('lexicon.tsv', u'old\t1\n')
        bad = Lexicon({u'tab\tinside': 1})
        with self.assertRaises(ValueError):
            bad.save(path)
        self.assertEqual(self.read_text('lexicon.tsv'), u'old\t1\n')
        self.assertEqual(os.listdir(self.tmp), ['lexicon.tsv'])

    def test_reads_the_original_space_separated_format(self):
        path = self.write_text('dic.txt', u'\ufeff科学 6\n名著  3\n\n# a comment\n中外\t1\n')
        self.assertEqual(dict(Lexicon.load(path).items()), {u'科学': 6, u'名著': 3, u'中外': 1})

    def test_bad_line_names_file_and_line(self):
        path = self.write_text('bad.tsv', u'科学\t6\n名著\n')
        with self.assertRaises(FormatError) as caught:
            Lexicon.load(path)
        self.assertIn('bad.tsv, line 2', str(caught.exception))
        path = self.write_text('bad2.tsv', u'科学\tmany\n')
        with self.assertRaises(FormatError) as caught:
            Lexicon.load(path)
        self.assertIn('line 1', str(caught.exception))

    def test_missing_file(self):
        with self.assertRaises(FormatError):
            Lexicon.load(self.path('nothing.tsv'))

    def test_error_about_a_whole_file_with_a_chinese_name(self):
        error = FormatError(u'词典.tsv', 0, 'cannot open lexicon: No such file or directory')
        self.assertEqual(error.path, u'词典.tsv')
        self.assertIn(u'词典.tsv: cannot open', u'%s' % (error.args[0],))

    def test_not_utf8(self):
        path = self.write_bytes('latin.tsv', b'caf\xe9\t1\n')
        with self.assertRaises(FormatError):
            Lexicon.load(path)

    def test_bad_byte_far_into_the_file_names_its_own_line(self):
        good = u''.join(u'w%d\t1\n' % i for i in range(3000)).encode('ascii')
        path = self.write_bytes('big.tsv', good + b'caf\xe9\t1\n')
        with self.assertRaises(FormatError) as caught:
            Lexicon.load(path)
        self.assertEqual(caught.exception.line_number, 3001)
        self.assertIn('big.tsv, line 3001', str(caught.exception))


if __name__ == '__main__':
    unittest.main()
