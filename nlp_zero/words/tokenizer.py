# -*- coding: utf-8 -*-
"""The unigram tokenizer: cut text into its most probable sequence of words.

Minimum entropy for a segmentation means maximum probability under the
unigram model: among all ways to cut the text into lexicon words, take the
one whose words' log-probabilities ``log(count / total)`` sum highest.  One
Viterbi pass over each line finds it.

What becomes a token:

* whitespace separates tokens and is dropped;
* punctuation and symbols are never part of a word: each mark is a token of
  its own, except that a run of one repeated mark (``——``, ``……``) stays
  one token;
* with ``keep_alnum=True`` (the default) a run of digits and Latin letters,
  ASCII or full-width (``ABC123``, ``１９９６``), is never cut: it is a token
  of its own, or part of a lexicon word that contains the whole run
  (``1996年`` matches ``1996年`` but not ``21996年``); a number's run holds
  its decimal points, sign, Chinese place values and percent sign (``3.5``,
  ``－５``, ``50万``, ``９０％``: :data:`~nlp_zero.text.chars.ALNUM_RUN_PATTERN`);
* everything else -- runs of Chinese characters and other word characters
  (those of :data:`nlp_zero.corpus.WORD_PATTERN`) -- is cut into lexicon
  words.  Lexicon entries that contain anything else (marks, spaces) can
  never match and are ignored.

So the tokens of a text, joined, give back the text without its whitespace.

Unknown characters.  A character that no lexicon word on the best path
covers becomes a token of its own, scored like a word of count
``unknown_count`` (default 0.5, below every whole-number count): it loses
to a known single character, and a path through it still has a finite
score, so an unknown character never makes a line impossible to cut.

Speed.  The work per character is done by C-level ``map`` calls over the
whole line (the score of every single character and of every character
pair, and which longer lengths exist for each pair), so the Python loop of
the Viterbi pass only does arithmetic and, where a lexicon word of three or
more characters can start, a few dictionary lookups of slices.
"""

from __future__ import division

import math
import re
import sys
from itertools import repeat
from operator import add

from .._compat import CPYTHON, PY2, map, range, string_types, text_type
from ..text.chars import ALNUM_CHARS, MARK_PATTERN, WORD_PATTERN
from ..text.marks import has_combining, join_combining
from ..text.pieces import safe_pieces
from .lexicon import Lexicon
from .runs import ALNUM, HOLDER, PRIVATE, interleave, private_code
from .tokenized import TokenizedCorpus
from .viterbi import UNKNOWN_COUNT

__all__ = ['Tokenizer', 'ALNUM_CHARS']

# A mark is neither whitespace nor a word character (nlp_zero.text.chars).
_MARK_CHAR = MARK_PATTERN
_WORD = re.compile(WORD_PATTERN + u'$', re.UNICODE)
_IS_MARK = re.compile(_MARK_CHAR, re.UNICODE).match
_REPEATED_MARK = re.compile(u'(%s)\\1' % _MARK_CHAR, re.UNICODE).search
_JOIN_MARKS = re.compile(u'(%s) (?=\\1)' % _MARK_CHAR, re.UNICODE).sub

#: Texts longer than this are tokenized in pieces cut at spaces or marks,
#: so memory stays bounded on a text that is one huge line.
PIECE_CHARS = 1 << 13

#: When more words than this changed since the tables were built, rebuilding
#: them from the whole lexicon is cheaper than patching them word by word:
#: a quarter of the table, plus a floor below which patching always wins.
_REBUILD_FRACTION = 4
_REBUILD_FLOOR = 1000

# Table keys.  On CPython 3 the per-character tables are keyed by code
# points read from the line's UTF-32 bytes (a character pair is one 64-bit
# number), which spares creating a string object per character and per
# pair: about 15% of the time of a line.  Elsewhere (Python 2, PyPy, where
# that does not pay) the keys are the strings themselves.
_CODE_KEYS = not PY2 and CPYTHON
_LITTLE = sys.byteorder == 'little'
_UTF32 = 'utf-32-le' if _LITTLE else 'utf-32-be'


def _char_key(char):
    return ord(char) if _CODE_KEYS else char


def _pair_key(pair):
    if not _CODE_KEYS:
        return pair
    if _LITTLE:
        return ord(pair[0]) | ord(pair[1]) << 32
    return ord(pair[0]) << 32 | ord(pair[1])


