# -*- coding: utf-8 -*-
"""Wrong input to the structure stage is refused with one clear line, before
any work: empty corpora, impossible thresholds, outputs that cannot be
written, files that are not templates (issue 12 item 2, issue 13 items 11,
15 and 19)."""

import os
import subprocess
import sys
import unittest

from support import ROOT, TempDirTestCase, run_cli

from nlp_zero import CorpusError, Lexicon, Parser, TemplateFinder, TemplateSet

QUESTIONS = {u'[X] 可以 [X] 吗': 50, u'[X] 和 [X]': 50}
WORDS = u'鸡蛋 可以 吃 吗 牛肉 苹果 和'.split()


class StructureErrorsTest(TempDirTestCase):

    def setUp(self):
        TempDirTestCase.setUp(self)
        self.lexicon = self.path('lexicon.tsv')
        Lexicon(dict((w, 100) for w in WORDS)).save(self.lexicon)
        self.templates = self.path('t.tsv')
        TemplateSet(QUESTIONS).save(self.templates)
        self.corpus = self.write_text('corpus.txt', u'鸡蛋可以吃吗，苹果和牛肉\n' * 20)

    def assert_one_line_error(self, result, status, *parts):
        code, out, err = result
        self.assertEqual(code, status, err)
        self.assertEqual(len(err.splitlines()), 1, err)
        for part in parts:
            self.assertIn(part, err)
        return out

    def test_empty_corpus(self):
        for text in (u'', u'\n\n', u'，。！\n'):
            corpus = self.write_text('empty.txt', text)
            output = self.path('out.tsv')
            self.assert_one_line_error(
                run_cli('templates', corpus, '-l', self.lexicon, '-o', output), 1,
                'no text to find templates in')
            self.assertFalse(os.path.exists(output))

    def test_empty_corpus_through_python_dash_m(self):
        corpus = self.write_text('empty.txt', u'')
        output = self.path('out.tsv')
        env = dict(os.environ, PYTHONPATH=ROOT)
        process = subprocess.Popen(
            [sys.executable, '-m', 'nlp_zero', 'templates', corpus, '-l', self.lexicon, '-o',
             output], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        out, err = process.communicate()
        self.assertEqual(process.returncode, 1)
        self.assertEqual(out, b'')
        self.assertEqual(len(err.splitlines()), 1, err)
        self.assertIn(b'no text to find templates in', err)
        self.assertFalse(os.path.exists(output))

    def test_thresholds_are_usage_errors(self):
        bad = [('--min-proba', '2', 'a probability between 0 and 1'),
               ('--min-proba', '-0.5', 'a probability between 0 and 1'),
               ('--min-proba', 'nan', 'a finite number'),
               ('--min-pmi', 'nan', 'a finite number'),
               ('--min-pmi', '-inf', 'a finite number')]
        for option, value, message in bad:
            self.assert_one_line_error(
                run_cli('templates', self.corpus, '-l', self.lexicon, '-o', '-',
                        option + '=' + value),
                2, 'argument %s: expected %s' % (option, message))
        for value in ('nan', 'inf', '1'):
            self.assert_one_line_error(
                run_cli('parse', '--templates', self.templates, '-l', self.lexicon,
                        '--null-score', value, u'鸡蛋可以吃吗'),
                2, 'argument --null-score')

    def test_the_api_refuses_them_too(self):
        for value in (2, -0.1, float('nan')):
            self.assertRaises(ValueError, TemplateFinder, list, min_proba=value)
        for value in (float('nan'), float('inf')):
            self.assertRaises(ValueError, TemplateFinder, list, min_pmi=value)
            self.assertRaises(ValueError, Parser, TemplateSet(QUESTIONS), null_score=value)
        self.assertRaises(ValueError, Parser, TemplateSet(QUESTIONS), null_score=1)
        self.assertRaises(CorpusError, TemplateFinder(list).fit, [u'', u'，。'])

    def test_output_is_checked_before_the_work(self):
        output = self.path('no', 'such', 'folder', 't.tsv')
        out = self.assert_one_line_error(
            run_cli('templates', self.corpus, '-l', self.lexicon, '-o', output), 1,
            'cannot write', 'no folder')
        self.assertEqual(out, u'')  # no summary: nothing was counted
        self.assert_one_line_error(
            run_cli('templates', self.corpus, '-l', self.lexicon, '-o', self.tmp), 1,
            'it is a folder')

    @unittest.skipUnless(os.path.isdir('/proc/self'), 'needs a Linux /proc')
    def test_a_folder_that_takes_no_file(self):
        # /proc refuses new files whoever the user is (root included)
        out = self.assert_one_line_error(
            run_cli('templates', self.corpus, '-l', self.lexicon, '-o', '/proc/t.tsv'), 1,
            'cannot write /proc/t.tsv: cannot create a file in /proc')
        self.assertEqual(out, u'')

    @unittest.skipIf(os.name == 'nt' or os.geteuid() == 0, 'root writes anywhere')
    def test_a_read_only_folder(self):
        folder = self.path('read-only')
        os.mkdir(folder)
        os.chmod(folder, 0o555)
        self.addCleanup(os.chmod, folder, 0o755)
        self.assert_one_line_error(
            run_cli('templates', self.corpus, '-l', self.lexicon, '-o',
                    os.path.join(folder, 't.tsv')), 1, 'cannot create a file in')

    def test_a_lexicon_or_an_empty_file_as_templates(self):
        empty = self.write_text('empty.tsv', u'\n')
        for path, message in ((self.lexicon, 'no template with a placeholder [X] (is it a '
                                             'lexicon?)'),
                              (empty, 'has no templates')):
            out = self.assert_one_line_error(
                run_cli('parse', '--templates', path, '-l', self.lexicon, u'鸡蛋可以吃吗'), 1,
                message)
            self.assertEqual(out, u'')
        # a file with phrases (--keep-phrases) and templates is fine
        mixed = self.write_text('mixed.tsv', u'[X] 可以 [X] 吗\t5\n鸡蛋\t3\n')
        status, out, err = run_cli('parse', '--templates', mixed, '-l', self.lexicon,
                                   u'鸡蛋可以吃吗')
        self.assertEqual((status, out), (0, u'(鸡蛋)可以(吃)吗\n'), err)


if __name__ == '__main__':
    unittest.main()
