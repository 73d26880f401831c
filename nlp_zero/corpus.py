"""Streaming, re-iterable text corpora: the input of every stage.

A :class:`Corpus` reads text lines from files (plain, ``.gz``, ``.bz2``,
``.xz``), folders, standard input or Python iterables without ever holding
the whole text in memory, and starts again from the beginning on every
``iter()``, because word discovery and co-occurrence counting make several
passes.  Files are decoded here, in blocks, so that a bad byte is reported
with its file, line number and byte offset instead of a bare
``UnicodeDecodeError`` from deep inside a loop.

:func:`fragments` splits a line into runs of word characters: the unit that
counting never crosses (punctuation and spaces separate fragments).
"""

import bz2
import codecs
import fnmatch
import gzip
import io
import os
import re
import tempfile
import zlib

from ._compat import PY2, lzma, stdin_bytes, string_types, text_type
from .errors import CorpusError

__all__ = ['Corpus', 'as_corpus', 'fragments', 'compile_word_pattern', 'WORD_PATTERN']

#: Word characters: letters and digits of every script (kana, Latin,
#: full-width forms ...), the CJK ideographs of every extension listed
#: explicitly (older interpreters' Unicode tables lack the newest ones), and
#: the circles used as a Chinese zero (U+25CB, U+3007).  Everything else
#: separates fragments.
_EXTRA_WORD_CHARS = (u'\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u25cb\u3007'
                     u'\U00020000-\U0002fa1f\U00030000-\U0003134f')
WORD_PATTERN = u'(?:[^\\W_]|[' + _EXTRA_WORD_CHARS + u'])+'

_BLOCK = 1 << 20  # bytes read at a time
_PROGRESS_EVERY = 1 << 12  # lines between two progress updates

# What reading a damaged file can raise (corrupt compressed data included).
_READ_ERRORS = (IOError, OSError, EOFError, zlib.error) + (
    (lzma.LZMAError,) if lzma is not None else ())


def compile_word_pattern(pattern=None):
    """Compile a word-character pattern (default :data:`WORD_PATTERN`)."""
    if pattern is None:
        pattern = WORD_PATTERN
    if hasattr(pattern, 'findall'):
        return pattern
    try:
        return re.compile(pattern, re.UNICODE)
    except re.error as exc:
        raise CorpusError('invalid word pattern %r: %s' % (pattern, exc))


_DEFAULT_WORDS = compile_word_pattern()
# The same set as one character class plus the underscore: twice as fast, and
# exact for every line without an underscore.
_DEFAULT_WORDS_FAST = re.compile(u'[\\w' + _EXTRA_WORD_CHARS + u']+', re.UNICODE)


def fragments(text, pattern=None):
    """Split ``text`` into the runs of word characters it contains.

    Counting never crosses punctuation or spaces, so the fragments are the
    units that word discovery and template finding work on.  ``pattern``
    (a string or compiled regular expression) replaces
    :data:`WORD_PATTERN` for scripts or conventions it does not fit.

    >>> fragments(u'\u4eca\u5929\uff0c\u5929\u6c14 good!')
    [u'\u4eca\u5929', u'\u5929\u6c14', u'good']
    """
    if pattern is None:
        if u'_' in text:
            return _DEFAULT_WORDS.findall(text)
        return _DEFAULT_WORDS_FAST.findall(text)
    return compile_word_pattern(pattern).findall(text)


class _Source(object):
    """One input of a corpus: a file path, stdin ('-') or an iterable of texts."""

    def __init__(self, name, path=None, texts=None):
        self.name = name
        self.path = path
        self.texts = texts
        self.one_shot = texts is not None and iter(texts) is texts or path == '-'
        self.passes = 0
        self.spool_file = None  # the copy of a one-shot source, once read

    @property
    def size(self):
        if self.path is not None and self.path != '-':
            try:
                return os.path.getsize(self.path)
            except OSError:
                return None
        return None


def _open_compressed(path):
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


def _is_wide_encoding(encoding):
    name = codecs.lookup(encoding).name
    return name.startswith(('utf-16', 'utf-32', 'utf_16', 'utf_32'))


