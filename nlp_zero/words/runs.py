# -*- coding: utf-8 -*-
"""Alphanumeric runs as single characters while the tokenizer cuts a line.

While a line is cut, each run of :data:`~nlp_zero.text.chars.ALNUM_RUN_PATTERN`
(digits and Latin letters, a number with its point, sign, place values and
percent sign) stands as one private-use character: the code the tokenizer
gave that run when it met it in a lexicon word, or :data:`HOLDER` for a run
that is in no lexicon word.  So a run is one unit that a word contains whole
or not at all.
"""

import re

from .._compat import WIDE_UNICODE, unichr
from ..text.chars import ALNUM_RUN_PATTERN

__all__ = ['ALNUM', 'HOLDER', 'PRIVATE', 'private_code', 'interleave']

#: One alphanumeric run.
ALNUM = re.compile(ALNUM_RUN_PATTERN, re.UNICODE)
#: The stand-in of a run that is in no lexicon word.
HOLDER = u'\ue000'
#: One private-use character (a stand-in, or one of the text's own).
PRIVATE = re.compile(u'[\ue000-\uf8ff%s]' % (u'\U000f0000-\U0010fffd' if WIDE_UNICODE else u''),
                     re.UNICODE)

_BMP_PRIVATE = 0xf900 - 0xe001  # U+E001 .. U+F8FF (U+E000 is HOLDER)
_PLANE_PRIVATE = 0xfffe  # U+xFFFE and U+xFFFF of a plane are not characters


def private_code(index):
    """The ``index``-th private-use character that can stand for an
    alphanumeric run, or None when there are no more (a plain function of
    the index, not a generator, so that a tokenizer can be pickled and sent
    to worker processes)."""
    if index < _BMP_PRIVATE:
        return unichr(0xe001 + index)
    plane, offset = divmod(index - _BMP_PRIVATE, _PLANE_PRIVATE)
    if not WIDE_UNICODE or plane >= 2:
        return None
    return unichr(0xf0000 + (plane << 16) + offset)


def interleave(parts, between):
    """``parts[0] + between[0] + parts[1] + ...`` (len(parts) == len(between) + 1)."""
    joined = [None] * (len(parts) + len(between))
    joined[0::2] = parts
    joined[1::2] = between
    return u''.join(joined)
