"""Training split between processes that share the vectors (``nlp_zero.vectors.sharing``)."""

import logging
import os
import signal
import struct
import time
import unittest

from nlp_zero.counting.workers import WorkerError
from nlp_zero.glove import SimplerGlove
from nlp_zero.vectors import _glove_python, sharing

from support import TempDirTestCase, run_cli
from test_glove import TABLE, numpy

if numpy is not None:
    from nlp_zero.vectors import _glove_numpy
else:
    _glove_numpy = None
FORKS = sharing.can_share()


class quiet_stderr(object):
    """Hide what failing children print (their tracebacks)."""

    def __enter__(self):
        self.saved = os.dup(2)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)

    def __exit__(self, *exc):
        os.dup2(self.saved, 2)
        os.close(self.saved)


class small_chunks(object):
    """Chunks of 16 samples, so that a toy table is split between workers."""

    def __enter__(self):
        self.saved = _glove_python.CHUNK
        _glove_python.CHUNK = 16
        if _glove_numpy is not None:
            self.saved_numpy = _glove_numpy.CHUNK, _glove_numpy.EXPECTED_CHUNK
            _glove_numpy.CHUNK = _glove_numpy.EXPECTED_CHUNK = 16

    def __exit__(self, *exc):
        _glove_python.CHUNK = self.saved
        if _glove_numpy is not None:
            _glove_numpy.CHUNK, _glove_numpy.EXPECTED_CHUNK = self.saved_numpy


def gone(pid):
    """True when process ``pid`` has exited (reaped, or a zombie)."""
    try:
        with open('/proc/%d/stat' % pid) as stat:
            return stat.read().split(')')[-1].split()[0] == 'Z'
    except (IOError, OSError):
        return True


def wait_to_be_stopped(memory):
    """A worker that writes its process id into ``memory`` and waits a
    minute for the test to see it stopped."""
    struct.pack_into('<q', memory, 0, os.getpid())
    time.sleep(60)
    return [0.0]


@unittest.skipUnless(FORKS, 'no os.fork here')
class RunSplitTest(unittest.TestCase):

    def test_every_worker_runs_once_and_their_writes_are_shared(self):
        memory = sharing.shared_buffer(8 * 3)

        def work(index):
            struct.pack_into('<d', memory, 8 * index, index + 0.5)
            return [index, 2.0 * index]

        self.assertEqual(sorted(sharing.run_split(work, 3)), [[0, 0], [1, 2], [2, 4]])
        self.assertEqual(struct.unpack('<3d', memory[:24]), (0.5, 1.5, 2.5))

    def test_one_worker_runs_in_this_process(self):
        self.assertEqual(sharing.run_split(lambda index: [os.getpid()], 1), [[os.getpid()]])

    def test_a_failing_worker_is_a_worker_error_naming_its_error(self):
        def work(index):
            if index == 1:
                raise ValueError('bad row 7')
            return [0.0]

        with quiet_stderr():
            with self.assertRaises(WorkerError) as caught:
                sharing.run_split(work, 2)
        self.assertIn('ValueError: bad row 7', str(caught.exception))

    def test_a_killed_worker_is_a_worker_error(self):
        def work(index):
            if index == 1:
                os.kill(os.getpid(), signal.SIGKILL)
            return [0.0]

        with self.assertRaises(WorkerError) as caught:
            sharing.run_split(work, 2)
        self.assertIn('stopped unexpectedly', str(caught.exception))

    def test_an_error_here_stops_the_other_workers(self):
        memory = sharing.shared_buffer(8)

        def work(index):
            if index == 1:
                return wait_to_be_stopped(memory)
            while not struct.unpack_from('<q', memory, 0)[0]:
                time.sleep(0.01)
            raise KeyboardInterrupt

        start = time.time()
        with self.assertRaises(KeyboardInterrupt):
            sharing.run_split(work, 2)
        self.assertLess(time.time() - start, 30)
        child = struct.unpack_from('<q', memory, 0)[0]
        self.assertRaises(OSError, os.kill, child, 0)  # stopped and reaped


    @unittest.skipUnless(hasattr(signal, 'alarm'), 'no SIGALRM here')
    def test_interrupted_while_waiting_the_other_workers_are_stopped(self):
        memory = sharing.shared_buffer(8)

        def work(index):
            return wait_to_be_stopped(memory) if index == 1 else [0.0]

        def interrupt(number, frame):
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGALRM, interrupt)
        start = time.time()
        try:
            signal.alarm(1)
            with self.assertRaises(KeyboardInterrupt):
                sharing.run_split(work, 2)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        self.assertLess(time.time() - start, 30)
        self.assertTrue(gone(struct.unpack_from('<q', memory, 0)[0]))


