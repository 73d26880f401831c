# -*- coding: utf-8 -*-
"""Sentence templates: words in order with placeholders between them.

A template such as ``[X]的[X]是[X]呢`` is what stays fixed across many
sentences ("苹果的颜色是什么呢", "天空的颜色是蓝色呢"); each placeholder
``[X]`` stands for a block of one or more words.  :class:`Template` is one
template, :class:`TemplateSet` a collection of templates with their counts,
saved as UTF-8 text, one template per line::

    [X] 的 [X] 是 [X] 呢<TAB>20199

Items are separated by single spaces (words never contain whitespace),
placeholders are written ``[X]``, and the count follows a TAB.
"""

from __future__ import division

import math

from .._compat import native_str, string_types, text_str, text_type
from .._files import atomic_open, text_lines
from ..errors import FormatError
from ..words.lexicon import MAX_COUNT

__all__ = ['Template', 'TemplateSet', 'PLACEHOLDER', 'PLACEHOLDER_TEXT', 'as_template_set']

#: How a placeholder is stored among a template's items (the original
#: nlp-zero used ``None`` too, so its template tuples stay valid).
PLACEHOLDER = None

#: How a placeholder is written in files and printed.
PLACEHOLDER_TEXT = u'[X]'


@text_str
class Template(object):
    """One sentence template: literal words and placeholders, in order.

    Consecutive placeholders collapse into one (a placeholder already covers
    one or more words).  Templates are immutable, compare and hash by their
    items, and print as ``[X]的[X]``.

    Parameters
    ----------
    items : iterable or str
        Words (unicode) and placeholders (``None``), or the text form with
        items separated by spaces: ``u'[X] 的 [X]'``.  A template needs at
        least one literal word; words may not be empty, contain whitespace
        or be ``[X]``.
    """

    __slots__ = ('items', '_hash')

    def __init__(self, items):
        if isinstance(items, Template):
            items = items.items
        elif isinstance(items, string_types):
            items = _split_line(items)
        collapsed = []
        for item in items:
            if item is PLACEHOLDER:
                if collapsed and collapsed[-1] is PLACEHOLDER:
                    continue
            else:
                _check_word(item)
            collapsed.append(item)
        if all(item is PLACEHOLDER for item in collapsed):
            raise ValueError('a template needs at least one literal word')
        self.items = tuple(collapsed)
        self._hash = hash(self.items)

    @classmethod
    def from_items(cls, items):
        """Trusted fast path for item tuples built by this package."""
        template = cls.__new__(cls)
        template.items = items
        template._hash = hash(items)
        return template

    @property
    def literals(self):
        """The literal words, in order (placeholders left out)."""
        return tuple(item for item in self.items if item is not PLACEHOLDER)

    @property
    def placeholders(self):
        """How many placeholders the template has."""
        return sum(1 for item in self.items if item is PLACEHOLDER)

    def is_trivial(self):
        """True for ``X w X``: one word between two placeholders says nothing
        about sentence structure beyond the word itself."""
        items = self.items
        return len(items) == 3 and items[0] is PLACEHOLDER and items[2] is PLACEHOLDER

    def to_line(self):
        """The file form: items separated by single spaces, ``[X]`` for placeholders."""
        return u' '.join(PLACEHOLDER_TEXT if item is PLACEHOLDER else item for item in self.items)

    def __unicode__(self):
        return u''.join(PLACEHOLDER_TEXT if item is PLACEHOLDER else item for item in self.items)

    def __repr__(self):
        return native_str(u'Template(%r)' % (self.to_line(),))

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        return self.items[index]

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        return isinstance(other, Template) and self.items == other.items

    def __ne__(self, other):
        return not self.__eq__(other)


def _check_word(word):
    if not isinstance(word, string_types):
        raise TypeError('template words must be text, not %r' % (word,))
    if not word or word == PLACEHOLDER_TEXT or len(word.split()) != 1 or word.strip() != word:
        raise ValueError('not a valid template word: %r' % (word,))


def _split_line(text):
    if not isinstance(text, text_type):
        text = text.decode('utf-8')
    if not text or text != text.strip() or u'  ' in text or u'\t' in text:
        raise ValueError('template text must be items separated by single spaces: %r' % (text,))
    return [PLACEHOLDER if item == PLACEHOLDER_TEXT else item for item in text.split(u' ')]


def _as_template(obj):
    if isinstance(obj, Template):
        return obj
    return Template(obj)


