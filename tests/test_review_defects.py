# -*- coding: utf-8 -*-
"""Defects found in review of 0.2, each with the test that shows it fixed."""

import pickle
import unittest

from support import BACKENDS, TempDirTestCase, run_cli

from nlp_zero import (Cooccurrence, Corpus, CorpusError, FormatError, SimplerGlove, Tokenizer,
                      WordDiscovery, discover_words, fragments)
from nlp_zero.words.discovery import normalize_text
from nlp_zero.words.discovery.normalize import restore
from nlp_zero.text.marks import COMBINING, join_combining


def failing_after(lines, n):
    """An iterable of ``lines`` that raises after ``n`` of them (a bad byte, Ctrl-C)."""
    class Failing(object):
        def __iter__(self):
            for number, line in enumerate(lines):
                if number == n:
                    raise CorpusError('simulated failure')
                yield line
    return Failing()


class NormalizeWithAPatternTest(unittest.TestCase):

    def test_runs_align_with_their_stand_ins(self):
        normalized, runs = normalize_text(u'ab 12 cd', pattern=u'[a-z]+')
        # digits are not word characters under this pattern: they separate
        self.assertEqual(restore(normalized, runs), u'ab    cd')

    def test_default_pattern_restores_the_text(self):
        text = u'1998年，ＡＢＣ公司'
        normalized, runs = normalize_text(text)
        self.assertEqual(restore(normalized, runs), u'1998年 ＡＢＣ公司')


class SpoolTest(unittest.TestCase):

    def test_a_spooled_generator_reads_the_same_in_every_encoding(self):
        def texts():
            yield u'first line'
            yield u'二行目\r\r'
            yield u'x\ud800y' if not str is bytes else u'plain'
        for encoding in ('utf-8', 'utf-16', 'ascii', 'latin-1'):
            corpus = Corpus.from_texts(texts(), spool=True, encoding=encoding)
            first = list(corpus)
            self.assertEqual(list(corpus), first, encoding)
            self.assertEqual(first[1], u'二行目\r')


class AllOrNothingTest(unittest.TestCase):

    LINES = [u'a b c d e f', u'b c d e a'] * 20

    def test_cooccurrence_counting_is_all_or_nothing(self):
        for backend in BACKENDS:
            table = Cooccurrence.count(self.LINES, min_count=1, window=2, backend=backend)
            pairs, tokens = dict(table.pairs.items()), table.tokens
            with self.assertRaises(CorpusError):
                table.add(failing_after(self.LINES, 30), backend=backend)
            self.assertEqual(dict(table.pairs.items()), pairs, backend)
            self.assertEqual(table.tokens, tokens, backend)

    def test_discovery_training_is_all_or_nothing(self):
        text = [u'中国人民共和国成立了'] * 50
        finder = WordDiscovery()
        finder.train(text)
        def state():
            return (sorted(zip(*finder.tables[2].keys_and_counts())), finder.total_chars,
                    len(finder.corpora))
        before = state()
        with self.assertRaises(CorpusError):
            finder.train(failing_after(text, 30))
        self.assertEqual(state(), before)
        self.assertEqual(len(finder.corpora), len(finder._caches))
        self.assertEqual(finder.find(), WordDiscovery().train(text).find())


class CombiningMarksTest(unittest.TestCase):

    def test_marks_belong_to_their_letters(self):
        self.assertEqual(fragments(u'नमस्ते दुनिया'), [u'नमस्ते', u'दुनिया'])
        self.assertEqual(fragments(u'e\u0301té'), [u'e\u0301té'])

    def test_the_tokenizer_keeps_marks_in_words(self):
        lexicon = discover_words([u'नमस्ते दुनिया नमस्ते'] * 30)
        tokens = Tokenizer(lexicon).tokenize(u'नमस्ते दुनिया')
        self.assertEqual(u''.join(tokens), u'नमस्तेदुनिया')
        self.assertTrue(all(not (u'\u0900' <= t[0] <= u'\u0903' or u'\u093e' <= t[0] <= u'\u094d')
                            for t in tokens), tokens)

    def test_no_discovered_word_starts_with_a_mark(self):
        # vowel signs and viramas stay with their letters, whatever the counts
        text = [u'नमस्ते दुनिया नमस्ते', u'किताब पढ़िए नमस्ते दुनिया'] * 30
        for method in ('ngram', 'cut'):
            for backend in BACKENDS:
                lexicon = discover_words(text, method=method, backend=backend)
                self.assertFalse([w for w in lexicon if COMBINING.match(w)], (method, backend))
                tokens = Tokenizer(lexicon).tokenize(u'नमस्ते दुनिया किताब')
                self.assertFalse([t for t in tokens if COMBINING.match(t)], tokens)

    def test_a_fragment_may_start_with_a_mark(self):
        # (malformed text: the mark follows a space) every backend counts it
        # alike, and no word of two characters or more starts with it
        from nlp_zero.words.discovery.cutting import BatchWork
        counts = []
        for backend in BACKENDS:
            work = BatchWork(order=4, backend=backend)
            work.set_kept({})
            work.set_eligible([])
            counts.append(work.count_alone(u'\u0915 \u093e\u0916 \u0917 ab \u0301c'))
        for other in counts[1:]:
            self.assertEqual(other, counts[0])
        text = [u'नमस्ते दुनिया, \u093eक, किताब'] * 200
        for backend in BACKENDS:
            lexicon = discover_words(text, backend=backend)
            self.assertFalse([w for w in lexicon if len(w) > 1 and COMBINING.match(w)])

    def test_a_token_starting_with_a_mark_joins_the_one_before(self):
        self.assertEqual(join_combining([u'न', u'मस', u'्त', u'े', u' ', u'\u093e']),
                         [u'न', u'मस्ते', u' ', u'\u093e'])
        tokens = Tokenizer({u'नम': 5}).tokenize(u'नमस्ते')
        self.assertEqual(tokens, [u'नम', u'स्', u'ते'])  # unknown letters: one each, with its marks


