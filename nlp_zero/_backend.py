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

__all__ = ['BACKENDS', 'numpy', 'resolve', 'numpy_or_none', 'describe', 'BackendError']

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
