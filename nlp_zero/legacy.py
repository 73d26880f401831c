# -*- coding: utf-8 -*-
"""Names of the original nlp-zero (2018), so its users can switch by upgrading.

``from nlp_zero import Word_Finder, Tokenizer, Trie, DAG, Template_Finder,
XTrie, Parser, SentTree`` keeps working, with the documented methods of the
original mapped onto the new classes.  New code should use the new names.
"""

# ---------------------------------------------------------------- words
import math as _math  # noqa: E402
import re as _re  # noqa: E402

from ._compat import string_types as _string_types  # noqa: E402
from .errors import NlpZeroError as _NlpZeroError  # noqa: E402
from .words.lexicon import Lexicon as _Lexicon  # noqa: E402
from .words.tokenizer import Tokenizer as _Tokenizer  # noqa: E402


def _log_or_floor(x):
    """The original's log: -100 instead of an error for zero."""
    return _math.log(x) if x > 0 else -100.0


class Trie(_Lexicon):
    """The original's word -> count dictionary, now a :class:`Lexicon`.

    Kept: ``Trie(path_or_pairs)``, ``trie[w]`` (0 when absent), ``trie[w] = n``
    (0 deletes), ``del trie[w]`` (no error when absent), iteration over
    ``(word, count)`` pairs, ``search(sent)``, ``update(pairs)``,
    ``get_proba(w, logit=True)``, ``num_items``, ``total_items``,
    ``log_total_items``.  The nested-dict internals (``dic``) are gone.
    """

    def __init__(self, path_or_trie=None):
        _Lexicon.__init__(self)
        if isinstance(path_or_trie, _string_types):
            self.update(_Lexicon.load(path_or_trie))
        elif path_or_trie is not None:
            self.update(path_or_trie)

    def __delitem__(self, word):
        if word in self:
            _Lexicon.__delitem__(self, word)

    def __iter__(self):
        return self.iteritems()

    @property
    def num_items(self):
        return len(self)

    @property
    def total_items(self):
        return self.total

    @property
    def log_total_items(self):
        return _log_or_floor(self.total)

    def search(self, sent):
        """All lexicon words in ``sent``: ``{(start, end): (word, count)}``."""
        counts = self._counts
        longest = max([len(w) for w in counts] or [0])
        found = {}
        for i in range(len(sent)):
            for j in range(i + 1, min(len(sent), i + longest) + 1):
                count = counts.get(sent[i:j])
                if count:
                    found[i, j] = (sent[i:j], count)
        return found

    def get_proba(self, w, logit=True):
        if logit:
            return _log_or_floor(self[w]) - self.log_total_items
        return self[w] / float(self.total) if self.total else 0.0

    def __str__(self):
        return '<Trie: %s items, %s frequency>' % (self.num_items, self.total_items)

    __repr__ = __str__


class DAG(object):
    """The original's weighted directed acyclic graph over positions 0..n.

    ``dag[start, end] = score`` adds an edge; :meth:`optimal_path` returns the
    best-scoring cover of ``0..nb_node`` as ``(start, end)`` pairs, where a
    position no edge leaves is crossed by a single step scored ``null_score``.
    """

    def __init__(self, nb_node, null_score=-100):
        self.edges = {}
        self.nb_node = nb_node
        self.null_score = null_score

    def __setitem__(self, start_end, score):
        start, end = start_end
        self.edges.setdefault(start, {})[end] = score

    def optimal_path(self):
        """Best path by dynamic programming from the left."""
        n = self.nb_node
        score = {0: 0.0}
        back = {}
        for start in range(n):
            here = score[start]
            for end, weight in self.edges.get(start, {}).items():
                if end not in score or here + weight > score[end]:
                    score[end], back[end] = here + weight, start
            if start + 1 not in score:
                score[start + 1], back[start + 1] = here + self.null_score, start
        path = []
        end = n
        while end > 0:
            path.append((back[end], end))
            end = back[end]
        path.reverse()
        return path

    def _paths_from(self, node):
        if node not in self.edges:
            return [[node]]
        paths = []
        for end in self.edges[node]:
            paths.extend([node] + rest for rest in self._paths_from(end - 1))
        return paths

    def all_paths(self):
        """Every chain of edges, as lists of nodes, from each node no edge reaches."""
        ends = set()
        for targets in self.edges.values():
            ends.update(targets)
        paths = []
        for node in range(self.nb_node):
            if node + 1 not in ends:
                paths.extend(self._paths_from(node))
        return paths


_AA123 = _re.compile(u'[a-zA-Z0-9.]+$')
_AA123_END = _re.compile(u'[a-zA-Z0-9]$')


class Tokenizer(_Tokenizer):
    """The original's tokenizer: ``Tokenizer(trie_or_dict).tokenize(sent,
    combine_Aa123=True)``, plus ``simple_tokenize``, ``combine_Aa123`` and the
    ``words`` attribute (the Trie, whose changes the tokenizer follows).

    Differences: whitespace is dropped instead of returned as tokens, marks
    are never inside a word, and there is no bundled default dictionary
    (give one).  It is a :class:`nlp_zero.Tokenizer` taking the same
    arguments, so the new methods work too.
    """

    def __init__(self, word_trie=None, keep_alnum=True, unknown_count=0.5):
        if word_trie is None:
            raise _NlpZeroError('Tokenizer() needs a dictionary: the default dictionary of '
                                'nlp-zero 0.1 is not bundled; pass a Trie, a dict of word '
                                'counts or the path of a "word count" file')
        if not isinstance(word_trie, _Lexicon):
            word_trie = Trie(word_trie)
        _Tokenizer.__init__(self, word_trie, keep_alnum, unknown_count)
        self._plain = None

    @property
    def words(self):
        return self.lexicon

    def _plain_tokenizer(self):
        if self._plain is None:
            self._plain = _Tokenizer(self.lexicon, False, self.unknown_count)
        return self._plain

    def simple_tokenize(self, sent):
        """Best cut of ``sent`` as it is: no splitting at marks or spaces first."""
        return self._plain_tokenizer().best_cut(sent)

    def combine_Aa123(self, simple_result):
        """Join tokens that continue a run of ASCII letters, digits and dots."""
        result = []
        joining = False
        for word in simple_result:
            if word and _AA123_END.match(word[-1]):
                if not joining:
                    joining = True
                elif _AA123.match(word):
                    result[-1] += word
                    continue
                else:
                    joining = False
            else:
                joining = False
            result.append(word)
        return result

    def tokenize(self, sent, combine_Aa123=True):
        if combine_Aa123:
            return _Tokenizer.tokenize(self, sent)
        return self._plain_tokenizer().tokenize(sent)


