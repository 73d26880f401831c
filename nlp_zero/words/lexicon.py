# -*- coding: utf-8 -*-
"""The lexicon: words with their counts, the model that word discovery
produces and the tokenizer consumes.

A :class:`Lexicon` is a plain word -> count mapping with a running total,
so that the unigram log-probability of a word, ``log(count / total)``, is
always one division away.  It is saved as UTF-8 text, one ``word<TAB>count``
line per word, most frequent first, so that a person can read and edit it;
it also reads the ``word count`` lines (separated by spaces) of the original
nlp-zero's dictionaries.

A :class:`nlp_zero.tokenizer.Tokenizer` built on a Lexicon follows later
changes of its counts.  To make that cheap, the lexicon notes which words
changed (a bounded journal) so the tokenizer can update only those.
"""

from __future__ import division

import math
import re
from heapq import nsmallest
from xml.sax.saxutils import escape

from .._compat import iteritems, text_type
from .._files import atomic_open, text_lines
from ..errors import FormatError

__all__ = ['Lexicon']

_SEPARATOR = re.compile(u'\t| +')
_INFINITY = float('inf')

#: The largest count a lexicon file may give a word: what a 64-bit counter
#: holds, far beyond any count of real text.  A larger one is a damaged file
#: (a 400-digit number overflows the floats that probabilities are made of).
MAX_COUNT = (1 << 63) - 1


def _sort_key(item):
    return -item[1], item[0]


