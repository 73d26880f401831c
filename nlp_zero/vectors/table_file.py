"""The file format of a co-occurrence table (UTF-8 text, one record a line)::

    # nlp-zero cooccurrence 1
    # {"window": 10, "distance_weighting": false, "tokens": 1234, "words": 3, "pairs": 2}
    w<TAB>word<TAB>count         (one per vocabulary word, in id order)
    p<TAB>i<TAB>j<TAB>count      (one per stored pair, i < j, ids as above)

Counts are positive (whole numbers, or decimals with distance weighting).
:func:`save_table` writes the pairs in increasing ``(i, j)`` order, and the
loader keeps them as two sorted arrays (16 bytes a pair, not a dict entry
of 100-200); pairs in another order are sorted once after reading.  A pair
listed twice is refused.  The loader refuses anything else with a :class:`~nlp_zero.errors.FormatError`
naming the file and line, before a bad value can reach training.

Between two processes of one run (counting apart, see
:mod:`nlp_zero.counting.apart`) a table passes in binary instead, with no
text to format or parse (:func:`save_arrays`, :func:`load_arrays`): one
line of JSON (window, distance weighting, tokens, words, word counts,
number of pairs ``n``), then the ``n`` pair keys ``i * (words + 1) + j`` as
little-endian signed 64-bit integers, then their ``n`` counts (64-bit
integers, or IEEE doubles with distance weighting).
"""

import io
import json
import math
import numbers
from array import array

from .._compat import (INT64, collect_garbage, map, range, read_array, text_type, write_array,
                      zip)
from .._files import atomic_open, text_lines
from ..counting.sorted_table import SortedTable
from ..errors import FormatError
from ..words.lexicon import MAX_COUNT

__all__ = ['save_table', 'load_table', 'save_arrays', 'load_arrays', 'MAGIC']

MAGIC = u'# nlp-zero cooccurrence 1'


def save_table(table, path):
    """Write ``table`` (a Cooccurrence) to ``path``, atomically."""
    for word in table.words:
        if u'\t' in word or u'\n' in word or u'\r' in word:
            raise ValueError('cannot save the word %r: it contains a tab or line end' % (word,))
    header = dict(_summary(table), words=len(table.words), pairs=len(table.pairs))
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


def _summary(table):
    """The header fields both forms share."""
    return {'window': table.window, 'distance_weighting': table.distance_weighting,
            'tokens': table.tokens}


def _whole(value, low, high):
    """True when ``value`` is a JSON whole number from ``low`` to ``high``."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and \
        low <= value <= high


def _shown(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + '...'


def _header(path, text):
    try:
        header = json.loads(text[1:])
    except (ValueError, RuntimeError):  # RuntimeError: nesting too deep
        header = None
    if not isinstance(header, dict):
        raise FormatError(path, 2, 'bad header line (expected "# {...}" with the window)')
    window = header.get('window')
    weighted = header.get('distance_weighting', False)
    if not _whole(window, 1, 1 << 30):
        raise FormatError(path, 2, 'the window must be a whole number from 1, not %s'
                          % _shown(window))
    if not isinstance(weighted, bool):
        raise FormatError(path, 2, 'distance_weighting must be true or false')
    for key in ('tokens', 'words', 'pairs'):
        value = header.get(key, 0)
        if not _whole(value, 0, MAX_COUNT):
            raise FormatError(path, 2, '%s must be a whole number from 0 to 2**63 - 1, not %s'
                              % (key, _shown(value)))
    return header, window, weighted


def _count(path, number, text, weighted, zero=False):
    """A count field: positive (or 0 when ``zero``), finite, at most MAX_COUNT."""
    try:
        value = float(text) if weighted else int(text)
    except (ValueError, OverflowError):
        raise FormatError(path, number, 'the count %r is not a number' % text[:30])
    if not (value > 0 or zero and value == 0) or (weighted and math.isinf(value)):
        raise FormatError(path, number, 'the count %r is not a positive number' % text[:30])
    if value > MAX_COUNT:
        raise FormatError(path, number, 'the count %r is larger than 2**63 - 1' % text[:30])
    return value


def load_table(cls, path):
    """Read a table written by :func:`save_table` as a ``cls`` (Cooccurrence)."""
    lines = text_lines(path, 'co-occurrence table')
    first = next(lines, (1, u''))[1]
    if first != MAGIC:
        raise FormatError(path, 1, 'not an nlp-zero co-occurrence file')
    second = next(lines, None)
    if second is None:
        raise FormatError(path, 0, 'truncated file: no header line after the first line')
    header, window, weighted = _header(path, second[1])
    vocabulary, seen = [], set()
    keys, values = array(INT64), array('d' if weighted else INT64)
    size = stride = None
    last = -1
    in_order = True
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
            key = i * stride + j
            if key <= last:
                if key == last:
                    raise FormatError(path, number, 'the pair %d, %d is listed twice' % (i, j))
                in_order = False
            last = key
            keys.append(key)
            values.append(_count(path, number, fields[3], weighted))
        else:
            raise FormatError(path, number, bad % line[:60])
    if not in_order:
        keys, values = _sorted(path, keys, values, stride)
    if len(vocabulary) != header.get('words', len(vocabulary)) or \
            len(keys) != header.get('pairs', len(keys)):
        raise FormatError(path, 0, 'truncated file: the header announces %s words and %s '
                                   'pairs' % (header.get('words'), header.get('pairs')))
    table = cls(vocabulary, window, weighted)
    table.pairs = SortedTable(keys, values)
    table.tokens = header.get('tokens', sum(table.counts))
    return table


def _sorted(path, keys, values, stride):
    """``keys`` and ``values`` in key order (a file not written by
    :func:`save_table`); a pair listed twice is refused."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    keys = array(keys.typecode, map(keys.__getitem__, order))
    values = array(values.typecode, map(values.__getitem__, order))
    for at in range(1, len(keys)):
        if keys[at] == keys[at - 1]:
            i, j = divmod(keys[at], stride)
            raise FormatError(path, _second_line(path, i, j),
                              'the pair %d, %d is listed twice' % (i, j))
    return keys, values


def _second_line(path, i, j):
    """The number of the second line of ``path`` that lists the pair ``i, j``
    (read again: only a malformed file comes here)."""
    start = u'p\t%d\t%d\t' % (i, j)
    seen = 0
    for number, line in text_lines(path, 'co-occurrence table'):
        if line.startswith(start):
            seen += 1
            if seen == 2:
                return number
    return 0


def save_arrays(table, path):
    """Write ``table`` in the binary form (see the module), atomically."""
    keys, values = table.key_arrays()
    header = dict(_summary(table), words=list(table.words), counts=list(table.counts),
                  pairs=len(keys))
    with atomic_open(path, 'wb') as out:
        out.write(json.dumps(header).encode('utf-8') + b'\n')
        for block in (keys, values):
            write_array(out, block)
            collect_garbage()  # PyPy: its copy of the block goes before the next


def load_arrays(cls, path):
    """Read a table written by :func:`save_arrays` as a ``cls`` (Cooccurrence)."""
    with io.open(path, 'rb') as data:
        header = json.loads(data.readline().decode('utf-8'))
        weighted = header['distance_weighting']
        n = header['pairs']
        blocks = [read_array(data, typecode, n) for typecode in (INT64, 'd' if weighted else INT64)]
    if len(blocks[1]) != n:
        raise FormatError(path, 0, 'truncated file: %d of %d pairs' % (len(blocks[1]), n))
    table = cls(list(zip(header['words'], header['counts'])), header['window'], weighted)
    table.pairs = SortedTable(*blocks)
    table.tokens = header['tokens']
    return table
