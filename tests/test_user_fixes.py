# -*- coding: utf-8 -*-
"""What a new user tripped on, each with the test that shows it fixed.

The command-line cases run ``python -m nlp_zero`` in a subprocess, as a
user does: the arguments, the locale, the exit status and the two streams
are the real ones.
"""

import io
import os
import re
import sys
import unittest

from support import PY2, TempDirTestCase, run_module

from nlp_zero import Lexicon, WordVectors
from test_discovery import synthetic_text
from test_templates import question_corpus


def one_line(test, err):
    test.assertEqual(len(err.strip().splitlines()), 1, err)
    test.assertNotIn(u'Traceback', err)


class BackendTest(TempDirTestCase):
    """A backend that cannot run is refused before any work, in the
    terms of the command line."""

    def test_missing_numpy_is_one_line_that_names_the_option(self):
        fake = self.write_text(os.path.join('site', 'numpy', '__init__.py'),
                               u'raise ImportError("no NumPy here")\n')
        site = os.path.dirname(os.path.dirname(fake))
        from support import ROOT
        env = {'PYTHONPATH': site + os.pathsep + ROOT}
        for command in ('vectors', 'cooccur'):
            status, out, err = run_module(command, '-o', self.path('out.txt'), '--backend',
                                          'numpy', env=env)
            self.assertEqual(status, 2, err)
            one_line(self, err)  # nothing counted before the refusal
            self.assertIn(u'--backend python', err)
            self.assertNotIn(u'backend=', err)
            self.assertFalse(os.path.exists(self.path('out.txt')))


class OptionValuesTest(TempDirTestCase):
    """Values that were accepted silently are one-line errors."""

    def test_each_wrong_value_is_one_line(self):
        corpus = self.write_text('c.txt', u'\n'.join(question_corpus(60)) + u'\n')
        lexicon = self.path('lex.tsv')
        Lexicon({u'的': 5, u'是': 5, u'呢': 5}).save(lexicon)
        empty = self.write_text('empty.txt', u'')
        cases = [
            (['vectors', '-o', self.path('v.txt'), '--epochs', '0'], 2, u'--epochs'),
            (['vectors', '-o', self.path('v.txt'), '--dim', 'abc'], 2, u'--dim'),
            (['templates', corpus, '-l', lexicon, '--min-proba', '2'], 2, u'--min-proba'),
            (['discover', corpus, '--method', 'cut', '--thresholds', '1,2'], 2,
             u'--method ngram'),
            (['discover', corpus, '--method', 'cut', '--order', '3'], 2, u'--method ngram'),
            (['discover', corpus, '--min-proba', '0.001'], 2, u'--method cut'),
            (['discover', corpus, '--order', '5'], 2, u'--order'),
            (['discover', corpus, '--method', 'ngram', '--thresholds', '1,2,3,4'], 2,
             u'--thresholds'),
            (['parse', '--templates', lexicon, '-l', lexicon, u'甲的乙是丙呢'], 1,
             u'placeholder'),
            (['parse', '--templates', empty, '-l', lexicon, u'甲的乙是丙呢'], 1, u'no templates'),
            (['tokenize', '-l', empty, corpus], 1, u'no words'),
            (['templates', corpus, '-l', empty, '-o', self.path('t.tsv')], 1, u'no words'),
            (['stats', corpus, '--max-line-chars', '-5'], 2, u'--max-line-chars'),
            (['templates', empty, '-l', lexicon, '-o', self.path('t.tsv')], 1, u'no text'),
        ]
        for argv, expected, named in cases:
            status, out, err = run_module(*argv)
            self.assertEqual(status, expected, (argv, err))
            self.assertIn(named, err, argv)
            one_line(self, err)
        self.assertFalse(os.path.exists(self.path('t.tsv')))
        self.assertFalse(os.path.exists(self.path('v.txt')))

    def test_several_lexicons_are_merged(self):
        first, second = self.path('a.tsv'), self.path('b.tsv')
        Lexicon({u'八戒': 5}).save(first)
        Lexicon({u'沙僧': 5}).save(second)
        status, out, err = run_module('tokenize', '-l', first, '-l', second, '-q',
                                      stdin=u'八戒对沙僧道\n'.encode('utf-8'))
        self.assertEqual(status, 0, err)
        self.assertEqual(out, u'八戒 对 沙僧 道\n')
        templates = self.write_text('t.tsv', u'[X] 对 [X]\t5\n')
        status, out, err = run_module('parse', '--templates', templates, '-l', first, '-l',
                                      second, u'八戒对沙僧道')
        self.assertEqual(status, 0, err)
        self.assertEqual(out, u'(八戒)对(沙僧道)\n')
        status, out, err = run_module('vectors', '-', '-l', first, '-l', second, '-o',
                                      self.path('v.txt'), '--min-count', '1', '--dim', '2',
                                      '--epochs', '1', stdin=u'八戒对沙僧道\n'.encode('utf-8'))
        self.assertEqual(status, 0, err)
        words = WordVectors.load_word2vec_format(self.path('v.txt')).index_to_key
        self.assertEqual(sorted(words), sorted([u'八戒', u'对', u'沙僧', u'道']))


