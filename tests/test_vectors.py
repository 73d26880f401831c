# -*- coding: utf-8 -*-
"""WordVectors queries, evaluation and files; the vector commands."""

import os
import unittest

from support import BACKENDS, TempDirTestCase, run_cli

from nlp_zero import FormatError
from nlp_zero.evaluate import pearson, ranks, read_analogies, read_word_pairs, spearman
from nlp_zero.vectors import WordVectors, cholesky

#: A toy geometry: axis 0 is "royal", axis 1 "female", axis 2 "fruit".
WORDS = [u'king', u'queen', u'man', u'woman', u'apple', u'pear', u'the']
ROWS = [[1.0, 0.0, 0.0, 0.2], [1.0, 1.0, 0.0, 0.2], [0.0, 0.0, 0.0, 1.0],
        [0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 2.0, 0.1], [0.1, 0.0, 1.8, 0.1],
        [0.1, 0.1, 0.1, 0.1]]


def toy(backend='auto'):
    return WordVectors(WORDS, ROWS, backend=backend)


class QueryTest(unittest.TestCase):

    def both(self, check):
        for backend in BACKENDS:
            check(toy(backend))

    def test_lookup(self):
        v = toy()
        self.assertIn(u'king', v)
        self.assertEqual(list(v[u'pear']), ROWS[5])
        self.assertEqual(len(v), 7)
        with self.assertRaises(KeyError) as caught:
            v[u'unicorn']
        self.assertIn(u'unicorn', str(caught.exception))

    def test_most_similar_is_cosine(self):
        def check(v):
            self.assertEqual(v.most_similar(u'apple', topn=1)[0][0], u'pear')
            best = v.most_similar(positive=[u'queen'], negative=[u'woman'], topn=1)[0]
            self.assertEqual(best[0], u'king')
        self.both(check)

    def test_most_related_is_the_inner_product(self):
        def check(v):
            self.assertEqual(v.most_related(u'man', topn=1)[0], (u'woman', 1.0))
        self.both(check)

    def test_similarity_and_analogy(self):
        def check(v):
            self.assertAlmostEqual(v.similarity(u'king', u'king'), 1.0)
            self.assertEqual(v.analogy(u'man', u'king', u'woman')[0][0], u'queen')
        self.both(check)

    def test_sentences(self):
        v = toy()
        self.assertEqual(list(v.sentence_vector([u'man', u'woman', u'unknown'])),
                         [0.0, 1.0, 0.0, 2.0])
        self.assertEqual(list(v.sentence_vector([u'man', u'woman'], mode='mean')),
                         [0.0, 0.5, 0.0, 1.0])
        self.assertEqual(v.keywords([u'the', u'apple', u'pear'])[-1][0], u'the')
        self.assertGreater(v.sentence_similarity([u'apple'], [u'pear', u'the']),
                           v.sentence_similarity([u'apple'], [u'man']))

    def test_correlation_similar_is_pearson_of_pmi_profiles(self):
        v = toy()
        context = WORDS[:5]

        def profile(word):
            return [sum(a * b for a, b in zip(v[word], v[c])) for c in context]

        expected = sorted((w for w in WORDS if w != u'queen'),
                          key=lambda w: -pearson(profile(u'queen'), profile(w)))
        for backend in BACKENDS:
            got = toy(backend).correlation_similar(u'queen', n_context=5, topn=6)
            self.assertEqual([w for w, _ in got][:3], expected[:3])
            self.assertAlmostEqual(got[0][1], pearson(profile(u'queen'), profile(got[0][0])),
                                   places=4)

    def test_cholesky(self):
        m = [[4.0, 2.0], [2.0, 3.0]]
        low = cholesky(m)
        for i in range(2):
            for j in range(2):
                self.assertAlmostEqual(sum(low[i][k] * low[j][k] for k in range(2)), m[i][j])


class MetricsTest(unittest.TestCase):

    def test_correlations(self):
        self.assertAlmostEqual(pearson([1, 2, 3], [2, 4, 6]), 1.0)
        self.assertAlmostEqual(spearman([1, 2, 3, 4], [1, 4, 9, 16]), 1.0)
        self.assertAlmostEqual(spearman([1, 2, 3], [3, 2, 1]), -1.0)
        self.assertEqual(ranks([10, 20, 10]), [1.5, 3.0, 1.5])
        self.assertEqual(pearson([1, 1], [1, 2]), 0.0)


