# -*- coding: utf-8 -*-
"""Keywords of a few documents, side by side: nlp-zero's TF-IDF (IDF learned
from the corpus), TextRank and vector keywords, and jieba.analyse.

    python benchmarks/compare_keywords.py [--every 3] [--topk 8]

Every ``--every``-th paragraph of the Fudan corpus (journal and news text
of the 1990s) is the corpus: nlp-zero discovers a lexicon from it, learns
the IDF of every word from its paragraphs, and trains vectors on it.  Three
of its paragraphs (chosen by position among the paragraphs of 150 to 400
characters) are the documents.  jieba 0.42 runs in a benchmark-only
environment (benchmarks/setup_env.sh) with its own dictionary and IDF table,
and once more with nlp-zero's lexicon and IDF exported in jieba's formats.
Prints a Markdown table per document (the README shows the output).
"""

from __future__ import print_function

import argparse
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import time

from _common import ROOT, bench_python, data_path, interpreter  # noqa: F401 - sys.path

from nlp_zero import (Cooccurrence, SimplerGlove, TextRank, TfIdf, Tokenizer, WordDiscovery,
                      export_jieba)
from nlp_zero.text.chars import compile_word_pattern

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = ('corpora', 'zh_fudan.txt.gz')
#: Positions of the documents among the corpus's paragraphs of 150-400 characters.
DOCUMENTS = (100, 1300, 2500)


def read_sample(every):
    path = data_path(*CORPUS)
    with io.TextIOWrapper(gzip.open(path), encoding='utf-8') as f:
        return [line.strip() for i, line in enumerate(f) if i % every == 0 and line.strip()]


def pick_documents(lines):
    plain = [line for line in lines if 150 <= len(line) <= 400
             and not any(u'a' <= ch <= u'z' for ch in line)]
    return [plain[k] for k in DOCUMENTS]


def train(lines, say):
    started = time.time()
    lexicon = WordDiscovery().train(lines).find()
    tokenizer = Tokenizer(lexicon)
    say('lexicon: %d words (%.0f s)' % (len(lexicon), time.time() - started))
    tfidf = TfIdf(tokenizer).fit(lines)
    say('IDF table: %d words from %d paragraphs (%.0f s)' % (
        len(tfidf.idf_table), tfidf.documents, time.time() - started))
    table = Cooccurrence.count(tokenizer.corpus(lines, words_only=True), min_count=10,
                               window=5)
    say('co-occurrence: %d words, %d pairs (%.0f s)' % (len(table), len(table.pairs),
                                                        time.time() - started))
    vectors = SimplerGlove(dim=50, epochs=5, seed=1).fit(table)
    say('vectors: %d words (%.0f s)' % (len(vectors), time.time() - started))
    return lexicon, tokenizer, tfidf, vectors


def nlp_zero_keywords(doc, tokenizer, tfidf, vectors, k):
    # the candidates of TfIdf and TextRank: 2+ characters, a word character
    is_word = compile_word_pattern().search
    by_vectors = [w for w, _ in vectors.keywords(tokenizer.tokenize(doc))
                  if len(w) >= 2 and is_word(w)][:k]
    return {
        'tfidf': [w for w, _ in tfidf.keywords(doc, k)],
        'textrank': [w for w, _ in TextRank(tokenizer).keywords(doc, k)],
        'vectors': by_vectors,
    }


def jieba_keywords(docs, lexicon, tfidf, k, workdir):
    python = bench_python('jieba')
    if python is None:
        return None
    job = dict(documents=docs, topk=k, dictionary=os.path.join(workdir, 'dict.txt'),
               idf=os.path.join(workdir, 'idf.txt'))
    export_jieba(lexicon, job['dictionary'])
    tfidf.save(job['idf'])
    with io.open(os.path.join(workdir, 'job.json'), 'w', encoding='utf-8') as f:
        f.write(json.dumps(job, ensure_ascii=False))
    out = os.path.join(workdir, 'out.json')
    subprocess.check_call([python, os.path.join(HERE, '_jieba_keywords.py'),
                           os.path.join(workdir, 'job.json'), out])
    with io.open(out, encoding='utf-8') as f:
        return json.load(f)


def print_table(number, doc, ours, theirs):
    print(u'\n**Document %d** (%d characters): %s…\n' % (number, len(doc), doc[:60]))
    print(u'| method | keywords |\n|---|---|')
    rows = [(u'nlp-zero TfIdf (IDF from the corpus)', ours['tfidf']),
            (u'nlp-zero TextRank', ours['textrank']),
            (u'nlp-zero WordVectors.keywords', ours['vectors'])]
    if theirs is not None:
        rows += [(u'jieba extract_tags (its dictionary and IDF)', theirs['tfidf']),
                 (u'jieba textrank', theirs['textrank']),
                 (u"jieba extract_tags, nlp-zero's dictionary and IDF",
                  theirs['tfidf_nlp_zero_tables'])]
    for name, words in rows:
        print(u'| %s | %s |' % (name, u' '.join(words)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--every', type=int, default=3, help='take every N-th paragraph')
    parser.add_argument('--topk', type=int, default=8)
    args = parser.parse_args()

    def say(text):
        print(text, file=sys.stderr)

    lines = read_sample(args.every)
    say('%s; %d paragraphs, %d characters' % (interpreter(), len(lines), sum(map(len, lines))))
    docs = pick_documents(lines)
    lexicon, tokenizer, tfidf, vectors = train(lines, say)
    workdir = tempfile.mkdtemp(prefix='nlp-zero-keywords-')
    theirs = jieba_keywords(docs, lexicon, tfidf, args.topk, workdir)
    if theirs is not None:
        say('jieba %s' % theirs['version'])
    if sys.version_info[0] > 2:
        sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding='utf-8')
    for n, doc in enumerate(docs, 1):
        ours = nlp_zero_keywords(doc, tokenizer, tfidf, vectors, args.topk)
        print_table(n, doc, ours, theirs['keywords'][n - 1] if theirs else None)


if __name__ == '__main__':
    main()
