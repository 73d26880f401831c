# -*- coding: utf-8 -*-
"""Co-occurrence counting: windows, vocabulary, PMI, merging and files."""

import math
import random
import re
import unittest

from nlp_zero._backend import BackendError
from support import TempDirTestCase

from nlp_zero import Corpus, FormatError
from nlp_zero.cooccurrence import Cooccurrence, build_vocabulary, count_words

try:
    import numpy
    from nlp_zero.vectors import _cooccurrence_numpy
except ImportError:
    numpy = None


def brute_force_pairs(lines, vocabulary, window, weighted=False):
    """Reference counts: a plain double loop over each line's in-vocabulary tokens."""
    counts = {}
    for tokens in lines:
        ids = [t for t in tokens if t in vocabulary]
        for p, a in enumerate(ids):
            for d in range(1, window + 1):
                if p + d >= len(ids) or a == ids[p + d]:
                    continue
                key = tuple(sorted((a, ids[p + d])))
                counts[key] = counts.get(key, 0) + (1.0 / d if weighted else 1)
    return counts


def unordered(table):
    return dict((frozenset((a, b)), c) for a, b, c in table.iter_pairs())


#: Every counting path available here ('numpy' only where NumPy is installed).
BACKENDS = ['python'] + (['numpy'] if numpy is not None else [])

LINES = [u'the cat sat on the mat'.split(),
         u'the dog sat on the log'.split(),
         u'a cat and a dog'.split(),
         u'the the cat'.split()]


class CountingTest(unittest.TestCase):

    def test_counts_match_a_plain_double_loop(self):
        for backend in BACKENDS:
            for window in (1, 2, 5):
                table = Cooccurrence.count(LINES, min_count=1, window=window, backend=backend)
                got = dict(((a, b) if a < b else (b, a), c) for a, b, c in table.iter_pairs())
                self.assertEqual(got, brute_force_pairs(LINES, table.index, window))

    def test_folding_in_several_rounds_gives_the_same_counts(self):
        from nlp_zero.vectors import _cooccurrence_python as engine
        lines = [LINES[n % 4] * (n + 1) for n in range(40)]
        whole = Cooccurrence.count(lines, min_count=1, window=3, backend='python')
        saved = engine.BATCH_TOKENS
        engine.BATCH_TOKENS = 20
        try:  # a budget of a few entries: every batch spills a run
            rounds = Cooccurrence.count(lines, min_count=1, window=3, backend='python',
                                        memory=2000)
        finally:
            engine.BATCH_TOKENS = saved
        self.assertEqual(dict(rounds.pairs.items()), dict(whole.pairs.items()))
        self.assertEqual(rounds.counts, whole.counts)

    def test_distance_weighting_counts_one_over_distance(self):
        for backend in BACKENDS:
            table = Cooccurrence.count(LINES, min_count=1, window=3, distance_weighting=True,
                                       backend=backend)
            expected = brute_force_pairs(LINES, table.index, 3, weighted=True)
            for a, b, c in table.iter_pairs():
                self.assertAlmostEqual(c, expected[tuple(sorted((a, b)))])

    def test_an_unknown_backend_is_refused(self):
        with self.assertRaises(ValueError):
            Cooccurrence.count(LINES, min_count=1, backend='fortran')

    @unittest.skipIf(numpy is not None, 'NumPy is installed')
    def test_the_numpy_backend_without_numpy_says_so(self):
        with self.assertRaises(BackendError):
            Cooccurrence.count(LINES, min_count=1, backend='numpy')
        self.assertTrue(Cooccurrence.count(LINES, min_count=1).pairs)  # 'auto' falls back

    def test_windows_do_not_cross_line_ends(self):
        table = Cooccurrence.count([[u'a', u'b'], [u'c', u'd']], min_count=1, window=10)
        self.assertEqual(table.pair_count(u'b', u'c'), 0)
        self.assertEqual(table.pair_count(u'a', u'b'), 1)

    def test_rare_words_are_removed_before_windowing(self):
        lines = [[u'a', u'rare', u'b'], [u'a', u'b'], [u'a', u'b']]
        table = Cooccurrence.count(lines, min_count=2, window=1)
        self.assertNotIn(u'rare', table)
        self.assertEqual(table.pair_count(u'a', u'b'), 3)

    def test_the_diagonal_is_excluded(self):
        table = Cooccurrence.count([[u'a', u'a', u'b']], min_count=1, window=2)
        self.assertEqual(table.pair_count(u'a', u'a'), 0)
        self.assertEqual(table.pair_count(u'a', u'b'), 2)

    def test_corpus_lines_are_split_on_whitespace(self):
        corpus = Corpus.from_texts([u' '.join(t) for t in LINES])
        a = Cooccurrence.count(corpus, min_count=1, window=2)
        b = Cooccurrence.count(LINES, min_count=1, window=2)
        self.assertEqual(sorted(a.iter_pairs()), sorted(b.iter_pairs()))
        self.assertEqual(a.tokens, sum(len(t) for t in LINES))

    def test_vocabulary_is_sorted_by_count_then_word(self):
        counts = count_words(LINES)
        vocab = build_vocabulary(counts, min_count=2, max_vocab=3)
        self.assertEqual(vocab, [(u'the', 6), (u'cat', 3), (u'a', 2)])

    def test_a_generator_needs_a_vocabulary(self):
        with self.assertRaises(ValueError):
            Cooccurrence.count(iter(LINES), min_count=1)
        table = Cooccurrence.count(iter(LINES), vocabulary=[(u'cat', 0), (u'sat', 0)])
        self.assertEqual(table.counts, [3, 2])

    def test_merge_adds_counts_and_new_words(self):
        a = Cooccurrence.count(LINES[:2], min_count=1, window=2)
        b = Cooccurrence.count(LINES[2:], min_count=1, window=2)
        whole = Cooccurrence.count(LINES, min_count=1, window=2)
        a.merge(b)
        self.assertEqual(unordered(a), unordered(whole))
        self.assertEqual(a.tokens, whole.tokens)
        self.assertEqual(a.counts[a.index[u'and']], 1)