class SplitChunksTest(unittest.TestCase):

    def split(self, samples, size, workers):
        marks = sharing.shared_buffer(samples)
        reports = []

        def part(index, starts, progress):
            for start in starts:
                stop = min(start + size, samples)
                marks[start:stop] = b'\x01' * (stop - start)
                progress(stop - start)
            return [len(starts), 1.0]

        totals = sharing.split_chunks(samples, size, workers, part, reports.append)
        self.assertEqual(marks[:samples], b'\x01' * samples)  # every sample, by one worker
        self.assertEqual(sum(reports), samples)
        return totals, reports

    @unittest.skipUnless(FORKS, 'no os.fork here')
    def test_the_workers_cover_every_chunk_once(self):
        totals, reports = self.split(1000, 64, 3)
        self.assertEqual(totals, [16, 3.0])  # 16 chunks between 3 workers

    @unittest.skipUnless(FORKS and os.path.isdir('/proc/self'), 'needs os.fork and /proc')
    def test_the_workers_of_a_killed_process_stop(self):
        memory = sharing.shared_buffer(8)

        def part(index, starts, progress):
            for _ in starts:
                if index == 1:
                    struct.pack_into('<q', memory, 0, os.getpid())
                time.sleep(0.02)
                progress(1)
            return [0.0]

        parent = os.fork()
        if parent == 0:  # pragma: no cover - the process that is killed
            try:
                sharing.split_chunks(100000, 1, 2, part, lambda done: None)
            finally:
                os._exit(0)
        while not struct.unpack_from('<q', memory, 0)[0]:
            time.sleep(0.01)
        os.kill(parent, signal.SIGKILL)
        os.waitpid(parent, 0)
        worker = struct.unpack_from('<q', memory, 0)[0]
        deadline = time.time() + 10
        while not gone(worker) and time.time() < deadline:
            time.sleep(0.02)
        self.assertTrue(gone(worker))

    def test_one_worker_runs_the_chunks_in_order_and_reports_each(self):
        totals, reports = self.split(1000, 64, 1)
        self.assertEqual(totals, [16, 1.0])
        self.assertEqual(reports, [64] * 15 + [40, 0])


class Messages(logging.Handler):
    """Keeps the messages logged to ``'nlp_zero'`` meanwhile."""

    def __enter__(self):
        logging.Handler.__init__(self)
        self.messages = []
        self.logger = logging.getLogger('nlp_zero')
        self.level = self.logger.level
        self.logger.setLevel(logging.INFO)
        self.logger.addHandler(self)
        return self.messages

    def emit(self, record):
        self.messages.append(record.getMessage())

    def __exit__(self, *exc):
        self.logger.removeHandler(self)
        self.logger.setLevel(self.level)


def log_of(model):
    """The vectors ``model`` fits on the toy table in chunks of 16, and its log."""
    with Messages() as messages:
        with small_chunks():
            vectors = model.fit(TABLE)
    return vectors, '\n'.join(messages)


def topics_separated(vectors):
    similar = [w for w, _ in vectors.most_similar(u'a1', topn=5)]
    return all(w.startswith(u'a') for w in similar)


