"""Decoding a byte stream into text lines, with the file, line and byte
offset of every problem.

The :class:`Corpus` opens a source here (:func:`open_compressed` picks the
decompressor by extension) and feeds its blocks of bytes to a decoder:
:class:`LineDecoder` for encodings where a newline is the byte ``\\n``
(UTF-8, Latin-1, GB18030 ...), :class:`WideDecoder` for UTF-16/32.  Complete
lines are decoded a block at a time (fast); a bad byte is located exactly,
and a line longer than the corpus's bound is cut into pieces at whitespace
(:func:`cut_line`), so that a 100 MB single-line file is read in bounded
memory.
"""

import bz2
import codecs
import gzip
import io
import re
import struct
import zlib

from .._compat import PY2, lzma, text_type
from ..errors import CorpusError
from .chars import MARK_PATTERN

__all__ = ['open_compressed', 'is_wide_encoding', 'is_text_encoding', 'LineDecoder',
           'WideDecoder', 'cut_line', 'LinePiece', 'decode_error', 'READ_ERRORS']

# What reading a damaged file can raise (corrupt compressed data included).
# Python 2's gzip also raises struct.error on a truncated trailer and
# TypeError (from ord('')) on a truncated header.
READ_ERRORS = (IOError, OSError, EOFError, zlib.error, struct.error) + (
    (lzma.LZMAError,) if lzma is not None else ()) + ((TypeError,) if PY2 else ())


def open_compressed(path):
    """Open ``path`` for binary reading, decompressing by extension.

    Returns (stream, raw) where ``raw.tell()`` gives the compressed position
    for progress reports (or None where the decompressor owns the file).
    """
    lower = path.lower()
    try:
        raw = io.open(path, 'rb')
    except (IOError, OSError) as exc:
        raise CorpusError('cannot open %s: %s' % (path, exc.strerror or exc))
    if lower.endswith('.gz'):
        return gzip.GzipFile(fileobj=raw, mode='rb'), raw
    if lower.endswith('.bz2'):
        if PY2:  # Python 2's BZ2File only takes a file name
            raw.close()
            return bz2.BZ2File(path, 'rb'), None
        return bz2.BZ2File(raw, 'rb'), raw
    if lower.endswith(('.xz', '.lzma')):
        if lzma is None:
            raw.close()
            raise CorpusError('cannot read %s: this Python has no lzma module; '
                              'decompress it first (xz -d) or use Python 3' % path)
        return lzma.LZMAFile(raw, 'rb'), raw
    return raw, raw


def is_wide_encoding(encoding):
    """True for UTF-16/32, where a newline is not the byte ``\\n``."""
    name = codecs.lookup(encoding).name
    return name.startswith(('utf-16', 'utf-32', 'utf_16', 'utf_32'))


#: The codecs that turn bytes into bytes or text into text (base64, rot13
#: ...), for the Pythons whose codec records do not say so themselves.
_NOT_TEXT = ('base64', 'bz2', 'hex', 'quopri', 'rot-13', 'uu', 'zlib')


def is_text_encoding(encoding):
    """False for a codec that is not a text encoding (``base64``, ``rot13``,
    ``zlib`` ...): decoding a file with it gives bytes or nonsense, not text.
    Raises LookupError for an unknown encoding."""
    info = codecs.lookup(encoding)
    known = getattr(info, '_is_text_encoding', None)
    if known is not None:
        return bool(known)
    name = info.name.replace('_codec', '').replace('_', '-')
    return name not in _NOT_TEXT


def decode_error(name, line_number, offset, exc, encoding):
    bad = exc.object[exc.start:exc.start + 4]
    return CorpusError('%s: line %d, byte offset %d: cannot decode %r as %s (%s); '
                       'use errors="replace" (--errors replace) or the right encoding'
                       % (name, line_number, offset, bad, encoding, exc.reason))