def _keys(s, n):
    """(character keys, pair keys) of ``s`` (``n`` characters, n > 1)."""
    if not _CODE_KEYS:
        chars = list(s)
        return chars, list(map(add, chars, chars[1:]))
    data = memoryview(s.encode(_UTF32, 'surrogatepass'))
    pairs = [0] * (n - 1)
    # 8 bytes at an even character offset are the pair (c[2k], c[2k+1]);
    # at an odd offset, the pair (c[2k+1], c[2k+2])
    pairs[0::2] = data[:8 * (n // 2)].cast('Q').tolist()
    pairs[1::2] = data[4:4 + 8 * ((n - 1) // 2)].cast('Q').tolist()
    return data.cast('I').tolist(), pairs


class Tokenizer(object):
    r"""Unigram (minimum-entropy) word segmentation with a :class:`Lexicon`.

    Parameters
    ----------
    lexicon : Lexicon, dict, iterable of (word, count) or str
        The words and their counts; a string is the path of a lexicon file.
        A :class:`Lexicon` is used as it is, not copied: later changes of its
        counts are seen by the next call (word discovery relies on this;
        updating the tables costs time in proportion to the words changed).
    keep_alnum : bool
        Keep runs of digits and Latin letters (ASCII and full-width) whole,
        as single tokens (default True).  When False they are cut like any
        other word characters.
    unknown_count : float
        A character missing from the lexicon is scored like a word of this
        count, ``log(unknown_count / total)`` (default 0.5, see
        :data:`nlp_zero.words.viterbi.UNKNOWN_COUNT`).

    Examples
    --------
    With the counts of 中外 5, 外科 3, 科学 20, 学名 2 and 名著 8, the text
    中外科学名著，1996年 is cut as 中外 科学 名著 ， 1996 年:

    >>> t = Tokenizer({u'\u4e2d\u5916': 5, u'\u5916\u79d1': 3, u'\u79d1\u5b66': 20,
    ...                u'\u5b66\u540d': 2, u'\u540d\u8457': 8})
    >>> t.tokenize(u'\u4e2d\u5916\u79d1\u5b66\u540d\u8457\uff0c1996\u5e74') == [
    ...     u'\u4e2d\u5916', u'\u79d1\u5b66', u'\u540d\u8457', u'\uff0c', u'1996', u'\u5e74']
    True
    """

    def __init__(self, lexicon=None, keep_alnum=True, unknown_count=UNKNOWN_COUNT):
        if lexicon is None:
            lexicon = Lexicon()
        elif isinstance(lexicon, string_types):
            lexicon = Lexicon.load(lexicon)
        elif not isinstance(lexicon, Lexicon):
            lexicon = Lexicon(lexicon)
        if not unknown_count > 0:
            raise ValueError('unknown_count must be a positive number, not %r' % (unknown_count,))
        self.lexicon = lexicon
        self.keep_alnum = bool(keep_alnum)
        self.unknown_count = unknown_count
        self._run_codes = {}    # alphanumeric run -> its private-use character
        self._codes_used = 0  # private-use characters handed out to runs
        self._rebuild()

    # ------------------------------------------------------------ the tables
    def _rebuild(self):
        """Derive the lookup tables from the whole lexicon.

        ``_logc``: word -> log(count), for the words that can match.
        ``_single``: the same for single characters, by character key.
        ``_pairs``: key of the first two characters of a word -> (log count
        of that pair as a word or None, sorted lengths of the words of three
        or more characters that start with it or None).  One lookup per
        position then tells whether any longer word starts there.
        The total is kept apart so that a change of one count changes one
        entry.
        """
        log = math.log
        usable = _WORD.match
        self._logc = logc = {}
        longer = {}
        form = self._form
        for word, count in self.lexicon.iteritems():
            if count > 0 and usable(word):
                word = form(word)
                if word is None:
                    continue
                logc[word] = log(count)
                if len(word) > 2:
                    found = longer.get(word[:2])
                    if found is None:
                        longer[word[:2]] = found = set()
                    found.add(len(word))
        pairs = dict((_pair_key(pair), (logc.get(pair), tuple(sorted(sizes))))
                     for pair, sizes in longer.items())
        single = {}
        for word, value in logc.items():
            if len(word) == 1:
                single[_char_key(word)] = value
            elif len(word) == 2 and word not in longer:
                pairs[_pair_key(word)] = (value, None)
        self._single = single
        self._pairs = pairs
        self._stamp = self.lexicon.version
        self._refresh_total()

    def _refresh_total(self):
        total = self.lexicon.total
        self._log_total = math.log(total) if total > 0 else 0.0
        self._log_unknown = math.log(self.unknown_count)

    def _sync(self):
        """Catch up with the changes of the lexicon since the last call."""
        lexicon = self.lexicon
        changed = lexicon.changes_since(self._stamp)
        if changed is None or len(changed) > len(self._logc) // _REBUILD_FRACTION + _REBUILD_FLOOR:
            self._rebuild()
            return
        log, logc, pairs, single = math.log, self._logc, self._pairs, self._single
        usable = _WORD.match
        form = self._form
        for word in set(changed):
            count = lexicon.get(word, 0)
            word = form(word) if usable(word) else None
            if word is None:
                continue  # never in the tables
            size = len(word)
            key = _char_key(word) if size == 1 else _pair_key(word[:2])
            if count > 0:
                logc[word] = value = log(count)
                if size == 1:
                    single[key] = value
                elif size == 2:
                    pairs[key] = (value, pairs.get(key, (None, None))[1])
                else:
                    value, sizes = pairs.get(key, (logc.get(word[:2]), None))
                    if sizes is None or size not in sizes:
                        sizes = tuple(sorted((sizes or ()) + (size,)))
                        pairs[key] = (value, sizes)
            elif logc.pop(word, None) is not None:
                if size == 1:
                    del single[key]
                elif size == 2:
                    sizes = pairs.pop(key)[1]
                    if sizes is not None:
                        pairs[key] = (None, sizes)
            # a stale length left in ``_pairs`` only costs a missed lookup
        self._stamp = lexicon.version
        self._refresh_total()

    def _form(self, word, assign=True):
        """The form of a word in the tables: with ``keep_alnum``, each
        alphanumeric run becomes its private-use character.  A run met for
        the first time gets one when ``assign`` is true, else it stands as
        ``HOLDER``.  None: the word cannot be in the tables (it has private
        characters of its own, or the private characters are used up)."""
        if not self.keep_alnum or not ALNUM.search(word):
            return word
        if PRIVATE.search(word):
            return None  # it could be confused with a coded run
        runs = ALNUM.findall(word)
        codes = self._run_codes
        if assign:
            for run in runs:
                if run not in codes:
                    code = private_code(self._codes_used)
                    if code is None:
                        return None
                    self._codes_used += 1
                    codes[run] = code
        get = codes.get
        return interleave(ALNUM.split(word), [get(run, HOLDER) for run in runs])

    def logp(self, word):
        """Score of ``word`` as one token: its log-probability; for a single
        character not in the lexicon the unknown-character score; ``-inf``
        for a longer string that is not a usable lexicon word."""
        if self.lexicon.version != self._stamp:
            self._sync()
        form = self._form(word, False) if _WORD.match(word) else word
        value = self._logc.get(form) if form is not None else None
        if value is None:
            # unknown: scored as a token only if it is one character, or
            # (with keep_alnum) one alphanumeric run
            if len(form or word) != 1:
                return float('-inf')
            value = self._log_unknown
        return value - self._log_total

    # ------------------------------------------------------------- cutting
    def _viterbi(self, s):
        """Best cut of ``s`` into words (a list).

        ``best[i]`` is the best score of ``s[i:]``, filled from the right.
        Characters that are in no lexicon word (spaces, marks, placeholders)
        simply end up as single tokens.
        """
        n = len(s)
        logc_get = self._logc.get
        unknown = self._log_unknown
        log_total = self._log_total
        if n < 3:
            if n < 2:
                return [s] if s else []
            whole = logc_get(s)
            if whole is not None and whole > (logc_get(s[0], unknown) +
                                              logc_get(s[1], unknown) - log_total):
                return [s]
            return [s[0], s[1]]
        chars, pairs = _keys(s, n)
        starts = list(map(self._pairs.get, pairs))
        if starts.count(None) == n - 1:
            return list(s)
        # Every cut of s covers its n characters, so adding log(total) per
        # character changes no comparison: then a single character scores
        # log(count), and a word of L characters log(count) + (L-1) log(total).
        single = list(map(self._single.get, chars, repeat(unknown, n)))
        best = [0.0] * (n + 1)
        step = [1] * n
        following = best[n - 1] = single[n - 1]
        for i in range(n - 2, -1, -1):
            score = single[i] + following
            found = starts[i]
            if found is not None:
                value, sizes = found
                if value is not None:
                    value += best[i + 2] + log_total
                    if value > score:
                        score = value
                        step[i] = 2
                if sizes is not None:
                    room = n - i
                    for size in sizes:
                        if size > room:
                            break
                        value = logc_get(s[i:i + size])
                        if value is not None:
                            value += best[i + size] + (size - 1) * log_total
                            if value > score:
                                score = value
                                step[i] = size
            best[i] = following = score
        words = []
        append = words.append
        i = 0
        while i < n:
            j = i + step[i]
            append(s[i:j])
            i = j
        return words

    def best_cut(self, text):
        """The most probable cut of ``text`` as it is: no splitting at marks
        or spaces first, no special treatment of alphanumeric runs."""
        if self.lexicon.version != self._stamp:
            self._sync()
        return self._viterbi(text)

    def _tokenize_piece(self, text):
        # Whitespace runs become one space: a boundary no word can cross.
        s = u' '.join(text.split())
        runs = ALNUM.findall(s) if self.keep_alnum else None
        if runs:
            if PRIVATE.search(s):
                return self._tokenize_private(s, runs)
            code = self._run_codes.get
            s = interleave(ALNUM.split(s), [code(run, HOLDER) for run in runs])
        words = self._viterbi(s)
        if has_combining(s):  # a word unknown to the lexicon must not split a letter
            words = join_combining(words)
        repeated = _REPEATED_MARK(s)
        if runs or repeated:
            # Put the runs back, join repeated marks and drop the spaces with
            # C-level string calls on the tokens joined by spaces (a space
            # token becomes three spaces, so marks around it stay apart).
            joined = u' '.join(words)
            if runs:
                joined = interleave(PRIVATE.split(joined), runs)
            if repeated:
                joined = _JOIN_MARKS(u'\\1', joined)
            return joined.split()
        if u' ' in s:
            return [w for w in words if w != u' ']
        return words

    def _tokenize_private(self, s, runs):
        """A line that has private-use characters of its own, which could be
        taken for coded runs: the text between the runs is cut on its own,
        and the runs are tokens (they match no lexicon word here)."""
        words = []
        for part, run in zip(ALNUM.split(s), runs + [None]):
            words.extend(self._viterbi(part))
            if run is not None:
                words.append(run)
        words = _join_repeated_marks(join_combining(words))
        return [w for w in words if w != u' ']

    # --------------------------------------------------------------- public
    def tokenize(self, text):
        """The tokens of ``text``: a list of unicode strings (see the module
        documentation for spaces, marks and digits/Latin letters)."""
        if self.lexicon.version != self._stamp:
            self._sync()
        if not isinstance(text, text_type):
            text = _as_text(text)
        if len(text) <= PIECE_CHARS:
            return self._tokenize_piece(text)
        result = []
        for piece in safe_pieces(text, PIECE_CHARS):
            result.extend(self._tokenize_piece(piece))
        return result

    def iter_tokenize(self, text):
        """Like :meth:`tokenize`, but lazily: yields the tokens one by one,
        working through a long text a piece at a time."""
        if not isinstance(text, text_type):
            text = _as_text(text)
        for piece in safe_pieces(text, PIECE_CHARS):
            if self.lexicon.version != self._stamp:
                self._sync()
            for word in self._tokenize_piece(piece):
                yield word

    def tokenize_with_offsets(self, text):
        """``[(token, start, end)]``: the tokens with their character offsets
        in ``text``, so that ``text[start:end] == token``."""
        if not isinstance(text, text_type):
            text = _as_text(text)
        result = []
        append = result.append
        find = text.find
        end = 0
        for word in self.tokenize(text):
            # only whitespace lies between two tokens, so the next
            # occurrence of the token is the token itself
            start = find(word, end)
            end = start + len(word)
            append((word, start, end))
        return result

    def tokenize_corpus(self, corpus):
        """Tokenize a whole corpus lazily: yields one list of tokens per line
        (a single pass; :meth:`corpus` gives a re-iterable view)."""
        return iter(self.corpus(corpus))

    def corpus(self, corpus, words_only=False):
        """``corpus`` (a :class:`~nlp_zero.text.corpus.Corpus` or any iterable
        of lines) as a re-iterable :class:`~nlp_zero.words.tokenized.TokenizedCorpus`
        of token lists, e.g. for ``Cooccurrence.count``; ``words_only`` leaves
        out punctuation tokens."""
        return TokenizedCorpus(corpus, self.tokenize, words_only)

    def __call__(self, text):
        return self.tokenize(text)

    def __repr__(self):
        return '<Tokenizer: %d words, keep_alnum=%r>' % (len(self.lexicon), self.keep_alnum)


def _as_text(text):
    if isinstance(text, bytes):
        return text.decode('utf-8')
    raise TypeError('expected text, got %s' % type(text).__name__)


def _join_repeated_marks(words):
    """Join consecutive identical single-mark tokens (``—`` ``—`` -> ``——``)."""
    joined = []
    for word in words:
        if joined and len(word) == 1 and joined[-1][-1] == word and _IS_MARK(word) \
                and joined[-1] == word * len(joined[-1]):
            joined[-1] += word
        else:
            joined.append(word)
    return joined
