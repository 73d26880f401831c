# -*- coding: utf-8 -*-
"""Word discovery: find the words of a language in raw text, with no dictionary.

Both algorithms follow the minimum-entropy principle: a string is a word
when its characters stick together far more often than chance predicts,
and a word is worth a lexicon entry when the text is cheaper to describe
with it than with its parts.

``method='cut'`` (minimum-entropy cutting, the original ``Word_Finder``; default)
    Count characters and adjacent pairs; cut between ``a`` and ``b`` when the
    pair is rare or weakly bound: ``log p(ab) / (p(a) p(b)) <= min_pmi``,
    with 1 nat by default, the point where merging ``a`` and ``b`` stops
    lowering the information per character.  The frequent pieces are the
    candidates.
``method='ngram'`` (n-gram cohesion)
    Count character n-grams up to ``order``; an n-gram is *cohesive* when
    its pointwise mutual information is high for every way to cut it in two
    (``min over splits of log p(w) / (p(left) p(right))``), with a threshold
    that rises with the order.  The text is cut between two characters
    unless a cohesive n-gram covers that gap; the pieces are counted, and a
    frequent piece is a candidate when all its sub-n-grams are cohesive.

In both, PMI is computed from a lower confidence bound of the n-gram's
count, so that chance pairs of a small corpus do not look cohesive, and
the pairs above ``min_pmi`` join the candidates too (a pair that never
stands alone, like 制度 inside 人事制度, may be the real word).  Then
redundancy is removed: longest candidates first, a word is taken out and
segmented with the remaining lexicon; it stays only if
``log p(w) - sum log p(parts)`` exceeds a threshold, otherwise its count goes
to its parts.  Finally the word counts are re-estimated by segmenting the
counted pieces with the lexicon and recounting (hard EM, as unigram
language-model tokenizers do).

Numbers are learned as a class: a run of digits (ASCII or full-width) or of
two or more Chinese numerals (including the zeros ○ and 〇) counts as one
character, and so does a run of Latin letters; "<number>年" is then learned
from statistics like any other word, and a number always starts a word.  The
lexicon lists the surface forms seen (1996年, 二○○○年).

Counting is done in batches on packed integers (n-grams read from the UTF-16
bytes of the text through :mod:`array`), so that the per-character work
happens inside C builtins; count tables that grow past ``max_entries`` lose
their rarest entries, as word2vec does with its vocabulary, and say so
through ``progress``.  Where NumPy is installed, the n-gram tables and the
test of every gap while cutting use it (the two largest costs; the results
are the same), and ``workers`` can move the normalizing and the cutting to
other processes.
"""

from __future__ import division

import binascii
import math
import re
import sys
import zlib
from array import array
from collections import Counter, deque
from itertools import chain, compress, repeat
from operator import add, le, not_

from ._compat import iteritems, itervalues, map, range, unichr, zip
from .corpus import as_corpus, compile_word_pattern
from .errors import CorpusError
from .lexicon import Lexicon
from .progress import log

__all__ = ['WordDiscovery', 'discover_words', 'new_words', 'normalize_text',
           'NUMBER', 'LATIN', 'DEFAULT_THRESHOLDS']


#: Stand-ins for a run of digits / of Latin letters while counting.
NUMBER = u'\ue000'
LATIN = u'\ue001'

_CHINESE_NUMERALS = (u'\u25cb\u3007\u96f6\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03'
                     u'\u516b\u4e5d\u5341\u767e\u5343\u4e07\u4ebf')
_DIGITS = u'0-9\uff10-\uff19'
_LETTERS = u'A-Za-z\uff21-\uff3a\uff41-\uff5a'
_NUMBER_PATTERN = u'[%s]+|[%s]{2,}' % (_DIGITS, _CHINESE_NUMERALS)
_LATIN_PATTERN = u'[%s]+' % _LETTERS
_NUMBER_RE = re.compile(_NUMBER_PATTERN, re.UNICODE)
_LATIN_RE = re.compile(_LATIN_PATTERN, re.UNICODE)
_DIGIT_RE = re.compile(u'[%s]' % _DIGITS, re.UNICODE)
_NUMBER_RUN_RE = re.compile(NUMBER + u'+', re.UNICODE)
_LATIN_RUN_RE = re.compile(LATIN + u'+', re.UNICODE)
_CHINESE_NUMBER_RE = re.compile(u'[%s]{2,}' % _CHINESE_NUMERALS, re.UNICODE)
# (the look-ahead lets the regex engine skip quickly to the next candidate)
_CLASS_RUN_RE = re.compile(u'(?=[%s%s%s])(?:%s|%s)' % (
    _DIGITS, _LETTERS, _CHINESE_NUMERALS, _NUMBER_PATTERN, _LATIN_PATTERN), re.UNICODE)
_CLASS_CHAR_RE = re.compile(u'[%s%s]' % (NUMBER, LATIN), re.UNICODE)
# Characters outside the Basic Multilingual Plane do not fit the packed
# 16-bit units; they are rare in running text and are left as words of
# their own (treated as separators while counting).
if sys.maxunicode > 0xffff:
    _ASTRAL_RE = re.compile(u'[\U00010000-\U0010ffff]', re.UNICODE)
else:  # pragma: no cover - narrow Python 2 builds
    _ASTRAL_RE = re.compile(u'[\ud800-\udbff][\udc00-\udfff]', re.UNICODE)

#: Cohesion thresholds (minimum PMI over binary splits, in nats) by order.
DEFAULT_THRESHOLDS = {2: 2.0, 3: 4.0, 4: 6.0}

_BATCH_CHARS = 1 << 18
# bytes 0 (gap not covered by a cohesive n-gram) -> space (cut), else -> NUL
_MARK_TABLE = bytes(bytearray([32] + [0] * 255))


