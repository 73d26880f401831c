# -*- coding: utf-8 -*-
"""Word discovery: finding words in raw text without a dictionary."""

import random
import unittest
from collections import Counter

from support import BACKENDS, TempDirTestCase, numpy, random_sentences, run_cli

from nlp_zero import CorpusError, Lexicon
from nlp_zero.words.discovery import normalize as normalize_module
from nlp_zero.words.discovery.cutting import BatchWork
from nlp_zero.words.discovery.ngrams import pack_all
from nlp_zero.words.discovery.normalize import Normalizer
from nlp_zero.discovery import (LATIN, NUMBER, WordDiscovery, discover_words, new_words,
                                normalize_text, remove_redundancy)
from nlp_zero.information import information_per_char
from nlp_zero.legacy import Word_Finder
from nlp_zero.progress import Progress

WORDS = [u'中国', u'人民', u'发展', u'经济', u'北京', u'世界', u'和平', u'我们', u'学习',
         u'社会主义', u'现代化', u'建设', u'科学', u'技术', u'农民', u'工人']
FUNCTION_CHARS = [u'的', u'在', u'了', u'和', u'是']


def synthetic_text(lines=600, seed=7):
    """Sentences made of a few words and function characters, with
    punctuation: the words are what discovery should find."""
    return random_sentences(WORDS, FUNCTION_CHARS, lines, seed, (4, 9), 0.5,
                            [u'。', u'，', u'！'])


class DiscoveryTest(unittest.TestCase):

    def test_finds_the_words_of_a_text(self):
        lexicon = discover_words(synthetic_text())
        found = [w for w in WORDS if w in lexicon]
        self.assertGreaterEqual(len(found), len(WORDS) - 2, found)
        self.assertIsInstance(lexicon, Lexicon)

    def test_ngram_method_finds_them_too(self):
        lexicon = discover_words(synthetic_text(), method='ngram')
        found = [w for w in WORDS if w in lexicon]
        self.assertGreaterEqual(len(found), len(WORDS) - 3, found)

    def test_train_again_after_find(self):
        text = synthetic_text()
        finder = WordDiscovery()
        finder.train(text[:300])
        first = finder.find()
        finder.train(text[300:])
        second = finder.find()
        self.assertGreater(second.total, first.total)
        self.assertIn(u'中国', second)

    def test_incremental_training_equals_one_shot_training(self):
        text = synthetic_text()
        step = WordDiscovery()
        step.train(text[:250])
        step.train(text[250:])
        once = WordDiscovery()
        once.train(text)
        self.assertEqual(dict(step.find().items()), dict(once.find().items()))

    def test_a_generator_can_be_trained_on(self):
        finder = WordDiscovery()
        finder.train(line for line in synthetic_text())
        self.assertIn(u'中国', finder.find())

    def test_empty_punctuation_and_one_character_corpora_are_refused(self):
        for text in ([], [u''], [u'，。！？ ……'], [u'好']):
            finder = WordDiscovery()
            finder.train(text)
            with self.assertRaises(CorpusError) as caught:
                finder.find()
            self.assertIn(u'text', str(caught.exception))

    def test_unknown_method_is_refused(self):
        self.assertRaises(ValueError, WordDiscovery, method='magic')

    def test_count_tables_are_pruned_and_say_so(self):
        messages = []
        progress = Progress(quiet=True)
        progress.log = messages.append
        finder = WordDiscovery(max_entries=50, progress=progress)
        finder.train(synthetic_text(200))
        finder.find()
        self.assertTrue(any(u'pruned' in m for m in messages), messages)
        self.assertLessEqual(len(finder.tables[2].counts), 50)

    def test_characters_outside_the_bmp_do_not_break_counting(self):
        text = synthetic_text(100) + [u'\U00020000\U00020001中国人民']
        self.assertIn(u'中国', discover_words(text))


