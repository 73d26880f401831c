# -*- coding: utf-8 -*-
"""jieba's interface on the unigram tokenizer: ``cut``, ``lcut``, user
dictionaries, ``add_word``/``del_word``/``suggest_freq``, and the export of
a lexicon as a jieba dictionary.

A jieba user can keep the calls they know::

    import nlp_zero
    nlp_zero.lcut(u'...')                     # the default segmenter
    nlp_zero.load_userdict('userdict.txt')    # "word [count] [tag]" lines
    nlp_zero.suggest_freq(u'...', tune=True)

The module-level functions act on one default :class:`Segmenter` (jieba's
``dt``), built on first use, as python-wordsegment does.  Its lexicon is
**discovered from the bundled sample corpus**, *Romance of the Three
Kingdoms*: classical Chinese of the 14th century.  It cuts modern Chinese
poorly; give it your own lexicon (``initialize(lexicon)`` or
``set_dictionary(path)``), discovered from your own text with
:class:`~nlp_zero.words.discovery.WordDiscovery`, or a jieba dictionary.
The sample's lexicon is discovered once per process (about a second) and
kept in memory; each segmenter gets its own copy, so ``add_word`` on one
changes no other.

Differences from jieba, by design: whitespace is dropped rather than kept as
tokens; there is no HMM for unknown words (``HMM=`` is accepted and
ignored: unknown words are what discovery is for) and no full mode; tags
are kept in :attr:`Segmenter.tags` but there is no tagger.
"""

from __future__ import division

import io
import math
import re
import threading

from .._compat import range, string_types, text_type
from .._files import atomic_open
from ..errors import FormatError
from .lexicon import Lexicon
from .tokenizer import Tokenizer

__all__ = ['Segmenter', 'dt', 'cut', 'lcut', 'load_userdict', 'add_word', 'del_word',
           'suggest_freq', 'initialize', 'set_dictionary', 'export_jieba', 'sample_lexicon']

_SAMPLE = []  # the lexicon discovered from the bundled sample, once per process
_SAMPLE_LOCK = threading.Lock()
_NUMBER = re.compile(u'^[0-9]+(\\.[0-9]*)?$')


def sample_lexicon():
    """A copy of the lexicon discovered from the bundled sample corpus
    (classical Chinese; discovered on the first call, then kept)."""
    with _SAMPLE_LOCK:
        if not _SAMPLE:
            from ..datasets import sample_corpus
            from .discovery import discover_words
            _SAMPLE.append(discover_words(sample_corpus()))
    return _SAMPLE[0].copy()