def random_lines(seed, n_lines=60, vocabulary=40):
    """Lines of Zipf-like random words: repeats, rare words, empty and 1-word lines."""
    rng = random.Random(seed)
    words = [u'w%d' % k for k in range(vocabulary)]
    lines = []
    for _ in range(n_lines):
        length = rng.choice([0, 1, 2, 3, 5, 8, 13, 40])
        lines.append([words[min(int(rng.paretovariate(1.0)) - 1, vocabulary - 1)]
                      for _ in range(length)])
    return lines


@unittest.skipIf(numpy is None, 'NumPy is not installed')
class NumpyBackendTest(TempDirTestCase):
    """The NumPy path must give exactly the table of the pure-Python path."""

    def count_both(self, lines, **options):
        python = Cooccurrence.count(lines, backend='python', **options)
        fast = Cooccurrence.count(lines, backend='numpy', **options)
        return python, fast

    def assert_same_table(self, python, fast, places=None):
        self.assertEqual(fast.words, python.words)
        self.assertEqual(fast.counts, python.counts)
        self.assertEqual(fast.tokens, python.tokens)
        self.assertEqual(sorted(fast.pairs), sorted(python.pairs))
        for key, count in python.pairs.items():
            if places is None:
                self.assertEqual(fast.pairs[key], count)
                self.assertEqual(type(fast.pairs[key]), type(count))
            else:
                self.assertAlmostEqual(fast.pairs[key], count, places=places)

    def test_random_streams_give_identical_tables(self):
        for seed in range(6):
            lines = random_lines(seed)
            for min_count, window in ((1, 1), (2, 3), (3, 10), (1, 50)):  # 50: beyond every line
                python, fast = self.count_both(lines, min_count=min_count, window=window)
                self.assert_same_table(python, fast)
                self.assertEqual(fast.pairs, python.pairs)
                self.assertEqual(fast.pair_total, python.pair_total)

    def test_distance_weighting_agrees_to_rounding(self):
        for seed in range(4):
            python, fast = self.count_both(random_lines(seed), min_count=2, window=7,
                                           distance_weighting=True)
            self.assert_same_table(python, fast, places=9)
            self.assertAlmostEqual(fast.pair_total, python.pair_total, places=9)

    def test_many_small_batches_merge_to_the_same_table(self):
        lines = random_lines(7, n_lines=200)
        python = Cooccurrence.count(lines, min_count=1, window=4, backend='python')
        saved = _cooccurrence_numpy.BATCH_IDS
        _cooccurrence_numpy.BATCH_IDS = 16
        try:
            fast = Cooccurrence.count(lines, min_count=1, window=4, backend='numpy')
        finally:
            _cooccurrence_numpy.BATCH_IDS = saved
        self.assert_same_table(python, fast)

    def test_adding_and_merging_mix_the_paths(self):
        first, second = random_lines(8), random_lines(9)
        vocabulary = build_vocabulary(count_words(first + second), min_count=2)
        whole = Cooccurrence.count(first + second, vocabulary=vocabulary, window=3,
                                   backend='python')
        for one, other in (('python', 'numpy'), ('numpy', 'python'), ('numpy', 'numpy')):
            table = Cooccurrence.count(first, vocabulary=vocabulary, window=3, backend=one)
            table.add(second, backend=other)
            self.assert_same_table(whole, table)
        a = Cooccurrence.count(first, min_count=1, window=3, backend='numpy')
        b = Cooccurrence.count(second, min_count=1, window=3, backend='numpy')
        a.merge(b)
        together = Cooccurrence.count(first + second, min_count=1, window=3, backend='python')
        self.assertEqual(unordered(a), unordered(together))

    def test_readers_of_the_table_agree(self):
        python, fast = self.count_both(random_lines(10), min_count=2, window=5)
        self.assertEqual(fast.training_arrays(), python.training_arrays())
        self.assertEqual(fast.training_arrays(0.75), python.training_arrays(0.75))
        self.assertEqual(sorted(fast.iter_pairs()), sorted(python.iter_pairs()))
        word = python.words[0]
        self.assertEqual(fast.top_pmi(word, topn=5), python.top_pmi(word, topn=5))
        for other in python.words:
            self.assertEqual(fast.pair_count(word, other), python.pair_count(word, other))
        self.assertEqual(fast.pairs.get(-1, u'none'), u'none')
        with self.assertRaises(KeyError):
            fast.pairs[-1]
        fast.save(self.path('fast.txt'))
        python.save(self.path('python.txt'))
        self.assertEqual(self.read_text('fast.txt'), self.read_text('python.txt'))


