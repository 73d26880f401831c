"""Count in a child process, so that the memory counting took leaves with it.

PyPy's garbage collector does not give back to the system the heap it grew
while counting; the arrays built after it (the pair table, the training
arrays) are allocated beside that heap, and a process that counts and then
trains holds both (on 17M tokens of English: 2.7 GB while training, where
training from the saved table alone peaks at 1.5 GB).  :func:`call_apart`
runs a computation in a forked child, which writes its result to a file and
exits; the parent reads the file back and holds the result and nothing
else.  CPython returns freed memory itself, so ``nlp-zero vectors`` counts
apart only under PyPy (:func:`counting_apart_helps`), passing the table in
its binary form (:func:`nlp_zero.vectors.table_file.save_arrays`): seconds,
against minutes of counting.
"""

import errno
import io
import os
import pickle
import shutil
import signal
import sys
import tempfile
import time
import traceback

from .._compat import PYPY, collect_garbage
from ..errors import NlpZeroError
from ..progress import log
from .workers import WorkerError

__all__ = ['call_apart', 'counting_apart_helps', 'flush_output']

#: The child's exit status when it failed (its error is in a file) or was interrupted.
_FAILED, _INTERRUPTED = 1, 130

#: Seconds the parent waits for an interrupted child to clean up (its
#: spilled runs) before it interrupts it, and again before it kills it.
_GRACE_SECONDS = 10.0


def counting_apart_helps():
    """True where counting in a child process gives memory back: under PyPy,
    on systems that can fork."""
    return PYPY and hasattr(os, 'fork')


def call_apart(compute, save, load, tmp_dir=None, progress=None):
    """``load(path)`` of the file that ``save(compute(), path)`` wrote in a
    forked child process (``compute()`` here where the system cannot fork).

    Errors of the input (:class:`~nlp_zero.errors.NlpZeroError`) and of
    files (``IOError``/``OSError``) in the child are raised here as they
    were raised there; any other error prints its traceback from the child
    and is raised here as a :class:`~nlp_zero.counting.workers.WorkerError`
    naming it, as is a child that was killed; an interrupted child is a
    KeyboardInterrupt here.  An interrupted parent (Ctrl-C, SIGTERM) lets
    the child clean up, then stops it.  The temporary folder (in
    ``tmp_dir``) is removed in every case.
    """
    if not hasattr(os, 'fork'):
        return compute()
    try:
        folder = tempfile.mkdtemp(prefix='nlp-zero-apart-', dir=tmp_dir)
    except (IOError, OSError) as exc:
        raise NlpZeroError('cannot make a temporary folder in %s: %s'
                           % (tmp_dir or tempfile.gettempdir(), exc.strerror or exc))
    try:
        path = os.path.join(folder, 'result')
        reason = os.path.join(folder, 'error')
        flush_output()  # (or the child would write the parent's pending output again)
        try:
            pid = os.fork()
        except OSError as exc:  # e.g. no memory for the page tables
            log(progress, 'cannot start a counting process (%s): counting in this one' % exc)
            return compute()
        if pid == 0:  # pragma: no cover - the child (its coverage is not collected)
            status = _FAILED
            try:
                status = _child(compute, save, path, reason)
            finally:
                flush_output()
                os._exit(status)
        _raise_failure(_wait_for(pid), reason)
        return load(path)
    finally:
        shutil.rmtree(folder, True)


def _child(compute, save, path, reason):
    """Run in the child; its exit status."""
    try:
        result = compute()
        collect_garbage()  # PyPy: the computation's garbage goes before the file's buffers come
        save(result, path)
        return 0
    except KeyboardInterrupt:
        return _INTERRUPTED
    except BaseException as error:
        try:
            if isinstance(error, (NlpZeroError, EnvironmentError)):
                payload = pickle.dumps(error, 2)  # (read back by this program's parent process)
            else:
                traceback.print_exc()
                payload = pickle.dumps(_described(error), 2)
            with io.open(reason, 'wb') as out:
                out.write(payload)
        except BaseException:  # (the report itself failed: the status still says it failed)
            pass
        return _FAILED


def _described(error):
    return u'%s: %s' % (type(error).__name__, error)


def flush_output():
    """Flush stdout and stderr: before a fork (or the child would write what
    is pending again), and before a child leaves without Python's clean-up."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # (a closed or broken stream: nothing to keep)
            pass


def _wait_for(pid):
    """The child's exit status; if this process is interrupted or told to
    stop meanwhile, the child gets time to clean up, then is stopped."""
    previous = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, _terminated)
    except ValueError:  # (not the main thread: no handler)
        previous = None
    try:
        return _waitpid(pid)
    except BaseException as exc:
        _stop(pid, first=None if isinstance(exc, KeyboardInterrupt) else signal.SIGINT)
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminated(number, frame):
    raise SystemExit(128 + signal.SIGTERM)


def _waitpid(pid):
    while True:
        try:
            return os.waitpid(pid, 0)[1]
        except OSError as error:  # (Python 2: an interrupted call is not retried)
            if error.errno != errno.EINTR:
                raise


def _stop(pid, first=None):
    """Stop the child and reap it: after a Ctrl-C (which a terminal sends
    it too) give it time to clean up first; then interrupt it; then kill it."""
    steps = (None, signal.SIGINT, signal.SIGKILL)
    for sending in steps[steps.index(first):]:
        try:
            if sending is not None:
                os.kill(pid, sending)
            if _reaped_within(pid, _GRACE_SECONDS):
                return
        except OSError:  # (already reaped, or gone)
            return


def _reaped_within(pid, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if os.waitpid(pid, os.WNOHANG)[0]:
            return True
        time.sleep(0.05)
    return False


def _raise_failure(status, reason):
    """Raise what the child's exit ``status`` and ``reason`` file say went wrong, if anything."""
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == _INTERRUPTED:
        raise KeyboardInterrupt
    try:
        with io.open(reason, 'rb') as text:
            error = pickle.loads(text.read())
    except Exception:  # (no report: killed, or the report could not be written)
        raise WorkerError('the counting process stopped unexpectedly (killed, or out of '
                          'memory?)')
    if isinstance(error, BaseException):
        raise error
    raise WorkerError(u'the counting process failed: %s' % (error,))
