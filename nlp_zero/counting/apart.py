"""Count in a child process, so that the memory counting took leaves with it.

PyPy's garbage collector does not give back to the system the heap it grew
while counting; the arrays built after it (the pair table, the training
arrays) are allocated beside that heap, and a process that counts and then
trains holds both (on 17M tokens of English: 2.9 GB, where training from
the saved table alone peaks at 1.5 GB).  :func:`call_apart` runs the
counting in a forked child, which writes its result to a file (the
documented table format) and exits; the parent reads the file back and
holds the table and nothing else.  CPython returns freed memory itself, so
``nlp-zero vectors`` counts apart only under PyPy (:func:`counting_apart_helps`),
where the file costs a few seconds against minutes of counting.
"""

import os
import pickle
import shutil
import signal
import tempfile
import traceback

from .._compat import PYPY
from ..errors import NlpZeroError
from .workers import WorkerError

__all__ = ['call_apart', 'counting_apart_helps']

#: What the child's exit status means when it did not finish.
_FAILED, _INTERRUPTED = 1, 130


def counting_apart_helps():
    """True where counting in a child process gives memory back: under PyPy,
    on systems that can fork."""
    return PYPY and hasattr(os, 'fork')


def call_apart(compute, save, load, tmp_dir=None):
    """``load(path)`` of the file that ``save(compute(), path)`` wrote in a
    forked child process.

    An error of the input in the child (an :class:`~nlp_zero.errors.NlpZeroError`)
    is raised here as it was raised there (passed back pickled, as the
    worker pipes pass theirs); any other error prints its traceback from the
    child and is raised here as a
    :class:`~nlp_zero.counting.workers.WorkerError`, as is a child that was
    killed; an interrupted child is a KeyboardInterrupt here.  The temporary folder (in ``tmp_dir``) is removed in every case.
    """
    folder = tempfile.mkdtemp(prefix='nlp-zero-apart-', dir=tmp_dir)
    path = os.path.join(folder, 'result')
    reason = os.path.join(folder, 'error')
    pid = None
    try:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child (its coverage is not collected)
            os._exit(_child(compute, save, path, reason))
        status = _wait(pid)
        pid = None
        if status == 0:
            return load(path)
        _raise_failure(status, reason)
    finally:
        if pid is not None:  # interrupted while waiting: stop the child first
            _stop(pid)
        shutil.rmtree(folder, True)


def _child(compute, save, path, reason):
    """Run in the child; its exit status."""
    try:
        save(compute(), path)
        return 0
    except KeyboardInterrupt:
        return _INTERRUPTED
    except BaseException as error:
        if not isinstance(error, NlpZeroError):
            traceback.print_exc()
        try:
            payload = pickle.dumps(error, 2)
        except Exception:  # (an error that cannot be pickled: its text)
            payload = pickle.dumps(WorkerError('the counting process failed: %r' % (error,)), 2)
        with open(reason, 'wb') as out:  # (the same program's other process reads it back)
            out.write(payload)
        return _FAILED


def _wait(pid):
    while True:
        try:
            return os.waitpid(pid, 0)[1]
        except OSError as error:  # (Python 2: EINTR is not retried)
            if getattr(error, 'errno', None) != 4:
                raise


def _stop(pid):
    try:
        os.kill(pid, signal.SIGTERM)
        _wait(pid)
    except OSError:
        pass


def _raise_failure(status, reason):
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == _INTERRUPTED:
        raise KeyboardInterrupt
    if os.WIFSIGNALED(status) or not os.path.exists(reason):
        raise WorkerError('the counting process stopped unexpectedly (killed, or out of '
                          'memory?)')
    with open(reason, 'rb') as text:
        error = pickle.loads(text.read())
    if isinstance(error, NlpZeroError):
        raise error
    raise WorkerError('the counting process failed: %s' % (error,))