# ------------------------------------------------------------ normalisation
class _Normalizer(object):
    """Turns text into what is counted: word characters, one space between
    fragments, and (with ``classes``) one stand-in per digit or letter run.

    One ``str.translate`` over a table of the whole Basic Multilingual Plane
    does most of it at C speed; two regexes that look for a single literal
    character fold the runs.
    """

    _cache = {}

    def __init__(self, pattern=None, classes=True):
        self.classes = classes
        key = (getattr(pattern, 'pattern', pattern), classes)
        table = self._cache.get(key)
        if table is None:
            table = self._cache[key] = self._build_table(compile_word_pattern(pattern), classes)
        self.table = table
        self.codes = None  # the table as a NumPy array, built on first use

    @staticmethod
    def _build_table(words, classes):
        space = ord(u' ')
        number, latin = ord(NUMBER), ord(LATIN)
        table = []  # a list is the fastest mapping for str.translate
        append = table.append
        is_word = words.match
        for code in range(0x10000):
            char = unichr(code)
            if 0xd800 <= code < 0xe000 or not is_word(char):
                append(space)
            elif classes and _DIGIT_RE.match(char):
                append(number)
            elif classes and _LATIN_RE.match(char):
                append(latin)
            else:
                append(code)
        return table

    def normalize(self, text):
        """The counted form of ``text`` (characters outside the BMP become
        separators: they do not fit the packed 16-bit units)."""
        numpy = _numpy() if len(text) > 4096 else None
        if numpy is not None:
            try:
                data = text.encode('utf-16-le')
            except UnicodeEncodeError:  # a lone surrogate
                data = b''
            if len(data) == 2 * len(text):  # no surrogate pairs: one unit per character
                return self._normalize_units(numpy.frombuffer(data, dtype='<u2'), numpy)
        text = text.translate(self.table)
        if self.classes:
            if NUMBER in text:
                text = _NUMBER_RUN_RE.sub(NUMBER, text)
            if LATIN in text:
                text = _LATIN_RUN_RE.sub(LATIN, text)
            text = _CHINESE_NUMBER_RE.sub(NUMBER, text)
        return text

    def _normalize_units(self, units, numpy):
        """:meth:`normalize` on the UTF-16 code units of a text of the Basic
        Multilingual Plane, with NumPy: one table lookup instead of
        ``str.translate``, and masks instead of the three regexes that fold
        the runs (the same result, three times faster)."""
        if self.codes is None:
            self.codes = numpy.array(self.table, dtype='<u2')
            self.numerals = numpy.zeros(0x10000, dtype=bool)
            self.numerals[[ord(c) for c in _CHINESE_NUMERALS]] = True
        units = self.codes[units]
        if self.classes and len(units):
            number, latin = ord(NUMBER), ord(LATIN)
            previous = numpy.concatenate(([0], units[:-1]))
            # the second and later stand-ins of a digit run, of a letter run
            drop = ((units == number) & (previous == number)) | (
                (units == latin) & (previous == latin))
            numeral = self.numerals[units]
            before = numpy.concatenate(([False], numeral[:-1]))
            after = numpy.concatenate((numeral[1:], [False]))
            run = numeral & (before | after)  # in a run of 2+ Chinese numerals
            units = units.copy()
            units[run & ~before] = number  # its first becomes the stand-in
            units = units[~(drop | (run & before))]
        return units.astype('<u2').tobytes().decode('utf-16-le')

    def surfaces(self, text):
        """The digit and letter runs of ``text`` that :meth:`normalize`
        replaces, in order."""
        return _CLASS_RUN_RE.findall(text) if self.classes else []


def normalize_text(text, pattern=None, classes=True):
    """``(normalized, surfaces)`` of a text, as counted by word discovery.

    Every character that is not a word character becomes a space; with
    ``classes`` each run of digits (or of Latin letters) becomes
    :data:`NUMBER` (:data:`LATIN`), and ``surfaces`` lists the runs replaced,
    in order, so that the original can be restored.
    """
    normalizer = _Normalizer(pattern, classes)
    normalized = normalizer.normalize(text)
    if _ASTRAL_RE.search(normalized):
        normalized = _ASTRAL_RE.sub(u' ', normalized)
    return normalized, normalizer.surfaces(text)


def _restore(text, surfaces):
    """Put the digit and letter runs back in place of their stand-ins."""
    if not surfaces:
        return text
    if LATIN in text:
        text = text.replace(LATIN, NUMBER)
    parts = text.split(NUMBER)
    runs = list(surfaces)
    runs.append(u'')
    return u''.join(chain.from_iterable(zip(parts, runs)))


def _pack_batch(data, runs):
    """A batch as the cache keeps it (and as it travels to a worker
    process): its UTF-16-LE bytes and its digit and letter runs, compressed
    at zlib's fastest level."""
    return (zlib.compress(data, 1),
            zlib.compress(u'\n'.join(runs).encode('utf-8'), 1) if runs else b'')


def _unpack_batch(packed):
    """``(text, data, runs)`` of a packed batch."""
    data = zlib.decompress(packed[0])
    runs = zlib.decompress(packed[1]).decode('utf-8').split(u'\n') if packed[1] else []
    return data.decode('utf-16-le'), data, runs


class _BatchCache(object):
    """Packed batches of one corpus, within a byte budget."""

    def __init__(self, budget):
        self.budget = budget
        self.batches = []
        self.size = 0
        self.alive = budget > 0

    def add(self, packed):
        self.size += len(packed[0]) + len(packed[1])
        if self.size > self.budget:
            self.alive = False
            self.batches = []
            return
        self.batches.append(packed)

    def __iter__(self):
        return iter(self.batches)


def _texts(corpus):
    """The corpus in texts of about ``_BATCH_CHARS`` characters (its lines
    joined by newlines): the unit of counting, cutting and pruning."""
    batch = []
    size = 0
    for line in corpus:
        batch.append(line)
        size += len(line)
        if size >= _BATCH_CHARS:
            yield u'\n'.join(batch)
            batch = []
            size = 0
    if batch:
        yield u'\n'.join(batch)


def _normalize_batch(normalizer, original, runs=True):
    """``(text, data, runs)`` of a raw batch: the normalized text followed by
    a space, its UTF-16-LE bytes, and (if ``runs``) the digit and letter
    runs that the text's stand-ins replace."""
    text, data = _encode(normalizer.normalize(original) + u' ')
    return text, data, normalizer.surfaces(original) if runs else None


def _encode(text):
    """``(text, UTF-16-LE bytes)``, characters outside the BMP made spaces."""
    data = text.encode('utf-16-le')
    if len(data) != 2 * len(text):
        text = _ASTRAL_RE.sub(u' ', text)
        data = text.encode('utf-16-le')
    return text, data


# ------------------------------------------------------- packed n-grams
def _typecode(size):
    for code in ('H', 'I', 'L', 'Q'):
        try:
            if array(code).itemsize == size:
                return code
        except ValueError:  # 'Q' is missing on Python 2
            pass
    raise RuntimeError('no array type of %d bytes on this platform' % size)


_CODES = {1: _typecode(2), 2: _typecode(4), 3: _typecode(8), 4: _typecode(8)}
MAX_ORDER = 4


