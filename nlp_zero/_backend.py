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

import os

from .errors import NlpZeroError

__all__ = ['BACKENDS', 'numpy', 'resolve', 'numpy_or_none', 'why', 'BackendError']

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


def why(backend):
    """Why ``backend`` resolves as it does, for the log of a long stage."""
    chosen = resolve(backend)
    if backend != 'auto':
        return '%s backend, as asked' % chosen
    if chosen == 'numpy':
        return 'numpy backend: NumPy %s is importable' % getattr(numpy, '__version__', '')
    if numpy is not None:
        return 'python backend: NLP_ZERO_BACKEND=python'
    return 'python backend: NumPy is not installed (pip install numpy makes this faster)'


def numpy_or_none(backend):
    """The NumPy module when ``backend`` resolves to ``'numpy'``, else None."""
    return numpy if resolve(backend) == 'numpy' else None
