"""The file format of a co-occurrence table (UTF-8 text, one record a line)::

    # nlp-zero cooccurrence 1
    # {"window": 10, "distance_weighting": false, "tokens": 1234, "words": 3, "pairs": 2}
    w<TAB>word<TAB>count         (one per vocabulary word, in id order)
    p<TAB>i<TAB>j<TAB>count      (one per stored pair, i < j, ids as above)

Counts are positive (whole numbers, or decimals with distance weighting).
The loader refuses anything else with a :class:`~nlp_zero.errors.FormatError`
naming the file and line, before a bad value can reach training.
"""

import io
import json
import math

from .._compat import text_type, zip
from .._files import atomic_open
from ..errors import FormatError

__all__ = ['save_table', 'load_table', 'MAGIC']

MAGIC = u'# nlp-zero cooccurrence 1'

#: Longest line the loader reads (a word, two ids and a count fit many times).
_MAX_LINE_BYTES = 1 << 20


def save_table(table, path):
    """Write ``table`` (a Cooccurrence) to ``path``, atomically."""
    for word in table.words:
        if u'\t' in word or u'\n' in word or u'\r' in word:
            raise ValueError('cannot save the word %r: it contains a tab or line end' % (word,))
    header = {'window': table.window, 'distance_weighting': table.distance_weighting,
              'tokens': table.tokens, 'words': len(table.words), 'pairs': len(table.pairs)}
    with atomic_open(path, 'w') as out:
        out.write(MAGIC + u'\n')
        out.write(u'# ' + text_type(json.dumps(header, sort_keys=True)) + u'\n')
        for w, c in zip(table.words, table.counts):
            out.write(u'w\t%s\t%d\n' % (w, c))
        fmt = u'p\t%d\t%d\t%d\n' if not table.distance_weighting else u'p\t%d\t%d\t%r\n'
        write = out.write
        stride = table.stride
        for key, c in table._sorted_items():
            i, j = divmod(key, stride)
            write(fmt % (i, j, c))


def _lines(path):
    """``(number, text)`` of the lines of ``path``, decoded one by one."""
    try:
        f = io.open(path, 'rb')
    except (IOError, OSError) as exc:
        raise FormatError(path, 0, 'cannot open the co-occurrence table: %s'
                          % (exc.strerror or exc))
    with f:
        number = 0
        while True:
            raw = f.readline(_MAX_LINE_BYTES + 1)
            if not raw:
                return
            number += 1
            if len(raw) > _MAX_LINE_BYTES:
                raise FormatError(path, number, 'line longer than %d bytes' % _MAX_LINE_BYTES)
            try:
                yield number, raw.decode('utf-8').rstrip(u'\r\n')
            except UnicodeDecodeError as exc:
                raise FormatError(path, number, 'not UTF-8 text (%s)' % exc.reason)


def _header(path, text):
    try:
        header = json.loads(text[1:])
    except (ValueError, RuntimeError):  # RuntimeError: nesting too deep
        header = None
    if not isinstance(header, dict):
        raise FormatError(path, 2, 'bad header line (expected "# {...}" with the window)')
    window = header.get('window')
    weighted = header.get('distance_weighting', False)
    if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 1 << 30:
        raise FormatError(path, 2, 'the window must be a whole number from 1, not %r' % (window,))
    if not isinstance(weighted, bool):
        raise FormatError(path, 2, 'distance_weighting must be true or false')
    for key in ('tokens', 'words', 'pairs'):
        value = header.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise FormatError(path, 2, '%s must be a whole number, not %r' % (key, value))
    return header, window, weighted


def _count(path, number, text, weighted, zero=False):
    try:
        value = float(text) if weighted else int(text)
    except (ValueError, OverflowError):
        raise FormatError(path, number, 'the count %r is not a number' % text[:30])
    if not (value > 0 or zero and value == 0) or (weighted and math.isinf(value)):
        raise FormatError(path, number, 'the count %r is not a positive number' % text[:30])
    return value


def load_table(cls, path):
    """Read a table written by :func:`save_table` as a ``cls`` (Cooccurrence)."""
    lines = _lines(path)
    first = next(lines, (1, u''))[1]
    if first.lstrip(u'\ufeff') != MAGIC:
        raise FormatError(path, 1, 'not an nlp-zero co-occurrence file')
    header, window, weighted = _header(path, next(lines, (2, u''))[1])
    vocabulary, seen, pairs = [], set(), {}
    size = stride = None
    bad = 'expected "w<TAB>word<TAB>count" or "p<TAB>i<TAB>j<TAB>count", got %r'
    for number, line in lines:
        fields = line.split(u'\t')
        if fields[0] == u'w' and len(fields) == 3 and size is None:
            if not fields[1] or fields[1] in seen:
                raise FormatError(path, number, 'the word %r is empty or listed twice'
                                  % fields[1][:30])
            seen.add(fields[1])
            vocabulary.append((fields[1], _count(path, number, fields[2], False, zero=True)))
        elif fields[0] == u'p' and len(fields) == 4:
            if size is None:
                size, stride = len(vocabulary), len(vocabulary) + 1
            try:
                i, j = int(fields[1]), int(fields[2])
            except ValueError:
                raise FormatError(path, number, bad % line[:60])
            if not 0 <= i < j < size:
                raise FormatError(path, number, 'pair ids %d, %d outside the vocabulary' % (i, j))
            pairs[i * stride + j] = _count(path, number, fields[3], weighted)
        else:
            raise FormatError(path, number, bad % line[:60])
    if len(vocabulary) != header.get('words', len(vocabulary)) or \
            len(pairs) != header.get('pairs', len(pairs)):
        raise FormatError(path, 0, 'truncated file: the header announces %s words and %s '
                                   'pairs' % (header.get('words'), header.get('pairs')))
    table = cls(vocabulary, window, weighted)
    table.pairs = pairs
    table.tokens = header.get('tokens', sum(table.counts))
    return table
