"""Cutting normalized text into pieces, batch by batch.

A gap between two characters is kept (not cut) when a cohesive n-gram spans
it; every other gap is cut, and the pieces between cuts are what word
discovery counts.  :class:`BatchWork` is everything a batch goes through:
normalizing it for counting, and cutting it into pieces.  It is the same in
this process and in a worker process (it is built from plain options), so
that the counts never depend on where a batch was handled.
"""

from ..._backend import numpy_or_none
from ..._compat import int_from_bytes, int_to_bytes, iteritems, map, range
from ...text.marks import BMP_COMBINING
from .ngrams import gram_arrays, unpack_all
from .normalize import NUMBER, Normalizer, normalize_batch, pack_batch, restore, unpack_batch
from .singles import count_alone
from .tables import PackedSet

__all__ = ['BatchWork']

# One byte per gap: 0 (no cohesive n-gram spans it) -> a space (cut), else NUL.
_MARK_TABLE = bytes(bytearray([32] + [0] * 255))


class BatchWork(object):
    """Normalizing and cutting batches, with the settings of a WordDiscovery.

    Parameters are those of :class:`~nlp_zero.words.discovery.WordDiscovery`
    that matter here; :meth:`options` gives them back for a worker process.
    """

    def __init__(self, order=2, classes=True, numbers_start_words=True, pattern=None,
                 backend='auto'):
        self.order = order
        self.classes = classes
        self.numbers_start_words = numbers_start_words
        self.pattern = pattern
        self.backend = backend
        self.numpy = numpy_or_none(backend)
        self.normalizer = Normalizer(pattern, classes, self.numpy)
        self.kept = {}
        self.eligible = PackedSet()
        self._eligible_text = frozenset()

    def options(self):
        """The arguments that build the same BatchWork in another process."""
        return dict(order=self.order, classes=self.classes,
                    numbers_start_words=self.numbers_start_words, pattern=self.pattern,
                    backend=self.backend)

    def prepare(self, batch):
        """``(data, packed)`` of a raw batch ``(text, pack)``: the UTF-16-LE
        bytes of its normalized text (what is counted) and, if ``pack``, the
        batch packed for the cache (else None)."""
        original, pack = batch
        text, data, runs = normalize_batch(self.normalizer, original, pack)
        return data, pack_batch(data, runs) if pack else None

    def set_kept(self, kept):
        """Set the n-grams that must not be cut: ``{n: packed n-grams}``."""
        self.kept = dict((n, grams if isinstance(grams, PackedSet) else PackedSet(grams))
                         for n, grams in iteritems(kept))

    def set_eligible(self, pairs):
        """Set the pairs the second cut counts (packed; see
        :func:`~.singles.eligible_pairs`)."""
        self.eligible = pairs if isinstance(pairs, PackedSet) else PackedSet(pairs)
        self._eligible_text = frozenset(unpack_all(list(self.eligible), 2))

    def _batch(self, batch, runs=True):
        """``(text, data, runs)`` of a packed batch (from the cache) or a raw one."""
        if isinstance(batch, tuple):
            return unpack_batch(batch)
        return normalize_batch(self.normalizer, batch, runs)

    def cut(self, batch):
        """The text of a packed batch (from the cache) or a raw one, cut at
        every gap that no n-gram of :attr:`kept` spans: its pieces in
        surface form, separated by spaces."""
        text, data, runs = self._batch(batch)
        return self.cut_normalized(text, data, runs, self.kept)

    def count_alone(self, batch):
        """What the second cut counts in a batch cut as :meth:`cut` does
        (:func:`~.singles.count_alone`: the pieces, the characters alone,
        the eligible pairs of characters alone side by side)."""
        text, data, _ = self._batch(batch, runs=False)
        if self.numpy is not None and len(text) >= 2:
            from ._numpy import count_alone as count_arrays
            return count_arrays(data, self.gaps(text, data, self.kept), self.eligible,
                                self.numpy)
        return count_alone(self.cut_normalized(text, data, (), self.kept), self._eligible_text)

    def gaps(self, text, data, kept):
        """One byte per gap of a normalized batch: non-zero where it is not
        cut (a cohesive n-gram spans it and no number starts after it, or a
        combining mark follows it: a vowel sign or a virama belongs to its
        letter, whatever the counts say)."""
        cover = self.cover(data, len(text), kept)
        if self.numbers_start_words and self.classes:
            position = text.find(NUMBER, 1)
            while position > 0:
                cover[position - 1] = 0
                position = text.find(NUMBER, position + 1)
        for mark in BMP_COMBINING.finditer(text, 1):  # (the text is in the BMP)
            if text[mark.start() - 1] != u' ':  # (a space ends a fragment)
                cover[mark.start() - 1] = 1
        return cover

    def cut_normalized(self, text, data, surfaces, kept):
        """One normalized batch (``text``, its UTF-16-LE ``data`` and the
        runs its stand-ins replace) cut into pieces."""
        length = len(text)
        if length < 2:
            return restore(text, surfaces)
        marks = bytes(self.gaps(text, data, kept)).translate(_MARK_TABLE)
        out = bytearray(4 * length)
        out[0::4] = data[0::2]
        out[1::4] = data[1::2]
        out[2:4 * (length - 1):4] = marks
        pieces = out.decode('utf-16-le').replace(u'\x00', u'')
        return restore(pieces, surfaces)

    def cover(self, data, length, kept):
        """One byte per gap between two characters: non-zero when a cohesive
        n-gram spans the gap.

        An n-gram at position j spans gaps j .. j+n-2; the flags of each
        order are added up, shifted, as big integers (one byte per gap, at
        most 6 per byte, so no carries), which is C-speed work.  With NumPy,
        the flags come from table lookups (:func:`._numpy.cover`).
        """
        if self.numpy is not None:
            from ._numpy import cover
            return cover(kept, data, length, self.order, self.numpy)
        if self.order == 2:  # pairs only: the flags are the cover
            found = kept.get(2, ())
            flags = bytearray(length - 1)
            for offset, packed in enumerate(gram_arrays(data, length, 2)):
                flags[offset::2] = bytearray(map(found.__contains__, packed))
            return flags
        total = 0
        for n in range(2, min(self.order, length) + 1):
            found = kept.get(n)
            if not found:
                continue
            flags = bytearray(length - n + 1)
            for offset, packed in enumerate(gram_arrays(data, length, n)):
                flags[offset::n] = bytearray(map(found.__contains__, packed))
            value = int_from_bytes(flags)
            for shift in range(n - 1):
                total += value << (8 * shift)
        return bytearray(int_to_bytes(total, length - 1))
