"""The few shims that let one code base run on Python 2.7, 3.6+ and PyPy."""

import sys

PY2 = sys.version_info[0] == 2

if PY2:  # pragma: no cover - exercised by the 2.7 CI run
    text_type = unicode  # noqa: F821
    string_types = (str, unicode)  # noqa: F821
    unichr = unichr  # noqa: F821
    range = xrange  # noqa: F821
    from itertools import izip as zip  # noqa: F401
    from itertools import imap as map  # noqa: F401

    def iteritems(d):
        """A lazy iterator over the (key, value) pairs of ``d``."""
        return d.iteritems()

    def itervalues(d):
        """A lazy iterator over the values of ``d``."""
        return d.itervalues()
else:
    text_type = str
    string_types = (str,)
    unichr = chr
    range = range
    zip = zip
    map = map

    def iteritems(d):
        return iter(d.items())

    def itervalues(d):
        return iter(d.values())

try:
    import lzma  # noqa: F401
except ImportError:  # Python 2.7 and some minimal builds
    lzma = None

try:
    from time import perf_counter as clock
except ImportError:  # Python 2.7
    from time import time as clock

try:
    from itertools import accumulate  # noqa: F401
except ImportError:  # Python 2.7
    def accumulate(iterable):
        """Running sums of ``iterable`` (itertools.accumulate of Python 3)."""
        total = 0
        for x in iterable:
            total += x
            yield total


def to_text(value, encoding='utf-8'):
    """Return ``value`` as unicode text (bytes are decoded, others str()-ed)."""
    if isinstance(value, text_type):
        return value
    if isinstance(value, bytes):
        return value.decode(encoding)
    return text_type(value)


def stdin_bytes():
    """Standard input as a byte stream (decoding is the reader's job)."""
    return getattr(sys.stdin, 'buffer', sys.stdin)


def stderr_write(message):
    """Write unicode text to stderr on both major versions."""
    stream = sys.stderr
    if PY2 and isinstance(message, text_type):
        message = message.encode(getattr(stream, 'encoding', None) or 'utf-8', 'replace')
    stream.write(message)
    stream.flush()


def native_str(text):
    """``text`` as the interpreter's ``str``: UTF-8 bytes on Python 2."""
    return text.encode('utf-8') if PY2 else text


def text_str(cls):
    """Class decorator: ``str(obj)`` is the text of ``obj.__unicode__()``.

    Subclasses only override ``__unicode__``; on Python 2 ``str()`` gives its
    UTF-8 bytes, as ``str`` must be bytes there.
    """
    cls.__str__ = lambda self: native_str(self.__unicode__())
    return cls
