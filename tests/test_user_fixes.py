# -*- coding: utf-8 -*-
"""What a new user tripped on, each with the test that shows it fixed."""

import os
import subprocess
import sys
import unittest

from support import PY2, ROOT, TempDirTestCase, run_cli


class VectorsCommandTest(TempDirTestCase):

    def test_zero_epochs_is_refused(self):
        status, out, err = run_cli('vectors', '-o', self.path('v.txt'), '--epochs', '0')
        self.assertEqual(status, 2)
        self.assertIn(u'--epochs', err)

    def test_unsegmented_chinese_is_cut_with_words_discovered_in_it(self):
        corpus = self.write_text('zh.txt', u'中华人民共和国成立了，人民从此站起来了。\n' * 50)
        status, out, err = run_cli('vectors', corpus, '-o', self.path('v.txt'), '--dim', '4',
                                   '--epochs', '1')
        self.assertEqual(status, 0, err)
        self.assertIn(u'discovering them first', err)
        self.assertTrue(os.path.exists(self.path('v.txt')))

    def test_similar_reports_unknown_words_and_goes_on(self):
        vectors = self.write_text('v.txt', u'3 2\na 1 2\nb 2 1\nc 1 1\n')
        status, out, err = run_cli('similar', vectors, 'zzz', 'a', 'yyy', '--topn', '1')
        self.assertEqual(status, 1)
        self.assertIn(u"'zzz'", err)
        self.assertIn(u"'yyy'", err)
        self.assertTrue(out.startswith(u'a\t'), out)


class DiscoverOptionsTest(TempDirTestCase):

    def test_ngram_options_with_the_cut_method_are_refused(self):
        corpus = self.write_text('c.txt', u'中国人民\n' * 10)
        for option, value in (('--thresholds', '1,2'), ('--order', '3')):
            status, out, err = run_cli('discover', corpus, option, value)
            self.assertEqual(status, 2, err)
            self.assertIn(u'--method ngram', err)
        status, out, err = run_cli('discover', corpus, '--method', 'ngram', '--thresholds',
                                   '1,2,3,4')
        self.assertEqual(status, 2)
        status, out, err = run_cli('discover', corpus, '--method', 'ngram', '--thresholds', '1,2',
                                   '-q')
        self.assertEqual(status, 0, err)


class RealLinesTest(TempDirTestCase):

    def test_stats_counts_lines_not_pieces(self):
        path = self.write_text('one.txt', u'word ' * 30000)  # one line, no newline
        status, out, err = run_cli('stats', path, '--max-line-chars', '1000')
        self.assertEqual(status, 0, err)
        self.assertIn(u'lines\t1\n', out)

    def test_tokenize_keeps_a_long_line_on_one_line(self):
        from nlp_zero import Lexicon
        lexicon = self.path('lex.tsv')
        Lexicon({u'中国': 5, u'人民': 3}).save(lexicon)
        text = u'中国人民 ' * 2000 + u'\n' + u'人民中国\n'
        path = self.write_text('long.txt', text)
        outputs = []
        for bound in ('50', '0'):  # pieces of 50 characters; whole lines
            status, out, err = run_cli('tokenize', path, '-l', lexicon, '--max-line-chars', bound,
                                       '-q')
            self.assertEqual(status, 0, err)
            outputs.append(out)
        self.assertEqual(outputs[0], outputs[1])
        self.assertEqual(outputs[0].count(u'\n'), 2)


@unittest.skipIf(PY2, 'Python 2 passes arguments as bytes')
class CLocaleTest(TempDirTestCase):

    def test_chinese_arguments_under_the_c_locale(self):
        vectors = self.write_text('v.txt', u'2 2\n飞机 1 2\n火车 2 1\n')
        env = dict(os.environ, LANG='C', LC_ALL='C', PYTHONPATH=ROOT)
        env.pop('PYTHONIOENCODING', None)
        env.pop('PYTHONUTF8', None)
        process = subprocess.Popen([sys.executable, '-m', 'nlp_zero', 'similar', vectors,
                                    u'飞机'.encode('utf-8'), b'\xe8\x88\xb9'], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = process.communicate()
        self.assertTrue(out.decode('utf-8').startswith(u'飞机\t火车'), (out, err))
        self.assertNotIn(b'Traceback', err)
        self.assertIn(b'not in the vocabulary', err)


class LoggingTest(unittest.TestCase):

    def test_the_library_logs_and_never_prints(self):
        import io
        import logging
        from nlp_zero import Cooccurrence, Progress, discover_words
        records = []
        handler = logging.Handler()
        handler.emit = records.append
        logger = logging.getLogger('nlp_zero')
        logger.addHandler(handler)
        level, logger.level = logger.level, logging.INFO
        saved, sys.stderr = sys.stderr, (io.BytesIO() if PY2 else io.StringIO())
        try:
            discover_words([u'中国人民站起来了'] * 20)
            Cooccurrence.count([u'a b c'] * 5, min_count=1, progress=Progress(quiet=False))
            printed = sys.stderr.getvalue()
        finally:
            sys.stderr = saved
            logger.removeHandler(handler)
            logger.level = level
        self.assertEqual(printed, b'' if PY2 else u'')
        self.assertTrue(any('co-occurrence' in r.getMessage() for r in records), records)


if __name__ == '__main__':
    unittest.main()