class PickleTest(unittest.TestCase):

    def test_a_tokenizer_can_be_pickled(self):
        tokenizer = Tokenizer({u'中国': 5, u'人民': 3, u'2020年': 2})
        copy = pickle.loads(pickle.dumps(tokenizer))
        for text in (u'中国人民', u'2020年的中国', u'ABC人民'):
            self.assertEqual(copy.tokenize(text), tokenizer.tokenize(text))


class GloveDimensionTest(unittest.TestCase):

    def test_a_suggested_dimension_is_chosen_per_fit(self):
        small = Cooccurrence.count([u'a b c', u'b c d'] * 5, min_count=1, window=2)
        model = SimplerGlove(dim=None, epochs=1, backend='python')
        vectors = model.fit(small)
        self.assertIsNone(model.dim)
        self.assertEqual(vectors.vector_size, 12)  # suggested for 4 words

    def test_x_max_must_be_positive(self):
        self.assertRaises(ValueError, SimplerGlove, x_max=0)


class NoLimitTest(unittest.TestCase):

    def test_max_entries_none_means_no_limit(self):
        text = [u'中国人民共和国成立了'] * 20
        unbounded = WordDiscovery(max_entries=None).train(text).find()
        self.assertEqual(unbounded, WordDiscovery().train(text).find())


class CooccurrenceFileTest(TempDirTestCase):

    def test_fit_on_an_empty_table_says_why(self):
        empty = Cooccurrence.count([u'a', u'b'], min_count=1, window=2)
        with self.assertRaises(CorpusError) as caught:
            SimplerGlove(dim=4, epochs=1, backend='python').fit(empty)
        self.assertIn('no pairs', str(caught.exception))

    def test_load_names_the_file_for_every_problem(self):
        table = Cooccurrence.count([u'a b c', u'b c a'], min_count=1, window=2)
        good = self.path('good.txt')
        table.save(good)
        with open(good, 'rb') as f:
            data = f.read()
        cases = {
            'missing': None,
            'latin1': data.replace(b'\tb\t', b'\t\xe9\t'),
            'zero': data.replace(b'\t2\n', b'\t0\n'),
            'negative': data + b'p\t0\t1\t-3\n',
            'window0': data.replace(b'"window": 2', b'"window": 0'),
            'window_huge': data.replace(b'"window": 2', b'"window": 1e999'),
            'tokens_null': data.replace(b'"tokens": ', b'"tokens": null, "x": '),
            'twice': data.replace(b'w\tb\t', b'w\ta\t'),
            'nested': data.replace(b'# {', b'# ' + b'[' * 100000 + b'{'),
        }
        for name, content in cases.items():
            path = self.path(name + '.txt')
            if content is not None:
                with open(path, 'wb') as f:
                    f.write(content)
            with self.assertRaises(FormatError, msg=name) as caught:
                Cooccurrence.load(path)
            self.assertIn(name, str(caught.exception))

    def test_save_refuses_a_word_it_could_not_read_back(self):
        table = Cooccurrence.count([u'a b\tc', u'b a'], min_count=1, window=2)
        table.words[0] = u'a\tb'
        self.assertRaises(ValueError, table.save, self.path('t.txt'))


class OptionErrorsTest(TempDirTestCase):

    def test_every_wrong_option_is_one_line_with_the_usage_status(self):
        corpus = self.write_text('c.txt', u'中国人民\n' * 10)
        for argv in (['discover', corpus, '--min-count', 'x'],    # argparse type
                     ['discover', corpus, '--order', '9'],         # checked by the command
                     ['vectors', corpus, '-o', self.path('v'), '--backend', 'fortran'],
                     ['stats', corpus, '--no-such-option']):
            status, out, err = run_cli(*argv)
            self.assertEqual(status, 2, argv)
            self.assertEqual(len(err.strip().splitlines()), 1, err)


if __name__ == '__main__':
    unittest.main()