class EvaluationTest(TempDirTestCase):

    def test_word_pairs(self):
        path = self.write_text('sim.tsv', u'# comment\nking\tqueen\t8\nking\tapple\t1\n'
                                          u'apple\tpear\t9\nman\tdragon\t5\n')
        self.assertEqual(len(read_word_pairs(path)), 4)
        for backend in BACKENDS:
            result = toy(backend).evaluate_word_pairs(path)
            self.assertAlmostEqual(result.spearman, 1.0)
            self.assertEqual((result.used, result.total), (3, 4))
            self.assertAlmostEqual(result.coverage, 0.75)

    def test_analogies(self):
        path = self.write_text('an.txt', u': royal\nman king woman queen\nMan King Woman Queen\n'
                                         u'king man queen apple\n: missing\nman king dragon x\n')
        self.assertEqual([len(q) for _, q in read_analogies(path)], [3, 1])
        for backend in BACKENDS:
            result = toy(backend).evaluate_word_analogies(path)
            self.assertEqual((result.correct, result.used, result.total), (2, 3, 4))
            self.assertEqual(result.sections[0], (u'royal', 2, 3, 3))
            self.assertAlmostEqual(result.coverage, 0.75)

    def test_bad_analogy_line(self):
        path = self.write_text('an.txt', u': s\na b c\n')
        with self.assertRaises(FormatError) as caught:
            read_analogies(path)
        self.assertIn('line 2', str(caught.exception))


class FileTest(TempDirTestCase):

    def test_word2vec_round_trip(self):
        path = self.path('v.txt')
        v = WordVectors([u'北京', u'b'], [[0.5, -1.25], [1e-8, 3.0]])
        v.save_word2vec_format(path)
        self.assertEqual(self.read_text('v.txt').split(u'\n')[0], u'2 2')
        again = WordVectors.load_word2vec_format(path)
        self.assertEqual(again.index_to_key, [u'北京', u'b'])
        self.assertEqual(list(again[u'北京']), [0.5, -1.25])
        self.assertAlmostEqual(again[u'b'][0], 1e-8)
        self.assertEqual(len(WordVectors.load_word2vec_format(path, limit=1)), 1)

    def test_glove_format_without_header(self):
        path = self.write_text('g.txt', u'a 1 2 3\nb 4 5 6\n')
        v = WordVectors.load_word2vec_format(path)
        self.assertEqual((len(v), v.vector_size), (2, 3))

    def test_truncated_and_malformed_files(self):
        path = self.write_text('t.txt', u'3 2\na 1 2\nb 3 4\n')
        with self.assertRaises(FormatError) as caught:
            WordVectors.load_word2vec_format(path)
        self.assertIn('truncated', str(caught.exception))
        path = self.write_text('m.txt', u'2 2\na 1 2\nb 3\n')
        with self.assertRaises(FormatError) as caught:
            WordVectors.load_word2vec_format(path)
        self.assertIn('line 3', str(caught.exception))
        path = self.write_text('n.txt', u'2 2\na 1 2\nb 3 x\n')
        self.assertRaises(FormatError, WordVectors.load_word2vec_format, path)

    def assert_refused(self, name, data, line, words=(), loader=None):
        path = self.write_bytes(name, data)
        with self.assertRaises(FormatError) as caught:
            (loader or WordVectors.load_word2vec_format)(path)
        message = str(caught.exception)
        self.assertIn('%s, line %d' % (name, line), message)
        for word in words:
            self.assertIn(word, message)

    def test_values_that_are_not_finite_are_refused_with_their_line(self):
        # issue 13, item 12
        for value in (b'nan', b'NaN', b'inf', b'-inf', b'Infinity', b'1e999'):
            self.assert_refused('nan.txt', b'2 2\na 1 2\nb 3 ' + value + b'\n', 3,
                                ['not a finite number'])
            self.assert_refused('glove.txt', b'a 1 ' + value + b'\n', 1, ['not a finite'])

    def test_tab_separated_vectors_are_refused_not_read_as_empty_vectors(self):
        # issue 13, item 12: "a<TAB>1<TAB>2" used to be a word with no values
        self.assert_refused('tabs.txt', b'a\t1\t2\nb\t3\t4\n', 1, ['tab'])
        self.assert_refused('tabs2.txt', b'2 2\na\t1\t2\nb\t3\t4\n', 2, ['tab'])
        self.assert_refused('words.txt', b'a\nb\n', 1, ['expected a word and some numbers'])

    def test_a_header_without_a_vector_size_is_refused(self):
        self.assert_refused('zero.txt', b'2 0\na\nb\n', 1, ['header'])
        self.assert_refused('minus.txt', b'-2 3\na 1 2 3\n', 1, ['header'])

    def test_files_of_one_endless_line_are_refused_at_once(self):
        # issue 13, item 10: vectors, word pairs and analogies alike
        endless = b'\x00' * (3 << 20)
        self.assert_refused('v.txt', b'1 2\n' + endless, 2, ['longer than'])
        self.assert_refused('ws.txt', endless, 1, ['longer than'], read_word_pairs)
        self.assert_refused('an.txt', b': s\n' + endless, 2, ['longer than'], read_analogies)

    def test_missing_files_are_format_errors_naming_them(self):
        for loader in (WordVectors.load_word2vec_format, read_word_pairs, read_analogies):
            with self.assertRaises(FormatError) as caught:
                loader(self.path('nothing.txt'))
            self.assertIn('nothing.txt', str(caught.exception))

    def test_word_pair_scores_that_are_not_finite_are_refused(self):
        for value in (b'nan', b'inf', b'1e999'):
            self.assert_refused('ws.txt', b'a\tb\t1\nc\td\t' + value + b'\n', 2, ['finite'],
                                read_word_pairs)

    def test_undecodable_bytes(self):
        path = self.write_bytes('u.txt', b'1 2\n\xff\xfe 1 2\n')
        self.assertRaises(FormatError, WordVectors.load_word2vec_format, path)
        v = WordVectors.load_word2vec_format(path, unicode_errors='replace')
        self.assertEqual(len(v), 1)


