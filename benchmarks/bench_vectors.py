"""Word vectors: counting and training speed, and quality beside gensim skip-gram.

    python benchmarks/bench_vectors.py speed [--tokens 2000000]      # also under pypy3
    python benchmarks/bench_vectors.py count --backend numpy|python [--tokens N]
    python benchmarks/bench_vectors.py english [--tokens N] [--trainer pypy|numpy|python]
                                               [--gensim] [--set key=value ...]
    python benchmarks/bench_vectors.py chinese --lexicon LEXICON.tsv [--trainer ...]

``english`` counts the two text8-style corpora (window 10, min_count 5) with
this interpreter, trains simpler-GloVe vectors with the library defaults (or
``--set`` overrides) on the chosen trainer (``pypy``: a PyPy subprocess reading
the saved counts), scores WS353 (Spearman) and the Google analogies (3CosAdd,
restrict_vocab 30000), checks that gensim loads the vectors file and scores it
the same, and with ``--gensim`` trains gensim Word2Vec skip-gram on the same
text in the benchmark environment (cached in the work folder).
"""

from __future__ import division, print_function

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time

from _common import DATA, EN_CORPORA, bench_python, data_path, interpreter, peak_rss_mb

from nlp_zero.corpus import Corpus
from nlp_zero.cooccurrence import Cooccurrence
from nlp_zero.glove import SimplerGlove
from nlp_zero.progress import Progress
from nlp_zero.vectors import WordVectors

HERE = os.path.dirname(os.path.abspath(__file__))
EN_WORDSIM = 'wordsim/en_wordsim353.tsv'
EN_ANALOGY = 'analogy/en_questions-words.txt'
ZH_WORDSIM = 'wordsim/zh_wordsim240.txt'
ZH_ANALOGY = 'analogy/zh_ca8_semantic.txt'


def load_average():
    try:
        return '%.2f' % os.getloadavg()[0]
    except (AttributeError, OSError):
        return '?'


def token_slice(paths, limit):
    """Token lists of at most 100,000 tokens, the first ``limit`` tokens of ``paths``."""
    corpus = Corpus(paths, max_line_chars=1000000)
    out, total = [], 0
    for line in corpus:
        tokens = line.split()
        if limit is not None and total + len(tokens) > limit:
            tokens = tokens[:limit - total]
        out.append(tokens)
        total += len(tokens)
        if limit is not None and total >= limit:
            break
    return out


# ------------------------------------------------------------------- speed
def available_backends():
    try:
        import numpy  # noqa: F401
        return ['python', 'numpy']
    except ImportError:
        return ['python']


def run_speed(args):
    paths = [data_path(p) for p in EN_CORPORA[:1]]
    lines = token_slice(paths, args.tokens)
    tokens = sum(len(t) for t in lines)
    print('interpreter %s, load %s' % (interpreter(), load_average()))
    backends = available_backends()
    tables = []
    for backend in backends:
        start = time.time()
        table = Cooccurrence.count(lines, min_count=5, window=10, backend=backend)
        seconds = time.time() - start
        print('counting, window 10, %s path: %d tokens, %d words, %d pairs in %.2f s = %.0f '
              'tokens/s (both passes)' % (backend, tokens, len(table), len(table.pairs), seconds,
                                          tokens / seconds))
        tables.append(table)
    if len(tables) == 2:
        same = (tables[0].counts == tables[1].counts and
                tables[0].training_arrays()[:3] == tables[1].training_arrays()[:3])
        print('the two paths give %s tables' % ('identical' if same else 'DIFFERENT'))
    table = tables[0]
    for backend in backends:
        for adagrad in ('coordinate', 'row'):
            model = SimplerGlove(dim=100, epochs=1, backend=backend, adagrad=adagrad)
            sub = _subtable(table, args.pairs)
            start = time.time()
            model.fit(sub)
            seconds = time.time() - start
            n = len(sub.pairs) * (1 + model.negatives)
            print('training, dim 100, %s backend, %s AdaGrad: %d updates in %.1f s = %.0f '
                  'pair updates/s (incl. setup)' % (backend, adagrad, n, seconds, n / seconds))


