# -*- coding: utf-8 -*-
"""What word discovery counts: normalized text, in batches.

Counting works on the *normalized* text: every character that is not a word
character becomes a space (fragments never join), and with ``classes`` each
run of digits becomes the stand-in :data:`NUMBER` and each run of Latin
letters :data:`LATIN`, so that "<number>年" is learned once from all the
years.  The runs replaced are kept (:meth:`Normalizer.surfaces`) so that the
pieces can be restored to their surface form (:func:`restore`).

The corpus is read in batches of about :data:`BATCH_CHARS` characters (lines
joined by newlines): the unit of counting, cutting, pruning and of the work
sent to worker processes.  :class:`BatchCache` keeps them zlib-compressed so
that the second pass (cutting) need not read and normalize the corpus again.
"""

import re
import zlib
from itertools import chain

from ..._compat import WIDE_UNICODE, range, unichr, zip
from ...text.chars import CHINESE_NUMERALS, DIGITS, LETTERS, compile_word_pattern

__all__ = ['NUMBER', 'LATIN', 'Normalizer', 'normalize_text', 'restore', 'texts', 'BatchCache',
           'normalize_batch', 'pack_batch', 'unpack_batch', 'encode', 'BATCH_CHARS',
           'NUMBER_RE', 'LATIN_RE', 'CLASS_RUN_RE', 'CLASS_CHAR_RE']

#: Stand-ins for a run of digits / of Latin letters while counting.
NUMBER = u'\ue000'
LATIN = u'\ue001'

_CHINESE_NUMERALS = CHINESE_NUMERALS
_DIGITS = DIGITS
_LETTERS = LETTERS
_NUMBER_PATTERN = u'[%s]+|[%s]{2,}' % (_DIGITS, _CHINESE_NUMERALS)
_LATIN_PATTERN = u'[%s]+' % _LETTERS
NUMBER_RE = re.compile(_NUMBER_PATTERN, re.UNICODE)
LATIN_RE = re.compile(_LATIN_PATTERN, re.UNICODE)
_DIGIT_RE = re.compile(u'[%s]' % _DIGITS, re.UNICODE)
_NUMBER_RUN_RE = re.compile(NUMBER + u'+', re.UNICODE)
_LATIN_RUN_RE = re.compile(LATIN + u'+', re.UNICODE)
_CHINESE_NUMBER_RE = re.compile(u'[%s]{2,}' % _CHINESE_NUMERALS, re.UNICODE)
# (the look-ahead lets the regex engine skip quickly to the next candidate)
CLASS_RUN_RE = re.compile(u'(?=[%s%s%s])(?:%s|%s)' % (
    _DIGITS, _LETTERS, _CHINESE_NUMERALS, _NUMBER_PATTERN, _LATIN_PATTERN), re.UNICODE)
CLASS_CHAR_RE = re.compile(u'[%s%s]' % (NUMBER, LATIN), re.UNICODE)
# Characters outside the Basic Multilingual Plane do not fit the packed
# 16-bit units; they are rare in running text and are left as words of
# their own (treated as separators while counting).
if WIDE_UNICODE:
    _ASTRAL_RE = re.compile(u'[\U00010000-\U0010ffff]', re.UNICODE)
else:  # pragma: no cover - narrow Python 2 builds
    _ASTRAL_RE = re.compile(u'[\ud800-\udbff][\udc00-\udfff]', re.UNICODE)

#: Characters per batch: large enough that the per-batch overhead (a few
#: C calls per n-gram order) vanishes, small enough that a batch's arrays
#: stay a few megabytes, and that pruning is checked often.
BATCH_CHARS = 1 << 18

#: Below this many characters a text is normalized with ``str.translate``:
#: the conversion to and from a NumPy array costs more than it saves.
NUMPY_MIN_CHARS = 4096


