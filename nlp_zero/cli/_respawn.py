"""Start the command again under PyPy when PyPy chose an oversized nursery.

PyPy allocates young objects in a *nursery* whose size it fixes at start-up:
half the CPU cache that ``/proc/cpuinfo`` reports.  Virtual machines often
report a cache of hundreds of MB (480 MB on the machine of the benchmarks,
so a nursery of 240 MB), and every PyPy process then holds that much more
memory: the counting process, and each training worker its own copy.  A
nursery of 64 MB counts the 17M-token English corpus as fast (167 s against
173 s) and trains as fast (an epoch 55 s against 56 s), with peaks of
1.2-1.3 GB instead of 1.5-2 GB (``benchmarks/results_vectors.md``).  The
size cannot change once PyPy runs, so the command line starts itself again,
once, with ``PYPY_GC_NURSERY`` set; a value the user set is left alone, and
so is everything when the library is imported rather than run.
"""

import os
import subprocess
import sys

from .._compat import pypy_nursery_bytes

__all__ = ['restart_with_smaller_nursery', 'restart_command', 'NURSERY_CAP']

#: The largest nursery the command line keeps (bytes).
NURSERY_CAP = 64 << 20

_VARIABLE = 'PYPY_GC_NURSERY'

#: The name of the installed command (setup.py's console script).
_SCRIPT = 'nlp-zero'


def restart_with_smaller_nursery(entry):
    """Replace this process with the same command and a nursery of
    :data:`NURSERY_CAP`, when the current one is larger; otherwise (or when
    the command cannot be rebuilt or started) return and go on.  ``entry``
    is the command line's ``main``: a script is started again only when it
    is the ``nlp-zero`` script (it calls ``entry``, or has that name), not
    a program of the user's that does more around it."""
    command = restart_command(pypy_nursery_bytes(), os.environ, sys.argv,
                              sys.modules.get('__main__'), entry)
    if command is None:
        return
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    try:
        os.execve(sys.executable, command, dict(os.environ, **{_VARIABLE: '%dMB' % (
            NURSERY_CAP >> 20)}))
    except (OSError, UnicodeError, ValueError):  # (e.g. arguments the locale cannot encode:
        return                                    # go on with the large nursery)


def restart_command(nursery, environ, argv, main_module, entry):
    """The command line that starts this program again, or None when it
    need not (a nursery of ``nursery`` bytes within the cap, unknown, or
    chosen by the user) or cannot be rebuilt (see
    :func:`restart_with_smaller_nursery`)."""
    if nursery is None or nursery <= NURSERY_CAP or _VARIABLE in environ or not argv:
        return None
    if os.name != 'posix':  # (elsewhere exec starts a new process and this one exits)
        return None
    flags = _interpreter_flags()
    spec = getattr(main_module, '__spec__', None)
    if getattr(spec, 'name', None) == 'nlp_zero.__main__' or \
            getattr(main_module, '__package__', None) == 'nlp_zero':  # python -m nlp_zero
        return [sys.executable] + flags + ['-m', 'nlp_zero'] + list(argv[1:])
    script = argv[0] and os.path.isfile(argv[0])
    if script and (getattr(main_module, 'main', None) is entry or  # pip's nlp-zero script
                   os.path.basename(argv[0]) == _SCRIPT):  # (or easy_install's)
        return [sys.executable] + flags + list(argv)
    return None


def _interpreter_flags():
    """The interpreter's own options (``-O``, ``-W``, ``-X`` ...), as
    :mod:`multiprocessing` passes them on."""
    flags = getattr(subprocess, '_args_from_interpreter_flags', None)
    try:
        return list(flags()) if flags else []
    except Exception:  # (an interpreter without the helper's attributes)
        return []
