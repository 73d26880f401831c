"""Counting in a child process (what ``nlp-zero vectors`` does under PyPy)."""

import io
import os
import signal
import sys
import time
import unittest

from support import TempDirTestCase, run_cli

from nlp_zero import FormatError, NlpZeroError
from nlp_zero.cli import vector_commands
from nlp_zero.counting import apart
from nlp_zero.counting.workers import WorkerError


def save_text(value, path):
    with io.open(path, 'w', encoding='utf-8') as out:
        out.write(value)


def load_text(path):
    with io.open(path, encoding='utf-8') as text:
        return text.read()


def fail(error):
    def compute():
        raise error
    return compute


@unittest.skipUnless(hasattr(os, 'fork'), 'no os.fork here')
class CallApartTest(TempDirTestCase):

    def setUp(self):
        TempDirTestCase.setUp(self)
        self.parent = os.getpid()
        self.stderr = sys.stderr
        sys.stderr = io.StringIO() if sys.version_info[0] > 2 else io.BytesIO()  # the child's tracebacks

    def tearDown(self):
        sys.stderr = self.stderr
        self.assertEqual(os.listdir(self.path()), [])  # the temporary folder is gone

    def call(self, compute):
        return apart.call_apart(compute, save_text, load_text, tmp_dir=self.path())

    def test_the_parent_gets_what_the_child_computed(self):
        result = self.call(lambda: u'computed in %d' % os.getpid())
        self.assertNotEqual(result, u'computed in %d' % self.parent)
        self.assertTrue(result.startswith(u'computed in '))

    def test_an_error_of_the_input_comes_back_as_it_was_raised(self):
        with self.assertRaises(FormatError) as caught:
            self.call(fail(FormatError(u'corpus.txt', 7, u'not text')))
        self.assertEqual((caught.exception.path, caught.exception.line_number),
                         (u'corpus.txt', 7))
        self.assertIn(u'corpus.txt, line 7: not text', u'%s' % caught.exception)

    def test_a_bug_in_the_child_is_a_worker_error_with_its_message(self):
        with self.assertRaises(WorkerError) as caught:
            self.call(fail(ZeroDivisionError('division by zero')))
        self.assertIn('ZeroDivisionError: division by zero', str(caught.exception))
        with self.assertRaises(WorkerError) as caught:
            self.call(fail(MemoryError()))
        self.assertIn('MemoryError', str(caught.exception))

    def test_a_file_error_comes_back_as_it_was_raised(self):
        missing = self.path('no', 'such', 'file')
        with self.assertRaises(EnvironmentError) as caught:
            self.call(lambda: io.open(missing))
        self.assertEqual(caught.exception.filename, missing)

    def test_a_temporary_folder_that_cannot_be_made_is_one_clear_error(self):
        with self.assertRaises(NlpZeroError) as caught:
            apart.call_apart(lambda: u'x', save_text, load_text,
                             tmp_dir=self.path('missing', 'folder'))
        self.assertIn('cannot make a temporary folder in', str(caught.exception))

    def test_a_stopped_child_is_interrupted_then_reaped(self):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                try:
                    time.sleep(30)
                except KeyboardInterrupt:
                    os._exit(7)
            finally:
                os._exit(0)
        time.sleep(0.2)
        started = time.time()
        apart._stop(pid, first=signal.SIGINT)
        self.assertLess(time.time() - started, 5)
        with self.assertRaises(OSError):  # reaped: no such child any more
            os.waitpid(pid, os.WNOHANG)

    def test_a_killed_child_is_a_worker_error(self):
        with self.assertRaises(WorkerError) as caught:
            self.call(lambda: os.kill(os.getpid(), signal.SIGKILL))
        self.assertIn('stopped unexpectedly', str(caught.exception))

    def test_an_interrupted_child_interrupts_the_parent(self):
        with self.assertRaises(KeyboardInterrupt):
            self.call(fail(KeyboardInterrupt()))

    def test_only_pypy_counts_apart(self):
        from nlp_zero._compat import PYPY
        self.assertEqual(apart.counting_apart_helps(), PYPY)


@unittest.skipUnless(hasattr(os, 'fork'), 'no os.fork here')
class VectorsCountedApartTest(TempDirTestCase):

    def test_the_vectors_are_those_counted_in_process(self):
        lines = [u'a b c d', u'b c d e', u'a c e f', u'c d e f'] * 20
        corpus = self.write_text('corpus.txt', u'\n'.join(lines) + u'\n')
        options = ['--dim', '4', '--min-count', '1', '--window', '2', '--epochs', '2',
                   '--backend', 'python', '--train-workers', '1']
        status, _, err = run_cli('vectors', corpus, '-o', self.path('here.txt'), *options)
        self.assertEqual(status, 0, err)
        helps = vector_commands.counting_apart_helps
        vector_commands.counting_apart_helps = lambda: True
        try:
            status, _, err = run_cli('vectors', corpus, '-o', self.path('apart.txt'), *options)
        finally:
            vector_commands.counting_apart_helps = helps
        self.assertEqual(status, 0, err)
        self.assertEqual(self.read_text('apart.txt'), self.read_text('here.txt'))
        vector_commands.counting_apart_helps = lambda: True
        try:  # the child starts its own worker processes
            status, _, err = run_cli('vectors', corpus, '-o', self.path('workers.txt'),
                                     '--workers', '2', *options)
        finally:
            vector_commands.counting_apart_helps = helps
        self.assertEqual(status, 0, err)
        self.assertEqual(self.read_text('workers.txt'), self.read_text('here.txt'))

    def test_a_bad_corpus_is_one_line_from_the_child(self):
        helps = vector_commands.counting_apart_helps
        vector_commands.counting_apart_helps = lambda: True
        try:
            status, _, err = run_cli('vectors', self.write_text('empty.txt', u''),
                                     '-o', self.path('v.txt'))
        finally:
            vector_commands.counting_apart_helps = helps
        self.assertEqual(status, 1)
        self.assertIn(u'no co-occurring words', err)
        self.assertFalse(os.path.exists(self.path('v.txt')))


if __name__ == '__main__':
    unittest.main()
