"""Cutting a long text into pieces at places that no word crosses.

A text that is one huge line (a 100 MB file without newlines) is worked on a
piece at a time, so that memory stays bounded.  A safe place to cut is the
end of a run of spaces and marks: no word, alphanumeric run or repeated mark
continues across it -- unless the run ends with a point or a sign and a
digit follows (3.5, -5: the tokenizer keeps a number's run whole).
"""

import re

from .chars import DIGITS, MARK_PATTERN, NUMBER_JOINERS

__all__ = ['safe_pieces']

_CUT = re.compile(u'(?:\\s|%s)+(?!(?<=[%s])[%s])' % (MARK_PATTERN, NUMBER_JOINERS, DIGITS),
                  re.UNICODE)

#: How much longer than ``size`` a piece may grow while looking for a safe
#: place; a text with no such place within it is cut at ``size`` exactly.
_REACH = 4


def safe_pieces(text, size):
    """Cut ``text`` into pieces of about ``size`` characters at the ends of
    runs of spaces and marks; only a piece with no such place within
    ``_REACH`` times ``size`` is cut elsewhere.

    Each search looks at most ``_REACH * size`` characters ahead and never
    twice at the same characters, so the work is linear in the length of
    the text even when it has no safe place at all.
    """
    n = len(text)
    if n <= size:
        if text:
            yield text
        return
    start = 0
    clear = 0  # text[:clear] is known to hold no safe place past the last cut
    search = _CUT.search
    while n - start > size:
        limit = start + _REACH * size
        # (one character past the limit tells a run that ends there from one cut off)
        match = search(text, max(start + size // 2, clear), limit + 1)
        if match is None:
            clear = limit + 1
            end = start + size
        elif match.end() > limit:
            end = start + size  # the run goes on past the limit: cutting it could split marks
        else:
            end = match.end()
        yield text[start:end]
        start = end
    if start < n:
        yield text[start:]
