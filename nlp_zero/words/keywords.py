# -*- coding: utf-8 -*-
"""Keywords of a document without word vectors: TF-IDF and TextRank.

These are the two methods of ``jieba.analyse``, computed from the user's own
text rather than from a table shipped with the library:

* :class:`TfIdf` learns the inverse document frequency of every word from a
  corpus of documents (one document per line), tokenized with a
  :class:`~nlp_zero.words.tokenizer.Tokenizer`; a word is a keyword of a
  document when it is frequent there and rare elsewhere.  The table is
  saved as ``word idf`` lines, jieba's IDF format, so either library can
  read the other's.
* :class:`TextRank` needs no corpus at all: the words of one document are
  the nodes of a graph whose edges count how often two words occur within
  a window of each other, and PageRank over that graph ranks the words that
  many others co-occur with.

The third way, :meth:`nlp_zero.vectors.WordVectors.keywords`, ranks the
words of a sentence by their PMI with the whole sentence, from trained
vectors.

Which tokens can be keywords: tokens with a word character (never
punctuation), of at least ``min_length`` characters (2 by default, as
jieba: single Chinese characters are mostly function words), and not in
``stop_words``.
"""

from __future__ import division

import io
import math
from collections import Counter, defaultdict

from .._compat import iteritems, string_types
from .._files import atomic_open
from ..errors import FormatError
from ..text.chars import compile_word_pattern
from ..text.decoders import LinePiece

__all__ = ['TfIdf', 'TextRank', 'textrank_scores']


class _Candidates(object):
    """Turns a document into its candidate keywords (see the module text)."""

    def __init__(self, tokenizer=None, min_length=2, stop_words=()):
        self.tokenizer = tokenizer
        self.min_length = int(min_length)
        self.stop_words = frozenset(stop_words or ())
        self._is_word = compile_word_pattern().search

    def tokens(self, document):
        """All tokens of ``document`` (a text, or already a list of tokens):
        cut by the tokenizer, or at whitespace when there is none."""
        if isinstance(document, bytes):
            document = document.decode('utf-8')
        if not isinstance(document, string_types):
            return list(document)
        if self.tokenizer is None:
            return document.split()
        return self.tokenizer(document)

    def keep(self, word):
        """Whether ``word`` can be a keyword."""
        return (len(word) >= self.min_length and word not in self.stop_words
                and self._is_word(word) is not None)

    def words(self, document):
        keep = self.keep
        return [w for w in self.tokens(document) if keep(w)]


def _ranked(scores, topn):
    ranked = sorted(iteritems(scores), key=lambda ws: (-ws[1], ws[0]))
    return ranked if topn is None else ranked[:topn]


class TfIdf(object):
    """TF-IDF keywords with the IDF learned from the user's documents.

    Parameters
    ----------
    tokenizer : callable or None
        Cuts a text into tokens, e.g. a :class:`Tokenizer`; None splits at
        whitespace (text that is already segmented, or English).
    min_length : int
        Shortest keyword, in characters (default 2).
    stop_words : iterable of str
        Words that are never keywords.

    ``idf(w) = ln((N + 1) / (df(w) + 1))`` for ``N`` documents of which
    ``df(w)`` contain ``w``: 0 for a word found in every document.  A word
    that the table lacks gets the largest IDF of the table (as rare as the
    rarest word seen; jieba uses the median).

    Examples
    --------
    >>> tfidf = TfIdf().fit([u'apple banana apple', u'banana cherry', u'banana date'])
    >>> [word for word, score in tfidf.keywords(u'apple banana apple')] == [u'apple', u'banana']
    True
    """

    def __init__(self, tokenizer=None, min_length=2, stop_words=()):
        self._candidates = _Candidates(tokenizer, min_length, stop_words)
        self.idf_table = {}
        self.default_idf = 0.0
        self.documents = None

    def fit(self, documents):
        """Learn the IDF table from ``documents`` (a Corpus, one document per
        line, or any iterable of texts or token lists); replaces the table.
        Returns ``self``."""
        df = Counter()
        n = 0
        for words in self._documents(documents):
            df.update(words)
            n += 1
        self.documents = n
        log = math.log
        self.idf_table = dict((w, log((n + 1) / (c + 1))) for w, c in iteritems(df))
        self._set_default()
        return self

    def _documents(self, documents):
        """The set of candidate words of each document; the pieces of a long
        line (:class:`LinePiece`) make one document."""
        words = set()
        for document in documents:
            words.update(self._candidates.words(document))
            if not isinstance(document, LinePiece):
                yield words
                words = set()
        if words:
            yield words

    def _set_default(self):
        self.default_idf = max(self.idf_table.values()) if self.idf_table else 0.0

    def idf(self, word):
        """The IDF of ``word`` (:attr:`default_idf` if the table lacks it)."""
        return self.idf_table.get(word, self.default_idf)

    def keywords(self, document, topn=20):
        """``[(word, tf * idf)]`` of ``document`` (a text or a token list),
        best first; ``tf`` is the share of the word among the document's
        candidate words."""
        counts = Counter(self._candidates.words(document))
        total = sum(counts.values())
        scores = dict((w, c / total * self.idf(w)) for w, c in iteritems(counts))
        return _ranked(scores, topn)

    def extract_tags(self, sentence, topK=20, withWeight=False):
        """jieba's spelling of :meth:`keywords`: words, or (word, weight) pairs."""
        found = self.keywords(sentence, topK)
        return found if withWeight else [w for w, _ in found]

    # ------------------------------------------------------------ files
    def save(self, path):
        """Write the table as ``word idf`` lines (jieba's IDF format: jieba
        can use it through ``jieba.analyse.set_idf_path``), atomically."""
        for word in self.idf_table:
            if any(ch.isspace() for ch in word):
                raise ValueError('cannot save the word %r: it contains whitespace' % (word,))
        with atomic_open(path, 'w') as out:
            for word, idf in sorted(iteritems(self.idf_table), key=lambda wi: (wi[1], wi[0])):
                out.write(u'%s %r\n' % (word, idf))

    @classmethod
    def load(cls, path, tokenizer=None, min_length=2, stop_words=()):
        """Read a table written by :meth:`save`, or jieba's ``idf.txt``."""
        model = cls(tokenizer, min_length, stop_words)
        try:
            f = io.open(path, 'rb')
        except (IOError, OSError) as exc:
            raise FormatError(path, 0, 'cannot open the IDF table: %s' % (exc.strerror or exc))
        with f:
            for number, raw in enumerate(f, 1):
                word, idf = _idf_line(path, number, raw)
                if word is not None:
                    model.idf_table[word] = idf
        model._set_default()
        return model

    def __repr__(self):
        return '<TfIdf: %d words%s>' % (len(self.idf_table), '' if self.documents is None
                                        else ', %d documents' % self.documents)


