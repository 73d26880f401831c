"""Training on several cores: forked processes updating shared vectors.

NumPy runs a batch on one core.  With ``workers=N`` the NumPy engine puts
the vectors and their AdaGrad accumulators in anonymous shared memory,
forks N - 1 children at the start of an epoch and gives every process every
N-th chunk of the epoch's shuffled samples.  They update the shared arrays
without locks, as Hogwild (Recht, Re, Wright and Niu, 2011) and word2vec's
threads do: a batch touches a few thousand of the tens of thousands of
rows, so two processes rarely write the same row at once, and when they do
one update is partly lost, which SGD absorbs.  The price is determinism:
with several workers two runs under one seed differ in the last digits (one
worker is exactly reproducible).  Forking needs POSIX; elsewhere training
stays in one process.
"""

import json
import mmap
import os
import signal

__all__ = ['can_fork', 'shared_copy', 'run_forked']


def can_fork():
    return hasattr(os, 'fork')


def shared_copy(np, values):
    """A copy of the NumPy array ``values`` in anonymous shared memory,
    which forked children see and write."""
    buffer = mmap.mmap(-1, max(1, values.nbytes))
    out = np.frombuffer(buffer, dtype=values.dtype, count=values.size).reshape(values.shape)
    out[...] = values
    return out


def run_forked(parts, work):
    """``[work(part) for part in parts]``, the first part in this process and
    each other one in a forked child.  ``work`` returns a JSON-able value; an
    error in a child is raised here as a RuntimeError naming it; on any error
    or interrupt the children are stopped."""
    children = []
    try:
        for part in parts[1:]:
            children.append(_fork(work, part))
        results = [work(parts[0])]
        while children:
            results.append(_collect(children[0]))
            children.pop(0)
        return results
    finally:
        for pid, read in children:
            _stop(pid, read)


def _fork(work, part):
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    # The child: never returns, never runs the parent's cleanup.
    status = 1
    try:
        os.close(read)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        try:
            message = ['ok', work(part)]
            status = 0
        except Exception as error:  # reported to the parent, which raises it
            message = ['error', '%s: %s' % (type(error).__name__, error)]
        payload = json.dumps(message).encode('utf-8')
        while payload:
            payload = payload[os.write(write, payload):]
    finally:
        os._exit(status)


def _collect(child):
    pid, read = child
    chunks = []
    while True:
        data = os.read(read, 1 << 16)
        if not data:
            break
        chunks.append(data)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    try:
        kind, value = json.loads(b''.join(chunks).decode('utf-8'))
    except ValueError:
        raise RuntimeError('a training worker died (exit status %d)' % status)
    if kind != 'ok':
        raise RuntimeError('a training worker failed: %s' % value)
    return value


def _stop(pid, read):
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        pass
    try:
        os.waitpid(pid, 0)
    except OSError:
        pass
    try:
        os.close(read)
    except OSError:
        pass
