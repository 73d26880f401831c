# -*- coding: utf-8 -*-
"""The lexicon: counts, probabilities, merging and its text file format."""

import math
import os
import unittest

from support import TempDirTestCase, run_cli

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


class LexiconFindingsTest(TempDirTestCase):
    """Issue 13, items 6, 10 and 17."""

    def assert_refused(self, path, line, words):
        with self.assertRaises(FormatError) as caught:
            Lexicon.load(path)
        message = u'%s' % (caught.exception.args[0],)
        self.assertIn(u'%s, line %d' % (path, line), message)
        for word in words:
            self.assertIn(word, message)

    def test_a_count_that_overflows_a_float_is_refused_with_its_line(self):
        self.assert_refused(self.write_text('big.tsv', u'a\t1\nb\t' + u'9' * 400 + u'\n'),
                            2, ['2**63'])
        self.assert_refused(self.write_text('big2.tsv', u'a\t0.5\nb\t1' + u'0' * 400 + u'\n'),
                            2, ['2**63'])
        self.assert_refused(self.write_text('big3.tsv', u'a 1e300\n'), 1, ['2**63'])

    def test_a_count_whose_probability_is_zero_is_refused(self):
        path = self.write_text('tiny.tsv', u'a\t1000000\nb\t1e-320\n')
        self.assert_refused(path, 2, ['too small'])

    def test_the_largest_counts_still_give_finite_log_probabilities(self):
        path = self.write_text('max.tsv', u'a\t%d\nb\t%d\nc\t0.001\n' % ((1 << 63) - 1,
                                                                              (1 << 63) - 1))
        lexicon = Lexicon.load(path)
        for word in lexicon:
            self.assertTrue(-1e4 < lexicon.logp(word) <= 0)

    def test_a_separator_that_only_split_knows_is_a_format_error(self):
        # found by the hypothesis campaign: IndexError on "word<SP><VT><SP>count"
        path = self.write_text('vt.txt', u'a 1\nb \x0b 5\n')
        self.assert_refused(path, 2, ['no count'])

    def test_words_beginning_with_hash_survive_save_and_load(self):
        lexicon = Lexicon({u'#': 9, u'#标签': 5, u'# x': 2, u'c#': 1})
        path = self.path('hash.tsv')
        lexicon.save(path)
        self.assertEqual(Lexicon.load(path), lexicon)

    def test_comments_are_lines_with_hash_and_no_tab(self):
        path = self.write_text('c.txt', u'# made by hand\n科学 6\n# more\n#标签\t2\n')
        self.assertEqual(dict(Lexicon.load(path).items()), {u'科学': 6, u'#标签': 2})

    def test_a_file_of_one_endless_line_is_refused_at_once(self):
        path = self.write_bytes('endless.tsv', b'\x00' * (3 << 20))
        self.assert_refused(path, 1, ['longer than'])
        path = self.write_bytes('long.tsv', b'a\t1\n' + b'w' * (2 << 20) + b'\t1\n')
        self.assert_refused(path, 2, ['longer than'])

    def test_a_long_line_in_utf16_is_refused_too(self):
        path = self.write_bytes('wide.tsv', (u'\ufeffa\t1\n' + u'w' * (2 << 20)).encode('utf-16-le'))
        with self.assertRaises(FormatError) as caught:
            Lexicon.load(path, encoding='utf-16')
        self.assertIn('line 2', str(caught.exception))

    def test_a_word_list_given_as_exclude_is_bounded_too(self):
        corpus = self.write_text('corpus.txt', u'科学名著，中外科学名著。\n' * 50)
        endless = self.write_bytes('endless.txt', b'w' * (3 << 20))
        status, _, stderr = run_cli('discover', corpus, '--new-words', '--exclude', endless,
                                    '--quiet')
        self.assertEqual(status, 1)
        self.assertIn(u'endless.txt, line 1', stderr)
        self.assertEqual(len(stderr.strip().splitlines()), 1)


if __name__ == '__main__':
    unittest.main()
