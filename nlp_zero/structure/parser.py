# -*- coding: utf-8 -*-
"""Sentence structure from templates, on the minimum-information principle.

A reading of a block of words is either one template covering the whole
block, each placeholder being a smaller block read the same way, or the
block's words taken as isolated words.  A template costs its information
``-log p(template)``; isolated words cost ``-null_score`` for each word
after the first (so a single word is free).  The parser returns the reading
with the least total information, i.e. the highest sum of
log-probabilities, as a :class:`ParseTree`.  Templates nest but never
overlap or cross.

Punctuation bounds blocks.  Templates are found inside runs of word
characters (see :mod:`~nlp_zero.structure.finder`), so the parser reads
each *clause* (a run of tokens with a word character) on its own, and no
block crosses a punctuation mark.  A sentence with marks is read as one
block whose template is its marks with a placeholder for each clause
(``[X]：“[X]，[X]！”``), the clauses being its children; its score is the
sum of theirs.  A sentence without marks is its one clause.

The search is a chart parse (dynamic programming over spans, longest
spans last) driven by the template trie, with explicit loops and stacks
only, so sentence length never meets the interpreter's recursion limit.

Ties (readings whose scores differ by less than 1e-9) are broken so that
the result never depends on dict order:

1. a template reading wins over the isolated-words reading;
2. then the template with more literal words (the more specific one);
3. then the more frequent template (then the one whose text sorts first);
4. then the reading whose literal words are later in the block: blocks
   on the left are longer, so ``雪梨和苹果和香蕉`` reads as
   ``((雪梨)和(苹果))和(香蕉)`` (left-associative, like arithmetic).

Caps.  The chart costs up to about ``n**3 / 6`` steps for a clause of ``n`` words, and
more with templates that have many placeholders (``[X]a[X]a[X]…`` on
``a a a …`` can be matched in very many ways), so the work is bounded twice:

* a clause of more than ``max_span`` words (default 150) is not searched:
  it is read as isolated words, at once;
* the search of a clause stops after ``max_steps`` steps (default
  1,000,000; a step is one partial template match carried over one word):
  the clause is then read as isolated words too, and :attr:`Parser.truncated`
  counts it.  Real text stays far below the cap (the longest lines of the
  PKU test text, 150 words with no mark taken as a bound, take about
  570,000 steps and 0.1 s on CPython 3.11); the worst case is about 0.3 s
  per clause (0.2 s under PyPy, 0.4-0.6 s under CPython 2.7 and 3.6), so
  the time is at most linear in the length of the text.

Split long texts into sentences before parsing them.
"""

from __future__ import division

import numbers

from .._compat import range
from ..text.chars import compile_word_pattern
from .index import END, TemplateIndex
from .templates import PLACEHOLDER, Template
from .tree import ParseTree

__all__ = ['Parser', 'ParseTree']

_EPS = 1e-9

#: Whether a token has a word character (a token without one is a mark,
#: which bounds clauses).
_IS_WORD = compile_word_pattern().search

#: Default cap on the steps of the search of one sentence (see the module doc).
MAX_STEPS = 1000000