class CommandTest(TempDirTestCase):

    def test_train_query_and_evaluate(self):
        lines = []
        for n in range(300):
            group = [u'a%d' % (n % 4), u'a%d' % ((n + 1) % 4)] if n % 2 else \
                [u'b%d' % (n % 4), u'b%d' % ((n + 3) % 4)]
            lines.append(u' '.join(group * 3))
        corpus = self.write_text('c.txt', u'\n'.join(lines) + u'\n')
        out = self.path('v.txt')
        status, stdout, stderr = run_cli('vectors', corpus, '-o', out, '--dim', '6',
                                         '--epochs', '3', '--min-count', '2',
                                         '--window', '2', '--backend', 'python')
        self.assertEqual(status, 0, stderr)
        self.assertIn('epoch 3/3', stderr)
        self.assertIn('ETA', stderr)
        self.assertIn('updates/s', stderr)
        self.assertIn('training backend: python', stderr)
        self.assertIn('(asked for)', stderr)
        status, stdout, stderr = run_cli('similar', out, 'a1', '--topn', '2')
        self.assertEqual(status, 0, stderr)
        self.assertTrue(stdout.startswith(u'a1\t'))
        status, stdout, stderr = run_cli('similar', out, 'a1', '--related')
        self.assertEqual(status, 0, stderr)
        status, stdout, stderr = run_cli('similar', out, 'zzz')
        self.assertEqual(status, 1)
        self.assertIn('zzz', stderr)
        sim = self.write_text('s.tsv', u'a1\ta2\t9\na1\tb1\t1\nb1\tb2\t8\n')
        status, stdout, stderr = run_cli('evaluate-vectors', out, '--wordsim', sim)
        self.assertEqual(status, 0, stderr)
        self.assertIn(u's.tsv\tspearman', stdout)
        unknown = self.write_text('u.tsv', u'zzz\ta1\t9\nyyy\tb1\t1\n')
        analogies = self.write_text('q.txt', u': x\nzzz yyy a1 b1\n')
        status, stdout, stderr = run_cli('evaluate-vectors', out, '--wordsim', unknown,
                                         '--analogy', analogies)
        self.assertEqual(status, 0, stderr)
        self.assertIn(u'u.tsv\tspearman n/a\tpearson n/a\tcoverage 0.000 (0/2 pairs)', stdout)
        self.assertIn(u'q.txt\taccuracy n/a\tcoverage 0.000 (0/1 questions)', stdout)

    def test_raw_chinese_is_tokenized_with_a_lexicon(self):
        lexicon = self.write_text('lex.tsv', u'我们\t50\n喜欢\t40\n苹果\t30\n香蕉\t30\n')
        corpus = self.write_text('zh.txt', u'我们喜欢苹果。我们喜欢香蕉！\n' * 30)
        out = self.path('v.txt')
        status, _, stderr = run_cli('vectors', corpus, '-o', out, '--lexicon', lexicon,
                                    '--dim', '4', '--epochs', '1', '--min-count', '1',
                                    '--backend', 'python')
        self.assertEqual(status, 0, stderr)
        words = set(WordVectors.load_word2vec_format(out).index_to_key)
        self.assertEqual(words, set([u'我们', u'喜欢', u'苹果', u'香蕉']))

    def test_a_checkpointed_run_resumes(self):
        corpus = self.write_text('c.txt', u'a b c d a b c d\n' * 50 + u'e f g h e f g h\n' * 50)
        out, state = self.path('v.txt'), self.path('state.ckpt')
        args = ('vectors', corpus, '-o', out, '--dim', '4', '--min-count', '1', '--window', '2',
                '--backend', 'python', '--checkpoint', state)
        status, _, stderr = run_cli(*(args + ('--epochs', '1')))
        self.assertEqual(status, 0, stderr)
        status, _, stderr = run_cli(*(args + ('--epochs', '2')))
        self.assertEqual(status, 0, stderr)
        self.assertIn('resuming', stderr)
        self.assertIn('epoch 2/2', stderr)
        self.assertNotIn('epoch 1/2', stderr)

    def test_a_bad_vectors_file_is_one_line_error(self):
        bad = self.write_text('bad.txt', u'2 2\na 1 2\n')
        status, stdout, stderr = run_cli('similar', bad, 'a')
        self.assertEqual(status, 1)
        self.assertIn('truncated', stderr)
        self.assertEqual(len(stderr.strip().split(u'\n')), 1)

    def test_an_unknown_word_is_named_in_one_line(self):
        vectors = self.write_text('v.txt', u'2 2\na 1 2\nb 2 1\n')
        status, stdout, stderr = run_cli('similar', vectors, 'zzz')
        self.assertEqual(status, 1)
        self.assertIn(u"word 'zzz' is not in the vocabulary", stderr)
        self.assertEqual(len(stderr.strip().split(u'\n')), 1)
        status, stdout, stderr = run_cli('similar', vectors, 'a', '--topn', '0')
        self.assertEqual(status, 2)  # a wrong option: the usage status
        self.assertIn(u'--topn', stderr)

    def test_a_repeated_word_is_named(self):
        vectors = self.write_text('v.txt', u'3 2\na 1 2\nb 2 1\na 1 1\n')
        status, stdout, stderr = run_cli('similar', vectors, 'a')
        self.assertEqual(status, 1)
        self.assertIn(u'line 4: the word a occurs twice (first on line 2)', stderr)

    def test_evaluation_files_that_are_not_utf8_name_their_line(self):
        vectors = self.write_text('v.txt', u'2 2\na 1 2\nb 2 1\n')
        for option, first in (('--wordsim', b'a\tb\t1\n'), ('--analogy', b'a b a b\n')):
            bad = self.write_bytes('bad.txt', first + b'\xff\xfe b a b\n')
            status, stdout, stderr = run_cli('evaluate-vectors', vectors, option, bad)
            self.assertEqual(status, 1, option)
            self.assertIn(u'line 2: not UTF-8 text', stderr)
            self.assertEqual(len(stderr.strip().split(u'\n')), 1, stderr)

    def test_output_dash_is_stdout(self):
        corpus = self.write_text('c.txt', u'a b c d\n' * 20)
        status, stdout, stderr = run_cli('vectors', corpus, '-o', '-', '--min-count', '1',
                                         '--dim', '3', '--epochs', '1', '-q')
        self.assertEqual(status, 0, stderr)
        self.assertEqual(stdout.split(u'\n')[0], u'4 3')
        self.assertEqual(len(stdout.strip().split(u'\n')), 5)

    def test_empty_files_are_one_line_errors(self):
        vectors = self.write_text('v.txt', u'2 2\na 1 2\nb 2 1\n')
        empty = self.write_text('empty.txt', u'')
        status, stdout, stderr = run_cli('similar', empty, 'a')
        self.assertEqual(status, 1)
        self.assertIn(u'holds no vectors', stderr)
        for option in ('--wordsim', '--analogy'):
            status, stdout, stderr = run_cli('evaluate-vectors', vectors, option, empty)
            self.assertEqual(status, 1, option)
            self.assertIn(u'empty.txt holds no', stderr)
            self.assertEqual(len(stderr.strip().split(u'\n')), 1, stderr)

    def test_a_missing_output_folder_fails_before_counting(self):
        corpus = self.write_text('c.txt', u'a b c d\n' * 20)
        for option in ('-o', '--counts', '--checkpoint'):
            args = ['vectors', corpus, '-o', self.path('v.txt'), '--min-count', '1']
            args += [option, self.path('missing', 'out.txt')]
            status, stdout, stderr = run_cli(*args)
            self.assertEqual(status, 1, option)
            self.assertIn(u'no folder', stderr)
            self.assertNotIn(u'training', stderr)
            self.assertFalse(os.path.exists(self.path('v.txt')))
        status, stdout, stderr = run_cli('vectors', corpus, '-o', self.tmp, '--min-count', '1')
        self.assertEqual(status, 1)
        self.assertIn(u'it is a folder', stderr)


if __name__ == '__main__':
    unittest.main()