class Lexicon(object):
    """A word -> count mapping with a total and unigram log-probabilities.

    Parameters
    ----------
    counts : dict, Lexicon or iterable of (word, count), optional
        The initial words.  Counts are non-negative numbers (usually ints;
        fractional counts from re-estimation are kept as they are).  A word
        given with count 0 is not stored: a count of zero means "not a word".

    Notes
    -----
    ``lexicon[word]`` is the count of ``word``, 0 for a word that is not in
    the lexicon (like :class:`collections.Counter`), so ``lexicon[w] += n``
    works for new words too.  Iteration yields the words.
    """

    #: How many changed words the journal holds before it gives up and tells
    #: followers (tokenizers) to rebuild everything.
    _JOURNAL_LIMIT = 1 << 16

    def __init__(self, counts=None):
        self._counts = {}
        self._total = 0
        self._epoch = 0        # bumped when the journal is discarded
        self._journal = []     # words changed since the epoch began
        if counts is not None:
            self.update(counts)

    # ------------------------------------------------------------ mapping
    def __len__(self):
        return len(self._counts)

    def __contains__(self, word):
        return word in self._counts

    def __getitem__(self, word):
        return self._counts.get(word, 0)

    def get(self, word, default=0):
        """The count of ``word``, or ``default`` when it is not a word."""
        return self._counts.get(word, default)

    def __setitem__(self, word, count):
        if count < 0:
            raise ValueError('a word count cannot be negative: %r -> %r' % (word, count))
        if not word:
            raise ValueError('the empty string cannot be a word')
        counts = self._counts
        self._total += count - counts.get(word, 0)
        if count:
            counts[word] = count
        else:
            counts.pop(word, None)
        self._changed(word)

    def __delitem__(self, word):
        count = self._counts.pop(word)
        self._total -= count
        self._changed(word)

    def discard(self, word):
        """Remove ``word`` if it is there (no error when it is not)."""
        if word in self._counts:
            del self[word]

    def add(self, word, count=1):
        """Add ``count`` to the count of ``word`` (a new word starts from 0)."""
        self[word] = self._counts.get(word, 0) + count

    def __iter__(self):
        return iter(self._counts)

    def items(self):
        """(word, count) pairs, in no particular order."""
        return self._counts.items()

    def iteritems(self):
        """(word, count) pairs, lazily."""
        return iteritems(self._counts)

    def words(self):
        """The words, as a list."""
        return list(self._counts)

    def counts(self):
        """A plain dict copy of the word -> count mapping."""
        return dict(self._counts)

    def copy(self):
        """An independent copy."""
        return Lexicon(self._counts)

    def __eq__(self, other):
        if isinstance(other, Lexicon):
            return self._counts == other._counts
        return NotImplemented

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None

    def __repr__(self):
        return '<Lexicon: %d words, total count %s>' % (len(self._counts), self._total)

    #: How many words a notebook shows (:meth:`_repr_html_`).
    HTML_ROWS = 10

    def _repr_html_(self):
        """The most frequent words as a table, for Jupyter notebooks."""
        rows = [u'<tr><td>%s</td><td style="text-align:right">%s</td>'
                u'<td style="text-align:right">%.2f%%</td></tr>'
                % (_html(word), _format_count(count), 100.0 * count / (self._total or 1))
                for word, count in self.most_common(self.HTML_ROWS)]
        more = len(self._counts) - len(rows)
        return (u'<table><caption>Lexicon: %d words, total count %s</caption>'
                u'<tr><th>word</th><th>count</th><th>share</th></tr>%s%s</table>'
                % (len(self._counts), _format_count(self._total), u''.join(rows),
                   u'<tr><td colspan="3">... %d more</td></tr>' % more if more > 0 else u''))

    # ------------------------------------------------------- probabilities
    @property
    def total(self):
        """Sum of all counts."""
        return self._total

    def logp(self, word, default=None):
        """Natural log of ``count / total``: the word's unigram log-probability.

        A word that is not in the lexicon gets ``default``, or ``-inf`` when
        no default is given.
        """
        count = self._counts.get(word)
        if not count:
            return float('-inf') if default is None else default
        return math.log(count / self._total)

    def most_common(self, n=None):
        """The ``n`` most frequent (word, count) pairs (all when n is None),
        most frequent first; ties in alphabetical order so output is stable."""
        if n is None:
            return sorted(iteritems(self._counts), key=_sort_key)
        return nsmallest(n, iteritems(self._counts), key=_sort_key)

    # ---------------------------------------------------------- combining
    def update(self, counts):
        """Set the counts given (a dict, Lexicon or iterable of pairs)."""
        self._apply(counts, False)
        return self

    def merge(self, other):
        """Add the counts of ``other`` (a dict, Lexicon or pairs) to this one.

        Returns ``self`` so that calls chain.
        """
        self._apply(other, True)
        return self

    def _apply(self, counts, adding):
        """Set or add many counts in one pass (no journal entry per word:
        followers are told to rebuild, which is cheaper for many words)."""
        if isinstance(counts, Lexicon):
            counts = counts._counts
        pairs = iteritems(counts) if isinstance(counts, dict) else counts
        mine = self._counts
        get = mine.get
        total = self._total
        try:
            for word, count in pairs:
                if count < 0:
                    raise ValueError('a word count cannot be negative: %r -> %r' % (word, count))
                if not word:
                    raise ValueError('the empty string cannot be a word')
                old = get(word, 0)
                if adding:
                    count += old
                total += count - old
                if count:
                    mine[word] = count
                elif old:
                    del mine[word]
        finally:
            self._total = total
            self._epoch += 1
            self._journal = []

    # ------------------------------------------------------------ journal
    def _changed(self, word):
        journal = self._journal
        journal.append(word)
        if len(journal) > self._JOURNAL_LIMIT:
            self._epoch += 1
            self._journal = []

    def changes_since(self, version):
        """Words changed since a follower saw :attr:`version`, or None when
        the journal no longer reaches back that far (rebuild everything)."""
        epoch, position = version
        if epoch != self._epoch:
            return None
        return self._journal[position:]

    @property
    def version(self):
        """A stamp that changes whenever a count changes: followers (the
        tokenizer) compare it with the one they saw and catch up with
        :meth:`changes_since`."""
        return self._epoch, len(self._journal)

    # ---------------------------------------------------------------- I/O
    @classmethod
    def load(cls, path, encoding='utf-8'):
        """Read a lexicon file: ``word<TAB>count`` lines (the format of
        :meth:`save`) or the original nlp-zero's ``word count`` lines.

        Blank lines are skipped, and so are comments: lines that start with
        ``#`` and hold no TAB.  On a line with a TAB, ``#`` begins a word;
        every line :meth:`save` writes holds one, so every saved word reads
        back, ``#`` words included (only in the space-separated format can a
        word not begin with ``#``).  The counts of a word listed twice are
        added.

        A line without a count, a count that is not a number from 0 to
        :data:`MAX_COUNT` (or so small beside the total that its probability
        is 0 in floating point), bytes that are not ``encoding`` text, a line
        longer than 1 MB, or a file that cannot be opened raise a
        :class:`FormatError` naming the file (and line).
        """
        lexicon = cls()
        counts = lexicon._counts
        total = 0
        smallest = None  # (count, line number) of the least frequent word
        for number, line in text_lines(path, 'lexicon', encoding):
            if not line.strip() or line.startswith(u'#') and u'\t' not in line:
                continue
            word, count = _parse_line(path, number, line)
            if count:
                counts[word] = counts.get(word, 0) + count
                total += count
                if smallest is None or count < smallest[0]:
                    smallest = (count, number)
        if smallest is not None and not smallest[0] / total > 0:
            raise FormatError(path, smallest[1], 'the count %r is too small beside the total '
                                                 'count: its probability is 0 in floating point'
                                                 % (smallest[0],))
        lexicon._total = total
        return lexicon

    def save(self, path):
        """Write ``word<TAB>count`` lines, most frequent first, atomically."""
        for word in self._counts:
            if u'\t' in word or u'\n' in word or u'\r' in word:
                raise ValueError('cannot save the word %r: it contains a tab or line end'
                                 % (word,))
        with atomic_open(path, 'w') as out:
            for word, count in self.most_common():
                out.write(u'%s\t%s\n' % (word, _format_count(count)))


