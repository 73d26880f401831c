"""Streaming, re-iterable text corpora: the input of every stage.

A :class:`Corpus` reads text lines from files (plain, ``.gz``, ``.bz2``,
``.xz``), folders, standard input or Python iterables without ever holding
the whole text in memory, and starts again from the beginning on every
``iter()``, because word discovery and co-occurrence counting make several
passes.  Files are decoded here, in blocks, so that a bad byte is reported
with its file, line number and byte offset instead of a bare
``UnicodeDecodeError`` from deep inside a loop.
"""

import codecs
import fnmatch
import os
import tempfile

from .._compat import SURROGATES, collecting, stdin_bytes, string_types, text_type
from ..errors import CorpusError
from .decoders import (READ_ERRORS, LineDecoder, LinePiece, WideDecoder, cut_line, decode_error,
                       is_text_encoding, is_wide_encoding, open_compressed)

__all__ = ['Corpus', 'as_corpus']

_BLOCK = 1 << 20  # bytes read at a time
#: Blocks read between two garbage collections under PyPy (see
#: :func:`~nlp_zero._compat.collecting`).
_BLOCKS_PER_COLLECTION = 4
_PROGRESS_EVERY = 1 << 12  # lines between two progress updates


class _Source(object):
    """One input of a corpus: a file path, stdin ('-') or an iterable of texts."""

    def __init__(self, name, path=None, texts=None):
        self.name = name
        self.path = path
        self.texts = texts
        self.one_shot = texts is not None and iter(texts) is texts or path == '-'
        self.passes = 0
        self.spool_file = None  # the copy of a one-shot source, once read
        self.spooled_text = False  # the copy holds UTF-8 lines, not the source's bytes

    @property
    def size(self):
        if self.path is not None and self.path != '-':
            try:
                return os.path.getsize(self.path)
            except OSError:
                return None
        return None


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
        Lines longer than this (default a million characters) are yielded
        in pieces of at most this many characters, cut at whitespace where
        possible, so that a text8-style file (one 100 MB line) is read in
        bounded memory; every piece but the last of a line is a
        :class:`~nlp_zero.text.decoders.LinePiece`, and :attr:`lines_read`
        counts lines, not pieces.  0 or None: whole lines, however long.
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
                 max_line_chars=1000000, spool=False, progress=None):
        if errors not in ('strict', 'replace', 'ignore'):
            raise CorpusError("errors must be 'strict', 'replace' or 'ignore', not %r" % (errors,))
        try:
            text = is_text_encoding(encoding)
        except LookupError:
            raise CorpusError('unknown encoding %r' % (encoding,))
        if not text:
            raise CorpusError('%r is not a text encoding (it turns bytes into bytes); give the '
                              'encoding of the text, e.g. utf-8' % (encoding,))
        if max_line_chars is not None and int(max_line_chars) < 0:
            raise CorpusError('max_line_chars must be a number of characters (0 or None: '
                              'whole lines)')
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
        count = pieces = 0  # items yielded; pieces of long lines (not line ends)
        for source in self._sources:
            for line, position in self._source_lines(source):
                count += 1
                if line.__class__ is LinePiece:
                    pieces += 1
                if count & (_PROGRESS_EVERY - 1) == 0:
                    self.lines_read = count - pieces
                    self.bytes_read = done_bytes + position()
                    if progress is not None:
                        progress.update(self.bytes_read)
                yield line
            size = source.size
            done_bytes += size if size is not None else 0
        self.lines_read = count - pieces
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
        if source.spooled_text:
            return self._spooled_text_lines(source)
        return self._file_lines(source)

    def _text_lines(self, source):
        spool = self._spool_writer(source)
        bound = self.max_line_chars
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
                if spool is not None:  # the lines exactly as given, whatever the encoding
                    spool.write(line.encode('utf-8', SURROGATES) + b'\n')
                if bound is not None and len(line) > bound:
                    for piece in cut_line(line, bound):
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
        copy.spooled_text = source.texts is not None
        self._spooled[id(source)] = copy

    def _spooled_text_lines(self, source):
        """The lines of a spooled iterable of texts, as they were yielded the
        first time (only ``\\n`` ends a line: a ``\\r`` stays in its line)."""
        spool = source.spool_file
        spool.seek(0)
        decoder = codecs.getincrementaldecoder('utf-8')(SURROGATES)
        bound = self.max_line_chars
        carry = u''
        while True:
            block = spool.read(_BLOCK)
            lines = (carry + decoder.decode(block, not block)).split(u'\n')
            carry = lines.pop()
            for line in lines:
                for piece in (cut_line(line, bound) if bound and len(line) > bound else (line,)):
                    yield piece, _nothing
            if not block:
                break

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
        if is_wide_encoding(self.encoding):
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
            stream, raw = open_compressed(source.path)
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
        decoder = WideDecoder(self, source.name)
        bound = self.max_line_chars
        spool = self._spool_writer(source)
        try:
            for block in _blocks(read, source.name):
                if spool is not None:
                    spool.write(block)
                for line in self._feed(decoder.feed, block, source.name):
                    if bound is not None and len(line) > bound:
                        for piece in cut_line(line, bound):
                            yield piece, position
                    else:
                        yield line, position
        finally:
            self._close(stream, raw)
        if spool is not None:
            self._finish_spool(source, spool)

    def _byte_lines(self, source):
        stream, raw, read = self._open(source)
        position = raw.tell if raw is not None else _nothing
        spool = self._spool_writer(source)
        try:
            reader = LineDecoder(self, source.name)
            first = True
            for block in _blocks(read, source.name):
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
                for line in self._feed(reader.feed, block, source.name):
                    yield line, position
            for line in self._feed(reader.finish, None, source.name):
                yield line, position
        finally:
            self._close(stream, raw)
        if spool is not None:
            self._finish_spool(source, spool)

    def _feed(self, feed, block, name):
        """The lines of ``feed(block)`` (``feed()`` when block is None).

        Bad bytes are reported by the decoders with their line; what else a
        codec can raise (``idna`` on an empty label, ``utf-16`` without a
        byte order mark on some Pythons) becomes a CorpusError naming the file.
        """
        try:
            return feed() if block is None else feed(block)
        except UnicodeError as exc:
            raise CorpusError('%s: cannot decode the text as %s: %s' % (name, self.encoding, exc))

    def _decode_line(self, data, name, line_number, offset):
        """Decode one line's bytes, counting (or refusing) undecodable ones."""
        try:
            return data.decode(self.encoding)
        except UnicodeDecodeError as exc:
            if self.errors == 'strict':
                raise decode_error(name, line_number, offset + exc.start, exc, self.encoding)
            self.bad_lines += 1
            return data.decode(self.encoding, self.errors)


def _nothing():
    return 0


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


def _blocks(read, name):
    """The blocks of ``read(_BLOCK)``, the final empty one included; a read
    error becomes a CorpusError naming the file."""
    return collecting(_read_blocks(read, name), _BLOCKS_PER_COLLECTION)


def _read_blocks(read, name):
    while True:
        try:
            block = read(_BLOCK)
        except READ_ERRORS as exc:
            raise CorpusError('%s: cannot read: %s' % (name, exc))
        yield block
        if not block:
            return
