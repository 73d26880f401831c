# -*- coding: utf-8 -*-
"""The second cut of word discovery: characters the first cut leaves alone."""

import unittest
from collections import Counter

from support import BACKENDS, TempDirTestCase, random_sentences, run_cli

from nlp_zero.words.discovery import WordDiscovery
from nlp_zero.words.discovery import normalize as normalize_module
from nlp_zero.words.discovery.cutting import BatchWork
from nlp_zero.words.discovery.ngrams import pack_all
from nlp_zero.words.discovery.normalize import LATIN, NUMBER
from nlp_zero.words.discovery.singles import (SingleCounts, count_alone, eligible_pairs,
                                              joined_pairs)


def frequent_characters_text(lines=800, seed=3):
    """大 and 家 are frequent inside other words (大学, 重大, 国家, 专家), so the
    pair 大家 has a low PMI over characters; but where they stand alone they
    stand together (大家 is a word)."""
    words = ([u'大学', u'重大', u'国家', u'专家'] * 6 + [u'大家']
             + [u'学生', u'重要', u'工作', u'时间', u'方法'])
    return random_sentences(words, [u'的', u'了', u'是', u'在', u'和'], lines, seed, (3, 8),
                            0.7, [u'。'])


class SecondCutTest(unittest.TestCase):

    def test_a_word_of_frequent_characters_is_found(self):
        text = frequent_characters_text()
        once = WordDiscovery(method='cut', second_cut=False)
        lexicon = once.train(text).find()
        # the first cut separates 大 and 家 (PMI under 1 nat over characters)
        self.assertNotIn(u'大家', once.cohesive[2])
        self.assertNotIn(u'大家', lexicon)
        twice = WordDiscovery(method='cut')
        lexicon = twice.train(text).find()
        self.assertEqual(list(twice.joined), [u'大家'])
        self.assertIn(u'大家', twice.cohesive[2])
        self.assertIn(u'大家', lexicon)
        for word in (u'大学', u'重大', u'国家', u'专家'):
            self.assertIn(word, lexicon)

    def test_every_backend_and_workers_join_alike(self):
        text = frequent_characters_text(400)
        batch_chars = normalize_module.BATCH_CHARS
        normalize_module.BATCH_CHARS = 300  # many batches
        try:
            found = []
            for backend in BACKENDS:
                for workers in (1, 2):
                    finder = WordDiscovery(backend=backend, workers=workers)
                    found.append((sorted(finder.train(text).find().items()), finder.joined))
        finally:
            normalize_module.BATCH_CHARS = batch_chars
        for other in found[1:]:
            self.assertEqual(other, found[0])
        self.assertTrue(found[0][1])

    def test_counts_of_a_cut_text(self):
        # pieces separated by one space; fragments by a run of spaces
        number, chars, pairs = count_alone(u'大 家 都 来  大学 的 人 ', {u'大家', u'的人', u'家都'})
        self.assertEqual(number, 7)
        self.assertEqual(chars, Counter({u'大': 1, u'家': 1, u'都': 1, u'来': 1, u'的': 1,
                                         u'人': 1}))
        # 来 and 大 are in two fragments; 都来 is not eligible
        self.assertEqual(pairs, Counter({u'大家': 1, u'家都': 1, u'的人': 1}))

    def test_numpy_counts_as_the_plain_code(self):
        if len(BACKENDS) < 2:
            self.skipTest('NumPy is not installed')
        text = u'\n'.join(frequent_characters_text(50)) + u' 1998年 ABC的'
        results = []
        for backend in BACKENDS:
            work = BatchWork(backend=backend)
            work.set_kept({2: pack_all([u'大学', u'国家', u'专家', u'重大'], 2)})
            work.set_eligible(pack_all([u'大家', u'的大', u'家的'], 2))
            results.append(work.count_alone(text))
        self.assertEqual(results[0], results[1])
        self.assertGreater(results[0][2][u'大家'], 0)

    def test_the_criterion_of_the_first_cut(self):
        counts = SingleCounts().add((100, Counter({u'a': 10, u'b': 10}), Counter({u'ab': 9})))
        # log(9 - 3) + log 100 - log 10 - log 10 = log 6 = 1.79 nats
        self.assertEqual(joined_pairs(counts, 2, 1.0), {u'ab': 9})
        self.assertEqual(joined_pairs(counts, 2, 2.0), {})
        self.assertEqual(joined_pairs(counts, 10, 1.0), {})
        self.assertEqual(joined_pairs(SingleCounts(), 2), {})

    def test_counts_add_up_over_parts(self):
        one = (3, Counter({u'a': 2}), Counter({u'ab': 1}))
        two = (5, Counter({u'a': 1, u'b': 2}), Counter({u'ab': 2, u'ba': 1}))
        total = SingleCounts().add(one).add(two)
        self.assertEqual(total.pieces, 8)
        self.assertEqual(total.pairs, Counter({u'ab': 3, u'ba': 1}))
        self.assertEqual(SingleCounts.from_items(list(total.items())), total)

    def test_only_frequent_pairs_the_first_cut_separates(self):
        frequent = [u'大家', u'大学', NUMBER + u'年', u'年' + LATIN, u'的人']
        self.assertEqual(eligible_pairs(frequent, {u'大学'}), [u'大家', u'的人'])


class SecondCutCommandTest(TempDirTestCase):

    def test_no_second_cut_option(self):
        path = self.write_text('text.txt', u'\n'.join(frequent_characters_text()) + u'\n')
        for extra, expected in (([], True), (['--no-second-cut'], False)):
            name = 'lexicon%d.tsv' % len(extra)
            status, _, err = run_cli('discover', path, '-o', self.path(name), '--method', 'cut',
                                     *extra)
            self.assertEqual(status, 0, err)
            words = [line.split(u'\t')[0] for line in self.read_text(name).splitlines()]
            self.assertIn(u'大学', words)
            self.assertEqual(u'大家' in words, expected)


if __name__ == '__main__':
    unittest.main()
