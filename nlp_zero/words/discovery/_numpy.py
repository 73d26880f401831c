"""The NumPy kernels of word discovery (used when the backend is NumPy).

Each has the interface of the plain code it replaces and gives the same
result: :class:`ArrayTable` is a :class:`~nlp_zero.words.discovery.tables.CountTable`
held as two sorted arrays; :func:`cover` tests every gap of a text against
the cohesive n-grams (:func:`pair_flags`, :func:`gram_flags`);
:func:`count_alone` counts what the second cut needs (:mod:`.singles`);
:class:`NormalizeKernel` is :meth:`Normalizer.normalize` on arrays of UTF-16
code units.
"""

from collections import Counter

from array import array

from ..._compat import array_bytes, range, zip
from ...progress import log
from .normalize import NUMBER, LATIN
from .ngrams import CODES, unpack_all
from .tables import prune_threshold
from ...text.chars import CHINESE_NUMERALS

__all__ = ['ArrayTable', 'cover', 'pair_flags', 'gram_flags', 'count_alone', 'NormalizeKernel']

#: Fibonacci hashing (the top bits of key * 2**64 / golden ratio) spreads
#: packed n-grams over the filter of :func:`gram_flags`.
_GOLDEN = 0x9E3779B97F4A7C15
#: 2**24 bits (2 MB): under 0.1% false hits for the ~16,000 cohesive n-grams
#: of an order that a 46M-character corpus keeps.
_FILTER_BITS = 24


