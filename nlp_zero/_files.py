"""Safe file output: atomic saves and UTF-8 text to a path or stdout.

A save first writes a temporary file beside the target and renames it over
the target only when everything was written, so an interrupted save (a full
disk, Ctrl-C, a bug) never destroys the previous model file.
"""

import contextlib
import errno
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


def _file_mode(path):
    """Permission bits for a save to ``path``: those of the file it
    replaces, else what a plain ``open(path, 'w')`` would give."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_open(path, mode='w', encoding='utf-8'):
    """Open ``path`` for writing through a temporary file renamed on success.

    ``mode`` is ``'w'`` (text, UTF-8 by default, ``\\n`` line ends) or ``'wb'``.
    On any exception the temporary file is removed and ``path`` is untouched.
    The saved file gets the permissions of the file it replaces, or those of
    a new file (not the owner-only ones of a temporary file).  An error
    about the folder (missing, not writable) names ``path``.
    """
    target = path
    path = os.path.abspath(path)
    if os.path.isdir(path):
        raise IOError(errno.EISDIR, os.strerror(errno.EISDIR), target)
    folder = os.path.dirname(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix='.' + os.path.basename(path) + '.', suffix='.tmp',
                                   dir=folder)
    except (IOError, OSError) as exc:  # name the target, not the temporary file
        raise IOError(exc.errno, exc.strerror, target)
    try:
        if 'b' in mode:
            f = io.open(fd, mode)
        else:
            f = io.open(fd, mode, encoding=encoding, newline='\n')
        with f:
            os.chmod(tmp, _file_mode(path))
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
            stream.flush()  # text printed before goes out first
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