class OutputAndTopTest(TempDirTestCase):
    """-o and --top mean the same with and without --new-words."""

    def test_output_and_top_in_both_modes(self):
        corpus = self.write_text('c.txt', u'\n'.join(synthetic_text()) + u'\n')
        status, out, err = run_module('discover', corpus, '--new-words', '--top', '3', '-o',
                                      self.path('nw.tsv'), '-q')
        self.assertEqual(status, 0, err)
        self.assertEqual(out, u'')
        rows = self.read_text('nw.tsv').splitlines()
        self.assertEqual(rows[0], u'# word\tcount\tpmi\tleft_entropy\tright_entropy\tscore')
        self.assertEqual(len(rows), 4)
        status, out, err = run_module('discover', corpus, '--top', '5', '-q')
        self.assertEqual((status, len(out.splitlines())), (0, 5), err)
        status, _, err = run_module('discover', corpus, '--top', '5', '-o',
                                    self.path('lex.tsv'), '-q')
        self.assertEqual(status, 0, err)
        self.assertEqual(len(Lexicon.load(self.path('lex.tsv'))), 5)


class VectorsCommandTest(TempDirTestCase):

    def test_similar_reports_unknown_words_and_goes_on(self):
        vectors = self.write_text('v.txt', u'3 2\na 1 2\nb 2 1\nc 1 1\n')
        status, out, err = run_module('similar', vectors, 'zzz', 'a', 'yyy', '--topn', '1')
        self.assertEqual(status, 1)
        self.assertIn(u"'zzz'", err)
        self.assertIn(u"'yyy'", err)
        self.assertTrue(out.startswith(u'a\t'), out)

    def test_unsegmented_chinese_is_cut_with_words_discovered_in_it(self):
        # the words come from the corpus itself, and the log says so
        corpus = self.write_text('zh.txt', u'\n'.join(synthetic_text()) + u'\n')
        status, out, err = run_module('vectors', corpus, '-o', self.path('v.txt'), '--dim', '8',
                                      '--epochs', '2')
        self.assertEqual(status, 0, err)
        self.assertIn(u'no spaces between its words: discovering them first', err)
        self.assertIn(u'--lexicon', err)
        words = WordVectors.load_word2vec_format(self.path('v.txt')).index_to_key
        self.assertIn(u'中国', words)
        self.assertIn(u'建设', words)
        self.assertFalse([w for w in words if len(w) > 8], words)

    def test_segmented_text_is_left_as_it_is(self):
        corpus = self.write_text('zh.txt', u'中国 人民 站 起来 了\n' * 50)
        status, out, err = run_module('vectors', corpus, '-o', self.path('v.txt'), '--dim', '4',
                                      '--epochs', '1', '--min-count', '1')
        self.assertEqual(status, 0, err)
        self.assertNotIn(u'discovering', err)
        self.assertEqual(len(WordVectors.load_word2vec_format(self.path('v.txt'))), 5)

    def test_the_check_reads_the_first_lines_only(self):
        from nlp_zero.cli.vector_commands import _unsegmented
        read = []

        def english():
            for number in range(10000):
                read.append(number)
                yield u'the cat sat on the mat'
        self.assertFalse(_unsegmented(english()))
        self.assertEqual(len(read), 200)
        self.assertTrue(_unsegmented([u'中华人民共和国成立了，人民站起来了'] * 3 + [u'a b']))
        self.assertFalse(_unsegmented([u'中国 人民 站 起来 了 ，'] * 3))
        self.assertFalse(_unsegmented([u'中华人民共和国成立了'] + [u'a b c'] * 3))

    def test_similar_reads_binary_word2vec_files(self):
        # the format is told by the content, whatever the name
        vectors = WordVectors([u'king', u'queen', u'飞机'], [[1, 0.1], [0.9, 0.2], [-1, 0.5]])
        for name in ('vectors.bin', 'vectors.txt'):
            vectors.save_word2vec_format(self.path(name), binary=True)
            status, out, err = run_module('similar', self.path(name), 'king', u'飞机', '--topn',
                                          '1')
            self.assertEqual(status, 0, err)
            self.assertTrue(out.splitlines()[0].startswith(u'king\tqueen 0.99'), out)
            self.assertTrue(out.splitlines()[1].startswith(u'飞机\t'), out)

    def test_undecodable_words_get_a_command_line_hint(self):
        vectors = WordVectors([u'king', u'queen'], [[1, 0.1], [0.9, 0.2]])
        vectors.save_word2vec_format(self.path('v.bin'), binary=True)
        vectors.save_word2vec_format(self.path('v.txt'))
        for name in ('v.bin', 'v.txt'):
            with io.open(self.path(name), 'rb') as f:
                data = f.read().replace(b'queen', b'qu\xffen')
            self.write_bytes(name, data)
            status, out, err = run_module('similar', self.path(name), 'king')
            self.assertEqual(status, 1)
            one_line(self, err)
            self.assertIn(u'--errors replace', err)
            self.assertNotIn(u'unicode_errors', err)
            status, out, err = run_module('similar', self.path(name), 'king', '--errors',
                                          'replace')
            self.assertEqual(status, 0, err)
            self.assertIn(u'qu\ufffden', out)