class Parser(object):
    """Parse sentences into nested template blocks.

    Parameters
    ----------
    templates : TemplateSet, TemplateIndex, mapping or iterable
        Templates with their counts (see
        :class:`~nlp_zero.templates.TemplateSet`).
    tokenize : callable, optional
        ``text -> list of words``; needed by :meth:`parse`, not by
        :meth:`parse_words`.
    null_score : float
        Log-score of each isolated word after the first in a block with no
        template (finite, 0 or less).
    max_span : int or None
        Longest clause (in words) that is searched for templates; longer
        ones are read as isolated words.  ``None``: no cap (time grows with
        the cube of the clause length, up to ``max_steps``).
    max_steps : int or None
        Cap on the search of one clause (see the module doc); a clause
        that reaches it is read as isolated words.  ``None``: no cap.

    Attributes
    ----------
    truncated : int
        How many clauses reached ``max_steps`` (and were read as isolated
        words) since the parser was made.
    """

    #: Class of the returned trees (a subclass may return its own).
    tree_class = None  # ParseTree, set below

    def __init__(self, templates, tokenize=None, null_score=-20, max_span=150,
                 max_steps=MAX_STEPS):
        _check_cap('max_span', max_span)
        _check_cap('max_steps', max_steps)
        if not -float('inf') < null_score <= 0:  # NaN fails too
            raise ValueError('null_score is a log-score: a finite number, 0 or less, not %r'
                             % (null_score,))
        if isinstance(templates, TemplateIndex):
            self.index = templates
        else:
            self.index = TemplateIndex(templates)
        self.tokenize = tokenize
        self.null_score = null_score
        self.max_span = max_span
        self.max_steps = max_steps
        self.truncated = 0
        self._tables_version = None

    def __repr__(self):
        return '<Parser: %d template%s, null_score=%r, max_span=%r, max_steps=%r>' % (
            len(self.index), '' if len(self.index) == 1 else 's', self.null_score,
            self.max_span, self.max_steps)

    def parse(self, text):
        """The best :class:`ParseTree` of ``text`` (None if it has no words)."""
        if self.tokenize is None:
            raise ValueError('this parser has no tokenize function: use parse_words')
        return self.parse_words(self.tokenize(text))

    def parse_words(self, words):
        """The best :class:`ParseTree` of a list of words (None if empty);
        tokens without a word character (punctuation) bound the clauses."""
        words = list(words)
        if not words:
            return None
        n = len(words)
        best = [None] * n
        back = [None] * n
        clauses = _clauses(words)
        trees = []
        for start, end in clauses:
            self._chart(words, start, end, best, back)
            trees.append(_build_tree(words, start, end, best, back, self.index.templates,
                                     self.null_score, self.tree_class))
        if clauses == [(0, n)]:
            return trees[0]
        return _sentence_tree(words, clauses, trees, self.tree_class)

    # ---------------------------------------------------------- the chart

    def _tables(self):
        index = self.index
        if self._tables_version != index.version:
            templates = index.templates
            self._logps = index.log_probabilities()
            self._literals = [len(t.literals) for t in templates]
            order = sorted(range(len(templates)),
                           key=lambda t: (-index.counts[t], templates[t].to_line()))
            self._rank = [0] * len(templates)
            for rank, tid in enumerate(order):
                self._rank[tid] = rank
            self._tables_version = index.version
        return self._logps, self._literals, self._rank

    def _chart(self, words, lo, hi, best, back):
        """Best score and back pointer of every span of the clause
        ``words[lo:hi]``: ``best[i][d]`` is the score of ``words[i:i + d]``
        and ``back[i][d]`` is None (isolated words) or (template id,
        positions of its literal words).  Rows stay None when the clause is
        longer than ``max_span`` or its search reaches ``max_steps``."""
        if self.max_span is not None and hi - lo > self.max_span:
            return
        logps, literals, rank = self._tables()
        root = self.index.root
        lead = root.get(PLACEHOLDER)
        null = self.null_score
        budget = float('inf') if self.max_steps is None else self.max_steps
        try:
            for i in range(hi - 1, lo - 1, -1):
                best[i], back[i], budget = _row(words, i, hi, root, lead, best, logps,
                                                literals, rank, null, budget)
        except _OutOfSteps:
            self.truncated += 1
            best[lo:hi] = back[lo:hi] = [None] * (hi - lo)


def _clauses(words):
    """(start, end) of every run of tokens that have a word character."""
    clauses = []
    start = None
    for i, word in enumerate(words):
        if _IS_WORD(word):
            if start is None:
                start = i
        elif start is not None:
            clauses.append((start, i))
            start = None
    if start is not None:
        clauses.append((start, len(words)))
    return clauses


def _sentence_tree(words, clauses, trees, tree_class):
    """The block of a sentence with marks: its template is the marks with a
    placeholder for each clause, and the clauses are its children (a
    sentence of marks only is one isolated block, of score 0)."""
    if not clauses:
        return tree_class(words, 0, len(words), None, (), 0.0)
    items = []
    positions = []
    starts = set(start for start, _ in clauses)
    for i, word in enumerate(words):
        if i in starts:
            items.append(PLACEHOLDER)
        elif not _IS_WORD(word):
            items.append(word)
            positions.append(i)
    tree = tree_class(words, 0, len(words), Template.from_items(tuple(items)), positions,
                      sum(clause.score for clause in trees))
    tree.children.extend(trees)
    return tree


def _check_cap(name, value):
    """Refuse a cap that is not a whole number of at least 1 (or None):
    0 would silently turn the search off."""
    if value is not None and (not isinstance(value, numbers.Integral) or value < 1):
        raise ValueError('%s must be a whole number of at least 1, or None, not %r'
                         % (name, value))


class _OutOfSteps(Exception):
    """The search of a sentence reached ``max_steps``."""


def _better(score, positions, old):
    """Whether a partial reading beats ``old`` (score, positions)."""
    if score > old[0] + _EPS:
        return True
    return score > old[0] - _EPS and positions > old[1]


