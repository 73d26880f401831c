# -*- coding: utf-8 -*-
"""An index of templates that finds where they occur in a tokenized sentence.

The templates are stored in a trie over their items (words and the
placeholder), so all templates that begin alike are followed together.

Placeholder semantics: a placeholder covers one or more consecutive words,
and only where the template has one.  ``[X] 可以 [X] 吗`` matches
``鸡蛋 可以 吃 吗`` and ``牛肉 鸡蛋 可以 吃 吗`` but not ``可以 吗``
(there is no word for the first placeholder) nor ``鸡蛋 可以 吃 吗 呀``
(``呀`` is after the template's last word and no placeholder is there).
"""

from __future__ import division

import math
from collections import namedtuple

from .._compat import range
from .templates import PLACEHOLDER, Template, as_template_set

__all__ = ['TemplateIndex', 'Match']

#: Key of the template id in the trie node where a template ends (words
#: are text and the placeholder is None, so an empty tuple cannot clash).
END = ()

#: One occurrence: the words ``words[start:end]`` match ``template``, whose
#: literal words are at ``positions``.
Match = namedtuple('Match', 'start end positions template count')


class TemplateIndex(object):
    """Templates with their counts, indexed for matching.

    Parameters
    ----------
    templates : TemplateSet, mapping or iterable, optional
        Template -> count (see :class:`~nlp_zero.templates.TemplateSet`).
    """

    def __init__(self, templates=None):
        self.root = {}
        self.templates = []  # id -> Template
        self.counts = []  # id -> count
        self.total = 0
        self.version = 0
        self._removed = 0
        if templates is not None:
            for template, count in as_template_set(templates).items():
                self.add(template, count)

    def add(self, template, count):
        """Add ``count`` to a template (inserting it if new)."""
        if not isinstance(template, Template):
            template = Template(template)
        count = int(count)
        if count < 1:
            raise ValueError('a template count must be at least 1')
        node = self.root
        for item in template.items:
            child = node.get(item)
            if child is None:
                child = node[item] = {}
            node = child
        tid = node.get(END)
        if tid is None or not self.counts[tid]:
            node[END] = len(self.templates)
            self.templates.append(template)
            self.counts.append(count)
        else:
            self.counts[tid] += count
        self.total += count
        self.version += 1

    def set_count(self, template, count):
        """Give a template a new count; 0 removes it."""
        count = int(count)
        if count < 0:
            raise ValueError('a template count cannot be negative')
        tid = self._find(template)
        if tid is None:
            if count:
                self.add(template, count)
            return
        self.total += count - self.counts[tid]
        self.counts[tid] = count
        if not count:
            node = self.root
            for item in self.templates[tid].items:
                node = node[item]
            del node[END]
            self._removed += 1
        self.version += 1

    def __len__(self):
        return len(self.templates) - self._removed

    def __iter__(self):
        return iter(self.items())

    def items(self):
        """(template, count) pairs, in the order they were added."""
        return [(t, c) for t, c in zip(self.templates, self.counts) if c]

    def _find(self, template):
        node = self.root
        for item in Template(template).items:
            node = node.get(item)
            if node is None:
                return None
        return node.get(END)

    def __contains__(self, template):
        return self._find(template) is not None

    def __getitem__(self, template):
        tid = self._find(template)
        return 0 if tid is None else self.counts[tid]

    def log_probabilities(self):
        """``log(count / total)`` of every template, by template id."""
        if not self.total:
            return []
        log_total = math.log(self.total)
        return [math.log(c) - log_total if c else float('-inf') for c in self.counts]

    def matches(self, words, max_span=None):
        """Every occurrence of every template in ``words`` (a list of words),
        sorted by (start, end, positions); spans longer than ``max_span``
        words are not searched.

        The number of occurrences can grow fast with the sentence length
        (``[X] 的 [X]`` has one per span around each 的), so use it on
        sentences, not documents; the parser does not enumerate them.
        """
        found = []
        n = len(words)
        root = self.root
        for start in range(n):
            limit = n if max_span is None else min(n, start + max_span)
            stack = [(root, start, ())]
            while stack:
                node, pos, positions = stack.pop()
                tid = node.get(END)
                if tid is not None and pos > start:
                    found.append(Match(start, pos, positions, self.templates[tid],
                                       self.counts[tid]))
                if pos < limit:
                    child = node.get(words[pos])
                    if child is not None:
                        stack.append((child, pos + 1, positions + (pos,)))
                    after = node.get(PLACEHOLDER)
                    if after is not None:
                        stack.extend((after, end, positions) for end in range(pos + 1, limit + 1))
        found.sort(key=lambda m: (m.start, m.end, m.positions))
        return found
