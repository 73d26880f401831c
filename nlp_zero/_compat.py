"""The few shims that let one code base run on Python 2.7, 3.6+ and PyPy."""

import binascii
import gc
import platform
import sys
from array import array

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
    from collections.abc import Mapping  # noqa: F401
except ImportError:  # Python 2
    from collections import Mapping  # noqa: F401

try:
    import lzma  # noqa: F401
except ImportError:  # Python 2.7 and some minimal builds
    lzma = None

try:
    from time import perf_counter as clock
except ImportError:  # Python 2.7
    from time import time as clock  # noqa: F401

#: The error handler that lets UTF-8 carry lone surrogates (Python 2's UTF-8
#: codec does so without being asked).
SURROGATES = 'strict' if PY2 else 'surrogatepass'

#: True under PyPy, whose JIT prefers plain index loops to ``map`` over lists.
PYPY = platform.python_implementation() == 'PyPy'


def collecting(items, every):
    """``items``, with a :func:`collect_garbage` after every ``every`` of
    them under PyPy (elsewhere ``items`` as they are): for loops whose
    iterations leave big buffers behind."""
    return _collecting(items, every) if PYPY else items


def _collecting(items, every):
    for number, item in enumerate(items, 1):
        yield item
        if number % every == 0:
            gc.collect()


def pypy_nursery_bytes():
    """The size of PyPy's nursery (where it allocates young objects) in
    bytes; None elsewhere, or where PyPy does not say."""
    if not PYPY:
        return None
    try:
        return int(gc.get_stats()._s.nursery_size)
    except Exception:  # (another PyPy version's statistics)
        return None


def collect_garbage():
    """Under PyPy, a full garbage collection; elsewhere nothing.

    PyPy frees big buffers (decompressed blocks of a gzip file, the storage
    of a cleared count table) only at its next major collection, which comes
    when the heap has grown to almost twice its live size: reading a 100 MB
    gzip corpus left 840 MB resident before any counting.  Called between
    blocks of work, a collection bounds that, at the cost of one pass over
    the live objects (tens of milliseconds).  CPython frees such memory at
    once (reference counting).
    """
    if PYPY:
        gc.collect()


#: True under CPython, whose C builtins (``map``, ``Counter.update``) beat loops.
CPYTHON = platform.python_implementation() == 'CPython'
#: False on the narrow (UTF-16) builds of Python 2, where a character outside
#: the Basic Multilingual Plane is a surrogate pair.
WIDE_UNICODE = sys.maxunicode > 0xffff


def _typecode(size):
    for code in ('q', 'l', 'i'):
        try:
            if array(code).itemsize == size:
                return code
        except ValueError:  # 'q' is missing on Python 2
            pass
    raise RuntimeError('no array type of %d bytes on this platform' % size)


#: The ``array`` type code of signed 64-bit integers ('q', or 'l' on Python 2).
INT64 = _typecode(8)


def array_bytes(values):
    """The machine bytes of an ``array.array`` (``tostring`` on Python 2)."""
    return values.tobytes() if hasattr(values, 'tobytes') else values.tostring()


def array_extend_bytes(values, data):
    """Append machine bytes to an ``array.array`` (``fromstring`` on Python 2)."""
    if hasattr(values, 'frombytes'):
        values.frombytes(data)
    else:
        values.fromstring(data)


def write_array(out, values):
    """Write an ``array.array`` to the binary file ``out`` as little-endian
    machine numbers: through its buffer on CPython (no copy); on PyPy,
    which copies a buffer it writes, a slice at a time with a collection
    every few slices (written whole, an array of 180 MB held 200 MB more;
    in slices without the collections, up to 370 MB)."""
    if sys.byteorder != 'little':
        values = array(values.typecode, values)
        values.byteswap()
    if PY2:
        out.write(array_bytes(values))
    elif PYPY:
        for start in collecting(range(0, len(values), _WRITE_ITEMS), 8):
            out.write(values[start:start + _WRITE_ITEMS].tobytes())
    else:
        out.write(memoryview(values).cast('B'))


#: Items of an array PyPy writes at a time (:func:`write_array`).
_WRITE_ITEMS = 1 << 20


def read_array(data, typecode, count):
    """``count`` little-endian numbers of ``typecode`` read from the binary
    file ``data`` into a new ``array.array`` (straight into it where the
    buffer can be read into); fewer when the file ends first."""
    values = array(typecode)
    if PY2 or not count:
        text = data.read(count * values.itemsize)
        array_extend_bytes(values, text[:len(text) - len(text) % values.itemsize])
    else:
        values = array(typecode, [0]) * count
        got = data.readinto(memoryview(values).cast('B')) or 0
        del values[got // values.itemsize:]
    if sys.byteorder != 'little':
        values.byteswap()
    return values


def int_from_bytes(data):
    """The unsigned little-endian integer of ``data``."""
    if hasattr(int, 'from_bytes'):
        return int.from_bytes(bytes(data), 'little')
    return int(binascii.hexlify(bytes(data[::-1])) or b'0', 16)


def int_to_bytes(value, size):
    """``value`` as ``size`` little-endian bytes (inverse of :func:`int_from_bytes`)."""
    if hasattr(value, 'to_bytes'):
        return value.to_bytes(size, 'little')
    digits = '%x' % value
    digits = '0' * (2 * size - len(digits)) + digits
    return binascii.unhexlify(digits)[::-1]


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
    """Write unicode text to stderr on both major versions.

    Text that the stream's encoding cannot hold (Chinese under a C locale)
    is written as UTF-8, as standard output is, rather than escaped; on
    Python 3 a file name that came as surrogates gets its own bytes back.
    """
    stream = sys.stderr
    if isinstance(message, text_type):
        try:
            encoded = message.encode(getattr(stream, 'encoding', None) or 'utf-8')
        except (UnicodeError, LookupError):
            encoded = _utf8_bytes(message)
        raw = stream if PY2 else getattr(stream, 'buffer', None)
        if raw is not None:
            stream.flush()
            message, stream = encoded, raw
    stream.write(message)
    stream.flush()


def _utf8_bytes(text):
    try:
        return text.encode('utf-8', 'strict' if PY2 else 'surrogateescape')
    except UnicodeError:
        return text.encode('utf-8', 'replace')


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
