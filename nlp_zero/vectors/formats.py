"""The binary word2vec format, read and written (gensim and the C tools
use it).

A header line ``"N D\\n"`` in ASCII, then N records: the word in UTF-8, one
space, D little-endian float32 values, and a newline (the C tool writes it;
gensim does not, and both read either, as this reader does).  Values are
kept as float64 once read; writing rounds them to float32.

Every damage is a :class:`~nlp_zero.errors.FormatError` naming the file
and the record: a bad header, a word that runs on for more than
:data:`MAX_WORD_BYTES` (a text file read as binary), a record cut short, a
value that is not finite, a word listed twice.

:func:`is_word2vec_binary` tells the two word2vec formats apart by their
content (``load_word2vec_format(path, binary='auto')``, and the command
line, which reads either).
"""

import io
import sys
from array import array

from .._compat import array_bytes, array_extend_bytes, range
from ..errors import FormatError

__all__ = ['read_word2vec_binary', 'write_word2vec_binary', 'is_word2vec_binary',
           'MAX_WORD_BYTES']

#: The longest word accepted, in bytes.
MAX_WORD_BYTES = 1 << 16
#: The largest vector size a header may announce.
MAX_DIM = 1 << 20
_CHUNK = 1 << 20
_BIG_ENDIAN = sys.byteorder == 'big'


class _Reader(object):
    """Bytes of a file read in large chunks: a word up to its space, or a
    run of n bytes, without a system call per byte."""

    def __init__(self, f):
        self.f = f
        self.data = b''
        self.pos = 0

    def _fill(self):
        more = self.f.read(_CHUNK)
        if not more:
            return False
        self.data = self.data[self.pos:] + more
        self.pos = 0
        return True

    def until(self, stop, limit):
        """The bytes up to ``stop`` (consumed, not returned); None at the
        end of the file; OverflowError when there are more than ``limit``."""
        while True:
            end = self.data.find(stop, self.pos, self.pos + limit + 1)
            if end >= 0:
                found = self.data[self.pos:end]
                self.pos = end + 1
                return found
            if len(self.data) - self.pos > limit:
                raise OverflowError
            if not self._fill():
                return None

    def take(self, n):
        """The next ``n`` bytes, or fewer at the end of the file."""
        while len(self.data) - self.pos < n and self._fill():
            pass
        found = self.data[self.pos:self.pos + n]
        self.pos += len(found)
        return found

    def skip_newlines(self):
        while True:
            if self.pos >= len(self.data) and not self._fill():
                return
            if self.data[self.pos:self.pos + 1] not in (b'\n', b'\r'):
                return
            self.pos += 1


def _header(path, reader):
    try:
        line = reader.until(b'\n', 100)
    except OverflowError:
        line = b'x'
    fields = (line or b'').split()
    try:
        count, dim = int(fields[0]), int(fields[1])
        if len(fields) != 2 or count < 0 or not 1 <= dim <= MAX_DIM:
            raise ValueError
    except (ValueError, IndexError):
        raise FormatError(path, 1, 'not a binary word2vec file: the first line should be '
                                   '"words dimensions" (1 to %d dimensions)' % MAX_DIM)
    return count, dim


def _record(path, number, reader, dim, encoding, unicode_errors):
    """``(word, values)`` of record ``number``."""
    reader.skip_newlines()
    try:
        raw = reader.until(b' ', MAX_WORD_BYTES)
    except OverflowError:
        raise FormatError(path, 0, 'vector %d: no space after the word within %d bytes: not '
                                   'a binary word2vec file' % (number, MAX_WORD_BYTES))
    data = reader.take(4 * dim) if raw is not None else b''
    if raw is None or len(data) < 4 * dim:
        raise FormatError(path, 0, 'truncated file: vector %d is cut short' % number)
    try:
        word = raw.decode(encoding, unicode_errors)
    except UnicodeDecodeError as exc:
        raise FormatError(path, 0, 'vector %d: the word is not %s text (%s)'
                          % (number, encoding, exc.reason),
                          hint="unicode_errors='replace' reads it anyway", undecodable=True)
    if not word:
        raise FormatError(path, 0, 'vector %d: an empty word' % number)
    values = array('f')
    array_extend_bytes(values, data)
    if _BIG_ENDIAN:
        values.byteswap()
    total = sum(values)
    if total - total != 0:
        raise FormatError(path, 0, 'vector %d (%s): a value is not a finite number'
                          % (number, word[:40]))
    return word, array('d', values)


def read_word2vec_binary(path, limit=None, unicode_errors='strict', encoding='utf-8'):
    """``(words, rows, dim)`` of a binary word2vec file; only the first
    ``limit`` words when given; ``unicode_errors`` is passed to the decoder
    of the words."""
    try:
        f = io.open(path, 'rb')
    except (IOError, OSError) as exc:
        raise FormatError(path, 0, 'cannot open the vectors file: %s' % (exc.strerror or exc))
    with f:
        reader = _Reader(f)
        count, dim = _header(path, reader)
        if limit is not None:
            count = min(count, max(0, int(limit)))
        words, rows, seen = [], [], set()
        for number in range(1, count + 1):
            word, row = _record(path, number, reader, dim, encoding, unicode_errors)
            if word in seen:
                raise FormatError(path, 0, 'vector %d: the word %s occurs twice'
                                  % (number, word[:40]))
            seen.add(word)
            words.append(word)
            rows.append(row)
    return words, rows, dim


def write_word2vec_binary(out, words, rows, dim):
    """Write the binary format to ``out``, a file open for binary writing."""
    out.write(('%d %d\n' % (len(words), dim)).encode('ascii'))
    for word, row in zip(words, rows):
        if not word or any(ch.isspace() for ch in word):
            raise ValueError('word %r cannot be written in the word2vec format' % (word,))
        values = array('f', row)
        if _BIG_ENDIAN:
            values.byteswap()
        out.write(word.encode('utf-8') + b' ' + array_bytes(values) + b'\n')


#: How much of a file :func:`is_word2vec_binary` looks at (a text line of
#: the word2vec format is at most this long for the text reader too).
_SNIFF_BYTES = 1 << 20


def is_word2vec_binary(path):
    """True when the file at ``path`` is in the binary word2vec format, False
    when it is in the text format (word2vec's, or GloVe's without a header).

    The binary format starts with a header ``"N D"`` and then a word, a
    space and ``4 D`` bytes of float32 values; the text format's second line
    is a word and ``D`` numbers separated by spaces.  A file whose first
    line is not such a header, or that cannot be read, counts as text (the
    text reader then says what is wrong with it).
    """
    try:
        with io.open(path, 'rb') as f:
            data = f.read(_SNIFF_BYTES)
    except (IOError, OSError):
        return False
    header, _, rest = data.partition(b'\n')
    fields = header.split()
    if len(fields) != 2 or not all(field.isdigit() for field in fields):
        return False
    count, dim = int(fields[0]), int(fields[1])
    rest = rest.lstrip(b'\r\n')
    if not count or not dim or not rest:
        return False  # nothing after the header: either reader gives no vectors
    line = rest.split(b'\n', 1)[0].rstrip(b'\r')
    values = line.split()[1:]  # (the C tool's text lines end with a space)
    if len(values) != dim:
        return True
    try:
        [float(value) for value in values]
    except ValueError:  # (bytes that are not ASCII digits: also a ValueError)
        return True
    return False