class SameLexiconTest(unittest.TestCase):
    """Worker processes and NumPy only make discovery faster: the lexicon
    stays the same."""

    def setUp(self):
        # small batches: the text is many batches, and the tables are pruned between them
        self.batch_chars = normalize_module.BATCH_CHARS
        normalize_module.BATCH_CHARS = 300

    def tearDown(self):
        normalize_module.BATCH_CHARS = self.batch_chars

    def find(self, **options):
        finder = WordDiscovery(max_entries=150, **options)
        finder.train(synthetic_text(300))
        return finder.find(), finder

    def test_workers_find_the_same_lexicon(self):
        for options in ({}, {'cache_bytes': 0}, {'method': 'cut'}):
            alone, one = self.find(workers=1, **options)
            shared, many = self.find(workers=3, **options)
            self.assertEqual(sorted(alone.items()), sorted(shared.items()))
            self.assertEqual(one.pieces, many.pieces)
            self.assertGreater(many.tables[2].prunings, 0)
            self.assertEqual(many._helpers, [])  # stopped at the end of find

    def test_every_backend_finds_the_same_lexicon(self):
        for options in ({}, {'method': 'cut'}):
            found = [self.find(backend=backend, **options)[0] for backend in BACKENDS]
            for other in found[1:]:
                self.assertEqual(sorted(found[0].items()), sorted(other.items()))

    def test_numpy_finds_the_same_gaps_to_keep(self):
        # every order, texts shorter than the n-grams, spaces between fragments
        rng = random.Random(5)
        text = u''.join(rng.choice(u'我们是中国人民的朋友大家好 ') for _ in range(3000)) + u' '
        grams = dict((n, sorted(set(text[i:i + n] for i in range(0, len(text) - n, 5)
                                    if u' ' not in text[i:i + n]))[:60]) for n in (2, 3, 4))
        for order in (2, 3, 4):
            kept = dict((n, pack_all(grams[n], n)) for n in range(2, order + 1))
            for piece in (text, text[:1] + u' ', text[:2] + u' ', text[:3] + u' '):
                data = piece.encode('utf-16-le')
                covers = []
                for backend in BACKENDS:
                    work = BatchWork(order=order, backend=backend)
                    work.set_kept(kept)
                    covers.append([bool(flag) for flag in work.cover(data, len(piece),
                                                                      work.kept)])
                # gap j is kept when a listed n-gram starting at s spans it: s <= j <= s+n-2
                spanned = [any(piece[s:s + n] in grams[n] for n in range(2, order + 1)
                               for s in range(max(0, j - n + 2), j + 1))
                           for j in range(len(piece) - 1)]
                self.assertEqual(covers[0], spanned)
                for other in covers[1:]:
                    self.assertEqual(other, covers[0], (order, len(piece)))

    def test_numpy_normalizes_long_texts_alike(self):
        text = (u'二十' + u'\n'.join(synthetic_text(400))
                + u' ABC，1996年 二○○一年\x00 café ＡＢ１２ 3二十 二十3 ab12cd 一 二 三四 XY')
        self.assertGreater(len(text), normalize_module.NUMPY_MIN_CHARS)
        results = []
        for backend in BACKENDS:
            normalizer = Normalizer(numpy=numpy if backend == 'numpy' else None)
            results.append([normalizer.normalize(t) for t in (text, text + u'\U00020000')])
        for other in results[1:]:
            self.assertEqual(other, results[0])

    def test_without_processes_everything_runs_here(self):
        import multiprocessing
        original = multiprocessing.Process

        def refuse(*args, **kwargs):
            raise OSError('no processes here')

        messages = []
        progress = Progress(quiet=True)
        progress.log = messages.append
        multiprocessing.Process = refuse
        try:
            lexicon, _ = self.find(workers=2, progress=progress)
        finally:
            multiprocessing.Process = original
        self.assertEqual(sorted(lexicon.items()), sorted(self.find()[0].items()))
        self.assertTrue(any(u'worker processes' in m for m in messages), messages)