def _idf_line(path, number, raw):
    """``(word, idf)`` of one line of an IDF table, ``(None, None)`` for a
    blank line."""
    try:
        line = raw.decode('utf-8').strip()
    except UnicodeDecodeError as exc:
        raise FormatError(path, number, 'not UTF-8 text (%s)' % exc.reason)
    if number == 1:
        line = line.lstrip(u'\ufeff')
    if not line:
        return None, None
    fields = line.split()
    if len(fields) != 2:
        raise FormatError(path, number, 'expected "word idf", got %r' % line[:80])
    try:
        idf = float(fields[1])
    except ValueError:
        idf = None
    if idf is None or idf - idf != 0 or idf < 0:
        raise FormatError(path, number, 'the IDF %r is not a non-negative number' % fields[1])
    return fields[0], idf


def textrank_scores(words, keep=None, window=5, damping=0.85, tol=1e-6, max_iter=200):
    """PageRank scores of the co-occurrence graph of ``words``.

    Two kept words are linked when they are fewer than ``window`` positions
    apart in ``words`` (every token takes a position, kept or not, as in
    jieba); the weight of a link is how often that happens.  The scores
    solve ``s(v) = (1 - d) + d * sum over neighbours u of w(u, v) / w(u) *
    s(u)`` (``w(u)``: the total weight of ``u``), iterated from 1 until no
    score moves by more than ``tol``.  A word with no link scores ``1 - d``.
    Returns ``{word: score}``.
    """
    if not 0 < damping < 1:
        raise ValueError('damping must be between 0 and 1, not %r' % (damping,))
    if window < 2:
        raise ValueError('window must be at least 2 (neighbours), not %r' % (window,))
    graph = _cooccurrence_graph(words, keep, window)
    strength = dict((w, sum(links.values())) for w, links in iteritems(graph))
    scores = dict.fromkeys(graph, 1.0)
    for _ in range(max_iter):
        new = {}
        for word, links in iteritems(graph):
            flow = sum(weight / strength[other] * scores[other]
                       for other, weight in iteritems(links))
            new[word] = (1 - damping) + damping * flow
        moved = max(abs(new[w] - scores[w]) for w in new) if new else 0.0
        scores = new
        if moved < tol:
            break
    return scores


def _cooccurrence_graph(words, keep, window):
    """``{word: {neighbour: weight}}`` (symmetric, no self-links)."""
    graph = defaultdict(Counter)
    kept = [keep is None or keep(w) for w in words]
    for i, word in enumerate(words):
        if not kept[i]:
            continue
        graph[word]  # a word with no neighbour is still a node
        for j in range(i + 1, min(i + window, len(words))):
            other = words[j]
            if kept[j] and other != word:
                graph[word][other] += 1
                graph[other][word] += 1
    return graph


class TextRank(object):
    """TextRank keywords: PageRank over the word co-occurrence graph of one
    document (no corpus, no vectors).

    Parameters
    ----------
    tokenizer, min_length, stop_words
        As for :class:`TfIdf`.
    window : int
        Words fewer than ``window`` positions apart are linked (default 5,
        jieba's span).
    damping : float
        PageRank's damping factor (default 0.85).

    Examples
    --------
    >>> rank = TextRank(window=2)
    >>> rank.keywords(u'aa hub bb hub cc')[0][0] == u'hub'
    True
    """

    def __init__(self, tokenizer=None, window=5, damping=0.85, min_length=2, stop_words=(),
                 tol=1e-6, max_iter=200):
        self._candidates = _Candidates(tokenizer, min_length, stop_words)
        self.window = int(window)
        self.damping = float(damping)
        self.tol = tol
        self.max_iter = int(max_iter)

    def keywords(self, document, topn=20):
        """``[(word, score)]`` of ``document`` (a text or a token list), best first."""
        tokens = self._candidates.tokens(document)
        scores = textrank_scores(tokens, self._candidates.keep, self.window, self.damping,
                                 self.tol, self.max_iter)
        return _ranked(scores, topn)

    def textrank(self, sentence, topK=20, withWeight=False):
        """jieba's spelling of :meth:`keywords`: words, or (word, weight) pairs."""
        found = self.keywords(sentence, topK)
        return found if withWeight else [w for w, _ in found]

    def __repr__(self):
        return '<TextRank: window=%d, damping=%s>' % (self.window, self.damping)