class Normalizer(object):
    """Turns text into what is counted: word characters, one space between
    fragments, and (with ``classes``) one stand-in per digit or letter run.

    One ``str.translate`` over a table of the whole Basic Multilingual Plane
    does most of it at C speed; two regexes that look for a single literal
    character fold the runs.
    """

    _cache = {}

    def __init__(self, pattern=None, classes=True, numpy=None):
        self.classes = classes
        key = (getattr(pattern, 'pattern', pattern), classes)
        table = self._cache.get(key)
        if table is None:
            table = self._cache[key] = self._build_table(compile_word_pattern(pattern), classes)
        self.table = table
        # With a pattern of the user's, a digit or letter may not be a word
        # character: the runs are then looked for where only word characters
        # are left, exactly where the table put stand-ins.
        self.word_mask = _word_mask(table) if pattern is not None and classes else None
        self.kernels = None
        if numpy is not None:
            from . import _numpy
            self.kernels = _numpy.NormalizeKernel(table, classes, numpy)

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
            elif classes and LATIN_RE.match(char):
                append(latin)
            else:
                append(code)
        return table

    def normalize(self, text):
        """The counted form of ``text`` (characters outside the BMP become
        separators: they do not fit the packed 16-bit units)."""
        if self.kernels is not None and len(text) > NUMPY_MIN_CHARS:
            try:
                data = text.encode('utf-16-le')
            except UnicodeEncodeError:  # a lone surrogate
                data = b''
            if len(data) == 2 * len(text):  # no surrogate pairs: one unit per character
                return self.kernels.normalize(data)
        text = text.translate(self.table)
        if self.classes:
            if NUMBER in text:
                text = _NUMBER_RUN_RE.sub(NUMBER, text)
            if LATIN in text:
                text = _LATIN_RUN_RE.sub(LATIN, text)
            text = _CHINESE_NUMBER_RE.sub(NUMBER, text)
        return text

    def surfaces(self, text):
        """The digit and letter runs of ``text`` that :meth:`normalize`
        replaces, in order."""
        if not self.classes:
            return []
        if self.word_mask is not None:
            text = text.translate(self.word_mask)
        return CLASS_RUN_RE.findall(text)


def _word_mask(table):
    """A translate table that turns every non-word character into a space
    and leaves the word characters as they are."""
    space = ord(u' ')
    return [space if to == space else code for code, to in enumerate(table)]


def normalize_text(text, pattern=None, classes=True):
    """``(normalized, surfaces)`` of a text, as counted by word discovery.

    Every character that is not a word character becomes a space; with
    ``classes`` each run of digits (or of Latin letters) becomes
    :data:`NUMBER` (:data:`LATIN`), and ``surfaces`` lists the runs replaced,
    in order, so that the original can be restored.
    """
    normalizer = Normalizer(pattern, classes)
    normalized = normalizer.normalize(text)
    if _ASTRAL_RE.search(normalized):
        normalized = _ASTRAL_RE.sub(u' ', normalized)
    return normalized, normalizer.surfaces(text)


def restore(text, surfaces):
    """Put the digit and letter runs back in place of their stand-ins."""
    if not surfaces:
        return text
    if LATIN in text:
        text = text.replace(LATIN, NUMBER)
    parts = text.split(NUMBER)
    runs = list(surfaces)
    runs.append(u'')
    return u''.join(chain.from_iterable(zip(parts, runs)))


def pack_batch(data, runs):
    """A batch as the cache keeps it (and as it travels to a worker
    process): its UTF-16-LE bytes and its digit and letter runs, compressed
    at zlib's fastest level."""
    return (zlib.compress(data, 1),
            zlib.compress(u'\n'.join(runs).encode('utf-8'), 1) if runs else b'')


def unpack_batch(packed):
    """``(text, data, runs)`` of a packed batch."""
    data = zlib.decompress(packed[0])
    runs = zlib.decompress(packed[1]).decode('utf-8').split(u'\n') if packed[1] else []
    return data.decode('utf-16-le'), data, runs


class BatchCache(object):
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


def texts(corpus):
    """The corpus in texts of about ``BATCH_CHARS`` characters (its lines
    joined by newlines): the unit of counting, cutting and pruning."""
    batch = []
    size = 0
    for line in corpus:
        batch.append(line)
        size += len(line)
        if size >= BATCH_CHARS:
            yield u'\n'.join(batch)
            batch = []
            size = 0
    if batch:
        yield u'\n'.join(batch)


def normalize_batch(normalizer, original, runs=True):
    """``(text, data, runs)`` of a raw batch: the normalized text followed by
    a space, its UTF-16-LE bytes, and (if ``runs``) the digit and letter
    runs that the text's stand-ins replace."""
    text, data = encode(normalizer.normalize(original) + u' ')
    return text, data, normalizer.surfaces(original) if runs else None


def encode(text):
    """``(text, UTF-16-LE bytes)``, characters outside the BMP made spaces."""
    data = text.encode('utf-16-le')
    if len(data) != 2 * len(text):
        text = _ASTRAL_RE.sub(u' ', text)
        data = text.encode('utf-16-le')
    return text, data