def _row(words, i, hi, root, lead, best, logps, literals, rank, null, budget):
    """Scores and back pointers of the spans that start at word ``i``, and
    what is left of the ``budget`` of steps (:class:`_OutOfSteps` when it
    runs out).

    States are partial template matches starting at ``i``: ``states`` holds
    those whose next item is a word (trie node -> (node, score, positions)),
    ``waiting`` those inside a placeholder that began at word ``k``.  The
    placeholder's block ``words[k:pos]`` is scored from the rows already
    computed, since every block is shorter than the template around it.
    """
    row = [0.0] * (hi - i + 1)
    brow = [None] * (hi - i + 1)
    offers = {}  # end -> (score, literals, -rank, positions, template id)
    states = {id(root): (root, 0.0, ())}
    waiting = []  # (node, k, score, positions, row of k, template id at END or None)
    for pos in range(i, hi + 1):
        w = words[pos] if pos < hi else None
        budget -= 1 + len(waiting) + len(states)
        if budget < 0:
            raise _OutOfSteps()
        advanced = {}
        # the best template reading of words[i:pos] found so far
        top = _close_placeholders(waiting, pos, w, offers.pop(pos, None), advanced, logps,
                                  literals, rank)
        if pos > i:
            d = pos - i
            isolated = null * (d - 1)
            if top is not None and top[0] > isolated - _EPS:
                row[d] = top[0]
                brow[d] = (top[4], top[3])
            else:
                row[d] = isolated
            if lead is not None and w is not None:
                child = lead.get(w)
                if child is not None:
                    _advance(advanced, child, row[d], (pos,))
        if w is None:
            break
        for node, score, positions in states.values():
            child = node.get(w)
            if child is not None:
                _advance(advanced, child, score, positions + (pos,))
        for node, score, positions in advanced.values():
            tid = node.get(END)
            if tid is not None:
                _offer(offers, pos + 1, score + logps[tid], literals[tid], -rank[tid],
                       positions, tid)
            after = node.get(PLACEHOLDER)
            if after is not None and pos + 1 < hi:
                waiting.append((after, pos + 1, score, positions, best[pos + 1], after.get(END)))
        states = advanced
        if not states and not waiting and lead is None:
            # nothing can match any more: the rest of the row is isolated words
            for d in range(pos + 1 - i + 1, hi - i + 1):
                row[d] = null * (d - 1)
            break
    return row, brow, budget


def _close_placeholders(waiting, pos, w, top, advanced, logps, literals, rank):
    """End at ``pos`` the placeholders waiting in partial matches: a match
    whose template ends with the placeholder offers a reading of the span
    (the best is returned, starting from ``top``), and a match that goes on
    with word ``w`` advances into ``advanced``.

    This is the parser's inner loop: :func:`_advance` and :func:`_better`
    are written out in it, with local names."""
    eps = _EPS
    get = advanced.get
    for node, k, score, positions, krow, tid in waiting:
        if k == pos:
            continue
        base = score + krow[pos - k]
        if tid is not None:
            # the template ends with this placeholder: it can end here
            value = base + logps[tid]
            if top is None or value - top[0] > eps or (
                    value - top[0] > -eps and
                    (literals[tid], -rank[tid], positions) > top[1:4]):
                top = (value, literals[tid], -rank[tid], positions, tid)
        if w is not None:
            child = node.get(w)
            if child is not None:
                key = id(child)
                old = get(key)
                extended = positions + (pos,)
                if old is None or base > old[1] + eps or (
                        base > old[1] - eps and extended > old[2]):
                    advanced[key] = (child, base, extended)
    return top


def _advance(states, node, score, positions):
    key = id(node)
    old = states.get(key)
    if old is None or _better(score, positions, (old[1], old[2])):
        states[key] = (node, score, positions)


def _offer(offers, end, score, n_literals, neg_rank, positions, tid):
    old = offers.get(end)
    if old is not None:
        if score < old[0] - _EPS:
            return
        if score < old[0] + _EPS and (n_literals, neg_rank, positions) <= old[1:4]:
            return
    offers[end] = (score, n_literals, neg_rank, positions, tid)


def _build_tree(words, lo, hi, best, back, templates, null, tree_class):
    """The tree of the best reading of ``words[lo:hi]``, built with a stack."""
    root = _node(words, lo, hi, best, back, templates, null, tree_class)
    stack = [root]
    while stack:
        tree = stack.pop()
        if tree.isolated:
            continue
        marks = (tree.start - 1,) + tree.positions + (tree.end,)
        for a, b in zip(marks, marks[1:]):
            if b - a > 1:
                child = _node(words, a + 1, b, best, back, templates, null, tree_class)
                tree.children.append(child)
                stack.append(child)
    return root


def _node(words, start, end, best, back, templates, null, tree_class):
    row = best[start]
    d = end - start
    pointer = back[start][d] if row is not None and d < len(row) else None
    if pointer is None:
        score = null * (d - 1)
        return tree_class(words, start, end, None, (), score)
    tid, positions = pointer
    return tree_class(words, start, end, templates[tid], positions, row[d])


Parser.tree_class = ParseTree