class StatisticsTest(unittest.TestCase):

    def setUp(self):
        self.table = Cooccurrence.count(LINES, min_count=1, window=2)

    def test_probabilities_are_normalised(self):
        t = self.table
        self.assertAlmostEqual(sum(t.probability(w) for w in t.words), 1.0)
        total = sum(t.joint_probability(a, b) for a in t.words for b in t.words if a != b)
        self.assertAlmostEqual(total, 1.0)

    def test_pmi_is_the_log_ratio(self):
        t = self.table
        expected = math.log(t.joint_probability(u'cat', u'sat') /
                            (t.probability(u'cat') * t.probability(u'sat')))
        self.assertAlmostEqual(t.pmi(u'cat', u'sat'), expected)
        self.assertEqual(t.pmi(u'mat', u'log'), float('-inf'))

    def test_top_pmi_ranks_partners(self):
        top = self.table.top_pmi(u'cat', topn=3)
        self.assertEqual(len(top), 3)
        self.assertEqual(top, sorted(top, key=lambda ws: -ws[1]))
        self.assertAlmostEqual(top[0][1], self.table.pmi(u'cat', top[0][0]))

    def test_unknown_words_raise_key_error_naming_them(self):
        with self.assertRaises(KeyError) as caught:
            self.table.pmi(u'cat', u'unicorn')
        self.assertIn(u'unicorn', str(caught.exception))

    def test_training_arrays_hold_the_pmi(self):
        rows, cols, counts, pmi = self.table.training_arrays()
        words = self.table.words
        for i, j, x, p in zip(rows, cols, counts, pmi):
            self.assertAlmostEqual(p, self.table.pmi(words[i], words[j]))


