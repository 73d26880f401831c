"""Peak memory of the plain CPython path (no NumPy) of ``nlp-zero vectors``, into training.

    python benchmarks/bench_plain_memory.py [--root TREE] [--seconds 150]

Runs ``python -m nlp_zero vectors EN... -o FILE`` with ``NLP_ZERO_BACKEND=python``
(counting and training in plain Python, as a user without NumPy does) on the
17M-token English corpus, reads the process's resident memory and its peak
(``VmHWM``) from ``/proc`` every 2 seconds, and stops it ``--seconds`` after
its first epoch began: an epoch takes 30-70 minutes there, and the memory of
training is reached as the epoch starts (the vectors, the prepared pairs and
the epoch's samples are all built by then).  Prints the peak before training
(counting), the peak and the resident memory in training.  ``--root`` runs the
library of another checkout (a before/after comparison in one session).
Linux only (``/proc``).
"""

from __future__ import print_function

import argparse
import os
import subprocess
import sys
import tempfile
import time

from _common import EN_CORPORA, ROOT, data_path


def memory_mb(pid):
    """``(resident, peak)`` of process ``pid`` in MB, or None once it is gone."""
    try:
        with open('/proc/%d/status' % pid) as status:
            fields = dict(line.split(':', 1) for line in status if ':' in line)
        return (int(fields['VmRSS'].split()[0]) / 1024.0,
                int(fields['VmHWM'].split()[0]) / 1024.0)
    except (IOError, OSError, KeyError, ValueError):
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--root', default=ROOT, help='checkout whose library runs')
    parser.add_argument('--seconds', type=float, default=150.0,
                        help='seconds of training to watch before stopping')
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix='nlp-zero-plain-memory-')
    log_path = os.path.join(workdir, 'vectors.log')
    env = dict(os.environ, PYTHONPATH=os.path.abspath(args.root), NLP_ZERO_BACKEND='python')
    command = [sys.executable, '-m', 'nlp_zero', 'vectors'] + \
        [data_path(p) for p in EN_CORPORA] + ['-o', os.path.join(workdir, 'vectors.txt')]
    with open(log_path, 'w') as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=log)
    start = time.time()
    training = counting_peak = None
    seen = (0.0, 0.0)
    while process.poll() is None:
        time.sleep(2)
        now = memory_mb(process.pid)
        if now is None:
            break
        seen = now
        if training is None:
            with open(log_path) as log:
                began = 'training: ' in log.read()
            if began:
                training, counting_peak = time.time(), now[1]
                print('training began after %.0f s; peak so far %.0f MB' % (
                    training - start, counting_peak))
        elif time.time() - training > args.seconds:
            process.terminate()
            break
    process.wait()
    print('library: %s' % os.path.abspath(args.root))
    print('peak before training (counting): %s MB' % (
        'n/a' if counting_peak is None else '%.0f' % counting_peak))
    print('peak: %.0f MB; resident in training: %.0f MB' % (seen[1], seen[0]))
    print('log: %s' % log_path)
    return 0


if __name__ == '__main__':
    sys.exit(main())