class Corpus(object):
    """A re-iterable stream of unicode text lines (without line ends).

    Parameters
    ----------
    source : str or list of str
        A file path, ``'-'`` for standard input, a folder (read recursively,
        files in sorted order), or a list of those.  Compressed files are
        recognised by their extension: ``.gz``, ``.bz2``, ``.xz``.
        Use :meth:`from_texts` for text that is already in memory.
    encoding : str
        Text encoding of the files (default UTF-8; a UTF-8 BOM is dropped).
    errors : {'strict', 'replace', 'ignore'}
        What to do with bytes that do not decode.  ``'strict'`` raises a
        :class:`CorpusError` naming the file, the line and the byte offset;
        the others go on and count the affected lines in :attr:`bad_lines`.
    glob : str
        Pattern that file names inside folders must match (default ``'*'``;
        hidden files are skipped).  Explicitly named files are always read.
    max_line_chars : int or None
        Bounded mode: lines longer than this are yielded in pieces of at most
        this many characters, cut at whitespace where possible, so that a
        text8-style file (one 100 MB line) is read in bounded memory.
    spool : bool
        For one-shot sources (standard input, generators): copy the text to a
        temporary file during the first pass so later passes can re-read it.
        Without it a second pass raises a :class:`CorpusError`.

    Attributes updated while iterating: ``bytes_read``, ``total_bytes``
    (None when unknowable), ``lines_read``, ``bad_lines``.  Assign a
    :class:`nlp_zero.progress.Progress` to :attr:`progress` to see a progress
    line on long passes.
    """

    def __init__(self, source, encoding='utf-8', errors='strict', glob='*',
                 max_line_chars=None, spool=False, progress=None):
        if errors not in ('strict', 'replace', 'ignore'):
            raise CorpusError("errors must be 'strict', 'replace' or 'ignore', not %r" % (errors,))
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise CorpusError('unknown encoding %r' % (encoding,))
        if max_line_chars is not None and int(max_line_chars) < 1:
            raise CorpusError('max_line_chars must be a positive number of characters')
        self.encoding = encoding
        self.errors = errors
        self.glob = glob
        self.max_line_chars = int(max_line_chars) if max_line_chars else None
        self.spool = spool
        self.progress = progress
        self._sources = []
        self._spooled = {}
        if source is not None:
            sources = [source] if isinstance(source, string_types) else list(source)
            if not sources:
                raise CorpusError('no corpus given')
            for item in sources:
                if not isinstance(item, string_types):
                    raise CorpusError('a corpus source must be a path, not %r; use '
                                      'Corpus.from_texts() for text in memory' % (item,))
                self._add_path(item)
        self.bytes_read = 0
        self.lines_read = 0
        self.bad_lines = 0

    @classmethod
    def from_texts(cls, texts, **options):
        """A corpus over text already in Python: a list, tuple or generator.

        Each item is one line (bytes are decoded with ``encoding``).  A list
        or tuple can be read any number of times; a generator only once
        unless ``spool=True``.
        """
        if isinstance(texts, string_types):
            texts = [texts]
        corpus = cls(None, **options)
        corpus._sources.append(_Source('<texts>', texts=texts))
        return corpus

    def _add_path(self, path):
        if path == '-':
            self._sources.append(_Source('<stdin>', path='-'))
        elif os.path.isdir(path):
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith('.')]
                for name in files:
                    if not name.startswith('.') and fnmatch.fnmatch(name, self.glob):
                        found.append(os.path.join(folder, name))
            if not found:
                raise CorpusError('no files matching %r in folder %s' % (self.glob, path))
            for name in sorted(found):
                self._sources.append(_Source(name, path=name))
        elif os.path.exists(path):
            self._sources.append(_Source(path, path=path))
        else:
            raise CorpusError('no such file or folder: %s' % path)

    # ------------------------------------------------------------------ info
    @property
    def names(self):
        """Names of the inputs, in reading order."""
        return [s.name for s in self._sources]

    @property
    def total_bytes(self):
        """Total size in bytes of the (compressed) files, or None if unknowable."""
        total = 0
        for source in self._sources:
            size = source.size
            if size is None:
                return None
            total += size
        return total

    def __repr__(self):
        names = self.names
        shown = ', '.join(names[:3]) + (', ...' if len(names) > 3 else '')
        return 'Corpus([%s])' % shown

    # ------------------------------------------------------------- iteration
    def __iter__(self):
        self.bytes_read = 0
        self.lines_read = 0
        self.bad_lines = 0
        progress = self.progress
        if progress is not None:
            progress.start(self.total_bytes)
        done_bytes = 0
        count = 0
        for source in self._sources:
            for line, position in self._source_lines(source):
                count += 1
                if count & (_PROGRESS_EVERY - 1) == 0:
                    self.lines_read = count
                    self.bytes_read = done_bytes + position()
                    if progress is not None:
                        progress.update(self.bytes_read)
                yield line
            size = source.size
            done_bytes += size if size is not None else 0
        self.lines_read = count
        self.bytes_read = done_bytes
        if progress is not None:
            progress.finish(self.bytes_read)

    def _source_lines(self, source):
        """Yield (line, position) pairs; position() gives bytes consumed."""
        if source.passes and source.one_shot:
            spooled = self._spooled.get(id(source))
            if spooled is None:
                raise CorpusError(
                    '%s can be read only once, but this stage needs another pass over it; '
                    'pass a list or a file instead, or create the corpus with spool=True '
                    '(the command line does this for standard input)' % source.name)
            source = spooled
        source.passes += 1
        if source.texts is not None:
            return self._text_lines(source)
        return self._file_lines(source)

    def _text_lines(self, source):
        spool = self._spool_writer(source)
        encoding, errors, bound = self.encoding, self.errors, self.max_line_chars
        for number, text in enumerate(source.texts, 1):
            if isinstance(text, bytes):
                text = self._decode_line(text, source.name, number, 0)
            elif not isinstance(text, text_type):
                raise CorpusError('%s: item %d is %s, not text' % (
                    source.name, number, type(text).__name__))
            lines = text.split(u'\n') if u'\n' in text else [text]
            for line in lines:
                if line.endswith(u'\r'):
                    line = line[:-1]
                if spool is not None:
                    spool.write(line.encode(encoding, errors) + b'\n')
                if bound is not None and len(line) > bound:
                    for piece in _cut(line, bound):
                        yield piece, _nothing
                else:
                    yield line, _nothing
        if spool is not None:
            self._finish_spool(source, spool)

    def _spool_writer(self, source):
        if not (self.spool and source.one_shot):
            return None
        # An anonymous file: the system deletes it when it is closed or the
        # process ends, whatever happens to this object.
        return tempfile.TemporaryFile(prefix='nlp-zero-spool-')

    def _finish_spool(self, source, spool):
        spool.flush()
        copy = _Source(source.name)
        copy.spool_file = spool
        self._spooled[id(source)] = copy

    def close(self):
        """Delete the temporary copies of one-shot sources (also done when the
        corpus is garbage-collected)."""
        for copy in self._spooled.values():
            copy.spool_file.close()
        self._spooled.clear()

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001 - never raise from a finalizer
            pass

    def _spool_files(self):
        return [copy.spool_file for copy in self._spooled.values()]

    def _file_lines(self, source):
        if _is_wide_encoding(self.encoding):
            return self._wide_lines(source)
        return self._byte_lines(source)

    def _open(self, source):
        if source.spool_file is not None:
            stream = source.spool_file
            stream.seek(0)
            return stream, stream, stream.read
        if source.path == '-':
            stream, raw = stdin_bytes(), None
            read = getattr(stream, 'read1', None) or stream.readline
        else:
            stream, raw = _open_compressed(source.path)
            read = stream.read
        return stream, raw, read

    def _close(self, stream, raw):
        if stream is not stdin_bytes() and stream not in self._spool_files():
            stream.close()
            if raw is not None and raw is not stream:
                raw.close()

    def _wide_lines(self, source):
        """UTF-16/32 text, decoded a block at a time.

        As in the byte path, only ``\\n`` ends a line (a stream reader's
        readline would also split at U+2028, form feeds ...), and a bad byte
        is reported on its own line, or replaced without losing the text
        around it.
        """
        stream, raw, read = self._open(source)
        position = raw.tell if raw is not None else _nothing
        decoder = _WideDecoder(self, source.name)
        bound = self.max_line_chars
        spool = self._spool_writer(source)
        try:
            while True:
                try:
                    block = read(_BLOCK)
                except _READ_ERRORS as exc:
                    raise CorpusError('%s: cannot read: %s' % (source.name, exc))
                if spool is not None:
                    spool.write(block)
                for line in decoder.feed(block):
                    if bound is not None and len(line) > bound:
                        for piece in _cut(line, bound):
                            yield piece, position
                    else:
                        yield line, position
                if not block:
                    break
        finally:
            self._close(stream, raw)
        if spool is not None:
            self._finish_spool(source, spool)

    def _byte_lines(self, source):
        stream, raw, read = self._open(source)
        position = raw.tell if raw is not None else _nothing
        spool = self._spool_writer(source)
        try:
            reader = _LineDecoder(self, source.name)
            first = True
            while True:
                try:
                    block = read(_BLOCK)
                except _READ_ERRORS as exc:
                    raise CorpusError('%s: cannot read: %s' % (source.name, exc))
                if first:
                    first = False
                    if b'\x00' in block[:8192]:
                        raise CorpusError('%s looks like a binary file (it contains NUL bytes); '
                                          'give a text file, or its --encoding if it is UTF-16/32'
                                          % source.name)
                if spool is not None:
                    spool.write(block)
                if not block:
                    break
                for line in reader.feed(block):
                    yield line, position
            for line in reader.finish():
                yield line, position
        finally:
            self._close(stream, raw)
        if spool is not None:
            self._finish_spool(source, spool)

    def _decode_line(self, data, name, line_number, offset):
        """Decode one line's bytes, counting (or refusing) undecodable ones."""
        try:
            return data.decode(self.encoding)
        except UnicodeDecodeError as exc:
            if self.errors == 'strict':
                raise _decode_error(name, line_number, offset + exc.start, exc, self.encoding)
            self.bad_lines += 1
            return data.decode(self.encoding, self.errors)