class FileTest(TempDirTestCase):

    def test_save_and_load_round_trip(self):
        lines = [[u'我', u'们', u'的'], [u'我', u'的']]
        table = Cooccurrence.count(lines, min_count=1, window=2)
        path = self.path('counts.txt')
        table.save(path)
        again = Cooccurrence.load(path)
        self.assertEqual(again.words, table.words)
        self.assertEqual(again.counts, table.counts)
        self.assertEqual(again.pairs, table.pairs)
        self.assertEqual(again.tokens, table.tokens)

    def test_a_loaded_table_keeps_its_pairs_as_two_sorted_arrays(self):
        from nlp_zero.counting.sorted_table import SortedTable
        table = Cooccurrence.count(LINES, min_count=1, window=2)
        table.save(self.path('counts.txt'))
        again = Cooccurrence.load(self.path('counts.txt'))
        self.assertIsInstance(again.pairs, SortedTable)  # 16 bytes a pair, not a dict entry
        self.assertEqual(dict(again.pairs), dict(table.pairs))

    def test_pairs_in_any_order_load_sorted(self):
        table = Cooccurrence.count(LINES, min_count=1, window=2)
        table.save(self.path('counts.txt'))
        lines = self.read_text('counts.txt').rstrip(u'\n').split(u'\n')
        pairs = [line for line in lines if line.startswith(u'p')]
        self.assertGreater(len(pairs), 2)
        rest = [line for line in lines if not line.startswith(u'p')]
        self.write_text('shuffled.txt', u'\n'.join(rest + pairs[::-1]) + u'\n')
        again = Cooccurrence.load(self.path('shuffled.txt'))
        self.assertEqual(list(again.pairs.items()), sorted(table.pairs.items()))

    def test_a_pair_listed_twice_is_refused(self):
        table = Cooccurrence.count(LINES, min_count=1, window=2)
        table.save(self.path('counts.txt'))
        lines = self.read_text('counts.txt').rstrip(u'\n').split(u'\n')
        pairs = [line for line in lines if line.startswith(u'p')]
        rest = [line for line in lines if not line.startswith(u'p')]
        for name, order in (('twice.txt', pairs + pairs[-1:]),
                            ('earlier.txt', pairs + pairs[:1])):
            header = rest[1].replace(u'"pairs": %d' % len(pairs), u'"pairs": %d' % len(order))
            self.write_text(name, u'\n'.join([rest[0], header] + rest[2:] + order) + u'\n')
            with self.assertRaises(FormatError) as caught:
                Cooccurrence.load(self.path(name))
            self.assertIn('listed twice', str(caught.exception))
            self.assertEqual(caught.exception.line_number, len(rest) + len(order))

    def test_the_binary_form_between_processes_round_trips(self):
        from nlp_zero.vectors.table_file import load_arrays, save_arrays
        for weighted in (False, True):
            table = Cooccurrence.count(LINES, min_count=1, window=2, distance_weighting=weighted)
            save_arrays(table, self.path('table.bin'))
            again = load_arrays(Cooccurrence, self.path('table.bin'))
            self.assertEqual((again.words, again.counts, again.tokens, again.window),
                             (table.words, table.counts, table.tokens, table.window))
            self.assertEqual(list(again.pairs.items()), sorted(table.pairs.items()))
            self.assertEqual(again.pmi(u'cat', u'sat'), table.pmi(u'cat', u'sat'))
        with open(self.path('table.bin'), 'rb') as binary:
            self.write_bytes('cut.bin', binary.read()[:-8])
        with self.assertRaises(FormatError):
            load_arrays(Cooccurrence, self.path('cut.bin'))

    def test_truncated_file_raises_format_error(self):
        table = Cooccurrence.count(LINES, min_count=1, window=2)
        path = self.path('counts.txt')
        table.save(path)
        text = self.read_text('counts.txt')
        self.write_text('cut.txt', text[:len(text) // 2].rsplit(u'\n', 1)[0] + u'\n')
        with self.assertRaises(FormatError):
            Cooccurrence.load(self.path('cut.txt'))
        self.write_text('bad.txt', text.replace(u'p\t', u'p\tx', 1))
        with self.assertRaises(FormatError) as caught:
            Cooccurrence.load(self.path('bad.txt'))
        self.assertIn('line', str(caught.exception))

    def test_counts_beyond_a_64_bit_counter_are_refused_with_their_line(self):
        # found by the loader fuzz: they loaded, then PMI overflowed a float
        table = Cooccurrence.count(LINES, min_count=1, window=2)
        table.save(self.path('counts.txt'))
        lines = self.read_text('counts.txt').split(u'\n')
        huge = u'1' + u'0' * 400
        word = lines[2].split(u'\t')
        self.write_text('word.txt', u'\n'.join(lines[:2] + [u'\t'.join(word[:2] + [huge])] +
                                               lines[3:]))
        with self.assertRaises(FormatError) as caught:
            Cooccurrence.load(self.path('word.txt'))
        self.assertIn('word.txt, line 3', str(caught.exception))
        header = re.sub(u'"tokens": [0-9]+', u'"tokens": ' + huge, lines[1])
        self.write_text('tokens.txt', u'\n'.join([lines[0], header] + lines[2:]))
        with self.assertRaises(FormatError) as caught:
            Cooccurrence.load(self.path('tokens.txt'))
        self.assertIn('tokens.txt, line 2', str(caught.exception))

    def test_a_file_that_ends_before_its_header_names_no_missing_line(self):
        path = self.write_text('one.txt', u'# nlp-zero cooccurrence 1\n')
        with self.assertRaises(FormatError) as caught:
            Cooccurrence.load(path)
        self.assertEqual(caught.exception.line_number, 0)
        self.assertIn('no header line', str(caught.exception))


if __name__ == '__main__':
    unittest.main()