def _gram_arrays(data, length, n):
    """The n-grams of a text as packed integers, one array per start offset
    modulo n (together they hold every n-gram once).

    ``data`` is the text's UTF-16-LE encoding (2 bytes per character);
    an n-gram is its 2n bytes read as one integer (3-grams padded to 8).
    """
    code = _CODES[n]
    arrays = []
    for offset in range(n):
        k = (length - offset) // n
        if k <= 0:
            break
        start = 2 * offset
        if n == 3:
            chunk = bytearray(8 * k)
            for i in range(6):
                chunk[i::8] = data[start + i:start + 6 * k:6]
        else:
            chunk = data[start:start + 2 * n * k]
        arrays.append(array(code, bytes(chunk)))
    return arrays


def _tobytes(packed):
    return packed.tobytes() if hasattr(packed, 'tobytes') else packed.tostring()


def _unpack_all(keys, n):
    """The texts of packed n-grams (a list of ints)."""
    width = array(_CODES[n]).itemsize // 2
    text = _tobytes(array(_CODES[n], keys)).decode('utf-16-le')
    return [text[i:i + n] for i in range(0, len(text), width)]


def _unpack_firsts(keys, n):
    """The first characters of packed n-grams (a list of ints), as a string."""
    width = array(_CODES[n]).itemsize // 2
    return _tobytes(array(_CODES[n], keys)).decode('utf-16-le')[0::width]


def _pack_all(grams, n):
    """The packed integers of n-grams (inverse of :func:`_unpack_all`)."""
    if not grams:
        return array(_CODES[n])
    width = array(_CODES[n]).itemsize // 2
    padding = u'\x00' * (width - n)
    data = (padding.join(grams) + padding).encode('utf-16-le')
    return array(_CODES[n], data)


def _bytes_to_int(data):
    if hasattr(int, 'from_bytes'):
        return int.from_bytes(bytes(data), 'little')
    return int(binascii.hexlify(bytes(data[::-1])) or b'0', 16)  # pragma: no cover


def _int_to_bytes(value, size):
    if hasattr(value, 'to_bytes'):
        return value.to_bytes(size, 'little')
    digits = '%x' % value  # pragma: no cover - Python 2
    digits = '0' * (2 * size - len(digits)) + digits
    return binascii.unhexlify(digits)[::-1]


# ------------------------------------------------------------ count tables
def _at_least(values, floor):
    """One flag per value: is it ``>= floor``?  (C-level, for compress.)"""
    return list(map(le, repeat(floor), values))