class LineDecoder(object):
    """Turns blocks of bytes into decoded lines, tracking line numbers and offsets.

    Complete lines are decoded a block at a time (fast); only a line longer
    than a block is assembled piece by piece, and in bounded mode it is
    yielded in pieces of at most ``max_line_chars`` characters.
    """

    def __init__(self, corpus, name):
        self.corpus = corpus
        self.name = name
        self.bound = corpus.max_line_chars
        self.line_number = 1       # number of the line being assembled
        self.offset = 0            # byte offset where the pending bytes start
        self.pending = []          # bytes of the unfinished line (unbounded path)
        self.pending_size = 0
        self.long_line = None      # _LongLine while a bounded line is streamed
        self.at_start = True

    def feed(self, block):
        if self.long_line is not None:
            newline = block.find(b'\n')
            if newline < 0:
                return self.long_line.feed(block, final=False)
            pieces = self.long_line.feed(block[:newline + 1], final=True)
            self._end_long_line()
            return pieces + self.feed(block[newline + 1:]) if newline + 1 < len(block) else pieces
        end = block.rfind(b'\n') + 1
        if end == 0:
            self.pending.append(block)
            self.pending_size += len(block)
            if self.bound is not None and self.pending_size > self.bound:
                return self._start_long_line()
            return []
        if self.pending:
            self.pending.append(block[:end])
            data = b''.join(self.pending)
        else:
            data = block[:end] if end < len(block) else block
        lines = self._decode_lines(data)
        self.pending = [block[end:]] if end < len(block) else []
        self.pending_size = len(block) - end
        return lines

    def finish(self):
        if self.long_line is not None:
            pieces = self.long_line.feed(b'', final=True)
            self.long_line = None
            return pieces
        if self.pending_size:
            data = b''.join(self.pending)
            self.pending = []
            return self._decode_lines(data + b'\n')
        return []

    def _decode_lines(self, data):
        corpus = self.corpus
        try:
            text = data.decode(corpus.encoding)
        except UnicodeDecodeError as exc:
            if corpus.errors == 'strict':
                line = self.line_number + data.count(b'\n', 0, exc.start)
                raise decode_error(self.name, line, self.offset + exc.start, exc, corpus.encoding)
            text = self._decode_each_line(data)
        lines = text.split(u'\n')
        lines.pop()  # data ends with a newline
        if u'\r' in text:
            lines = [line[:-1] if line.endswith(u'\r') else line for line in lines]
        if self.at_start and lines:
            self.at_start = False
            if lines[0].startswith(u'\ufeff'):
                lines[0] = lines[0][1:]
        bound = self.bound
        if bound is not None and any(len(line) > bound for line in lines):
            lines = [piece for line in lines for piece in cut_line(line, bound)]
        self.line_number += data.count(b'\n')
        self.offset += len(data)
        return lines

    def _decode_each_line(self, data):
        raw_lines = data.split(b'\n')
        out = []
        offset = self.offset
        for number, raw in enumerate(raw_lines, self.line_number):
            out.append(self.corpus._decode_line(raw, self.name, number, offset))
            offset += len(raw) + 1
        return u'\n'.join(out)

    def _start_long_line(self):
        self.long_line = _LongLine(self)
        data = b''.join(self.pending)
        self.pending = []
        self.pending_size = 0
        return self.long_line.feed(data, final=False)

    def _end_long_line(self):
        self.line_number += 1
        self.offset = self.long_line.start + self.long_line.size_fed
        self.long_line = None


#: Encodings that need a byte order mark, with its size.
_BOM_ENCODINGS = {'utf-16': 2, 'utf-32': 4}
_BOMS = {2: (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE),
         4: (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)}


class WideDecoder(object):
    """Turns blocks of UTF-16/32 bytes into lines, reporting bad bytes by line.

    A decoding error is handled here rather than by the codec so that its
    line is known: strict mode raises a :class:`CorpusError` naming it; the
    lenient modes replace or drop the bad bytes, count the line in
    ``bad_lines`` once and go on after them.
    """

    def __init__(self, corpus, name):
        self.corpus = corpus
        self.name = name
        self.decoder = codecs.getincrementaldecoder(corpus.encoding)('strict')
        self.line_number = 1    # number of the line that ``pending`` begins
        self.offset = 0         # bytes fed before the current block
        self.pending = u''      # text of the unfinished line
        self.last_bad = 0       # the last line counted in bad_lines
        self.at_start = True
        # 'utf-16' and 'utf-32' take their byte order from a BOM: the first bytes
        # are held until they can be checked
        self.head = b'' if codecs.lookup(corpus.encoding).name in _BOM_ENCODINGS else None

    def feed(self, block):
        """The lines completed by ``block`` (an empty block ends the text)."""
        final = not block
        if self.head is not None:
            block = self._check_bom(block, final)
            if block is None:
                return []
        text = self._decode(block, final)
        if self.at_start and text:
            self.at_start = False
            if text.startswith(u'\ufeff'):
                text = text[1:]
        text = self.pending + text
        lines = text.split(u'\n')
        self.pending = lines.pop()
        if final and self.pending:
            lines.append(self.pending)
            self.pending = u''
        self.line_number += len(lines)
        if u'\r' in text:
            lines = [line[:-1] if line.endswith(u'\r') else line for line in lines]
        return lines

    def _check_bom(self, block, final):
        """``block`` with the held first bytes in front once there are enough
        to check the byte order mark (None until then); CorpusError without one."""
        head = self.head + block
        size = _BOM_ENCODINGS[codecs.lookup(self.corpus.encoding).name]
        if len(head) < size and not final:
            self.head = head
            return None
        self.head = None
        if head and not head.startswith(_BOMS[size]):
            raise CorpusError('%s: the text has no byte order mark, so %s cannot tell its byte '
                              'order; give the encoding with it: %s-le or %s-be'
                              % (self.name, self.corpus.encoding, self.corpus.encoding,
                                 self.corpus.encoding))
        return head

    def _decode(self, data, final):
        decoder = self.decoder
        corpus = self.corpus
        parts = []
        base = self.offset  # file offset of data[0]
        self.offset += len(data)
        while True:
            try:
                parts.append(decoder.decode(data, final))
                return u''.join(parts)
            except UnicodeDecodeError as exc:
                held, flag = decoder.getstate()  # unchanged by the failed call
                data = held + data
                base -= len(held)
                decoder.setstate((b'', flag))
                # the bytes before the error are whole characters
                parts.append(decoder.decode(data[:exc.start], False))
                line = (self.line_number + self.pending.count(u'\n') +
                        sum(part.count(u'\n') for part in parts))
                if corpus.errors == 'strict':
                    raise decode_error(self.name, line, base + exc.start, exc, corpus.encoding)
                if line != self.last_bad:
                    self.last_bad = line
                    corpus.bad_lines += 1
                if corpus.errors == 'replace':
                    parts.append(u'\ufffd')
                skip = max(exc.end, exc.start + 1)
                data = data[skip:]
                base += skip


