"""Epochs split between processes that update one set of vectors in shared memory.

Training is the longest stage, and one process uses one core.  Threads do
not help: the NumPy engine spends its time in many small array operations,
most of which hold the interpreter lock (two threads ran an epoch in the
time one did).  So :func:`run_split` forks: each worker process takes every
``workers``-th chunk of the epoch's samples and applies its updates to the
vectors and AdaGrad accumulators in anonymous shared memory
(:func:`shared_buffer`), without locks, as Hogwild! (Recht, Re, Wright and
Niu 2011) and word2vec's threads do.  Two workers seldom update the same
vector at the same moment, and an update lost to such a race is one of
millions, so the vectors are as good; but the order of the updates depends
on the scheduling, so results vary from run to run.  One worker (the
default of the API) is exactly the one-process run, deterministic under its
seed.  The pair table and the epoch's samples are read by every worker and
written by none: after the fork they stay shared, not copied.

Where the system cannot fork, training runs in one process.
"""

import json
import mmap
import os
import signal
import traceback
from array import array

from .._compat import PYPY, range, to_text
from ..counting.apart import flush_output
from ..counting.workers import WorkerError

__all__ = ['can_share', 'can_share_doubles', 'cpu_count', 'run_split', 'shared_buffer', 'shared_doubles',
           'split_chunks']


def can_share():
    """True where worker processes can share memory (systems that fork)."""
    return hasattr(os, 'fork')


def cpu_count():
    """The cores this process may run on (its affinity where the system says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        try:
            import multiprocessing
            return max(1, multiprocessing.cpu_count())
        except (ImportError, NotImplementedError):
            return 1


def shared_buffer(nbytes):
    """``nbytes`` of zeroed anonymous memory that forked children share with
    this process (their writes are seen here, and the other way round)."""
    return mmap.mmap(-1, max(1, nbytes))


def can_share_doubles():
    """True where :func:`shared_doubles` can give the plain engine shared vectors."""
    if not (PYPY and can_share()):
        return False
    try:
        import cffi  # noqa: F401 (PyPy's own)
    except ImportError:
        return False
    return True


def shared_doubles(values):
    """A copy of the float sequence ``values`` in shared memory, indexable as
    a flat array of doubles, for the plain engine under PyPy: a C pointer
    through PyPy's built-in ``cffi``, which its JIT indexes as fast as an
    ``array('d')`` (a ``memoryview`` is 40 times slower there).  Only where
    :func:`can_share_doubles` (CPython's plain engine keeps lists)."""
    import cffi
    ffi = cffi.FFI()
    doubles = ffi.from_buffer('double[]', shared_buffer(len(values) * 8))  # (keeps it mapped)
    if isinstance(values, array) and values.typecode == 'd':
        ffi.memmove(doubles, values, len(values) * 8)
    else:
        for k, value in enumerate(values):
            doubles[k] = value
    return doubles


def split_chunks(samples, size, workers, part, report):
    """Run an epoch of ``samples`` samples in chunks of ``size``, worker
    ``index`` taking every ``workers``-th chunk; the column sums of the
    lists ``part(index, starts, progress)`` return, where ``starts`` are the
    worker's chunk starts and ``progress(n)`` reports ``n`` samples done.
    The first worker reports for all (they go at one pace); ``report`` gets
    the whole epoch in the end.  The other workers stop after a chunk if
    this process is gone (killed).  One worker runs every chunk in order."""
    reported = [0]
    parent = os.getpid()

    def progress(done):
        done = min(done * workers, samples - reported[0])
        reported[0] += done
        report(done)

    def orphaned(done):  # (the other workers: stop if this process was killed)
        if os.getppid() != parent:
            raise SystemExit('the parent process is gone')

    def run(index):
        starts = range(index * size, samples, workers * size)
        return part(index, starts, progress if index == 0 else orphaned)

    parts = run_split(run, workers)
    report(samples - reported[0])
    return [sum(column) for column in zip(*parts)]


def run_split(work, workers):
    """``[work(0), ..., work(workers - 1)]``, all at once: ``work(0)`` in
    this process, the others in forked children.  Each ``work(index)``
    returns a list of floats (e.g. the loss and weight sums of its share of
    an epoch); its writes to shared memory are what it leaves behind.

    An error in a child is raised here as a
    :class:`~nlp_zero.counting.workers.WorkerError` naming it (its
    traceback printed by the child), once this process's share is done; if
    this process fails or is interrupted, the children are stopped.
    """
    if workers <= 1:
        return [work(0)]
    flush_output()  # (or each child would write this process's pending output again)
    children = []
    try:
        for index in range(1, workers):
            children.append(_start(work, index))
        results = [work(0)]
        failures = []
        while children:
            outcome = _finish(*children[0])  # (interrupted meanwhile: the child is stopped)
            children.pop(0)
            if isinstance(outcome, list):
                results.append(outcome)
            else:
                failures.append(outcome)
        if failures:
            raise WorkerError(u'a training process failed: %s' % failures[0])
        return results
    finally:
        for pid, pipe in children:
            _stop(pid, pipe)


def _start(work, index):
    """Fork a child running ``work(index)``; ``(pid, read end of its pipe)``."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (its coverage is not collected)
        os.close(read)
        report = {'error': u'interrupted'}
        try:
            report = {'result': [float(x) for x in work(index)]}
        except (KeyboardInterrupt, SystemExit):  # (interrupted, or the parent is gone)
            pass
        except BaseException as error:
            traceback.print_exc()
            report = {'error': u'%s: %s' % (type(error).__name__, to_text(str(error)))}
        finally:
            try:
                os.write(write, json.dumps(report).encode('ascii'))
            finally:
                flush_output()
                os._exit(0)
    os.close(write)
    return pid, read


def _finish(pid, pipe):
    """The child's result (a list), or a description of its failure; the
    child reaped and its pipe closed."""
    data = b''
    while True:
        more = os.read(pipe, 65536)
        if not more:
            break
        data += more
    os.close(pipe)
    os.waitpid(pid, 0)
    try:
        report = json.loads(data.decode('ascii'))
    except ValueError:
        return u'it stopped unexpectedly (killed, or out of memory?)'
    if 'result' in report:
        return report['result']
    return report['error']


def _stop(pid, pipe):
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:  # (already gone)
        pass
    try:
        os.close(pipe)
    except OSError:
        pass

