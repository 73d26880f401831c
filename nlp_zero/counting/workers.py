"""Worker processes that map batches, for every counting stage.

A worker holds one *mapper* object, built in the worker from a factory
(a class) and plain options, and runs the mapper's methods on the batches
it is sent (``helper.send('count', batch)``).  :func:`in_order` hands the
batches round-robin and gives the results back in the order of the batches,
so the caller merges them exactly as it would without workers: the totals
(and any pruning decided along the way) do not depend on the number of
processes.
"""

import os
from collections import deque

from ..errors import NlpZeroError
from ..progress import log

__all__ = ['in_order', 'start_helpers', 'Helper']

#: How often an idle worker checks that its parent process is still alive.
_PARENT_CHECK_SECONDS = 1.0

_END = object()


class WorkerError(NlpZeroError, RuntimeError):
    """A worker process died or failed (the message says which)."""


def in_order(task, items, helpers, local):
    """``local(item)`` for each of ``items``, in order, computed by the
    helper processes when there are any.

    Helpers only transform batches (normalize, compress, cut); every count
    table is updated by the caller, batch after batch, exactly as without
    helpers, so the counts and the prunings are the same.  The items go
    round-robin and a helper gets its next item as soon as it returns a
    result: it works on it while the caller counts, and never holds more
    than one (the pipes cannot fill up both ways at once).
    """
    if not helpers:
        for item in items:
            yield local(item)
        return
    items = iter(items)
    busy = deque()
    for helper in helpers:
        item = next(items, _END)
        if item is _END:
            break
        helper.send(task, item)
        busy.append(helper)
    while busy:
        helper = busy.popleft()
        result = helper.receive()
        item = next(items, _END)
        if item is not _END:
            helper.send(task, item)
            busy.append(helper)
        yield result


class Helper(object):
    """One worker process and the pipe to it."""

    def __init__(self, process, connection):
        self.process = process
        self.connection = connection
        self.pending = False

    def send(self, task, argument):
        try:
            self.connection.send((task, argument))
        except (IOError, OSError, EOFError):  # (not a broken pipe of the output: say why)
            raise WorkerError('a worker process stopped unexpectedly (killed, or out of '
                              'memory?)')
        self.pending = True

    def receive(self):
        self.pending = False
        try:
            ok, result = self.connection.recv()
        except (EOFError, IOError, OSError):
            raise WorkerError('a worker process stopped unexpectedly (killed, or out of memory?)')
        if not ok:
            raise WorkerError('a worker process failed: %s' % result)
        return result

    def stop(self):
        try:
            if self.pending:  # a result it may be blocked sending
                self.connection.recv()
            self.connection.send(None)
            self.connection.close()
        except (EOFError, IOError, OSError, ValueError):
            pass
        self.process.join(5)
        if self.process.is_alive():  # pragma: no cover - a stuck worker
            self.process.terminate()


def start_helpers(count, factory, options, progress=None):
    """Start ``count`` worker processes, each with a mapper
    ``factory(**options)``; none (and a log line) where multiprocessing is
    missing or cannot start a process."""
    helpers = []
    try:
        import multiprocessing
        for _ in range(count):
            mine, theirs = multiprocessing.Pipe()
            # the parent's ends, closed in the child: a forked child would
            # otherwise keep them open, and never see its parent go away
            parent_ends = [helper.connection for helper in helpers] + [mine]
            process = multiprocessing.Process(
                target=_serve, args=(theirs, factory, options, os.getpid(), parent_ends))
            process.daemon = True
            process.start()
            theirs.close()
            helpers.append(Helper(process, mine))
    except (ImportError, OSError, NotImplementedError, ValueError, AttributeError) as exc:
        for helper in helpers:
            helper.stop()
        log(progress, 'cannot start worker processes (%s): counting in this one' % exc)
        return []
    return helpers


def _serve(connection, factory, options, parent, parent_ends=()):
    """The loop of a worker process: run each task received and send back
    its result (or the error) until told to stop, or until the parent
    process is gone (the pipe closes; a check of the parent's id covers
    systems where the pipe would not)."""
    for end in parent_ends:
        try:
            end.close()
        except (IOError, OSError):
            pass
    try:
        import signal
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    except (ImportError, ValueError, AttributeError):  # pragma: no cover
        pass
    mapper = factory(**options)
    while True:
        try:
            while not connection.poll(_PARENT_CHECK_SECONDS):
                if os.getppid() != parent:
                    return
            message = connection.recv()
        except (EOFError, IOError, OSError):
            break
        if message is None:
            break
        task, argument = message
        try:
            reply = (True, getattr(mapper, task)(argument))
        except Exception as exc:  # sent to the parent, which raises it
            reply = (False, '%s: %s' % (type(exc).__name__, exc))
        try:
            connection.send(reply)
        except (IOError, OSError):
            break
    connection.close()
