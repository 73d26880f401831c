"""A corpus seen through a tokenizer: re-iterable, one token list per line.

This is what the counting stages take (co-occurrences, templates): a
:class:`TokenizedCorpus` can be read any number of times, like the
:class:`~nlp_zero.text.corpus.Corpus` under it, and reports the corpus's
progress (``bytes_read``).
"""

from ..text.chars import compile_word_pattern
from ..text.corpus import as_corpus

__all__ = ['TokenizedCorpus']


class TokenizedCorpus(object):
    """The lines of ``corpus`` cut by ``tokenize`` (a function of a text).

    With ``words_only`` the tokens without a word character (punctuation,
    symbols) are left out: they would take window slots and become the
    most frequent "words" of a co-occurrence table.
    """

    def __init__(self, corpus, tokenize, words_only=False):
        self.corpus = as_corpus(corpus)
        self.tokenize = tokenize
        self.words_only = words_only

    @property
    def bytes_read(self):
        return getattr(self.corpus, 'bytes_read', 0)

    def __iter__(self):
        tokenize = self.tokenize
        if not self.words_only:
            for line in self.corpus:
                yield tokenize(line)
            return
        is_word = compile_word_pattern().search
        for line in self.corpus:
            yield [w for w in tokenize(line) if is_word(w)]

    def __repr__(self):
        return 'TokenizedCorpus(%r)' % (self.corpus,)