class Segmenter(object):
    """A :class:`Tokenizer` with jieba's ``Tokenizer`` interface.

    Parameters
    ----------
    lexicon : Lexicon, dict, str (a lexicon or jieba dictionary file) or None
        The words.  None (default): the lexicon discovered from the bundled
        sample corpus, built on first use (see the module documentation:
        classical Chinese; load your own).
    """

    def __init__(self, lexicon=None):
        self._source = lexicon
        self._tokenizer = None
        self._lock = threading.Lock()
        self.tags = {}

    # ----------------------------------------------------------- the model
    @property
    def tokenizer(self):
        """The :class:`Tokenizer` (built on first use)."""
        if self._tokenizer is None:
            self.initialize()
        return self._tokenizer

    @property
    def lexicon(self):
        """The :class:`Lexicon` the tokenizer uses (changes show at once)."""
        return self.tokenizer.lexicon

    def initialize(self, lexicon=None):
        """Build the tokenizer now (jieba's ``initialize``), from ``lexicon``
        if given, else from the lexicon given to the constructor."""
        with self._lock:
            if lexicon is not None:
                self._source = lexicon
            if lexicon is not None or self._tokenizer is None:
                source = self._source
                # a Lexicon is used as it is: add_word changes it, as the caller expects
                self._tokenizer = Tokenizer(sample_lexicon() if source is None else source)
        return self

    def set_dictionary(self, path):
        """Use the lexicon or jieba dictionary at ``path`` ("word count [tag]"
        or "word<TAB>count" lines)."""
        return self.initialize(Lexicon.load(path))

    # ------------------------------------------------------------- cutting
    def cut(self, sentence, cut_all=False, HMM=True):
        """The words of ``sentence``, lazily (a generator, as jieba's).

        ``HMM`` is accepted for jieba's sake and ignored; full mode
        (``cut_all=True``) is not provided.
        """
        if cut_all:
            raise NotImplementedError('nlp-zero has no full mode (cut_all=True): '
                                      'it gives the most probable cut only')
        if isinstance(sentence, bytes):
            sentence = sentence.decode('utf-8')
        return self.tokenizer.iter_tokenize(sentence)

    def lcut(self, sentence, cut_all=False, HMM=True):
        """The words of ``sentence`` as a list (jieba's ``lcut``)."""
        return list(self.cut(sentence, cut_all, HMM))

    # ------------------------------------------------------------ the words
    def add_word(self, word, freq=None, tag=None):
        """Add ``word`` with count ``freq``; without ``freq``, with the count
        :meth:`suggest_freq` gives, which makes it cut as one word."""
        word = _text(word)
        if freq is None:
            freq = self.suggest_freq(word)
        if not freq >= 0:
            raise ValueError('the count of %r must be a non-negative number, not %r'
                             % (word, freq))
        self.lexicon[word] = freq
        if tag is not None:
            self.tags[word] = tag
        return freq

    def del_word(self, word):
        """Remove ``word`` from the lexicon (no error when it is not there)."""
        word = _text(word)
        self.lexicon.discard(word)
        self.tags.pop(word, None)

    def suggest_freq(self, segment, tune=False):
        """The count that makes ``segment`` cut as one word (a string), or
        as the given pieces (a tuple or list of strings), as jieba's.

        For one word: the least count above which the word, cut on its own,
        beats every other cut of it (never less than its count now).  For
        pieces: the greatest count at which the pieces beat the whole word
        (never more than its count now; 0 removes it).  The total of the
        lexicon moves with the count, and that is taken into account.  With
        ``tune=True`` the count is set.  A piece that is not a word of the
        lexicon is scored with count 1 (jieba's convention) if it is longer
        than one character.
        """
        if isinstance(segment, string_types):
            word = _text(segment)
            count = self._join_count(word)
        else:
            pieces = [_text(p) for p in segment]
            word = u''.join(pieces)
            count = self._split_count(word, pieces)
        if tune:
            self.add_word(word, count)
        return count

    def _join_count(self, word):
        """The least count, not below the present one, at which ``word``
        beats its best cut into other words (the predicate only turns true
        as the count grows: a cut into k words loses ``(k-1) log total``)."""
        lexicon = self.lexicon
        old = lexicon.get(word, 0)

        def wins(count):
            log_total = math.log(lexicon.total - old + count)
            return math.log(count) - log_total > self._best_other_cut(word, log_total)

        low = max(old, 1)
        if wins(low):
            return low
        high = low * 2
        while not wins(high):
            low, high = high, high * 2
        return _boundary(wins, low, high)

    def _split_count(self, word, pieces):
        """The greatest count, not above the present one, at which
        ``pieces`` beat ``word`` as one word (0 always does)."""
        lexicon = self.lexicon
        old = lexicon.get(word, 0)
        logs = sum(math.log(self._piece_count(p)) for p in pieces)

        def loses(count):
            total = lexicon.total - old + count
            return count == 0 or math.log(count) < logs - (len(pieces) - 1) * math.log(total)

        if loses(old):
            return old
        return _boundary(lambda count: not loses(count), 0, old) - 1

    def _piece_count(self, piece):
        count = self.lexicon.get(piece, 0)
        if count:
            return count
        return self.tokenizer.unknown_count if len(piece) == 1 else 1

    def _best_other_cut(self, word, log_total):
        """Log-probability of the best cut of ``word`` into other words (or
        unknown single characters) when the counts sum to exp(log_total)."""
        lexicon = self.lexicon
        unknown = math.log(self.tokenizer.unknown_count)
        n = len(word)
        best = [0.0] + [float('-inf')] * n
        for end in range(1, n + 1):
            for start in range(end):
                part = word[start:end]
                if part == word:
                    continue
                count = lexicon.get(part, 0)
                if count > 0:
                    value = math.log(count)
                elif end - start == 1:
                    value = unknown
                else:
                    continue
                best[end] = max(best[end], best[start] + value - log_total)
        return best[n]

    # --------------------------------------------------- user dictionaries
    def load_userdict(self, f):
        """Add the words of a user dictionary: a path or an open file whose
        lines are ``word [count] [tag]`` (fields separated by spaces or a
        tab; a bare word gets the count of :meth:`suggest_freq`).

        Blank lines and lines starting with ``#`` are skipped; a malformed
        line raises a :class:`FormatError` naming the file and line, before
        any word of the file is added.
        """
        entries = list(_userdict_entries(f))
        for word, count, tag in entries:
            self.add_word(word, count, tag)
        return len(entries)

    def __repr__(self):
        state = ('%d words' % len(self._tokenizer.lexicon) if self._tokenizer is not None
                 else 'not built yet')
        return '<Segmenter: %s>' % state


