"""Chinese word vectors from raw text, beside gensim skip-gram on the very same tokens.

    python benchmarks/bench_vectors_chinese.py [--workdir DIR] [-- EXTRA VECTORS OPTIONS]

The whole Fudan corpus (``corpora/zh_fudan.txt.gz``), with the commands a
user types, one after the other, each under ``/usr/bin/time -v``:

1. ``nlp-zero discover FUDAN -o lexicon.tsv`` (the defaults);
2. ``nlp-zero tokenize -l lexicon.tsv FUDAN -o tokens``, then the tokens
   without a letter or digit (punctuation) are dropped, as ``nlp-zero
   vectors --lexicon`` does: ``words.txt``, one paragraph per line;
3. ``nlp-zero vectors words.txt -o nlp_zero.txt`` (all defaults: window 10,
   min count 5, dim 100);
4. gensim Word2Vec skip-gram (negative 5, window 10, min count 5, 5 epochs,
   dim 100, 2 threads) on ``words.txt``, one sentence per line, in the
   benchmark-only environment (``benchmarks/setup_env.sh``).

Both vectors files are scored by the same code: Spearman on
``zh_wordsim240`` and 3CosAdd accuracy on CA8 semantic (all words as
candidates), each with its coverage (the share of pairs / questions whose
words are all in the vocabulary).
"""

from __future__ import division, print_function

import argparse
import io
import json
import os
import re
import sys
import tempfile

from _common import bench_python, data_path
from bench_vectors_paths import load, timed

from nlp_zero.vectors.keyed import WordVectors

HERE = os.path.dirname(os.path.abspath(__file__))
WORD = re.compile(r'\w', re.UNICODE)


def drop_punctuation(source, target):
    """Keep the tokens with a letter or digit; one output line per input line."""
    tokens = 0
    with io.open(source, encoding='utf-8') as f, io.open(target, 'w', encoding='utf-8') as out:
        for line in f:
            words = [w for w in line.split() if WORD.search(w)]
            tokens += len(words)
            out.write(u' '.join(words) + u'\n')
    return tokens


def score(path):
    vectors = WordVectors.load_word2vec_format(path)
    ws = vectors.evaluate_word_pairs(data_path('wordsim/zh_wordsim240.txt'))
    an = vectors.evaluate_word_analogies(data_path('analogy/zh_ca8_semantic.txt'),
                                         restrict_vocab=None)
    return {'words': len(vectors), 'wordsim240': ws.spearman, 'wordsim_coverage': ws.coverage,
            'ca8_semantic': an.accuracy, 'ca8_coverage': an.coverage}


def step(name, command, workdir, env=None):
    before = load()
    seconds, rss = timed(command, env, os.path.join(workdir, name + '.log'))
    row = {'step': name, 'seconds': seconds, 'peak_rss_mb': rss, 'load': before + ' / ' + load()}
    print(json.dumps(row, sort_keys=True))
    sys.stdout.flush()
    return row


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index('--') + 1:] if '--' in argv else []
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--workdir', default=os.path.join(tempfile.gettempdir(),
                                                          'nlp-zero-bench-chinese'))
    workdir = parser.parse_args(argv[:argv.index('--')] if '--' in argv else argv).workdir
    if not os.path.isdir(workdir):
        os.makedirs(workdir)
    fudan = data_path('corpora/zh_fudan.txt.gz')
    out = dict((name, os.path.join(workdir, name)) for name in (
        'lexicon.tsv', 'tokens.txt', 'words.txt', 'nlp_zero.txt', 'gensim.txt'))
    nz = [sys.executable, '-m', 'nlp_zero']
    env = dict(os.environ)
    rows = [step('discover', nz + ['discover', fudan, '-o', out['lexicon.tsv']], workdir, env),
            step('tokenize', nz + ['tokenize', '-l', out['lexicon.tsv'], fudan,
                                   '-o', out['tokens.txt']], workdir, env)]
    tokens = drop_punctuation(out['tokens.txt'], out['words.txt'])
    print('%d tokens without punctuation' % tokens)
    rows.append(step('nlp-zero vectors', nz + ['vectors', out['words.txt'],
                                               '-o', out['nlp_zero.txt']] + extra, workdir, env))
    python = bench_python('peers')
    if python is not None:
        rows.append(step('gensim skip-gram', [
            python, os.path.join(HERE, '_gensim_vectors.py'), 'train', out['words.txt'],
            '--lines', '--out', out['gensim.txt'] + '.json', '--save', out['gensim.txt']],
            workdir, env))
    print('\n| step | wall | peak RSS | load before / after |')
    print('|---|---:|---:|---|')
    for r in rows:
        print('| %s | %.0f s | %.0f MB | %s |' % (r['step'], r['seconds'], r['peak_rss_mb'],
                                               r['load']))
    print('\n| vectors (%d tokens) | words | zh_wordsim240 | coverage | CA8 semantic | coverage |'
          % tokens)
    print('|---|---:|---:|---:|---:|---:|')
    for name, path in (('nlp-zero simpler GloVe', out['nlp_zero.txt']),
                       ('gensim skip-gram', out['gensim.txt'])):
        if os.path.exists(path):
            s = score(path)
            print('| %s | %d | %.3f | %.2f | %.3f | %.2f |' % (
                name, s['words'], s['wordsim240'], s['wordsim_coverage'], s['ca8_semantic'],
                s['ca8_coverage']))
    return 0


if __name__ == '__main__':
    sys.exit(main())