class Word_Finder(object):
    """The original's word finder: ``train(sents)``, ``find(sents)``, then
    ``words`` ({word: count}), ``export_trie()`` and ``export_tokenizer()``.

    It runs :class:`nlp_zero.words.discovery.WordDiscovery` with the cutting
    method.  ``min_pmi`` is passed on; ``min_proba`` only when given
    (the original's 1e-7 cut nothing on small corpora: the new default
    scales the minimum count with the corpus).  ``filtering`` and
    ``remove_weak_pairs`` are accepted and ignored: text is always split at
    non-word characters, and count tables are pruned only when they grow
    past their limit.  ``train`` may be called again after ``find``.
    """

    def __init__(self, min_proba=None, min_pmi=1, **options):
        from .words.discovery import WordDiscovery
        options.setdefault('method', 'cut')
        self.finder = WordDiscovery(min_pmi=min_pmi, min_proba=min_proba, **options)
        self.words = {}

    @property
    def min_proba(self):
        return self.finder.min_proba

    @property
    def min_pmi(self):
        return self.finder.min_pmi

    def train(self, sents, filtering=True, remove_weak_pairs=True):
        self.finder.train(sents)

    def find(self, sents=None, filtering=True, remove_weak_pairs=True):
        self.words = dict(self.finder.find(sents).items())
        return self.words

    def export_trie(self):
        return Trie(self.words.items())

    def export_tokenizer(self):
        return Tokenizer(self.export_trie())

# ---------------------------------------------------------------- templates
# Template_Finder, XTrie, Parser and SentTree as the original used them:
#
#     tp = Template_Finder(tokenizer.tokenize, window=3)
#     tp.train(texts); tp.find(texts)           # tp.templates: {Template: count}
#     trie = XTrie()
#     for t, c in tp.templates.items(): trie[t.words] = c
#     print(Parser(trie, tokenizer.tokenize).parse(u'鸡蛋可以吃吗'))

from .structure import finder as _template_finder  # noqa: E402
from .structure import index as _template_index  # noqa: E402
from .structure import parser as _parser  # noqa: E402
from .structure import templates as _templates  # noqa: E402


class _LegacyTemplate(_templates.Template):
    """A template that also has the original's ``words`` (items, None for X)."""

    __slots__ = ()

    @property
    def words(self):
        return list(self.items)


class Template_Finder(_template_finder.TemplateFinder):
    """The original's template finder: ``train`` then ``find``, result in
    ``self.templates`` ({template: count}, kept by probability only, those
    without a placeholder included)."""

    def __init__(self, tokenize, window=5, min_proba=1e-5, min_pmi=2):
        _template_finder.TemplateFinder.__init__(self, tokenize, window=window,
                                                 min_proba=min_proba, min_pmi=min_pmi,
                                                 min_count=1, keep_phrases=True)
        self.templates = {}

    @property
    def words(self):
        return self.word_counts

    @property
    def skip_grams(self):
        return self.pair_counts

    def train(self, sents, filtering=True):
        """Count words and pairs.  ``filtering`` is accepted for
        compatibility: text is always counted in runs of word characters."""
        return _template_finder.TemplateFinder.train(self, sents)

    def find(self, sents, filtering=True, remove_weak_grams=True):
        """Count templates into ``self.templates``.  ``remove_weak_grams`` is
        accepted and ignored: the counts are kept for more training."""
        found = _template_finder.TemplateFinder.find(self, sents)
        self.templates = dict((_LegacyTemplate.from_items(t.items), c) for t, c in found.items())


class XTrie(_template_index.TemplateIndex):
    """The original's template trie: ``trie[items] = count`` and
    ``search(words) -> {(start, end): {positions: count}}``."""

    def __init__(self, path_or_trie=None):
        _template_index.TemplateIndex.__init__(self)
        if path_or_trie is not None:
            self.update(path_or_trie)

    def update(self, pairs):
        if hasattr(pairs, 'items'):
            pairs = pairs.items()
        for items, count in pairs:
            self[items] = count

    def __setitem__(self, items, count):
        self.set_count(items, count)

    def __delitem__(self, items):
        self.set_count(items, 0)

    @property
    def total_items(self):
        return self.total

    @property
    def num_items(self):
        return len(self)

    def search(self, sent):
        output = {}
        for match in self.matches(list(sent)):
            output.setdefault((match.start, match.end), {})[match.positions] = match.count
        return output


class SentTree(_parser.ParseTree):
    """The original's parse tree: printing it shows the indented plot."""

    __slots__ = ()

    def __unicode__(self):
        return self.plot()


class Parser(_parser.Parser):
    """The original's parser: ``Parser(xtrie, tokenize).parse(sent)`` -> SentTree."""

    tree_class = SentTree