class RealLinesTest(TempDirTestCase):
    """Lines are real lines, not the pieces of a long one."""

    def test_stats_and_vectors_count_lines_not_pieces(self):
        path = self.write_text('one.txt', u'word other thing ' * 10000)  # no newline
        status, out, err = run_module('stats', path, '--max-line-chars', '1000')
        self.assertEqual(status, 0, err)
        self.assertIn(u'lines\t1\n', out)
        status, out, err = run_module('vectors', path, '--max-line-chars', '1000', '-o',
                                      self.path('v.txt'), '--min-count', '1', '--dim', '2',
                                      '--epochs', '1')
        self.assertEqual(status, 0, err)
        self.assertIn(u'counted 3 distinct words in 1 line\n', err)

    def test_tokenize_keeps_a_long_line_on_one_line(self):
        lexicon = self.path('lex.tsv')
        Lexicon({u'中国': 5, u'人民': 3, u'站起来': 2}).save(lexicon)
        text = u'中国人民站起来了，' * 2000 + u'人民 中国站起来了' * 500 + u'\n人民中国\n'
        path = self.write_text('long.txt', text)
        outputs = []
        for bound in ('50', '997', '0'):  # pieces of 50 or 997 characters; whole lines
            status, out, err = run_module('tokenize', path, '-l', lexicon, '--max-line-chars',
                                          bound, '-q')
            self.assertEqual(status, 0, err)
            outputs.append(out)
        self.assertEqual(outputs[0].count(u'\n'), 2)
        # pieces end at spaces or after punctuation: no word is cut in two
        self.assertTrue(outputs[0] == outputs[1] == outputs[2])


