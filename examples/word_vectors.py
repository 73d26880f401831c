# -*- coding: utf-8 -*-
"""Word vectors whose inner products are PMI ("simpler GloVe"), and their queries.

    python examples/word_vectors.py [TOKENIZED_CORPUS ...]    (after "pip install .")

A corpus given on the command line is read as space-separated tokens (for
example text8, or the output of "nlp-zero tokenize").  With none, the
bundled Chinese sample is segmented with a lexicon discovered on it.
"""

from __future__ import print_function

import io
import sys

from nlp_zero import (Cooccurrence, Corpus, SimplerGlove, Tokenizer, WordDiscovery, datasets,
                      suggest_dimension)

out = io.open(sys.stdout.fileno(), 'w', encoding='utf-8', closefd=False)


def token_lists(paths):
    """A re-iterable corpus of token lists, read from disk at each pass."""
    if paths:
        return Corpus(paths, max_line_chars=1000000)   # text8 is one huge line
    corpus = datasets.sample_corpus()
    finder = WordDiscovery()
    finder.train(corpus)
    tokenizer = Tokenizer(finder.find())
    return tokenizer.corpus(corpus, words_only=True)   # cut into words, punctuation left out


def main(paths):
    tokens = token_lists(paths)
    table = Cooccurrence.count(tokens, min_count=5, max_vocab=3000, window=10)
    print(u'%d words, %d co-occurring pairs' % (len(table), len(table.pairs)), file=out)
    dim = min(100, suggest_dimension(len(table)))
    vectors = SimplerGlove(dim=dim, epochs=5, seed=1).fit(table)

    query = u'曹操' if u'曹操' in vectors else vectors.index_to_key[min(20, len(vectors) - 1)]
    print(u'similar to %s (cosine):' % query,
          u' '.join(w for w, _ in vectors.most_similar(query, topn=8)), file=out)
    print(u'related to %s (inner product = PMI):' % query,
          u' '.join(w for w, _ in vectors.most_related(query, topn=8)), file=out)
    sentence = next(t for t in (line if isinstance(line, list) else line.split()
                                for line in tokens) if len(t) >= 8)[:12]
    print(u'keywords of "%s":' % u' '.join(sentence),
          u' '.join(w for w, _ in vectors.keywords(sentence, topn=3)), file=out)
    vectors.save_word2vec_format('vectors.txt')   # loadable by gensim's KeyedVectors
    print(u'saved vectors.txt', file=out)
    out.flush()


if __name__ == '__main__':
    main(sys.argv[1:])
