"""Safe file output: atomic saves and UTF-8 text to a path or stdout.

A save first writes a temporary file beside the target and renames it over
the target only when everything was written, so an interrupted save (a full
disk, Ctrl-C, a bug) never destroys the previous model file.
"""

import contextlib
import io
import os
import sys
import tempfile

from ._compat import PY2


def _replace(src, dst):
    try:
        os.replace(src, dst)  # atomic, also over an existing file on Windows
    except AttributeError:  # Python 2.7: POSIX rename is atomic too
        if os.name == 'nt' and os.path.exists(dst):
            os.remove(dst)
        os.rename(src, dst)


@contextlib.contextmanager
def atomic_open(path, mode='w', encoding='utf-8'):
    """Open ``path`` for writing through a temporary file renamed on success.

    ``mode`` is ``'w'`` (text, UTF-8 by default, ``\\n`` line ends) or ``'wb'``.
    On any exception the temporary file is removed and ``path`` is untouched.
    """
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(prefix='.' + os.path.basename(path) + '.', suffix='.tmp', dir=folder)
    try:
        if 'b' in mode:
            f = io.open(fd, mode)
        else:
            f = io.open(fd, mode, encoding=encoding, newline='\n')
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        _replace(tmp, path)
    except BaseException:
        try:
            os.remove(tmp)
        except OSError:
            pass
        raise


class _StdoutText(object):
    """Write unicode text to stdout as ``encoding`` bytes, whatever stdout is."""

    def __init__(self, encoding):
        self._encoding = encoding
        stream = sys.stdout
        if hasattr(stream, 'buffer'):
            self._stream, self._encode = stream.buffer, True
        else:  # Python 2 file (bytes) or a text-only stream such as StringIO
            self._stream, self._encode = stream, PY2 and not isinstance(stream, io.TextIOBase)

    def write(self, text):
        self._stream.write(text.encode(self._encoding) if self._encode else text)

    def flush(self):
        self._stream.flush()


@contextlib.contextmanager
def open_output(path, encoding='utf-8'):
    """Text output to ``path`` (atomically) or to stdout when path is None or '-'."""
    if path is None or path == '-':
        out = _StdoutText(encoding)
        try:
            yield out
        finally:
            out.flush()
    else:
        with atomic_open(path, 'w', encoding=encoding) as out:
            yield out