def run_count(args):
    """Count the whole English corpus (or its first ``--tokens``) with one path, one process.

    One path per process, so that the peak RSS printed is that path's.
    """
    paths = [data_path(p) for p in EN_CORPORA]
    print('interpreter %s, load %s, %s path' % (interpreter(), load_average(), args.backend))
    if args.tokens:
        lines = token_slice(paths, args.tokens)
    else:
        lines = Corpus(paths, max_line_chars=1000000)
    start = time.time()
    table = Cooccurrence.count(lines, min_count=5, window=10, backend=args.backend)
    seconds = time.time() - start
    print('counting, window 10: %d tokens, %d words, %d pairs in %.1f s = %.0f tokens/s (both '
          'passes%s); peak RSS %.0f MB' % (
              table.tokens, len(table), len(table.pairs), seconds, table.tokens / seconds,
              '' if args.tokens else ', reading and decoding included', peak_rss_mb()))


def _subtable(table, pairs):
    """The first ``pairs`` pairs of a table (for timing training on a fixed amount of work)."""
    sub = Cooccurrence(list(zip(table.words, table.counts)), table.window)
    sub.tokens = table.tokens
    for n, key in enumerate(sorted(table.pairs)):
        if n >= pairs:
            break
        sub.pairs[key] = table.pairs[key]
    return sub


# ------------------------------------------------------------------ quality
def model_settings(overrides):
    settings = {}
    for item in overrides or []:
        key, _, value = item.partition('=')
        settings[key] = json.loads(value)
    return settings


def train(counts_path, out_path, settings, checkpoint=None):
    """Train on saved counts; returns a dict of timings (run in any interpreter)."""
    start = time.time()
    table = Cooccurrence.load(counts_path)
    loaded = time.time() - start
    model = SimplerGlove(**settings)
    start = time.time()
    vectors = model.fit(table, checkpoint=checkpoint, progress=Progress(label='training'))
    seconds = time.time() - start
    vectors.save_word2vec_format(out_path)
    n = len(table.pairs) * (1 + model.negatives) * model.epochs * (1 if model.model == 0 else 2)
    return {'interpreter': interpreter(), 'backend': model.chosen_backend(),
            'load_seconds': loaded, 'train_seconds': seconds, 'updates_per_second': n / seconds,
            'settings': model.settings(), 'losses': model.losses, 'peak_rss_mb': peak_rss_mb()}


def run_train(args):
    result = train(args.counts, args.out, model_settings(args.set), args.checkpoint)
    with io.open(args.result, 'w', encoding='utf-8') as f:
        f.write(json.dumps(result).decode('utf-8') if isinstance(json.dumps(result), bytes)
                else json.dumps(result))


def count_corpus(paths, workdir, name, limit, window, lexicon=None):
    start = time.time()
    if lexicon:
        from nlp_zero.lexicon import Lexicon
        from nlp_zero.tokenizer import Tokenizer
        from nlp_zero.corpus import compile_word_pattern
        tokenizer = Tokenizer(Lexicon.load(lexicon))
        is_word = compile_word_pattern().search
        lines = ([w for w in tokenizer.tokenize(line) if is_word(w)]
                 for line in Corpus(paths))
        lines = list(lines) if limit is None else [t for _, t in zip(range(limit), lines)]
    elif limit:
        lines = token_slice(paths, limit)
    else:
        lines = Corpus(paths, max_line_chars=1000000)
    read = time.time() - start
    start = time.time()
    table = Cooccurrence.count(lines, min_count=5, window=window,
                               progress=Progress(label='counting'))
    seconds = time.time() - start
    counts_path = os.path.join(workdir, '%s_counts.txt' % name)
    save_start = time.time()
    table.save(counts_path)
    info = {'tokens': table.tokens, 'words': len(table), 'pairs': len(table.pairs),
            'count_seconds': seconds, 'read_seconds': read,
            'tokens_per_second': table.tokens / seconds, 'save_seconds': time.time() - save_start,
            'peak_rss_mb': peak_rss_mb()}
    return table, counts_path, info


