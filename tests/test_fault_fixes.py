# -*- coding: utf-8 -*-
"""Findings of the fault campaign, each with the test that shows it fixed:
nothing crashes, hangs or is lost."""

import io
import os
import stat
import subprocess
import sys
import unittest

from support import ROOT, TempDirTestCase

from nlp_zero import Cooccurrence, Lexicon, Tokenizer
from nlp_zero.text.pieces import safe_pieces


def run_module(*argv):
    """``python -m nlp_zero ARGV`` in a subprocess: (status, stderr text)."""
    status, out, err = run_process(*argv)
    return status, err


def run_process(*argv):
    """``python -m nlp_zero ARGV`` in a subprocess: (status, stdout, stderr) as text."""
    env = dict(os.environ, PYTHONPATH=ROOT, PYTHONIOENCODING='utf-8')
    process = subprocess.Popen([sys.executable, '-m', 'nlp_zero'] + list(argv), env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    return process.returncode, out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace')


class LongLineTest(unittest.TestCase):

    def test_a_line_without_punctuation_is_cut_in_bounded_pieces(self):
        text = u'中' * 100000
        pieces = list(safe_pieces(text, 1000))
        self.assertEqual(u''.join(pieces), text)
        self.assertTrue(all(len(p) <= 1000 for p in pieces))

    def test_pieces_end_at_safe_places(self):
        text = (u'中国人民，' * 3000) + u'中' * 5000
        pieces = list(safe_pieces(text, 1000))
        self.assertEqual(u''.join(pieces), text)
        self.assertTrue(all(p.endswith(u'，') for p in pieces[:-6]))

    def test_the_tokenizer_joins_back_to_the_text(self):
        tokenizer = Tokenizer({u'中国': 5, u'人民': 3})
        text = u'中国人民' * 5000
        self.assertEqual(u''.join(tokenizer.tokenize(text)), text)


class BoundedByDefaultTest(TempDirTestCase):

    def test_the_api_reads_a_huge_line_in_pieces(self):
        from nlp_zero import Corpus
        from nlp_zero.text.decoders import LinePiece
        path = self.write_text('long.txt', u'a' * (3 << 20) + u'\nb')
        corpus = Corpus(path)
        pieces = list(corpus)
        self.assertTrue(all(len(p) <= 1000000 for p in pieces))
        self.assertEqual(corpus.lines_read, 2)
        self.assertEqual([p.__class__ is LinePiece for p in pieces], [True] * 3 + [False] * 2)


class WindowTest(TempDirTestCase):

    def test_a_huge_window_is_refused_before_any_work(self):
        self.assertRaises(ValueError, Cooccurrence, [(u'a', 1)], window=10 ** 9)
        status, out, err = run_process('vectors', '-o', self.path('v.txt'), '--window', '1000000000')
        self.assertEqual(status, 2)
        self.assertIn(u'--window', err)


class OptionValuesTest(TempDirTestCase):

    def test_nan_and_out_of_range_values_are_refused(self):
        corpus = self.write_text('c.txt', u'中国人民\n' * 10)
        for option, value in (('--min-proba', '-1'), ('--min-proba', '2'), ('--min-pmi', 'nan'),
                              ('--confidence', 'nan'), ('--thresholds', '1,nan'),
                              ('--redundancy-threshold', 'inf')):
            status, out, err = run_process('discover', corpus, option, value)
            self.assertEqual(status, 2, (option, value, err))
            self.assertIn(option, err)
            self.assertEqual(len(err.strip().splitlines()), 1, err)


class DataSafetyTest(TempDirTestCase):

    def test_an_input_is_never_the_output(self):
        corpus = self.write_text('c.txt', u'中国人民\n' * 10)
        lexicon = self.path('lex.tsv')
        Lexicon({u'中国': 3, u'人民': 2}).save(lexicon)
        with open(lexicon, 'rb') as f:
            saved = f.read()
        for argv in (['tokenize', corpus, '-l', lexicon, '-o', corpus],
                     ['tokenize', corpus, '-l', lexicon, '-o', lexicon],
                     ['discover', corpus, '-o', corpus]):
            status, out, err = run_process(*argv)
            self.assertEqual(status, 1, argv)
            self.assertIn(u'also an input', err)
        with open(lexicon, 'rb') as f:
            self.assertEqual(f.read(), saved)

    def test_a_device_is_written_not_replaced(self):
        corpus = self.write_text('c.txt', u'中国人民\n' * 10)
        status, out, err = run_process('discover', corpus, '-o', os.devnull, '-q')
        self.assertEqual(status, 0, err)
        self.assertTrue(stat.S_ISCHR(os.stat(os.devnull).st_mode))

    @unittest.skipUnless(os.path.exists('/dev/full'), 'no /dev/full here')
    def test_a_full_disk_names_the_file(self):
        status, err = run_module('discover', '-o', '/dev/full', '-q')
        self.assertEqual(status, 1)
        self.assertIn(u'/dev/full', err)
        self.assertEqual(len(err.strip().splitlines()), 1, err)

    def test_a_read_only_folder_is_found_before_the_work(self):
        if hasattr(os, 'geteuid') and os.geteuid() == 0:
            self.skipTest('root may write anywhere')
        folder = self.path('ro')
        os.mkdir(folder)
        os.chmod(folder, 0o500)
        self.addCleanup(os.chmod, folder, 0o700)
        status, out, err = run_process('discover', '-o', os.path.join(folder, 'lex.tsv'))
        self.assertEqual(status, 1)
        self.assertIn(u'not writable', err)

    def test_the_temporary_file_of_a_killed_save_is_cleaned_up(self):
        target = self.path('lex.tsv')
        stale = self.path('.lex.tsv.999999999.abcd.tmp')  # no such process
        with io.open(stale, 'wb') as f:
            f.write(b'half a lexicon')
        Lexicon({u'a': 1}).save(target)
        self.assertFalse(os.path.exists(stale))
        self.assertEqual(sorted(os.listdir(self.tmp)), ['lex.tsv'])


class ModelFileOfOneEndlessLineTest(TempDirTestCase):

    @unittest.skipUnless(os.path.exists('/dev/zero'), 'no /dev/zero here')
    def test_every_loader_refuses_an_endless_line(self):
        text = self.write_text('t.txt', u'中国人民\n')
        vectors = self.write_text('v.txt', u'2 2\na 1 2\nb 2 1\n')
        for argv in (['tokenize', text, '-l', '/dev/zero'],
                     ['similar', '/dev/zero', 'a'],
                     ['evaluate-vectors', vectors, '--wordsim', '/dev/zero'],
                     ['evaluate-vectors', vectors, '--analogy', '/dev/zero']):
            status, out, err = run_process(*argv)
            self.assertEqual(status, 1, (argv, err))
            self.assertIn(u'/dev/zero', err)
            self.assertEqual(len(err.strip().splitlines()), 1, err)


class UnsegmentedTextTest(TempDirTestCase):

    def test_unsegmented_chinese_on_standard_input_asks_for_a_lexicon(self):
        # (a file is cut with words discovered in it: test_user_fixes; standard
        # input is read once, so there is no pass to discover them)
        text = u'中华人民共和国成立了，人民从此站起来了。\n' * 200
        process = subprocess.Popen([sys.executable, '-m', 'nlp_zero', 'vectors', '-', '-o',
                                    self.path('v.txt')], env=dict(os.environ, PYTHONPATH=ROOT),
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        out, err = process.communicate(text.encode('utf-8'))
        self.assertEqual(process.returncode, 1)
        self.assertIn(b'--lexicon', err)
        self.assertNotIn(b'Traceback', err)
        self.assertFalse(os.path.exists(self.path('v.txt')))


class EmptyCorpusTest(TempDirTestCase):

    def test_stats_of_an_empty_corpus_says_so(self):
        status, out, err = run_process('stats', self.write_text('empty.txt', u''))
        self.assertEqual(status, 1)
        self.assertIn(u'no text', err)


class EscapedNamesTest(unittest.TestCase):

    def test_escape_sequences_in_file_names_are_not_printed_raw(self):
        status, err = run_module('stats', u'bad\x1b[31mname'.encode('utf-8').decode('utf-8'))
        self.assertEqual(status, 1)
        self.assertNotIn(u'\x1b', err)
        self.assertIn(u'\\x1b[31m', err)


if __name__ == '__main__':
    unittest.main()


class WorkerDeathTest(TempDirTestCase):

    def start_discovery(self):
        import signal  # noqa: F401
        corpus = self.write_text('c.txt', u'中国人民站起来了，人民万岁。\n' * 200000)
        env = dict(os.environ, PYTHONPATH=ROOT)
        return subprocess.Popen([sys.executable, '-m', 'nlp_zero', 'discover', corpus,
                                 '--workers', '2', '-q', '-o', self.path('lex.tsv')], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def children(self, pid):
        found = []
        for name in os.listdir('/proc'):
            if name.isdigit():
                try:
                    with open('/proc/%s/stat' % name) as f:
                        if int(f.read().rsplit(')', 1)[1].split()[1]) == pid:
                            found.append(int(name))
                except (IOError, OSError, ValueError, IndexError):
                    pass
        return found

    def wait_for_worker(self, process):
        import time
        deadline = time.time() + 30
        while time.time() < deadline and process.poll() is None:
            workers = self.children(process.pid)
            if workers:
                return workers[0]
            time.sleep(0.05)
        self.skipTest('discovery ended before a worker could be seen')

    @unittest.skipUnless(os.path.isdir('/proc'), 'needs /proc')
    def test_a_killed_worker_is_one_line(self):
        import signal
        process = self.start_discovery()
        os.kill(self.wait_for_worker(process), signal.SIGKILL)
        out, err = process.communicate()
        self.assertEqual(process.returncode, 1, err)
        self.assertEqual(len(err.decode('utf-8').strip().splitlines()), 1, err)
        self.assertIn(b'worker process', err)
        self.assertFalse(os.path.exists(self.path('lex.tsv')))

    @unittest.skipUnless(os.path.isdir('/proc'), 'needs /proc')
    def test_workers_end_when_their_parent_is_killed(self):
        import signal
        import time
        process = self.start_discovery()
        worker = self.wait_for_worker(process)
        os.kill(process.pid, signal.SIGKILL)
        process.communicate()
        deadline = time.time() + 20
        while time.time() < deadline and os.path.exists('/proc/%d' % worker):
            with open('/proc/%d/stat' % worker) as f:
                if f.read().rsplit(')', 1)[1].split()[0] == 'Z':
                    break  # exited (a zombie until init reaps it)
            time.sleep(0.2)
        alive = os.path.exists('/proc/%d' % worker)
        if alive:
            with open('/proc/%d/stat' % worker) as f:
                alive = f.read().rsplit(')', 1)[1].split()[0] != 'Z'
        if alive:
            os.kill(worker, signal.SIGKILL)
        self.assertFalse(alive, 'the worker outlived its parent')
