"""Helper of bench_vectors.py, run with the benchmark interpreter that has gensim.

    python _gensim_vectors.py train CORPUS... --out RESULT.json --wordsim F --analogy F
    python _gensim_vectors.py check VECTORS.txt --out RESULT.json --wordsim F --analogy F

``train``: gensim Word2Vec skip-gram (negative 5, window 10, min_count 5,
5 epochs, dim 100) on text8-style files, scored by gensim's own evaluators.
``check``: load vectors written by nlp-zero with KeyedVectors.load_word2vec_format
(the file must load in gensim) and score them with gensim's evaluators, as a
cross-check of nlp-zero's metrics.
"""

import argparse
import gzip
import json
import logging
import resource
import time


class Text8Files(object):
    """Sentences of 10,000 tokens from one-line text8-style files (gensim's Text8Corpus)."""

    def __init__(self, paths, chunk=10000):
        self.paths = paths
        self.chunk = chunk

    def __iter__(self):
        for path in self.paths:
            opener = gzip.open if path.endswith('.gz') else open
            with opener(path, 'rt', encoding='utf-8') as f:
                rest = []
                while True:
                    block = f.read(1 << 20)
                    if not block:
                        break
                    words = block.split(' ')
                    words[0] = ''.join(rest) + words[0] if rest else words[0]
                    rest = [words.pop()]
                    words = [w for w in words if w]
                    for k in range(0, len(words), self.chunk):
                        yield words[k:k + self.chunk]
                if rest and rest[0].strip():
                    yield [rest[0].strip()]


class LineFiles(object):
    """One sentence per line of already tokenized text (gensim's LineSentence)."""

    def __init__(self, paths):
        self.paths = paths

    def __iter__(self):
        for path in self.paths:
            opener = gzip.open if path.endswith('.gz') else open
            with opener(path, 'rt', encoding='utf-8') as f:
                for line in f:
                    words = line.split()
                    for k in range(0, len(words), 10000):
                        yield words[k:k + 10000]


def score(kv, args):
    out = {}
    for path in args.wordsim:
        pearson, spearman, oov = kv.evaluate_word_pairs(path, dummy4unknown=False)
        out[path] = {'spearman': float(spearman[0]), 'pearson': float(pearson[0]),
                     'coverage': 1 - oov / 100.0}
    for path in args.analogy:
        accuracy, sections = kv.evaluate_word_analogies(path, restrict_vocab=30000)
        out[path] = {'accuracy': float(accuracy)}
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('mode', choices=('train', 'check'))
    parser.add_argument('inputs', nargs='+')
    parser.add_argument('--out', required=True)
    parser.add_argument('--wordsim', action='append', default=[])
    parser.add_argument('--analogy', action='append', default=[])
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--save', help='train: also write the vectors (word2vec text format)')
    parser.add_argument('--lines', action='store_true',
                        help='train: one sentence per line (tokenized text), not text8 files')
    args = parser.parse_args()
    logging.basicConfig(format='%(asctime)s %(message)s', level=logging.WARNING)
    from gensim.models import KeyedVectors, Word2Vec
    start = time.time()
    if args.mode == 'train':
        sentences = LineFiles(args.inputs) if args.lines else Text8Files(args.inputs)
        model = Word2Vec(sentences, vector_size=100, window=10, min_count=5,
                         sg=1, negative=5, epochs=5, workers=args.workers, seed=1)
        kv = model.wv
        if args.save:
            kv.save_word2vec_format(args.save)
        result = {'seconds': time.time() - start, 'words': len(kv)}
    else:
        kv = KeyedVectors.load_word2vec_format(args.inputs[0])
        result = {'loaded_words': len(kv), 'dim': kv.vector_size}
    result['scores'] = score(kv, args)
    result['peak_rss_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    with open(args.out, 'w') as f:
        json.dump(result, f, indent=1)


if __name__ == '__main__':
    main()