def train_with(trainer, counts_path, out_path, settings, workdir):
    if trainer == 'pypy':
        result_path = out_path + '.json'
        command = ['nice', '-n', '10', 'pypy3', os.path.abspath(__file__), 'train', counts_path,
                   out_path, '--result', result_path]
        for key, value in sorted(settings.items()):
            command += ['--set', '%s=%s' % (key, json.dumps(value))]
        subprocess.check_call(command)
        with io.open(result_path, encoding='utf-8') as f:
            return json.load(f)
    settings = dict(settings)
    settings['backend'] = 'numpy' if trainer == 'numpy' else 'python'
    return train(counts_path, out_path, settings)


def score(vectors_path, wordsim, analogy):
    vectors = WordVectors.load_word2vec_format(vectors_path)
    ws = vectors.evaluate_word_pairs(wordsim)
    an = vectors.evaluate_word_analogies(analogy, restrict_vocab=30000)
    return {'spearman': ws.spearman, 'pearson': ws.pearson, 'ws_coverage': ws.coverage,
            'analogy': an.accuracy, 'analogy_coverage': an.coverage,
            'sections': [list(s) for s in an.sections]}


def gensim_run(mode, inputs, out, wordsim, analogy):
    python = bench_python('peers')  # gensim lives in a benchmark-only environment
    if python is None:
        return None
    command = ['nice', '-n', '10', python, os.path.join(HERE, '_gensim_vectors.py'),
               mode] + inputs + ['--out', out, '--wordsim', wordsim, '--analogy', analogy]
    subprocess.check_call(command)
    with io.open(out, encoding='utf-8') as f:
        return json.load(f)


def run_english(args):
    paths = [data_path(p) for p in EN_CORPORA]
    wordsim, analogy = data_path(EN_WORDSIM), data_path(EN_ANALOGY)
    workdir = ensure(args.workdir)
    name = 'en_%s' % (args.tokens or 'all')
    settings = model_settings(args.set)
    print('English: %s tokens; counting with %s; load %s' % (
        args.tokens or 'all', interpreter(), load_average()))
    counts_path = os.path.join(workdir, '%s_counts.txt' % name)
    if args.reuse_counts and os.path.exists(counts_path):
        info = {'reused': counts_path}
    else:
        table, counts_path, info = count_corpus(paths, workdir, name, args.tokens, 10)
        del table
    print('counts: %s' % json.dumps(info))
    out_path = os.path.join(workdir, '%s_vectors.txt' % name)
    trained = train_with(args.trainer, counts_path, out_path, settings, workdir)
    print('training: %s' % json.dumps(dict((k, v) for k, v in trained.items() if k != 'losses')))
    print('losses: %s' % ' '.join('%.4f' % x for x in trained['losses']))
    ours = score(out_path, wordsim, analogy)
    print('simpler GloVe: WS353 Spearman %.3f (coverage %.2f), analogy %.3f (coverage %.2f)' % (
        ours['spearman'], ours['ws_coverage'], ours['analogy'], ours['analogy_coverage']))
    print('  sections: %s' % ', '.join('%s %d/%d' % (s[0], s[1], s[2]) for s in ours['sections']))
    check = gensim_run('check', [out_path], out_path + '.gensim.json', wordsim, analogy)
    if check is not None:
        print('gensim loads the file: %d words x %d; gensim scores it WS353 %.3f, analogy %.3f' % (
            check['loaded_words'], check['dim'], check['scores'][wordsim]['spearman'],
            check['scores'][analogy]['accuracy']))
    if args.gensim:
        cache = os.path.join(workdir, 'gensim_sg_%s.json' % (args.tokens or 'all'))
        if not os.path.exists(cache):
            inputs = paths if not args.tokens else [_slice_file(paths, args.tokens, workdir)]
            gensim_run('train', inputs, cache, wordsim, analogy)
        with io.open(cache, encoding='utf-8') as f:
            sg = json.load(f)
        print('gensim Word2Vec SG (neg 5, window 10, min_count 5, 5 epochs, %.0f s): WS353 %.3f '
              '(coverage %.2f), analogy %.3f' % (sg['seconds'], sg['scores'][wordsim]['spearman'],
                                                 sg['scores'][wordsim]['coverage'],
                                                 sg['scores'][analogy]['accuracy']))


