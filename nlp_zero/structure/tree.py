# -*- coding: utf-8 -*-
"""The parser's result: a sentence as nested blocks, each read by a template.

A :class:`ParseTree` is one block; its ``children`` are the blocks that
fill its template's placeholders.  It prints as one bracketed line
(:meth:`ParseTree.bracketed`), as an indented tree (:meth:`ParseTree.plot`),
and in a notebook as that tree in a ``<pre>``.
"""

from .._compat import native_str, range, text_str, text_type
from .templates import PLACEHOLDER, Template

__all__ = ['ParseTree']

#: Longest bracketed text that ``repr`` shows.
REPR_CHARS = 120


@text_str
class ParseTree(object):
    """One block of a parsed sentence and, through ``children``, its blocks.

    Attributes
    ----------
    template : Template
        The template that covers the block; for a block read as isolated
        words, the literal-only template of those words (``isolated`` is
        then True and ``children`` is empty).
    words : list
        The block's words (``start`` and ``end`` index them in the sentence).
    content : str
        The block's text (its words joined).
    children : list of ParseTree
        One block per placeholder of the template, in order.
    score : float
        The reading's log-score (sum of template log-probabilities and
        null scores).
    """

    __slots__ = ('sentence', 'start', 'end', 'template', 'positions', 'children', 'score',
                 'isolated')

    def __init__(self, sentence, start, end, template, positions, score):
        self.sentence = sentence
        self.start = start
        self.end = end
        self.isolated = template is None
        if template is None:
            template = Template.from_items(tuple(sentence[start:end]))
            positions = tuple(range(start, end))
        self.template = template
        self.positions = tuple(positions)
        self.children = []
        self.score = score

    @property
    def words(self):
        """The block's words, a slice of the sentence's."""
        return self.sentence[self.start:self.end]

    @property
    def content(self):
        """The block's text: its words joined without spaces."""
        return u''.join(self.sentence[self.start:self.end])

    @property
    def modules(self):
        """The original nlp-zero's name of ``children``."""
        return self.children

    def bracketed(self):
        """One line with every block in parentheses, recursively:
        ``(鸡蛋)可以(吃)吗``; a one-word block is bracketed once."""
        return self._bracketed_blocks()[id(self)]

    def plot(self):
        """Several lines, one per block, indented by depth: the block in
        brackets, then its template."""
        texts = self._bracketed_blocks()
        lines = []
        stack = [(self, u'', u'')]
        while stack:
            tree, head, indent = stack.pop()
            if tree.isolated:
                lines.append(head + u' '.join(tree.words))
            else:
                lines.append(u'%s%s  %s' % (head, texts[id(tree)], text_type(tree.template)))
            children = tree.children
            for number in range(len(children) - 1, -1, -1):
                last = number == len(children) - 1
                stack.append((children[number], indent + u'+-- ',
                              indent + (u'    ' if last else u'|   ')))
        return u'\n'.join(lines)

    def _bracketed_blocks(self):
        """The bracketed text of every block (by id), children first, so
        that each block's text is joined once from its children's."""
        order = list(self.iter_blocks())
        texts = {}
        for tree in reversed(order):
            children = iter(tree.children)
            texts[id(tree)] = u''.join(
                u'(' + texts[id(next(children))] + u')' if item is PLACEHOLDER else item
                for item in tree.template.items)
        return texts

    def iter_blocks(self):
        """Every block of the tree, parents before children (depth first)."""
        stack = [self]
        while stack:
            tree = stack.pop()
            yield tree
            stack.extend(reversed(tree.children))

    def __unicode__(self):
        return self.bracketed()

    def __repr__(self):
        """The bracketed text (cut after :data:`REPR_CHARS` characters), the
        template and the score: what tells one reading from another."""
        text = self.bracketed()
        if len(text) > REPR_CHARS:
            text = text[:REPR_CHARS] + u'...'
        kind = u'isolated words' if self.isolated else text_type(self.template)
        return native_str(u'<ParseTree %s  %s  score %.4g>' % (text, kind, self.score))

    def _repr_html_(self):
        """A notebook shows the indented tree, in a ``<pre>``."""
        text = self.plot().replace(u'&', u'&amp;').replace(u'<', u'&lt;').replace(u'>', u'&gt;')
        return u'<pre>%s</pre>' % text
