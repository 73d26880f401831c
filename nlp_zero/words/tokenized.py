"""A corpus seen through a tokenizer: re-iterable, one token list per line.

This is what the counting stages take (co-occurrences, templates): a
:class:`TokenizedCorpus` can be read any number of times, like the
:class:`~nlp_zero.text.corpus.Corpus` under it, and reports the corpus's
progress (``bytes_read``).
"""

from ..text.chars import compile_word_pattern
from ..text.corpus import as_corpus

__all__ = ['TokenizedCorpus', 'TokenizeWork', 'tokenized_lines']


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

    @property
    def lines_read(self):
        """Lines of the last pass (a long line read in pieces is one)."""
        return getattr(self.corpus, 'lines_read', 0)

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


class TokenizeWork(object):
    """Tokenizing batches of lines, here or in a worker process (built from
    plain options: the lexicon's counts and ``keep_alnum``)."""

    def __init__(self, counts, keep_alnum=True):
        from .tokenizer import Tokenizer
        self.tokenizer = Tokenizer(counts, keep_alnum=keep_alnum)

    def lines(self, batch):
        """Each line of ``batch`` as its tokens separated by single spaces."""
        tokenize = self.tokenizer.tokenize
        return [u' '.join(tokenize(line)) for line in batch]


#: Lines, and characters, sent to a worker at a time (the characters bound
#: memory when the lines are the pieces of one huge line).
_BATCH_LINES = 2000
_BATCH_CHARS = 1 << 20


def tokenized_lines(lines, counts, keep_alnum=True, workers=1):
    """The lines of ``lines`` tokenized (tokens joined by spaces), in order,
    by ``workers`` processes; the output is the same with any number."""
    from ..counting.workers import in_order, start_helpers
    options = dict(counts=counts, keep_alnum=keep_alnum)
    work = TokenizeWork(**options)
    helpers = start_helpers(workers, TokenizeWork, options) if workers > 1 else []
    try:
        for done in in_order('lines', _batches(lines), helpers, work.lines):
            for line in done:
                yield line
    finally:
        for helper in helpers:
            helper.stop()


def _batches(lines):
    batch, chars = [], 0
    for line in lines:
        batch.append(line)
        chars += len(line)
        if len(batch) >= _BATCH_LINES or chars >= _BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch
