# -*- coding: utf-8 -*-
"""Word discovery's lexicon building: candidates, re-estimation rounds, the
likelihood hard EM raises."""

import random
import unittest
from collections import Counter

import support  # noqa: F401 (the path to the package)

from nlp_zero.words.discovery import WordDiscovery
from nlp_zero.words.discovery.build import (candidate_words, log_likelihood, reestimate, refine,
                                            remove_redundancy)

from test_discovery import synthetic_text


def random_pieces(seed, words, count=300):
    """Pieces made of 1-3 words of ``words``, with counts."""
    rng = random.Random(seed)
    pieces = Counter()
    for _ in range(count):
        piece = u''.join(rng.choice(words) for _ in range(rng.randint(1, 3)))
        pieces[piece] += rng.randint(1, 20)
    return pieces


class ReestimationTest(unittest.TestCase):

    def test_hard_em_never_lowers_the_likelihood(self):
        words = [u'中国', u'人民', u'中', u'国', u'人', u'民', u'的', u'发展', u'国人', u'展']
        for seed in range(5):
            pieces = random_pieces(seed, words)
            # a poor start: every character and every word with the same count
            model = Counter(dict((w, 5) for w in words))
            for char in u''.join(pieces):
                model[char] = max(model[char], 5)
            previous = log_likelihood(pieces, model)
            for _ in range(4):
                model = reestimate(pieces, model, 1)
                current = log_likelihood(pieces, model)
                self.assertGreaterEqual(current, previous - 1e-6)
                previous = current

    def test_counts_become_counts_of_use(self):
        # 新世 only ever occurs inside 新世纪: its pair count goes
        pieces = Counter({u'新世纪': 50, u'新': 10, u'世': 3, u'纪': 2})
        words = Counter({u'新世纪': 50, u'新世': 50, u'新': 10, u'世': 3, u'纪': 2})
        found = reestimate(pieces, words, 2)
        self.assertEqual(found[u'新世纪'], 50)
        self.assertNotIn(u'新世', found)

    def test_rare_pieces_give_their_uses(self):
        # each piece with 难民 is seen once; together they give 难民 its uses
        words = Counter({u'难民': 3, u'难': 1, u'民': 1, u'营': 1, u'巴': 1, u'的': 9})
        pieces = Counter({u'难民营': 1, u'巴难民': 1, u'难民的': 1})
        self.assertEqual(reestimate(pieces, words, 2)[u'难民'], 3)
        self.assertNotIn(u'难民', reestimate(Counter(), words, 2))


class RefineTest(unittest.TestCase):

    def test_one_round_is_redundancy_then_one_pass(self):
        pieces = random_pieces(3, [u'中国', u'人民', u'的', u'发展', u'中国人民'])
        candidates = Counter(pieces)
        expected = reestimate(pieces, remove_redundancy(candidates), 2)
        self.assertEqual(refine(candidates, pieces, 2, rounds=1), expected)
        self.assertEqual(refine(candidates, pieces, 2, rounds=0), remove_redundancy(candidates))

    def test_pruning_removes_a_word_its_parts_explain(self):
        candidates = Counter({u'的': 5000, u'主要': 300, u'的主要': 20, u'问题': 200,
                              u'主': 40, u'要': 80, u'问': 10, u'题': 10})
        pieces = Counter({u'的主要': 20, u'的': 4000, u'主要': 300, u'问题': 200})
        words = refine(candidates, pieces, 2, rounds=3)
        self.assertNotIn(u'的主要', words)
        self.assertIn(u'主要', words)
        self.assertIn(u'问题', words)

    def test_rounds_stop_at_a_fixed_point(self):
        pieces = random_pieces(4, [u'中国', u'人民', u'的', u'发展'])
        rounds = []
        refine(Counter(pieces), pieces, 2, rounds=10,
               report=lambda number, words: rounds.append(number))
        self.assertEqual(rounds[0], 0)
        self.assertLess(len(rounds), 11)
        # the pass after the last reported one would change nothing
        last = refine(Counter(pieces), pieces, 2, rounds=rounds[-1])
        again = reestimate(pieces, remove_redundancy(last), 2)
        self.assertEqual(set(again), set(last))


class CandidatesTest(unittest.TestCase):

    def test_frequent_pieces_pairs_and_every_character(self):
        pieces = Counter({u'中国': 5, u'人民': 1, u'发展中': 4})
        found = candidate_words(pieces, {u'中': 9, u'国': 5, u'人': 1, u'民': 1, u'发': 4,
                                         u'展': 4, u'的': 7}, 2, {u'人民': 3})
        self.assertEqual(found[u'中国'], 5)
        self.assertEqual(found[u'人民'], 3)  # as a pair candidate, with the pair count
        self.assertEqual(found[u'的'], 1)    # never a piece: still a candidate
        self.assertIn(u'发展中', found)

    def test_ngram_filter(self):
        pieces = Counter({u'发展中': 4, u'中国人': 4})
        cohesive = {2: set([u'发展', u'展中', u'中国', u'国人']), 3: set([u'发展中'])}
        found = candidate_words(pieces, {}, 2, {}, cohesive)
        self.assertIn(u'发展中', found)
        self.assertNotIn(u'中国人', found)


class DefaultsTest(unittest.TestCase):

    def test_rounds_are_the_same_for_both_methods(self):
        self.assertEqual(WordDiscovery().reestimate, 3)  # the ngram method
        self.assertEqual(WordDiscovery(method='cut').reestimate, 3)
        self.assertEqual(WordDiscovery(reestimate=0).reestimate, 0)
        self.assertRaises(ValueError, WordDiscovery, reestimate_pieces='some')

    def test_options_all_find_the_words(self):
        text = synthetic_text(400)
        for options in ({}, {'reestimate_pieces': 'frequent'}, {'reestimate': 1},
                        {'method': 'ngram'}):
            finder = WordDiscovery(**options)
            lexicon = finder.train(text).find()
            for word in (u'中国', u'人民', u'经济', u'农民'):
                self.assertIn(word, lexicon, (word, options))


if __name__ == '__main__':
    unittest.main()
