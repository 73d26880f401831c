"""The one place where NumPy, the optional accelerator, is imported.

Every class that can use NumPy takes ``backend='auto' | 'python' | 'numpy'``
and asks :func:`resolve` which one runs: ``'python'`` is the standard
library only; ``'numpy'`` requires NumPy (a clear error without it);
``'auto'`` (the default) uses NumPy when it can be imported.  The NumPy code
of a stage lives in a module of its own whose name contains ``numpy``,
behind the same interface as the plain code, so that the rest of the
package never tests for NumPy itself.

``NLP_ZERO_BACKEND=python`` in the environment makes ``'auto'`` mean
``'python'`` (to check the plain path on a machine that has NumPy).
"""

import io
import os

from .errors import NlpZeroError

__all__ = ['BACKENDS', 'numpy', 'resolve', 'numpy_or_none', 'describe', 'BackendError',
           'limit_blas_threads']

#: The accepted values of every ``backend`` argument.
BACKENDS = ('auto', 'python', 'numpy')

try:
    import numpy
except ImportError:  # NumPy is optional
    numpy = None


class BackendError(NlpZeroError, ValueError):
    """A backend was asked for that is unknown or not installed."""


def _check(backend):
    if backend not in BACKENDS:
        raise BackendError("backend must be 'auto', 'python' or 'numpy', not %r" % (backend,))


def resolve(backend):
    """``'python'`` or ``'numpy'``: the backend that runs for ``backend``."""
    _check(backend)
    if backend == 'numpy':
        if numpy is None:
            raise BackendError('the numpy backend needs NumPy, which is not installed here: '
                               "install it (pip install numpy) or use the 'python' backend")
        return 'numpy'
    if backend == 'auto' and numpy is not None and \
            os.environ.get('NLP_ZERO_BACKEND', 'auto') != 'python':
        return 'numpy'
    return 'python'


def numpy_or_none(backend):
    """The NumPy module when ``backend`` resolves to ``'numpy'``, else None."""
    return numpy if resolve(backend) == 'numpy' else None


def describe(backend, detail=None):
    """Which backend runs for ``backend`` and why, in words (for a log line)."""
    chosen = resolve(backend)
    if backend != 'auto':
        why = 'asked for'
    elif os.environ.get('NLP_ZERO_BACKEND', 'auto') == 'python':
        why = 'NLP_ZERO_BACKEND=python'
    elif numpy is None:
        why = 'NumPy is not importable'
    else:
        why = 'NumPy %s is importable' % numpy.__version__
    return '%s%s (%s)' % (chosen, ', ' + detail if detail else '', why)


#: The names OpenBLAS builds give their thread setter (plain, 64-bit
#: interface, and the prefixed ones of NumPy's own wheels).
_OPENBLAS_SETTERS = ('openblas_set_num_threads', 'openblas_set_num_threads64_',
                     'scipy_openblas_set_num_threads64_', 'scipy_openblas_set_num_threads')


def limit_blas_threads(count):
    """Ask the OpenBLAS that NumPy loaded to use ``count`` threads; True
    when it could (Linux, OpenBLAS).

    ``OPENBLAS_NUM_THREADS`` is read once, when NumPy is first imported,
    which importing this package already does; so the loaded library is
    asked instead (found through ``/proc/self/maps``)."""
    if numpy is None:
        return False
    try:
        import ctypes
        with io.open('/proc/self/maps') as maps:
            paths = sorted(set(line.split()[-1] for line in maps
                               if 'openblas' in line.lower() and '.so' in line))
    except (IOError, OSError, ImportError):
        return False
    for path in paths:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _OPENBLAS_SETTERS:
            setter = getattr(library, name, None)
            if setter is not None:
                setter(int(count))
                return True
    return False
