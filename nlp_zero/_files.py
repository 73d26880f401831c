"""Safe file input and output: bounded lines for the loaders, atomic saves
and UTF-8 text to a path or stdout.

Every loader reads its file through :func:`text_lines` (or
:func:`read_line`), so that a file that is one endless line (``/dev/zero``,
a binary blob given by mistake) is refused after :data:`MAX_LINE_BYTES`
instead of filling memory, and so that every problem, from a missing file to
a byte that does not decode, is one :class:`~nlp_zero.errors.FormatError`
naming the file and the line.

A save first writes a temporary file beside the target and renames it over
the target only when everything was written, so an interrupted save (a full
disk, Ctrl-C, a bug) never destroys the previous model file.
"""

import codecs
import contextlib
import errno
import io
import os
import sys
import tempfile

from ._compat import PY2
from .errors import FormatError
from .text.decoders import is_text_encoding, is_wide_encoding

#: Longest line a loader reads, in bytes: far more than any line of a model
#: file holds (a 1,000-dimension vector in text is about 15 kB), little
#: enough that a file of one endless line is refused at once.
MAX_LINE_BYTES = 1 << 20


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


def open_input(path, what):
    """``path`` opened for binary reading, or a FormatError saying what it
    should have been (``what``: 'lexicon', 'templates' ...)."""
    try:
        return io.open(path, 'rb')
    except (IOError, OSError) as exc:
        raise FormatError(path, 0, 'cannot open the %s: %s' % (what, exc.strerror or exc))


def read_line(f, path, number, limit=MAX_LINE_BYTES):
    """The next line of the binary file ``f`` (b'' at the end), refused with a
    FormatError naming line ``number`` when it is longer than ``limit`` bytes."""
    try:
        raw = f.readline(limit + 1)
    except (IOError, OSError) as exc:
        raise FormatError(path, number, 'cannot read: %s' % (exc.strerror or exc))
    if len(raw) > limit and not raw.endswith(b'\n'):
        raise FormatError(path, number, 'line longer than %d bytes: not a text file of this '
                                        'kind' % limit)
    return raw


def text_lines(path, what, encoding='utf-8', errors='strict'):
    """``(number, text)`` of the lines of ``path``, without line ends and
    without a byte order mark at the start.

    Only ``\n`` ends a line.  Each line is decoded on its own, so a bad byte
    is reported on its line; UTF-16/32 files, where a newline is not one
    byte, are decoded as a stream (an error then names the line reached).
    """
    _check_encoding(path, encoding)
    if is_wide_encoding(encoding):
        return _wide_text_lines(path, what, encoding, errors)
    return _narrow_text_lines(path, what, encoding, errors)


def _check_encoding(path, encoding):
    try:
        known = is_text_encoding(encoding)
    except LookupError:
        raise FormatError(path, 0, 'unknown encoding %r' % (encoding,))
    if not known:
        raise FormatError(path, 0, '%r is not a text encoding' % (encoding,))


def _decode_failure(path, number, encoding, exc):
    reason = getattr(exc, 'reason', None) or exc
    shown = 'UTF-8' if codecs.lookup(encoding).name == 'utf-8' else encoding
    return FormatError(path, number, 'not %s text (%s)' % (shown, reason), undecodable=True)


def _narrow_text_lines(path, what, encoding, errors):
    with open_input(path, what) as f:
        number = 0
        while True:
            raw = read_line(f, path, number + 1)
            if not raw:
                return
            number += 1
            try:
                line = raw.decode(encoding, errors)
            except UnicodeError as exc:
                raise _decode_failure(path, number, encoding, exc)
            if number == 1 and line.startswith(u'\ufeff'):
                line = line[1:]
            yield number, line.rstrip(u'\r\n')


def _wide_text_lines(path, what, encoding, errors):
    limit = MAX_LINE_BYTES  # characters here, which bounds the memory as well
    with open_input(path, what) as raw:
        f = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline='\n')
        number = 0
        while True:
            try:
                line = f.readline(limit + 1)
            except UnicodeError as exc:
                raise _decode_failure(path, number + 1, encoding, exc)
            except (IOError, OSError) as exc:
                raise FormatError(path, number + 1, 'cannot read: %s' % (exc.strerror or exc))
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith(u'\n'):
                raise FormatError(path, number, 'line longer than %d characters' % limit)
            if number == 1 and line.startswith(u'\ufeff'):
                line = line[1:]
            yield number, line.rstrip(u'\r\n')
