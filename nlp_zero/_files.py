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
    about the folder (missing, not writable) or the disk (full) names
    ``path``.  A device or a FIFO (``/dev/null``, a named pipe) is written
    directly: renaming over it would replace the device with a file.

    The temporary file is ``.NAME.PID.*.tmp`` beside ``path``; one left by a
    process that was killed (no ``finally`` runs after SIGKILL) is removed
    by the next save to the same ``path``.
    """
    target = path
    path = os.path.abspath(path)
    if os.path.isdir(path):
        raise IOError(errno.EISDIR, os.strerror(errno.EISDIR), target)
    if os.path.exists(path) and not os.path.isfile(path):
        with _named_errors(target):
            f = io.open(path, mode) if 'b' in mode else io.open(path, mode, encoding=encoding)
            with f:
                yield f
        return
    folder = os.path.dirname(path)
    _remove_stale(folder, os.path.basename(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix='.%s.%d.' % (os.path.basename(path), os.getpid()),
                                   suffix='.tmp', dir=folder)
    except (IOError, OSError) as exc:  # name the target, not the temporary file
        raise IOError(exc.errno, exc.strerror, target)
    try:
        if 'b' in mode:
            f = io.open(fd, mode)
        else:
            f = io.open(fd, mode, encoding=encoding, newline='\n')
        with _named_errors(target):
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


#: Errors of writing that say nothing of which file: they get its name.
_WRITE_ERRORS = tuple(getattr(errno, name) for name in ('ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS',
                                                         'EACCES', 'EPERM')
                      if hasattr(errno, name))


@contextlib.contextmanager
def _named_errors(target):
    """Re-raise an error of writing (a full disk ...) naming ``target``."""
    try:
        yield
    except (IOError, OSError) as exc:
        if getattr(exc, 'filename', None) or getattr(exc, 'errno', None) not in _WRITE_ERRORS:
            raise
        raise IOError(exc.errno, exc.strerror, target)


def _remove_stale(folder, name):
    """Remove the temporary files of saves to ``name`` whose process is gone."""
    prefix = '.%s.' % name
    try:
        names = os.listdir(folder or '.')
    except OSError:
        return
    for other in names:
        if not (other.startswith(prefix) and other.endswith('.tmp')):
            continue
        pid = other[len(prefix):].split('.', 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            try:
                os.remove(os.path.join(folder, other))
            except OSError:
                pass


def _alive(pid):
    try:
        os.kill(pid, 0)
    except OSError as exc:
        return exc.errno == errno.EPERM  # it exists, it is someone else's
    return True


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