def _boundary(turned, low, high):
    """The least count in (low, high] where ``turned`` is true, given that
    it is false at ``low``, true at ``high``, and stays true above."""
    while high - low > 1:
        middle = (low + high) // 2
        if turned(middle):
            high = middle
        else:
            low = middle
    return high


def _text(value):
    return value.decode('utf-8') if isinstance(value, bytes) else text_type(value)


def _userdict_lines(f):
    """``(name, number, line)`` of a path or an open file (text or bytes)."""
    if isinstance(f, string_types):
        try:
            handle = io.open(f, 'rb')
        except (IOError, OSError) as exc:
            raise FormatError(f, 0, 'cannot open the user dictionary: %s'
                              % (exc.strerror or exc))
        with handle:
            for item in _userdict_lines(handle):
                yield item
        return
    name = getattr(f, 'name', '<user dictionary>')
    for number, line in enumerate(f, 1):
        if isinstance(line, bytes):
            try:
                line = line.decode('utf-8')
            except UnicodeDecodeError as exc:
                raise FormatError(name, number, 'not UTF-8 text (%s)' % exc.reason)
        if number == 1:
            line = line.lstrip(u'\ufeff')
        yield name, number, line.strip()


def _userdict_entries(f):
    """``(word, count or None, tag or None)`` of each line of a user dictionary."""
    for name, number, line in _userdict_lines(f):
        if not line or line.startswith(u'#'):
            continue
        fields = line.split()
        word, rest = fields[0], fields[1:]
        count = tag = None
        if rest and _NUMBER.match(rest[0]):
            number_text = rest.pop(0)
            count = float(number_text) if u'.' in number_text else int(number_text)
        if rest:
            tag = rest.pop(0)
        if rest:
            raise FormatError(name, number, 'expected "word [count] [tag]", got %r' % line)
        yield word, count, tag


def export_jieba(lexicon, path):
    """Write ``lexicon`` as a jieba dictionary: ``word count`` lines, most
    frequent first, atomically, so that jieba can load it
    (``jieba.set_dictionary(path)`` or ``jieba.load_userdict(path)``).

    jieba wants whole counts: a fractional count is rounded, and a count
    that rounds to 0 is written as 1 (the word stays a word).  A word with
    whitespace cannot be written (jieba splits lines on spaces).
    """
    if not isinstance(lexicon, Lexicon):
        lexicon = Lexicon(lexicon)
    for word in lexicon:
        if any(ch.isspace() for ch in word):
            raise ValueError('cannot write the word %r in a jieba dictionary: it contains '
                             'whitespace' % (word,))
    with atomic_open(path, 'w') as out:
        for word, count in lexicon.most_common():
            out.write(u'%s %d\n' % (word, max(1, int(round(count)))))


#: The default segmenter (jieba's ``dt``) and its methods as functions.
dt = Segmenter()
cut = dt.cut
lcut = dt.lcut
load_userdict = dt.load_userdict
add_word = dt.add_word
del_word = dt.del_word
suggest_freq = dt.suggest_freq
initialize = dt.initialize
set_dictionary = dt.set_dictionary
