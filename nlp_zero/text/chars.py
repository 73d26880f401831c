# -*- coding: utf-8 -*-
"""Character classes: what is a word character, a digit, a Latin letter.

Every stage agrees on these, so they live in one place:

* word characters (:data:`WORD_PATTERN`) make up fragments and words;
  everything else (punctuation, symbols, spaces) separates them;
* digit and Latin-letter runs are learned as classes by word discovery
  (:data:`DIGITS`, :data:`LETTERS`, :data:`CHINESE_NUMERALS`) and kept
  whole by the tokenizer (:data:`ALNUM_CHARS`).
"""

import re

from ..errors import CorpusError
from .marks import MARK_CHARS

__all__ = ['WORD_PATTERN', 'EXTRA_WORD_CHARS', 'MARK_CHARS', 'ALNUM_CHARS', 'ALNUM_RUN_PATTERN',
           'DIGITS', 'LETTERS', 'PLACE_VALUES',
           'CHINESE_NUMERALS', 'compile_word_pattern', 'fragments', 'is_mark']

#: Word characters beyond Python's ``\w``: the CJK ideographs of every
#: extension, listed explicitly (older interpreters' Unicode tables lack the
#: newest ones), the circles used as a Chinese zero (U+25CB, U+3007), and
#: the combining marks (vowel signs, viramas, accents) that ``\w`` leaves out.
EXTRA_WORD_CHARS = (u'\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u25cb\u3007'
                    u'\U00020000-\U0002fa1f\U00030000-\U0003134f' + MARK_CHARS)

#: A run of word characters: letters, digits and marks of every script, and
#: :data:`EXTRA_WORD_CHARS`; not the underscore.
WORD_PATTERN = u'(?:[^\\W_]|[' + EXTRA_WORD_CHARS + u'])+'

#: ASCII and full-width digits (the units of a number class).
DIGITS = u'0-9\uff10-\uff19'
#: ASCII and full-width Latin letters (the units of a Latin class).
LETTERS = u'A-Za-z\uff21-\uff3a\uff41-\uff5a'
#: The Chinese place values ten thousand and hundred million, in simplified
#: and traditional characters (万 亿 萬 億): after digits they are part of the
#: number (50万, 1.2億).
PLACE_VALUES = u'\u4e07\u4ebf\u842c\u5104'
#: Chinese numerals, with the two zeros ○ and 〇: two or more make a number.
CHINESE_NUMERALS = (u'\u25cb\u3007\u96f6\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03'
                    u'\u516b\u4e5d\u5341\u767e\u5343' + PLACE_VALUES)
#: Digits and Latin letters that the tokenizer keeps as unbreakable runs:
#: ASCII, full-width forms and the accented Latin letters.
ALNUM_CHARS = (u'0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a'
               u'\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f')

#: A run the tokenizer keeps whole: digits and Latin letters, with a number's
#: written form around its digits -- decimal points between digits (3.5,
#: ３．５), a sign before them at the start or after a space or a mark (-5,
#: ／－５; after a word character a dash is a hyphen or a range: F-16,
#: 1998-2000, 1990年-2000年), the Chinese place values after them (50万, 1万亿),
#: one percent or per-mille sign after them (90%, ９０％).
ALNUM_RUN_PATTERN = (
    u'(?:(?<![\\w\\-+\uff0d\uff0b])[-+\uff0d\uff0b](?=[{d}]))?[{a}]+'
    u'(?:(?<=[{d}])[.\uff0e](?=[{d}])[{a}]+)*'
    u'(?:(?<=[{d}])[{p}]+)?'
    u'(?:(?<=[{d}{p}])[%\uff05\u2030](?![%\uff05\u2030]))?'
).format(a=ALNUM_CHARS, d=DIGITS, p=PLACE_VALUES)
#: The points and signs that a number's run may hold before a digit.
NUMBER_JOINERS = u'.\uff0e\\-+\uff0d\uff0b'

_MARK = re.compile(u'(?:[^\\w\\s%s]|_)' % EXTRA_WORD_CHARS, re.UNICODE)
#: A regular-expression class of one punctuation mark or symbol: neither
#: whitespace nor a word character.
MARK_PATTERN = _MARK.pattern


def is_mark(char):
    """True for a punctuation mark or symbol (not a word character, not a space)."""
    return _MARK.match(char) is not None


def compile_word_pattern(pattern=None):
    """Compile a word-character pattern (default :data:`WORD_PATTERN`)."""
    if pattern is None:
        pattern = WORD_PATTERN
    if hasattr(pattern, 'findall'):
        return pattern
    try:
        return re.compile(pattern, re.UNICODE)
    except re.error as exc:
        raise CorpusError('invalid word pattern %r: %s' % (pattern, exc))


_DEFAULT_WORDS = compile_word_pattern()
# The same set as one character class plus the underscore: twice as fast, and
# exact for every line without an underscore.
_DEFAULT_WORDS_FAST = re.compile(u'[\\w' + EXTRA_WORD_CHARS + u']+', re.UNICODE)


def fragments(text, pattern=None):
    r"""Split ``text`` into the runs of word characters it contains.

    Counting never crosses punctuation or spaces, so the fragments are the
    units that word discovery and template finding work on.  ``pattern``
    (a string or compiled regular expression) replaces
    :data:`WORD_PATTERN` for scripts or conventions it does not fit.

    >>> fragments(u'\u4eca\u5929\uff0c\u5929\u6c14 good!') == [u'\u4eca\u5929', u'\u5929\u6c14', u'good']
    True
    >>> len(fragments(u'\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e'))
    2
    """
    if pattern is None:
        if u'_' in text:
            return _DEFAULT_WORDS.findall(text)
        return _DEFAULT_WORDS_FAST.findall(text)
    return compile_word_pattern(pattern).findall(text)