class RedundancyTest(unittest.TestCase):

    def test_a_word_its_parts_explain_is_dropped(self):
        # 的主要 is frequent, but no more than 的 and 主要 side by side predict
        candidates = Counter({u'的': 5000, u'主要': 300, u'的主要': 20, u'问题': 200,
                              u'主': 40, u'要': 80, u'问': 10, u'题': 10})
        words = remove_redundancy(candidates)
        self.assertNotIn(u'的主要', words)
        self.assertEqual(words[u'的'], 5020)
        self.assertEqual(words[u'主要'], 320)
        self.assertIn(u'问题', words)

    def test_a_word_much_more_likely_than_its_parts_stays(self):
        candidates = Counter({u'葡萄': 50, u'葡': 1, u'萄': 1, u'的': 5000})
        self.assertIn(u'葡萄', remove_redundancy(candidates))

    def test_constant_threshold(self):
        candidates = Counter({u'的': 5000, u'主要': 300, u'的主要': 20})
        self.assertIn(u'的主要', remove_redundancy(candidates, 'constant', -100.0))
        self.assertNotIn(u'的主要', remove_redundancy(candidates, 'constant', 1.0))

    def test_discovery_does_not_keep_function_character_compounds(self):
        text = []
        for i in range(300):
            text.append(u'这是我们的主要问题。主要原因很多，')
            text.append(u'他的书和我的笔，你的主要工作是学习。')
        lexicon = discover_words(text)
        self.assertNotIn(u'的主要', lexicon)
        self.assertIn(u'主要', lexicon)


class NumberClassTest(unittest.TestCase):

    def test_digit_and_letter_runs_become_one_symbol(self):
        normalized, runs = normalize_text(u'1998年，ＡＢＣ公司和二○○一年12月')
        self.assertEqual(normalized, NUMBER + u'年 ' + LATIN + u'公司和' + NUMBER + u'年'
                         + NUMBER + u'月')
        self.assertEqual(runs, [u'1998', u'ＡＢＣ', u'二○○一', u'12'])

    def test_number_year_is_learned_from_statistics(self):
        rng = random.Random(3)
        text = []
        for _ in range(400):
            year = rng.choice([u'1998', u'１９９９', u'二○○○', u'2001', u'1997'])
            month = rng.choice([u'1', u'12', u'６'])
            text.append(u'%s年%s月，%s发展了%s。' % (year, month, rng.choice(WORDS),
                                                rng.choice(WORDS)))
        # (the cut method: on so short a text the n-gram method's pair bar of
        # 2 nats is above the PMI of <number>年, log(characters / 800))
        lexicon = discover_words(text, method='cut')
        for word in (u'1998年', u'１９９９年', u'二○○○年', u'12月'):
            self.assertIn(word, lexicon)
        self.assertNotIn(u'年12', lexicon)


class InformationTest(unittest.TestCase):

    def test_information_per_character(self):
        per_char, entropy, length = information_per_char({u'ab': 1, u'cd': 1})
        self.assertAlmostEqual(entropy, 0.6931, places=3)
        self.assertEqual(length, 2.0)
        self.assertAlmostEqual(per_char, 0.3466, places=3)
        self.assertEqual(information_per_char({}), (0.0, 0.0, 0.0))

    def test_discovered_words_lower_it(self):
        finder = WordDiscovery()
        finder.train(synthetic_text())
        lexicon = finder.find()
        chars = information_per_char(finder.char_counts())[0]
        words = information_per_char(dict(lexicon.items()))[0]
        self.assertLess(words, chars)


class NewWordsTest(unittest.TestCase):

    def test_new_words_leave_out_the_known_ones(self):
        lexicon = discover_words(synthetic_text())
        found = new_words(lexicon, known=set([u'中国', u'人民']))
        words = [w for w, _, _ in found]
        self.assertNotIn(u'中国', words)
        self.assertIn(u'经济', words)
        counts = [c for _, c, _ in found]
        self.assertEqual(counts, sorted(counts, reverse=True))
        self.assertTrue(all(len(w) >= 2 for w in words))