def _slice_file(paths, tokens, workdir):
    path = os.path.join(workdir, 'en_%d.txt' % tokens)
    if not os.path.exists(path):
        with io.open(path, 'w', encoding='utf-8') as f:
            for line in token_slice(paths, tokens):
                f.write(u' '.join(line) + u' ')
    return path


def run_chinese(args):
    paths = [data_path('corpora/zh_fudan.txt.gz')]
    wordsim, analogy = data_path(ZH_WORDSIM), data_path(ZH_ANALOGY)
    workdir = ensure(args.workdir)
    settings = model_settings(args.set)
    print('Chinese: zh_fudan, lexicon %s; load %s' % (args.lexicon, load_average()))
    table, counts_path, info = count_corpus(paths, workdir, 'zh', args.lines, 10,
                                            lexicon=args.lexicon)
    del table
    print('counts: %s' % json.dumps(info))
    out_path = os.path.join(workdir, 'zh_vectors.txt')
    trained = train_with(args.trainer, counts_path, out_path, settings, workdir)
    print('training: %s' % json.dumps(dict((k, v) for k, v in trained.items() if k != 'losses')))
    vectors = WordVectors.load_word2vec_format(out_path)
    ws = vectors.evaluate_word_pairs(wordsim)
    an = vectors.evaluate_word_analogies(analogy, restrict_vocab=None)
    print('simpler GloVe: zh_wordsim240 Spearman %.3f (coverage %.2f), CA8 semantic %.3f '
          '(coverage %.2f)' % (ws.spearman, ws.coverage, an.accuracy, an.coverage))


def ensure(folder):
    if not os.path.isdir(folder):
        os.makedirs(folder)
    return folder


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = parser.add_subparsers(dest='what')
    p = sub.add_parser('speed')
    p.add_argument('--tokens', type=int, default=2000000)
    p.add_argument('--pairs', type=int, default=100000)
    p = sub.add_parser('count')
    p.add_argument('--backend', default='auto', choices=('auto', 'python', 'numpy'))
    p.add_argument('--tokens', type=int, default=None, help='first N tokens only')
    for name in ('english', 'chinese'):
        p = sub.add_parser(name)
        p.add_argument('--trainer', default='pypy', choices=('pypy', 'numpy', 'python'))
        p.add_argument('--set', action='append', metavar='KEY=JSON',
                       help='override a SimplerGlove default, e.g. --set epochs=10')
        p.add_argument('--workdir', default=os.path.join(tempfile.gettempdir(), 'nlp-zero-bench-vectors'))
        if name == 'english':
            p.add_argument('--tokens', type=int, default=None, help='first N tokens only')
            p.add_argument('--gensim', action='store_true')
            p.add_argument('--reuse-counts', action='store_true')
        else:
            p.add_argument('--lexicon', required=True)
            p.add_argument('--lines', type=int, default=None)
    p = sub.add_parser('train')
    p.add_argument('counts')
    p.add_argument('out')
    p.add_argument('--result', required=True)
    p.add_argument('--set', action='append')
    p.add_argument('--checkpoint')
    args = parser.parse_args(argv)
    if not os.path.isdir(DATA) and args.what != 'train':
        print('skipped: %s not found (set NLP_ZERO_DATA)' % DATA)
        return 0
    {'speed': run_speed, 'count': run_count, 'english': run_english, 'chinese': run_chinese,
     'train': run_train}[args.what](args)
    return 0


if __name__ == '__main__':
    sys.exit(main())