class ArrayTable(object):
    """A :class:`~nlp_zero.words.discovery.tables.CountTable` of packed n-grams kept as two NumPy arrays, the
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

    def chunks(self):
        yield self.keys_and_counts()

    def snapshot(self):
        return self.keys.copy(), self.values.copy(), self.floor, self.prunings

    def restore(self, state):
        self.keys, self.values, self.floor, self.prunings = state

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
        threshold = prune_threshold(zip(values.tolist(), entries.tolist()),
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


def pair_flags(found, data, numpy):
    """One byte per gap of a text (its UTF-16-LE ``data``): 1 if the pair of
    characters around it is in ``found`` (a :class:`~nlp_zero.words.discovery.tables.PackedSet` of pairs).

    The test for every gap is one of the largest costs of cutting; with
    NumPy it is a lookup in a bit table indexed by (first character,
    second character), each numbered among the characters that occur in
    the pairs, several times faster than a set lookup per gap.
    """
    if found.lookup is None:
        pairs = unpack_all(list(found), 2)
        firsts = numpy.zeros(0x10000, dtype=numpy.int64)
        seconds = numpy.zeros(0x10000, dtype=numpy.int64)
        for ids, chars in ((firsts, set(p[0] for p in pairs)),
                           (seconds, set(p[1] for p in pairs))):
            ids[sorted(ord(c) for c in chars)] = numpy.arange(1, len(chars) + 1)
        width = int(seconds.max()) + 1
        index = numpy.array([firsts[ord(p[0])] * width + seconds[ord(p[1])] for p in pairs],
                            dtype=numpy.int64)
        bits = _bit_table((int(firsts.max()) + 1) * width, index, numpy)
        found.lookup = firsts, seconds, width, bits
    firsts, seconds, width, bits = found.lookup
    codes = numpy.frombuffer(data, dtype='<u2')
    index = firsts[codes[:-1]] * width + seconds[codes[1:]]
    return _bits_at(bits, index).tobytes()


def _bit_table(size, index, numpy):
    """A table of ``size`` bits (uint8 bytes) with the bits at ``index`` (an
    integer array) set."""
    bits = numpy.zeros((size + 7) // 8, dtype=numpy.uint8)
    three, seven = index.dtype.type(3), index.dtype.type(7)  # (uint64 stays uint64)
    numpy.bitwise_or.at(bits, index >> three, numpy.left_shift(1, index & seven).astype(numpy.uint8))
    return bits


def _bits_at(bits, index):
    """The bits (0 or 1, as uint8) of a :func:`_bit_table` at ``index``."""
    three, seven = index.dtype.type(3), index.dtype.type(7)
    return (bits[index >> three] >> (index & seven).astype(bits.dtype)) & 1


def cover(kept, data, length, order, numpy):
    """:meth:`~.cutting.BatchWork.cover` with NumPy: one byte per gap of a
    text (its UTF-16-LE ``data``, ``length`` characters, two at least),
    non-zero when an n-gram of ``kept`` (``{n: PackedSet}``, n up to
    ``order``) spans it."""
    total = numpy.zeros(length - 1, dtype=numpy.uint8)
    for n in range(2, min(order, length) + 1):
        found = kept.get(n)
        if not found:
            continue
        if n == 2:
            flags = numpy.frombuffer(pair_flags(found, data, numpy), dtype=numpy.uint8)
        else:
            flags = gram_flags(found, data, n, numpy)
        for shift in range(n - 1):  # the n-gram at j spans gaps j .. j+n-2
            total[shift:shift + len(flags)] += flags
    return bytearray(total.tobytes())


def _slots(keys, numpy):
    return (keys * numpy.uint64(_GOLDEN)) >> numpy.uint64(64 - _FILTER_BITS)


def gram_flags(found, data, n, numpy):
    """One flag (uint8) per n-gram of a text (its UTF-16-LE ``data``, n >= 3
    characters): 1 if it is in ``found`` (a
    :class:`~nlp_zero.words.discovery.tables.PackedSet` of n-grams).

    A set lookup per n-gram made the n-gram method's cutting twice as slow
    as the counting; here a bit filter indexed by a hash of the packed
    n-gram lets through the few that may be in the set, and a binary search
    in its sorted keys settles those.
    """
    if found.lookup is None:
        # the packed integers as the little-endian values built below,
        # whatever the machine's byte order
        keys = numpy.sort(numpy.frombuffer(array_bytes(array(CODES[n], list(found))), dtype='<u8'))
        found.lookup = keys, _bit_table(1 << _FILTER_BITS, _slots(keys, numpy), numpy)
    keys, bits = found.lookup
    codes = numpy.frombuffer(data, dtype='<u2').astype(numpy.uint64)
    count = len(codes) - n + 1
    grams = codes[:count].copy()
    for i in range(1, n):  # the packing of .ngrams: character i in bits 16i..16i+15
        grams |= codes[i:i + count] << numpy.uint64(16 * i)
    flags = _bits_at(bits, _slots(grams, numpy))
    maybe = numpy.flatnonzero(flags)
    candidates = grams[maybe]
    where = numpy.minimum(numpy.searchsorted(keys, candidates), len(keys) - 1)
    flags[maybe] = keys[where] == candidates
    return flags


def count_alone(data, gaps, eligible, numpy):
    """:func:`~nlp_zero.words.discovery.singles.count_alone` of a normalized
    batch (its UTF-16-LE ``data``, two characters at least) from its
    ``gaps`` (one byte per gap, 0 where it is cut), with masks instead of
    splitting the cut text: a character is a piece alone when the gaps on
    both sides are cut (or it starts or ends the batch) and it is not a
    space."""
    codes = numpy.frombuffer(data, dtype='<u2')
    cut = numpy.ones(len(codes) + 1, dtype=bool)
    cut[1:-1] = numpy.frombuffer(bytes(gaps), dtype=numpy.uint8) == 0
    starts = (codes != 32) & cut[:-1]
    alone = starts & cut[1:]
    chars, char_counts = numpy.unique(codes[alone], return_counts=True)
    both = alone[:-1] & alone[1:]
    pairs = {}
    if eligible and both.any():
        both &= numpy.frombuffer(pair_flags(eligible, data, numpy), dtype=numpy.uint8) == 1
        keys = (codes[:-1][both].astype(numpy.uint32) << 16) | codes[1:][both]
        keys, pair_counts = numpy.unique(keys, return_counts=True)
        spelled = numpy.empty((len(keys), 2), dtype='<u2')
        spelled[:, 0] = keys >> 16
        spelled[:, 1] = keys & 0xffff
        spelled = spelled.tobytes().decode('utf-16-le')
        pairs = dict(zip((spelled[i:i + 2] for i in range(0, len(spelled), 2)),
                         pair_counts.tolist()))
    text = chars.astype('<u2').tobytes().decode('utf-16-le')
    return (int(starts.sum()), Counter(dict(zip(text, char_counts.tolist()))),
            Counter(pairs))


class NormalizeKernel(object):
    """:meth:`Normalizer.normalize` on the UTF-16 code units of a text of the
    Basic Multilingual Plane: one table lookup instead of ``str.translate``,
    and masks instead of the three regexes that fold the runs (the same
    result, three times faster)."""

    def __init__(self, table, classes, numpy):
        self.numpy = numpy
        self.classes = classes
        self.codes = numpy.array(table, dtype='<u2')
        self.numerals = numpy.zeros(0x10000, dtype=bool)
        self.numerals[[ord(c) for c in CHINESE_NUMERALS]] = True

    def normalize(self, data):
        """The normalized text of UTF-16-LE ``data`` (no surrogate pairs)."""
        numpy = self.numpy
        units = self.codes[numpy.frombuffer(data, dtype='<u2')]
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