class _LongLine(object):
    """Incrementally decodes one very long line and yields bounded pieces."""

    def __init__(self, owner):
        corpus = owner.corpus
        self.owner = owner
        self.start = owner.offset
        self.size_fed = 0
        self.decoder = codecs.getincrementaldecoder(corpus.encoding)('strict')
        self.carry = u''
        self.affected = False

    def feed(self, data, final):
        owner = self.owner
        corpus = owner.corpus
        state = self.decoder.getstate()
        try:
            text = self.decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            if corpus.errors == 'strict':
                held = len(state[0])
                where = self.start + self.size_fed - held + exc.start
                raise decode_error(owner.name, owner.line_number, where, exc, corpus.encoding)
            lenient = codecs.getincrementaldecoder(corpus.encoding)(corpus.errors)
            lenient.setstate(state)
            text = lenient.decode(data, final)
            self.decoder.setstate(lenient.getstate())
            if not self.affected:
                self.affected = True
                corpus.bad_lines += 1
        self.size_fed += len(data)
        if owner.at_start and text:
            owner.at_start = False
            if text.startswith(u'\ufeff'):
                text = text[1:]
        text = self.carry + text
        if final:
            if text.endswith(u'\n'):
                text = text[:-1]
            if text.endswith(u'\r'):
                text = text[:-1]
            self.carry = u''
            return cut_line(text, owner.bound)
        pieces = cut_line(text, owner.bound)
        self.carry = pieces.pop() if pieces else u''
        return pieces


class LinePiece(text_type):
    """A piece of a line longer than the reader's bound, with more of the
    line after it: the last piece of a line is plain text.  Stages that
    keep lines (``tokenize`` writes a line per line) join the pieces back;
    the others need not care."""

    __slots__ = ()


def cut_line(text, bound):
    """Cut ``text`` into pieces of at most ``bound`` chars, at whitespace if
    possible (the space is dropped), else after a punctuation mark (no word
    crosses one: Chinese without spaces is cut between words), else
    anywhere; all but the last are :class:`LinePiece`."""
    if len(text) <= bound:
        return [text]
    pieces = []
    start = 0
    end_of_text = len(text)
    while end_of_text - start > bound:
        window = text[start:start + bound + 1]
        space = _last_space(window)
        if space > 0:
            pieces.append(LinePiece(text[start:start + space]))
            start += space + 1
        else:
            end = _last_mark_end(window) or bound
            pieces.append(LinePiece(text[start:start + end]))
            start += end
    pieces.append(text[start:])
    return pieces


#: The text up to the end of the last run of marks that another character
#: follows (the greedy prefix backtracks from the end of the window, in C).
_UP_TO_LAST_MARKS = re.compile(u'[\\s\\S]*(?:%s)(?!%s)(?=[\\s\\S])'
                               % (MARK_PATTERN, MARK_PATTERN), re.UNICODE)


def _last_mark_end(window):
    """Where the last run of marks that ends inside ``window`` ends (a run
    that reaches its end may go on past it), or 0."""
    match = _UP_TO_LAST_MARKS.match(window)
    return match.end() if match else 0


def _last_space(window):
    """Index of the last whitespace character in ``window``, or -1."""
    best = -1
    for space in (u' ', u'\t', u'\u3000'):
        best = max(best, window.rfind(space))
    return best