def _nothing():
    return 0


def _decode_error(name, line_number, offset, exc, encoding):
    bad = exc.object[exc.start:exc.start + 4]
    return CorpusError('%s: line %d, byte offset %d: cannot decode %r as %s (%s); '
                       'use errors="replace" (--errors replace) or the right encoding'
                       % (name, line_number, offset, bad, encoding, exc.reason))


class _LineDecoder(object):
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
                raise _decode_error(self.name, line, self.offset + exc.start, exc, corpus.encoding)
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
            lines = [piece for line in lines for piece in _cut(line, bound)]
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


class _WideDecoder(object):
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

    def feed(self, block):
        """The lines completed by ``block`` (an empty block ends the text)."""
        final = not block
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
                    raise _decode_error(self.name, line, base + exc.start, exc, corpus.encoding)
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
                raise _decode_error(owner.name, owner.line_number, where, exc, corpus.encoding)
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
            return _cut(text, owner.bound)
        pieces = _cut(text, owner.bound)
        self.carry = pieces.pop() if pieces else u''
        return pieces


def _cut(text, bound):
    """Cut ``text`` into pieces of at most ``bound`` chars, at whitespace if possible."""
    if len(text) <= bound:
        return [text]
    pieces = []
    start = 0
    end_of_text = len(text)
    while end_of_text - start > bound:
        window = text[start:start + bound + 1]
        space = _last_space(window)
        if space > 0:
            pieces.append(text[start:start + space])
            start += space + 1
        else:
            pieces.append(text[start:start + bound])
            start += bound
    pieces.append(text[start:])
    return pieces


def _last_space(window):
    """Index of the last whitespace character in ``window``, or -1."""
    best = -1
    for space in (u' ', u'\t', u'\u3000'):
        best = max(best, window.rfind(space))
    return best


def as_corpus(data, **options):
    """Return ``data`` as a :class:`Corpus`.

    A Corpus is returned as it is; any other iterable is taken as lines of
    text (``Corpus.from_texts``).  A bare string is refused because it is
    ambiguous: use ``Corpus(path)`` for a file or ``[text]`` for a text.
    """
    if isinstance(data, Corpus):
        return data
    if isinstance(data, string_types) or isinstance(data, bytes):
        raise TypeError('expected a Corpus or an iterable of text lines, got a single string; '
                        'use Corpus(path) to read a file, or [text] for one text')
    return Corpus.from_texts(data, **options)