class SharedTrainingTest(unittest.TestCase):

    def fit(self, backend, workers):
        model = SimplerGlove(dim=8, epochs=10, eta=0.2, seed=3, backend=backend,
                             batch_size=8, workers=workers)
        vectors, log = log_of(model)
        return model, vectors, log

    def assert_workers_learn_as_one_process_does(self, backend):
        one = self.fit(backend, 1)[0]
        two, shared, log = self.fit(backend, 2)
        self.assertIn('2 worker processes sharing the vectors', log)
        self.assertTrue(topics_separated(shared))
        self.assertLess(two.losses[-1], 1.2 * one.losses[-1])
        self.assertLess(two.losses[-1], two.losses[0])

    @unittest.skipUnless(FORKS and _glove_numpy is not None, 'needs NumPy and os.fork')
    def test_numpy_workers_learn_as_one_process_does(self):
        self.assert_workers_learn_as_one_process_does('numpy')

    @unittest.skipUnless(FORKS and _glove_numpy is not None, 'needs NumPy and os.fork')
    def test_one_numpy_worker_is_reproducible(self):
        first = self.fit('numpy', 1)[1]
        self.assertEqual(list(first[u'a1']), list(self.fit('numpy', 1)[1][u'a1']))

    @unittest.skipUnless(sharing.can_share_doubles(), 'the plain engine shares under PyPy only')
    def test_plain_workers_under_pypy_learn_as_one_process_does(self):
        self.assert_workers_learn_as_one_process_does('python')

    @unittest.skipIf(sharing.can_share_doubles(), 'PyPy shares the plain engine\'s vectors')
    def test_the_plain_engine_elsewhere_trains_in_one_process_and_says_why(self):
        alone = self.fit('python', 1)[1]
        model, shared, log = self.fit('python', 2)
        self.assertIn('training in one process', log)
        self.assertEqual(list(shared[u'a1']), list(alone[u'a1']))

    @unittest.skipUnless(sharing.can_share_doubles(), 'PyPy only')
    def test_shared_doubles_hold_the_values(self):
        from array import array
        for values in (array('d', [0.5, -1.25, 3.0]), [0.5, -1.25, 3.0]):
            doubles = sharing.shared_doubles(values)
            self.assertEqual(list(doubles), [0.5, -1.25, 3.0])

    def test_cpu_count_is_at_least_one(self):
        self.assertGreaterEqual(sharing.cpu_count(), 1)


class CommandLineTest(TempDirTestCase):

    def vectors(self, *options):
        lines = [u'a b c d', u'b c d e', u'a c e f', u'c d e f'] * 20
        corpus = self.write_text('corpus.txt', u'\n'.join(lines) + u'\n')
        output = self.path('vectors%d.txt' % len(os.listdir(self.tmp)))
        status, _, err = run_cli('vectors', corpus, '-o', output, '--dim', '4', '--min-count',
                                 '1', '--window', '2', '--epochs', '2', *options)
        self.assertEqual(status, 0, err)
        return output, err

    def test_one_training_worker_gives_the_same_vectors_again(self):
        first, _ = self.vectors('--train-workers', '1')
        again, _ = self.vectors('--train-workers', '1')
        self.assertEqual(self.read_text(first), self.read_text(again))

    def test_the_log_says_how_many_processes_train(self):
        _, err = self.vectors('--train-workers', '2')
        shares = FORKS and (_glove_numpy is not None or sharing.can_share_doubles())
        self.assertIn('2 worker processes sharing' if shares else 'training in one process', err)

    def test_a_worker_count_under_one_is_refused(self):
        status, _, err = run_cli('vectors', '-o', self.path('v.txt'), '--train-workers', '0')
        self.assertEqual(status, 2)
        self.assertIn('--train-workers', err)


if __name__ == '__main__':
    unittest.main()