@unittest.skipUnless(sys.platform.startswith('linux'), 'ru_maxrss is in kB on Linux')
@unittest.skipIf(hasattr(sys, 'pypy_version_info'), "PyPy's collector decides its peak")
class TokenizeMemoryTest(TempDirTestCase):
    """`tokenize` reads a huge line in pieces by default."""

    def peak_kb(self, *argv):
        """Peak memory of ``python -m nlp_zero ARGV``, measured by a parent of
        its own (so that no other child of the test run is counted)."""
        script = ('import resource, subprocess, sys\n'
                  'status = subprocess.call([sys.executable, "-m", "nlp_zero"] + sys.argv[1:])\n'
                  'print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n'
                  'sys.exit(status)\n')
        from support import ROOT
        import subprocess
        env = dict(os.environ, PYTHONPATH=ROOT)
        process = subprocess.Popen([sys.executable, '-c', script] + list(argv), env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = process.communicate()
        self.assertEqual(process.returncode, 0, err)
        return int(out.split()[-1])

    def test_a_huge_line_is_tokenized_in_bounded_memory(self):
        lexicon = self.path('lex.tsv')
        Lexicon({u'中国': 5, u'人民': 3, u'站起来': 2}).save(lexicon)
        path = self.write_text('long.txt', u'中国人民站起来了' * 300000)  # 2.4M characters
        output = self.path('out.txt')
        bounded = self.peak_kb('tokenize', path, '-l', lexicon, '-q', '-o', output)
        whole = self.peak_kb('tokenize', path, '-l', lexicon, '-q', '-o', output,
                             '--max-line-chars', '0')
        self.assertLess(bounded, whole * 0.6, (bounded, whole))


@unittest.skipIf(PY2, 'Python 2 passes arguments as bytes')
class CLocaleTest(TempDirTestCase):
    """Chinese arguments and output under LANG=C (Python 3.6 decodes
    the command line as ASCII there)."""

    C_LOCALE = {'LANG': 'C', 'LC_ALL': 'C', 'PYTHONIOENCODING': None, 'PYTHONUTF8': None}

    def test_chinese_words_under_the_c_locale(self):
        vectors = self.write_text('v.txt', u'2 2\n飞机 1 2\n火车 2 1\n')
        status, out, err = run_module('similar', vectors, u'飞机', u'船', env=self.C_LOCALE)
        self.assertTrue(out.startswith(u'飞机\t火车'), (out, err))
        self.assertNotIn(u'Traceback', err)
        self.assertIn(u"word '船' is not in the vocabulary", err)

    def test_chinese_sentences_and_file_names_under_the_c_locale(self):
        lexicon = self.path('lex.tsv')
        Lexicon({u'八戒': 5, u'沙僧': 5, u'道': 3}).save(lexicon)
        templates = self.write_text('templates.tsv', u'[X] 对 [X]\t5\n')
        status, out, err = run_module('parse', '--templates', templates, '-l', lexicon,
                                      u'八戒对沙僧道', env=self.C_LOCALE)
        self.assertEqual(status, 0, err)
        self.assertEqual(out, u'(八戒)对(沙僧道)\n')
        named = self.path(u'词典.tsv')
        if sys.getfilesystemencoding().lower().replace('-', '') != 'utf8':
            return  # (the interpreter cannot name such files at all)
        Lexicon({u'八戒': 5}).save(named)
        status, out, err = run_module('tokenize', '-l', named, stdin=u'八戒\n'.encode('utf-8'),
                                      env=self.C_LOCALE)
        self.assertNotIn(u'Traceback', err)
        if status == 0:  # else one line: this interpreter cannot open the name under LANG=C
            self.assertEqual(out, u'八戒\n')
            self.assertIn(u'词典.tsv', err)
        else:
            one_line(self, err)


class ParseTreeTest(TempDirTestCase):
    """Punctuation bounds blocks; --tree prints the sentence once."""

    def test_blocks_stop_at_marks_and_the_tree_is_printed_once(self):
        lexicon = self.path('lex.tsv')
        Lexicon({u'行者': 9, u'笑道': 5, u'师父': 5, u'这': 5, u'是': 9, u'妖精': 3, u'变': 3,
                 u'的': 9}).save(lexicon)
        templates = self.write_text('t.tsv', u'[X] 笑道\t5\n[X] 是 [X] 的\t5\n[X] 变\t3\n')
        sentence = u'行者笑道：“师父，这是妖精变的！”'
        status, out, err = run_module('parse', '--templates', templates, '-l', lexicon,
                                      sentence)
        self.assertEqual(status, 0, err)
        bracketed = out.strip()
        for clause in re.split(u'[：“”，！]+', bracketed):
            self.assertEqual(clause.count(u'('), clause.count(u')'), bracketed)
        self.assertEqual(re.sub(u'[()]', u'', bracketed), sentence)
        status, out, err = run_module('parse', '--templates', templates, '-l', lexicon,
                                      sentence, '--tree')
        self.assertEqual(status, 0, err)
        self.assertEqual(out.count(bracketed), 1, out)


class SameVectorsEverywhereTest(TempDirTestCase):
    """One seed, the same vectors on every interpreter."""

    def test_the_plain_solver_gives_these_vectors_on_every_interpreter(self):
        from nlp_zero import Cooccurrence, SimplerGlove
        lines = [u'a b c d', u'b c e', u'a c d e', u'd e f a'] * 5
        table = Cooccurrence.count(lines, min_count=1, window=2, backend='python')
        vectors = SimplerGlove(dim=4, epochs=3, seed=5, backend='python').fit(table)
        expected = {u'a': [0.037006, 0.059707, 0.065907, 0.105949],
                    u'c': [0.049915, 0.091905, -0.112299, 0.014327],
                    u'd': [0.117786, 0.024070, 0.091819, -0.108261]}
        for word, values in expected.items():
            for got, value in zip(vectors.get_vector(word), values):
                self.assertAlmostEqual(got, value, places=6)

    def test_the_demo_shows_the_same_vectors_with_and_without_numpy(self):
        shown = []
        for backend in ('auto', 'python'):
            status, out, err = run_module('demo', '-q', env={'NLP_ZERO_BACKEND': backend})
            self.assertEqual(status, 0, err)
            shown.append(out[out.index(u'Word vectors'):])
        self.assertEqual(shown[0], shown[1])
        self.assertIn(u'  similar to 曹操: 且说 起兵 长安 袁术 孙坚 三人 书 却说\n', shown[0])


class TemplatesCommandTest(TempDirTestCase):
    """A template file holds templates, not words or collocations."""

    def test_placeholder_free_entries_only_when_asked_for(self):
        corpus = self.write_text('c.txt', u'\n'.join(question_corpus() + [u'参考文献'] * 100))
        lexicon = self.path('lex.tsv')
        Lexicon({u'参考文献': 100, u'的': 400, u'是': 400}).save(lexicon)
        for extra, phrases in (([], False), (['--keep-phrases'], True)):
            status, out, err = run_module('templates', corpus, '-l', lexicon, '-o',
                                          self.path('t.tsv'), '-q', *extra)
            self.assertEqual(status, 0, err)
            entries = [line.split(u'\t')[0] for line in self.read_text('t.tsv').splitlines()
                       if line and not line.startswith(u'#')]
            self.assertIn(u'[X] 的 [X]', entries)
            self.assertEqual(u'参考文献' in entries, phrases, entries)
            if not phrases:
                self.assertEqual([e for e in entries if u'[X]' not in e], [])


class LoggingTest(unittest.TestCase):

    def test_the_library_logs_and_never_prints(self):
        import logging
        from nlp_zero import Cooccurrence, Progress, discover_words
        records = []
        handler = logging.Handler()
        handler.emit = records.append
        logger = logging.getLogger('nlp_zero')
        logger.addHandler(handler)
        level = logger.level
        logger.setLevel(logging.INFO)  # (setLevel, not .level =: it clears the level cache)
        saved, sys.stderr = sys.stderr, (io.BytesIO() if PY2 else io.StringIO())
        try:
            discover_words([u'中国人民站起来了'] * 20)
            Cooccurrence.count([u'a b c'] * 5, min_count=1, progress=Progress(quiet=False))
            printed = sys.stderr.getvalue()
        finally:
            sys.stderr = saved
            logger.removeHandler(handler)
            logger.setLevel(level)
        self.assertEqual(printed, b'' if PY2 else u'')
        self.assertTrue(any('co-occurrence' in r.getMessage() for r in records), records)


if __name__ == '__main__':
    unittest.main()