class _Table(object):
    """A Counter that keeps at most ``max_entries`` entries by dropping the
    rarest ones (the word2vec vocabulary reduction)."""

    def __init__(self, name, max_entries):
        self.name = name
        self.max_entries = max_entries
        self.counts = Counter()
        self.floor = 0  # counts below this may have been dropped
        self.prunings = 0
        self.keep_dropped = None  # called with the keys and counts dropped

    def __len__(self):
        return len(self.counts)

    def update(self, items):
        self.counts.update(items)

    def count_arrays(self, arrays):
        """Count the packed n-grams of one batch (arrays of ints)."""
        for packed in arrays:
            self.counts.update(packed)

    def keys_and_counts(self):
        """Two lists: the keys, and their counts."""
        return list(self.counts), list(itervalues(self.counts))

    def merge(self, batch):
        """Add the counts of one batch (a Counter).

        Counting a batch apart, in a small Counter that stays in the CPU
        cache, then adding each distinct key once, is faster than counting
        every occurrence in the large table when keys repeat a lot within
        a batch (pieces: a fifth are distinct); the table ends up the same,
        in the same order.
        """
        table = self.counts
        keys = list(batch)
        dict.update(table, zip(keys, map(add, map(table.get, keys, repeat(0)),
                                         itervalues(batch))))

    def check(self, progress):
        if self.max_entries and len(self) > self.max_entries:
            self.prune(progress)

    def prune(self, progress):
        """Keep about half of the allowed entries: the most frequent ones."""
        counts = self.counts
        threshold = _prune_threshold(iteritems(Counter(itervalues(counts))),
                                     self.max_entries // 2)
        before = len(counts)
        # the filtering runs in C (compress over flags), in the table's order
        keys = list(counts)
        values = list(itervalues(counts))
        del counts
        self.counts = Counter()
        flags = _at_least(values, threshold)
        dict.update(self.counts, zip(compress(keys, flags), compress(values, flags)))
        if self.keep_dropped is not None:
            flags = list(map(not_, flags))
            self.keep_dropped(list(compress(keys, flags)), list(compress(values, flags)))
        self.floor = max(self.floor, threshold)
        self.prunings += 1
        log(progress, 'pruned the %s table from %d to %d entries (dropped counts < %d)'
            % (self.name, before, len(self.counts), threshold))


def _prune_threshold(histogram, keep):
    """The smallest count that keeps at most about ``keep`` entries (at
    least 2), from ``(count, number of entries)`` pairs."""
    kept = 0
    for value, entries in sorted(histogram, reverse=True):
        kept += entries
        if kept > keep:
            return max(value + 1, 2)
    return 2


class _ArrayTable(object):
    """A :class:`_Table` of packed n-grams kept as two NumPy arrays, the
    keys sorted.

    A batch is counted with one sort (``numpy.unique``) and added with one
    binary search, several times faster than a Counter update per n-gram
    (the largest cost of training), and the table takes a tenth of the
    memory.  The counts and the prunings are the same, so is the lexicon.
    Used when NumPy is available.
    """

    def __init__(self, name, max_entries, code, numpy):
        self.name = name
        self.max_entries = max_entries
        self.floor = 0
        self.prunings = 0
        self.keep_dropped = None
        self.numpy = numpy
        self.keys = numpy.zeros(0, dtype=numpy.dtype(code))
        self.values = numpy.zeros(0, dtype=numpy.int64)

    def __len__(self):
        return len(self.keys)

    @property
    def counts(self):
        """The table as a Counter (a copy)."""
        return Counter(dict(zip(*self.keys_and_counts())))

    def keys_and_counts(self):
        return self.keys.tolist(), self.values.tolist()

    def count_arrays(self, arrays):
        numpy = self.numpy
        parts = [numpy.frombuffer(packed, dtype=self.keys.dtype) for packed in arrays]
        if not parts:
            return
        keys, counts = numpy.unique(numpy.concatenate(parts), return_counts=True)
        where = numpy.searchsorted(self.keys, keys)
        found = where < len(self.keys)
        found[found] = self.keys[where[found]] == keys[found]
        self.values[where[found]] += counts[found]
        new = ~found
        self.keys = numpy.insert(self.keys, where[new], keys[new])
        self.values = numpy.insert(self.values, where[new], counts[new])

    def check(self, progress):
        if self.max_entries and len(self) > self.max_entries:
            self.prune(progress)

    def prune(self, progress):
        values, entries = self.numpy.unique(self.values, return_counts=True)
        threshold = _prune_threshold(zip(values.tolist(), entries.tolist()),
                                     self.max_entries // 2)
        before = len(self)
        kept = self.values >= threshold
        if self.keep_dropped is not None:
            dropped = ~kept
            self.keep_dropped(self.keys[dropped].tolist(), self.values[dropped].tolist())
        self.keys = self.keys[kept]
        self.values = self.values[kept]
        self.floor = max(self.floor, threshold)
        self.prunings += 1
        log(progress, 'pruned the %s table from %d to %d entries (dropped counts < %d)'
            % (self.name, before, len(self), threshold))


_NUMPY = []


def _numpy():
    """NumPy, or None: an optional accelerator, imported on first use."""
    if not _NUMPY:
        try:
            import numpy
        except ImportError:
            numpy = None
        _NUMPY.append(numpy)
    return _NUMPY[0]


class _PackedSet(set):
    """A set of packed n-grams (with, for pairs, the NumPy lookup table of
    :func:`_pair_flags` once it is built)."""
    lookup = None


def _pair_flags(found, data, numpy):
    """One byte per gap of a text (its UTF-16-LE ``data``): 1 if the pair of
    characters around it is in ``found`` (a :class:`_PackedSet` of pairs).

    The test for every gap is one of the largest costs of cutting; with
    NumPy it is a lookup in a bit table indexed by (first character,
    second character), each numbered among the characters that occur in
    the pairs, several times faster than a set lookup per gap.
    """
    if found.lookup is None:
        pairs = _unpack_all(list(found), 2)
        firsts = numpy.zeros(0x10000, dtype=numpy.int64)
        seconds = numpy.zeros(0x10000, dtype=numpy.int64)
        for ids, chars in ((firsts, set(p[0] for p in pairs)),
                           (seconds, set(p[1] for p in pairs))):
            ids[sorted(ord(c) for c in chars)] = numpy.arange(1, len(chars) + 1)
        width = int(seconds.max()) + 1
        index = numpy.array([firsts[ord(p[0])] * width + seconds[ord(p[1])] for p in pairs],
                            dtype=numpy.int64)
        bits = numpy.zeros(((int(firsts.max()) + 1) * width + 7) // 8, dtype=numpy.uint8)
        numpy.bitwise_or.at(bits, index >> 3, (1 << (index & 7)).astype(numpy.uint8))
        found.lookup = firsts, seconds, width, bits
    firsts, seconds, width, bits = found.lookup
    codes = numpy.frombuffer(data, dtype='<u2')
    index = firsts[codes[:-1]] * width + seconds[codes[1:]]
    return ((bits[index >> 3] >> (index & 7)) & 1).astype(numpy.uint8).tobytes()


def _gram_table_for(n, max_entries):
    """An empty count table for packed n-grams (NumPy-backed if possible)."""
    numpy = _numpy()
    name = '%d-gram' % n
    if numpy is None:
        return _Table(name, max_entries)
    return _ArrayTable(name, max_entries, _CODES[n], numpy)


# ------------------------------------------------------- worker processes
_END = object()


def _in_order(task, items, helpers, local):
    """``local(item)`` for each of ``items``, in order, computed by the
    helper processes when there are any.

    Helpers only transform batches (normalize, compress, cut); every count
    table is updated by the caller, batch after batch, exactly as without
    helpers, so the counts and the prunings are the same.  The items go
    round-robin and a helper gets its next item as soon as it returns a
    result: it works on it while the caller counts, and never holds more
    than one (the pipes cannot fill up both ways at once).
    """
    if not helpers:
        for item in items:
            yield local(item)
        return
    items = iter(items)
    busy = deque()
    for helper in helpers:
        item = next(items, _END)
        if item is _END:
            break
        helper.send(task, item)
        busy.append(helper)
    while busy:
        helper = busy.popleft()
        result = helper.receive()
        item = next(items, _END)
        if item is not _END:
            helper.send(task, item)
            busy.append(helper)
        yield result


class _Helper(object):
    """One worker process and the pipe to it."""

    def __init__(self, process, connection):
        self.process = process
        self.connection = connection
        self.pending = False

    def send(self, task, argument):
        self.connection.send((task, argument))
        self.pending = True

    def receive(self):
        self.pending = False
        try:
            ok, result = self.connection.recv()
        except (EOFError, IOError, OSError):
            raise RuntimeError('a word discovery worker process stopped unexpectedly')
        if not ok:
            raise RuntimeError('a word discovery worker process failed: %s' % result)
        return result

    def stop(self):
        try:
            if self.pending:  # a result it may be blocked sending
                self.connection.recv()
            self.connection.send(None)
            self.connection.close()
        except (EOFError, IOError, OSError, ValueError):
            pass
        self.process.join(5)
        if self.process.is_alive():  # pragma: no cover - a stuck worker
            self.process.terminate()


def _start_helpers(count, options, progress):
    """Start ``count`` worker processes; none (and a log line) where
    multiprocessing is missing or cannot start a process."""
    helpers = []
    try:
        import multiprocessing
        for _ in range(count):
            mine, theirs = multiprocessing.Pipe()
            process = multiprocessing.Process(target=_serve, args=(theirs, options))
            process.daemon = True
            process.start()
            theirs.close()
            helpers.append(_Helper(process, mine))
    except (ImportError, OSError, NotImplementedError, ValueError, AttributeError) as exc:
        for helper in helpers:
            helper.stop()
        log(progress, 'cannot start worker processes (%s): counting in this one' % exc)
        return []
    return helpers


def _serve(connection, options):
    """The loop of a worker process: run each task received and send back
    its result (or the error) until told to stop."""
    try:
        import signal
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    except (ImportError, ValueError, AttributeError):  # pragma: no cover
        pass
    finder = WordDiscovery(**options)
    kept = {}
    while True:
        try:
            message = connection.recv()
        except (EOFError, IOError, OSError):
            break
        if message is None:
            break
        task, argument = message
        try:
            if task == 'prepare':
                reply = (True, finder._prepare(argument))
            elif task == 'cut':
                reply = (True, finder._cut(argument, kept))
            else:  # 'kept': the n-grams that must not be cut
                kept = dict((n, _PackedSet(grams)) for n, grams in iteritems(argument))
                reply = (True, None)
        except Exception as exc:  # sent to the parent, which raises it
            reply = (False, '%s: %s' % (type(exc).__name__, exc))
        try:
            connection.send(reply)
        except (IOError, OSError):
            break
    connection.close()


# -------------------------------------------------------------- the model
class WordDiscovery(object):
    """Unsupervised word discovery by minimum entropy.

    Parameters
    ----------
    method : {'cut', 'ngram'}
        ``'cut'`` (default): minimum-entropy cutting on adjacent pairs, the
        original algorithm, improved; fast and bounded on 100M characters.
        ``'ngram'``: n-gram cohesion; better on small corpora, slower.
    order : int
        Longest n-gram counted by ``'ngram'`` (2 to 4, default 4).
    thresholds : dict
        Cohesion thresholds of ``'ngram'`` by order, in nats (default
        :data:`DEFAULT_THRESHOLDS`: 2, 4, 6: two nats more for each extra
        character, because a longer string has more ways to look cohesive
        by chance).
    min_pmi : float
        ``'cut'`` keeps two characters together when their pair's PMI is
        above this (default 1.0, the minimum-entropy criterion: merging
        ``a`` and ``b`` into one symbol lowers the information per character
        when ``p(ab) (log p(ab) / (p(a) p(b)) - 1) > 0``).  For both methods
        the pairs above it are also candidate words.
    min_proba : float or None
        ``'cut'`` also cuts a pair whose probability is at most this
        (default None: fewer than ``min_count`` occurrences).
    confidence : float
        PMI is computed with the n-gram's count lowered by ``confidence``
        standard deviations (``c - z sqrt(c)``; default 1.0), so that the
        same thresholds serve tiny and huge corpora.
    min_count : int or None
        Fewest occurrences of an n-gram or candidate word.  None (default):
        ``max(2, round(2 sqrt(N / 1e6)))`` for N characters: 2 up to a
        million characters, 4 at 4M, 13 at 40M.  Sampling noise grows like
        the square root of the corpus, so a count must too to stand out;
        a fixed fraction of N would throw away every word of a topic that
        fills only a small part of a large corpus.
    redundancy : {'length', 'constant'}
        How much a word must explain beyond its parts to stay:
        ``log p(w) - sum log p(parts) > redundancy_threshold * (len(w) - 1)``
        (``'length'``, default, as the original code with 1 nat) or
        ``> redundancy_threshold`` (``'constant'``; the blog used 1).
    redundancy_threshold : float
        Default 3.0 nats per extra character: with 1 nat, frequent phrases
        (新世纪, 干部人事制度) stay words and hide their parts; 3 nats
        lets a longer word stay only when it is much more than its parts.
    reestimate : int
        Passes of hard EM after redundancy removal: cut every frequent piece
        with the lexicon, recount, drop words under ``min_count`` (default
        1).  It does not change the segmentation much, but the counts
        become counts of use: a pair that only occurs inside a longer word
        (新世 in 新世纪) drops out instead of keeping its pair count.
    classes : bool
        Count each run of digits, and each run of Latin letters, as one
        character (default True), so that "<number>年" is learned once.
    numbers_start_words : bool
        Always cut before a number (default True): dates come out as
        ``12月 / 31日`` rather than ``12 / 月31日``.
    max_entries : int
        Largest size of the pair (n-gram) tables before their rarest
        entries are dropped (default 400,000, about 45 MB each, 5 MB with
        NumPy); the table of pieces gets half.
    cache_bytes : int
        How much compressed text :meth:`train` keeps so that :meth:`find`
        need not read the corpus again (default 64 MB, about 150M
        characters; 0 reads it again).
    workers : int
        Processes to use (default 1: this one only).  With ``n > 1``,
        ``n - 1`` worker processes are started by :meth:`train` (while this
        process is still small, as they are forked from it) and stopped at
        the end of :meth:`find`.  They normalize and compress the batches
        while this process counts their n-grams, then cut the batches while
        this process counts their pieces; every count table is still
        updated here, batch after batch, so the lexicon is exactly the one
        of a single process.  It saves time only where a core is free.
        Where multiprocessing is missing or cannot start a process,
        everything runs here.
    pattern : str or regex
        The word-character pattern (default :data:`nlp_zero.corpus.WORD_PATTERN`).
    progress : Progress or None
        Where to log what happens.

    Examples
    --------
    >>> finder = WordDiscovery()
    >>> finder.train(Corpus('news.txt'))          # doctest: +SKIP
    >>> lexicon = finder.find()                   # doctest: +SKIP
    """

    def __init__(self, method='cut', order=4, thresholds=None, min_pmi=1.0, min_proba=None,
                 confidence=1.0, min_count=None, redundancy='length', redundancy_threshold=3.0,
                 reestimate=1, classes=True, numbers_start_words=True, max_entries=400000,
                 cache_bytes=64 << 20, workers=1, pattern=None, progress=None):
        if method not in ('ngram', 'cut'):
            raise ValueError("method must be 'ngram' or 'cut', not %r" % (method,))
        if method == 'cut':
            order = 2
        if not 2 <= int(order) <= MAX_ORDER:
            raise ValueError('order must be between 2 and %d, not %r' % (MAX_ORDER, order))
        if redundancy not in ('length', 'constant'):
            raise ValueError("redundancy must be 'length' or 'constant', not %r" % (redundancy,))
        self.method = method
        self.order = int(order)
        self.thresholds = dict(DEFAULT_THRESHOLDS)
        if thresholds:
            self.thresholds.update(thresholds)
        self.min_pmi = float(min_pmi)
        self.min_proba = min_proba
        self.confidence = float(confidence)
        self.min_count = min_count
        self.redundancy = redundancy
        self.redundancy_threshold = float(redundancy_threshold)
        self.reestimate = int(reestimate)
        self.classes = classes
        self.numbers_start_words = numbers_start_words
        self.max_entries = max_entries
        self.pattern = pattern
        self.normalizer = _Normalizer(pattern, classes)
        self.progress = progress
        # Characters are counted as the first halves of the pairs (every
        # batch ends with a space, so each character starts one pair): one
        # pass over the text less.  What pruning drops from the pair table
        # is kept per character in ``_dropped_chars``.
        self.tables = dict((n, _gram_table_for(n, max_entries))
                           for n in range(2, self.order + 1))
        self.tables[2].keep_dropped = self._keep_dropped_chars
        self._dropped_chars = Counter()
        self._chars = None
        self._caches = []
        self.cache_bytes = cache_bytes
        self.workers = max(1, int(workers))
        self._helpers = []
        self.corpora = []
        self.lexicon = None
        self.pieces = None
        self.cohesive = None
        self.pair_candidates = {}

    # -------------------------------------------------------------- counting
    @property
    def total_chars(self):
        """Characters counted so far (digit and letter runs count as one)."""
        return sum(itervalues(self.char_counts()))

    def char_counts(self):
        """``{char: count}`` of every character counted so far."""
        if self._chars is None:
            self._chars = self._count_chars()
        return self._chars

    def _count_chars(self):
        chars = Counter(self._dropped_chars)
        keys, counts = self.tables[2].keys_and_counts()
        for char, count in zip(_unpack_firsts(keys, 2), counts):
            chars[char] += count
        chars.pop(u' ', None)
        return chars

    def _keep_dropped_chars(self, keys, counts):
        """Add the counts of pruned pairs to their first characters (the
        character counts are the first halves of the pairs)."""
        firsts = _unpack_firsts(keys, 2)
        self._dropped_chars.update(chain.from_iterable(map(repeat, firsts, counts)))

    def train(self, corpus, progress=None):
        """Count the characters and n-grams of ``corpus`` (added to the counts
        of earlier calls; nothing is ever wiped).  Returns ``self``.

        The counted text is also kept, zlib-compressed, up to
        ``cache_bytes``, so that :meth:`find` does not read and normalize
        the corpus a second time.
        """
        progress = progress or self.progress
        corpus = as_corpus(corpus, spool=True)
        self.corpora.append(corpus)
        self._chars = None
        cache = _BatchCache(self.cache_bytes - sum(c.size for c in self._caches if c))
        helpers = self._start_helpers(progress)
        tables = self.tables
        order = self.order
        try:
            # (whether to pack a batch for the cache is decided when it is read)
            batches = ((text, cache.alive) for text in _texts(corpus))
            for data, packed in _in_order('prepare', batches, helpers, self._prepare):
                if packed is not None and cache.alive:
                    cache.add(packed)
                length = len(data) // 2
                for n in range(2, order + 1):
                    table = tables[n]
                    table.count_arrays(_gram_arrays(data, length, n))
                    table.check(progress)
        except BaseException:
            self._stop_helpers()
            raise
        self._caches.append(cache if cache.alive else None)
        if not cache.alive:
            log(progress, 'the corpus is larger than the cache (%d MB): it will be read '
                'again to cut it' % (self.cache_bytes >> 20))
        return self

    def _prepare(self, batch):
        """``(data, packed)`` of a raw batch ``(text, pack)``: the UTF-16-LE
        bytes of its normalized text (what is counted) and, if ``pack``,
        the batch packed for the cache (else None)."""
        original, pack = batch
        text, data, runs = _normalize_batch(self.normalizer, original, pack)
        return data, _pack_batch(data, runs) if pack else None

    def _options(self):
        """What a worker process needs to count and cut as this one does."""
        return dict(method=self.method, order=self.order, classes=self.classes,
                    numbers_start_words=self.numbers_start_words, pattern=self.pattern)

    def _start_helpers(self, progress):
        if not self._helpers and self.workers > 1:
            self._helpers = _start_helpers(self.workers - 1, self._options(), progress)
        return self._helpers

    def _stop_helpers(self):
        helpers, self._helpers = self._helpers, []
        for helper in helpers:
            helper.stop()

    def _gram_table(self, n, min_count):
        """``{text: count}`` of the n-grams with at least ``min_count``
        occurrences, leaving out those that touch the space between
        fragments."""
        keys, counts = self.tables[n].keys_and_counts()
        flags = _at_least(counts, min_count)
        keys = list(compress(keys, flags))
        counts = list(compress(counts, flags))
        return dict((g, c) for g, c in zip(_unpack_all(keys, n), counts) if u' ' not in g)

    def effective_min_count(self):
        """The ``min_count`` used for the text counted so far."""
        return self._min_count(self.total_chars)

    def _min_count(self, size):
        if self.min_count is not None:
            return max(1, int(self.min_count))
        return max(2, int(round(math.sqrt(size / 1e6) * 2)))

    # -------------------------------------------------------------- cutting
    def _cohesive_ngrams(self, chars, min_count):
        """``{n: set of packed n-grams}`` that must not be cut.

        Also fills :attr:`pair_candidates`: the pairs bound above ``min_pmi``
        (with their counts), which join the candidate words, because a pair
        that never stands alone (制度 inside 人事制度) may be the real word.
        """
        total = sum(itervalues(chars))
        log_total = math.log(total)
        grams = {1: chars}
        for n in range(2, self.order + 1):
            grams[n] = self._gram_table(n, min_count)
        glog = dict((n, dict((g, math.log(c)) for g, c in iteritems(grams[n])))
                    for n in grams)
        # An n-gram's own count enters by a lower confidence bound: the PMI
        # of a rare n-gram is an overestimate (its count is the top of the
        # noise), and that, not a larger threshold, is what guards small
        # corpora against chance pairs.
        z = self.confidence
        sqrt, log = math.sqrt, math.log
        kept = {}
        self.pair_candidates = pair_candidates = {}
        min_pmi = self.min_pmi
        if self.method == 'cut':
            floor = log(self.min_proba * total) if self.min_proba else log(min_count - 0.5)
            thresholds = {2: min_pmi}
        else:
            floor = None
            thresholds = self.thresholds
        for n in range(2, self.order + 1):
            threshold = thresholds.get(n, thresholds[max(thresholds)])
            found = set()
            lower = glog[n - 1]
            for gram, count in iteritems(grams[n]):
                if floor is not None and glog[n][gram] <= floor:
                    continue
                sure = log(max(count - z * sqrt(count), 0.5)) + log_total
                if n == 2:
                    score = sure - lower[gram[0]] - lower[gram[1]]
                    if score > min_pmi:
                        pair_candidates[gram] = count
                else:
                    # a part pruned from its table is at least as frequent as the whole
                    own = glog[n][gram]
                    score = min(sure - glog[i].get(gram[:i], own) - glog[n - i].get(gram[i:], own)
                                for i in range(1, n))
                if score > threshold:
                    found.add(gram)
            kept[n] = found
        self.cohesive = kept
        return dict((n, _PackedSet(_pack_all(list(found), n))) for n, found in iteritems(kept))

    def _cut_batch(self, text, data, surfaces, kept):
        """One normalized batch cut into pieces (surface forms, separated by
        spaces)."""
        length = len(text)
        if length < 2:
            return _restore(text, surfaces)
        cover = self._cover(data, length, kept)
        if self.numbers_start_words and self.classes:
            position = text.find(NUMBER, 1)
            while position > 0:
                cover[position - 1] = 0
                position = text.find(NUMBER, position + 1)
        marks = bytes(cover).translate(_MARK_TABLE)
        out = bytearray(4 * length)
        out[0::4] = data[0::2]
        out[1::4] = data[1::2]
        out[2:4 * (length - 1):4] = marks
        pieces = out.decode('utf-16-le').replace(u'\x00', u'')
        return _restore(pieces, surfaces)

    def _cover(self, data, length, kept):
        """One byte per gap between two characters: non-zero when a cohesive
        n-gram spans the gap.

        An n-gram at position j spans gaps j .. j+n-2; the flags of each
        order are added up, shifted, as big integers (one byte per gap, at
        most 6 per byte, so no carries), which is C-speed work.
        """
        if self.order == 2:  # pairs only: the flags are the cover
            numpy = _numpy()
            found = kept.get(2, ())
            if numpy is not None and found:
                return bytearray(_pair_flags(found, data, numpy))
            flags = bytearray(length - 1)
            for offset, packed in enumerate(_gram_arrays(data, length, 2)):
                flags[offset::2] = bytearray(map(found.__contains__, packed))
            return flags
        total = 0
        for n in range(2, self.order + 1):
            found = kept.get(n)
            if not found:
                continue
            flags = bytearray(length - n + 1)
            for offset, packed in enumerate(_gram_arrays(data, length, n)):
                flags[offset::n] = bytearray(map(found.__contains__, packed))
            value = _bytes_to_int(flags)
            for shift in range(n - 1):
                total += value << (8 * shift)
        return bytearray(_int_to_bytes(total, length - 1))

    def _count_pieces(self, corpora, caches, kept, progress):
        """Cut every batch (in the helper processes, if any) and count its
        pieces here, batch after batch."""
        # pieces under min_count are dropped anyway: half the room is plenty
        pieces = _Table('piece', self.max_entries // 2)
        helpers = self._start_helpers(progress)
        for helper in helpers:
            helper.send('kept', dict((n, list(grams)) for n, grams in iteritems(kept)))
        for helper in helpers:
            helper.receive()

        def cut(batch):
            return self._cut(batch, kept)

        for corpus, cache in zip(corpora, caches):
            batches = cache if cache is not None else _texts(corpus)
            for text in _in_order('cut', batches, helpers, cut):
                pieces.merge(Counter(text.split()))
                pieces.check(progress)
        return pieces.counts

    def _cut(self, batch, kept):
        """The text of a packed batch (from the cache) or a raw one, cut:
        its pieces in surface form, separated by spaces."""
        if isinstance(batch, tuple):
            text, data, runs = _unpack_batch(batch)
        else:
            text, data, runs = _normalize_batch(self.normalizer, batch)
        return self._cut_batch(text, data, runs, kept)

    # -------------------------------------------------------------- finding
    def find(self, corpus=None, progress=None):
        """Discover the words: cut the corpus (default: every corpus given to
        :meth:`train`), count the pieces, remove redundancy, re-estimate.

        Returns the :class:`Lexicon` (also kept in :attr:`lexicon`).
        """
        progress = progress or self.progress
        if corpus is not None:
            corpora = [as_corpus(corpus, spool=True)]
            caches = [None]
        else:
            corpora = self.corpora
            caches = self._caches
        chars = self.char_counts()
        size = sum(itervalues(chars))
        if not corpora or not size:
            raise CorpusError('no text to discover words in: the corpus has no letters or '
                              'digits (it is empty, or only punctuation and spaces)')
        if size < 2:
            raise CorpusError('too little text to discover words: the corpus has a single '
                              'character; give it at least a few sentences')
        min_count = self._min_count(size)
        log(progress, 'discovering words (%s method) in %d characters, min count %d'
            % (self.method, size, min_count))
        kept = self._cohesive_ngrams(chars, min_count)
        log(progress, 'cohesive n-grams: %s' % ', '.join(
            '%d of order %d' % (len(kept[n]), n) for n in sorted(kept)))
        try:
            surface_pieces = self._count_pieces(corpora, caches, kept, progress)
        finally:
            self._stop_helpers()
        class_pieces = _class_pieces(surface_pieces) if self.classes else {}
        # only the frequent pieces matter (rarer ones are noise, and many)
        pieces = _normalize_counts(surface_pieces, class_pieces, min_count)
        del surface_pieces
        self.pieces = pieces
        candidates = self._candidates(pieces, chars, min_count)
        log(progress, '%d candidate words of 2+ characters' % _multi(candidates))
        words = remove_redundancy(candidates, self.redundancy, self.redundancy_threshold)
        log(progress, '%d words of 2+ characters after removing redundancy' % _multi(words))
        for number in range(self.reestimate):
            words = reestimate(pieces, words, min_count)
            log(progress, 're-estimation %d: %d words of 2+ characters'
                % (number + 1, _multi(words)))
        self.lexicon = Lexicon(_surface_counts(words, class_pieces))
        return self.lexicon

    def _candidates(self, pieces, chars, min_count):
        """Frequent pieces, every character, and (ngram) only pieces whose
        sub-n-grams of order 3 and up are all cohesive."""
        candidates = Counter()
        filtered = self.method == 'ngram' and self.order >= 3
        kept = self.cohesive or {}
        order = self.order
        for piece, count in iteritems(pieces):
            if count < min_count and len(piece) > 1:
                continue
            if filtered and len(piece) >= 3 and not all(
                    piece[j:j + n] in kept[n]
                    for n in range(3, min(order, len(piece)) + 1)
                    for j in range(len(piece) - n + 1)):
                continue
            candidates[piece] = count
        for pair, count in iteritems(self.pair_candidates):
            if pair not in candidates:
                candidates[pair] = count
        for char, count in iteritems(chars):
            if char not in candidates or candidates[char] < 1:
                candidates[char] = max(1, candidates.get(char, 0))
        return candidates

    # ------------------------------------------------------------ reporting
    def cohesion(self, word, lexicon=None):
        """How much more probable ``word`` is as one word than as its best
        cut into other lexicon words: ``log p(w) - sum log p(parts)`` (nats)."""
        lexicon = lexicon if lexicon is not None else self.lexicon
        return _cohesion(word, lexicon)




# --------------------------------------------------- redundancy, EM, export
def _multi(words):
    return sum(1 for w in words if len(w) > 1)


def _class_pieces(surface_pieces):
    """The pieces that contain a digit or letter run, with their counts."""
    search = _CLASS_RUN_RE.search
    return dict((p, c) for p, c in iteritems(surface_pieces) if search(p))


def _normalize_counts(surface_pieces, class_pieces, min_count):
    """Counts of the pieces with digit/letter runs replaced by their class
    (pieces rarer than ``min_count`` are left out, unless they have a class:
    1996年 and 1997年 add up)."""
    pieces = Counter(dict((p, c) for p, c in iteritems(surface_pieces)
                          if c >= min_count and p not in class_pieces))
    for piece, count in iteritems(class_pieces):
        pieces[_LATIN_RE.sub(LATIN, _NUMBER_RE.sub(NUMBER, piece))] += count
    return pieces


def _best_cut(text, logp, max_length, unknown):
    """Most probable cut of ``text`` into words of ``logp`` (a dict of log
    probabilities); single characters missing from it score ``unknown``."""
    n = len(text)
    best = [0.0] * (n + 1)
    back = [0] * (n + 1)
    get = logp.get
    for end in range(1, n + 1):
        score = best[end - 1] + get(text[end - 1], unknown)
        start_best = end - 1
        for start in range(max(0, end - max_length), end - 1):
            value = get(text[start:end])
            if value is not None:
                value += best[start]
                if value > score:
                    score = value
                    start_best = start
        best[end] = score
        back[end] = start_best
    words = []
    end = n
    while end > 0:
        start = back[end]
        words.append(text[start:end])
        end = start
    words.reverse()
    return words


def remove_redundancy(candidates, mode='length', value=3.0):
    """Drop words that their parts explain; their counts go to the parts.

    Longest words first, each word is taken out of the lexicon and cut
    with what remains; it stays only if ``log p(w) - sum log p(parts)``
    exceeds ``value * (len(w) - 1)`` (``mode='length'``) or ``value``
    (``mode='constant'``).
    """
    words = Counter(dict((w, c) for w, c in iteritems(candidates) if c > 0))
    total = sum(itervalues(words))
    if not total:
        return words
    log = math.log
    log_total = log(total)
    logp = dict((w, log(c) - log_total) for w, c in iteritems(words))
    max_length = max(len(w) for w in words)
    unknown = -log_total - 30.0
    per_char = value if mode == 'length' else None
    for word in sorted((w for w in words if len(w) > 1), key=lambda w: (-len(w), w)):
        count = words[word]
        own = logp.pop(word)
        parts = _best_cut(word, logp, max_length, unknown)
        gain = own - sum(logp.get(p, unknown) for p in parts)
        limit = (len(word) - 1) * per_char if per_char is not None else value
        if gain > limit:
            logp[word] = own
            continue
        del words[word]
        for part in parts:
            words[part] += count
            logp[part] = log(words[part]) - log_total
    return words


def reestimate(pieces, words, min_count):
    """One pass of hard EM: cut every counted piece with the current word
    probabilities and recount; words that fall below ``min_count`` go (single
    characters always stay)."""
    total = sum(itervalues(words))
    log = math.log
    log_total = log(total)
    logp = dict((w, log(c) - log_total) for w, c in iteritems(words) if c > 0)
    max_length = max(len(w) for w in logp)
    unknown = -log_total - 5.0
    counts = Counter()
    cache = {}
    for piece, count in iteritems(pieces):
        if piece in logp and len(piece) <= 2:
            counts[piece] += count
            continue
        parts = cache.get(piece)
        if parts is None:
            parts = _best_cut(piece, logp, max_length, unknown)
        for part in parts:
            counts[part] += count
    return Counter(dict((w, c) for w, c in iteritems(counts)
                        if c >= min_count or len(w) == 1))


def _surface_counts(words, class_pieces):
    """The lexicon in surface form: words with a digit/letter class are
    replaced by the runs seen in the corpus (1996年, ABC)."""
    result = Counter(dict((w, c) for w, c in iteritems(words)
                          if not _CLASS_CHAR_RE.search(w)))
    if len(result) == len(words):
        return result
    log_total = math.log(sum(itervalues(words)))
    logp = dict((w, math.log(c) - log_total) for w, c in iteritems(words) if c > 0)
    max_length = max(len(w) for w in logp)
    for piece, count in iteritems(class_pieces):
        runs = iter(_CLASS_RUN_RE.findall(piece))
        normal = _LATIN_RE.sub(LATIN, _NUMBER_RE.sub(NUMBER, piece))
        for part in _best_cut(normal, logp, max_length, -log_total - 5.0):
            if _CLASS_CHAR_RE.search(part):
                part = _CLASS_CHAR_RE.sub(lambda m: next(runs), part)
                result[part] += count
    return result


def _cohesion(word, lexicon):
    counts = dict(lexicon.items()) if isinstance(lexicon, Lexicon) else dict(lexicon)
    total = sum(itervalues(counts))
    own = counts.pop(word, 0)
    if not own or len(word) < 2:
        return 0.0
    log = math.log
    log_total = log(total)
    logp = dict((w, log(c) - log_total) for w, c in iteritems(counts) if c > 0)
    unknown = log(0.5) - log_total
    parts = _best_cut(word, logp, len(word) - 1, unknown)
    return log(own) - log_total - sum(logp.get(p, unknown) for p in parts)


def new_words(lexicon, known=(), top=None, min_length=2):
    """Discovered words absent from ``known`` (a Lexicon, set or list),
    most frequent first: ``[(word, count, cohesion)]``.

    Cohesion is ``log p(w) - sum log p(parts)`` for the word's best cut
    into other discovered words (nats): how much the word explains.
    """
    counts = dict(lexicon.items())
    total = sum(itervalues(counts))
    if not total:
        return []
    log = math.log
    log_total = log(total)
    logp = dict((w, log(c) - log_total) for w, c in iteritems(counts) if c > 0)
    unknown = log(0.5) - log_total
    found = [(w, c) for w, c in iteritems(counts)
             if len(w) >= min_length and w not in known]
    found.sort(key=lambda item: (-item[1], item[0]))
    if top is not None:
        found = found[:top]
    result = []
    for word, count in found:
        own = logp.pop(word)
        parts = _best_cut(word, logp, len(word) - 1, unknown)
        logp[word] = own
        result.append((word, count, own - sum(logp.get(p, unknown) for p in parts)))
    return result


def discover_words(corpus, progress=None, **options):
    """Discover the words of ``corpus`` in one call; returns a :class:`Lexicon`.

    ``options`` are those of :class:`WordDiscovery`.
    """
    finder = WordDiscovery(progress=progress, **options)
    finder.train(corpus)
    return finder.find()