def _html(text):
    return escape(text, {u'"': u'&quot;'})


def _format_count(count):
    if isinstance(count, float) and count.is_integer():
        return text_type(int(count))
    return text_type(count) if not isinstance(count, float) else repr(count)


def _shown(text, size=40):
    """``text`` cut for an error message (a damaged file can hold a 1 MB word)."""
    return text if len(text) <= size else text[:size] + u'...'


def _parse_line(path, number, line):
    """(word, count) of one lexicon line, or a FormatError."""
    if u'\t' in line:
        word, _, rest = line.partition(u'\t')
        rest = rest.strip()
    else:  # the original's "word count" (one or more spaces)
        parts = _SEPARATOR.split(line.strip())
        if len(parts) < 2:
            raise FormatError(path, number, 'expected "word<TAB>count", got %r' % (_shown(line),))
        word, rest = parts[0], parts[1]
    if not word:
        raise FormatError(path, number, 'empty word in %r' % (_shown(line),))
    rest = rest.split()  # a lone vertical tab or form feed is a separator to split() only
    if not rest:
        raise FormatError(path, number, 'no count after the word %r' % (_shown(word),))
    rest = rest[0]
    try:
        count = int(rest)
    except ValueError:
        try:
            count = float(rest)
        except ValueError:
            raise FormatError(path, number, 'the count %r of %r is not a number'
                              % (_shown(rest), _shown(word)))
        if count != count or count in (_INFINITY, -_INFINITY):
            raise FormatError(path, number, 'the count %r of %r is not finite'
                              % (_shown(rest), _shown(word)))
    if count < 0:
        raise FormatError(path, number, 'negative count %r for %r' % (_shown(rest), _shown(word)))
    if count > MAX_COUNT:
        raise FormatError(path, number, 'the count %r of %r is larger than 2**63 - 1'
                          % (_shown(rest), _shown(word)))
    return word, count