class TemplateSet(object):
    """Templates with their counts: what template discovery finds and the
    parser uses.

    ``logp(template)`` is ``log(count / total)``: the parser prefers the
    reading whose templates together carry the least information.

    Parameters
    ----------
    counts : dict or iterable, optional
        Template -> count, or (template, count) pairs; a template may be a
        :class:`Template`, a tuple of items or the text form ``u'[X] 的 [X]'``.
        Counts of repeated templates are added.
    """

    def __init__(self, counts=None):
        self._counts = {}
        self._total = 0
        if counts is not None:
            self.update(counts)

    def update(self, counts):
        """Add counts (a mapping or (template, count) pairs)."""
        if hasattr(counts, 'items'):
            counts = counts.items()
        own = self._counts
        for template, count in counts:
            template = _as_template(template)
            count = int(count)
            if count < 0:
                raise ValueError('negative count for %s' % template.to_line())
            if count:
                own[template] = own.get(template, 0) + count
                self._total += count
        return self

    def __len__(self):
        return len(self._counts)

    def __contains__(self, template):
        try:
            return _as_template(template) in self._counts
        except (TypeError, ValueError):
            return False

    def __getitem__(self, template):
        return self._counts.get(_as_template(template), 0)

    def get(self, template, default=0):
        """The count of ``template``, or ``default`` when it is not in the set."""
        return self._counts.get(_as_template(template), default)

    def __iter__(self):
        return iter(self._counts)

    def items(self):
        """(template, count) pairs, as a list, in no particular order."""
        return list(self._counts.items())

    @property
    def total(self):
        """Sum of all counts."""
        return self._total

    def logp(self, template):
        """``log(count / total)`` of a template in the set (ValueError if absent)."""
        count = self._counts.get(_as_template(template), 0)
        if not count:
            raise ValueError('template not in the set: %s' % _as_template(template).to_line())
        return math.log(count) - math.log(self._total)

    def most_common(self, n=None, trivial=True):
        """(template, count) pairs, most frequent first (ties in text order).

        ``trivial=False`` leaves out the ``X w X`` templates.
        """
        pairs = self._counts.items()
        if not trivial:
            pairs = [(t, c) for t, c in pairs if not t.is_trivial()]
        ranked = sorted(pairs, key=_rank_key)
        return ranked if n is None else ranked[:n]

    def __eq__(self, other):
        return isinstance(other, TemplateSet) and self._counts == other._counts

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = None

    def __repr__(self):
        return '<TemplateSet: %d templates, total count %d>' % (len(self), self._total)

    @classmethod
    def load(cls, path, encoding='utf-8'):
        """Read a file written by :meth:`save` (``items<TAB>count`` lines in
        ``encoding``; repeated templates have their counts added).

        Blank lines are skipped; anything else malformed (a count that is
        not a whole number from 1 to 2**63 - 1 included), a line longer
        than 1 MB, or a file that cannot be opened raises
        :class:`~nlp_zero.errors.FormatError` naming the file (and line),
        as :meth:`Lexicon.load` does.
        """
        result = cls()
        counts = result._counts
        for number, line in text_lines(path, 'templates', encoding):
            if line.strip():
                template, count = _parse_line(path, number, line)
                counts[template] = counts.get(template, 0) + count
                result._total += count
        return result

    def save(self, path):
        """Write the templates, most frequent first, atomically."""
        with atomic_open(path, 'w') as f:
            for template, count in self.most_common():
                f.write(u'%s\t%d\n' % (template.to_line(), count))


def _rank_key(pair):
    return (-pair[1], pair[0].to_line())


def _shown(text, size=40):
    """``text`` cut for an error message (a damaged file can hold a 1 MB line)."""
    return text if len(text) <= size else text[:size] + u'...'


def _parse_line(path, number, line):
    fields = line.split(u'\t')
    if len(fields) != 2:
        raise FormatError(path, number, 'expected "items<TAB>count", found %d field%s' % (
            len(fields), '' if len(fields) == 1 else 's'))
    text, count = fields
    try:
        count = int(count.strip())
    except ValueError:
        raise FormatError(path, number, 'the count %r is not a whole number' % (_shown(count),))
    if not 1 <= count <= MAX_COUNT:
        raise FormatError(path, number, 'the count must be from 1 to 2**63 - 1, not %s'
                          % _shown(str(count)))
    try:
        items = _split_line(text)
    except ValueError:
        raise FormatError(path, number, 'items must be separated by single spaces: %r'
                          % (_shown(text),))
    for first, second in zip(items, items[1:]):
        if first is PLACEHOLDER and second is PLACEHOLDER:
            raise FormatError(path, number, 'two placeholders in a row: %r' % (_shown(text),))
    try:
        return Template(items), count
    except (TypeError, ValueError):
        raise FormatError(path, number, 'not a template: %r' % (_shown(text),))


def as_template_set(obj):
    """A :class:`TemplateSet` from a set, a mapping, (template, count) pairs or a path."""
    if isinstance(obj, TemplateSet):
        return obj
    if isinstance(obj, string_types):
        return TemplateSet.load(obj)
    return TemplateSet(obj)