class LegacyWordFinderTest(unittest.TestCase):

    def test_original_methods(self):
        text = synthetic_text()
        finder = Word_Finder()
        finder.train(text)
        finder.find(text)
        self.assertIn(u'中国', finder.words)
        tokenizer = finder.export_tokenizer()
        self.assertEqual(tokenizer.tokenize(u'中国人民'), [u'中国', u'人民'])
        self.assertIn(u'人民', finder.export_trie())
        finder.train(text)  # again after find, as the original allowed
        finder.find(text)


class DiscoverCommandTest(TempDirTestCase):

    def corpus(self):
        return self.write_text('corpus.txt', u'\n'.join(synthetic_text()) + u'\n')

    def test_discover_writes_a_lexicon_and_a_summary(self):
        status, out, err = run_cli('discover', self.corpus(), '-o', self.path('lex.tsv'))
        self.assertEqual(status, 0, err)
        lexicon = Lexicon.load(self.path('lex.tsv'))
        self.assertIn(u'中国', lexicon)
        self.assertIn(u'information per character', err)
        self.assertIn(u'found', err)

    def test_workers_write_the_same_lexicon(self):
        corpus = self.corpus()
        status, out, err = run_cli('discover', corpus, '-o', self.path('one.tsv'), '-q')
        self.assertEqual(status, 0, err)
        status, out, err = run_cli('discover', corpus, '-o', self.path('two.tsv'), '-q',
                                   '--workers', '2')
        self.assertEqual(status, 0, err)
        with open(self.path('one.tsv'), 'rb') as one, open(self.path('two.tsv'), 'rb') as two:
            self.assertEqual(one.read(), two.read())

    def test_new_words_against_a_known_lexicon(self):
        known = self.write_text('known.tsv', u'中国\t10\n人民\t5\n')
        status, out, err = run_cli('discover', self.corpus(), '--new-words', '--exclude', known,
                                   '--method', 'ngram', '-q')
        self.assertEqual(status, 0, err)
        lines = out.splitlines()
        self.assertTrue(lines[0].startswith(u'#'))
        words = [line.split(u'\t')[0] for line in lines[1:]]
        self.assertNotIn(u'中国', words)
        self.assertIn(u'经济', words)
        self.assertEqual(len(lines[1].split(u'\t')), 6)  # word count pmi left right score

    def test_a_corpus_without_words_is_a_one_line_error(self):
        for name, text in (('empty.txt', u''), ('marks.txt', u'，。！\n'), ('one.txt', u'好\n')):
            status, out, err = run_cli('discover', self.write_text(name, text))
            self.assertEqual(status, 1)
            self.assertEqual(len(err.strip().splitlines()), 1, err)
            self.assertIn(u'error', err)

    def test_bad_thresholds_are_a_clear_error(self):
        status, out, err = run_cli('discover', self.corpus(), '--thresholds', 'x')
        self.assertEqual(status, 2)
        self.assertIn(u'--thresholds', err)

    def test_bad_option_values_are_one_line_errors(self):
        for option, value in (('--min-count', '0'), ('--order', '9'), ('--workers', '0'),
                              ('--reestimate', '-1'), ('--max-entries', '0'),
                              ('--top', '-1')):
            status, out, err = run_cli('discover', self.corpus(), option, value)
            self.assertEqual(status, 2, option)
            self.assertIn(option, err)
            self.assertEqual(len(err.strip().splitlines()), 1, err)

    def test_output_dash_is_stdout(self):
        status, out, err = run_cli('discover', self.corpus(), '-o', '-', '-q')
        self.assertEqual(status, 0, err)
        self.assertIn(u'中国\t', out)

    def test_a_missing_output_folder_fails_before_counting(self):
        status, out, err = run_cli('discover', self.corpus(), '-o',
                                   self.path('missing', 'lex.tsv'))
        self.assertEqual(status, 1)
        self.assertIn(u'no folder', err)
        self.assertEqual(len(err.strip().splitlines()), 1, err)


if __name__ == '__main__':
    unittest.main()
