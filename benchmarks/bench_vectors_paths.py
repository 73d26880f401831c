"""Time to vectors on every interpreter, end to end, beside gensim skip-gram, in one run.

    python benchmarks/bench_vectors_paths.py [--paths numpy,gensim,pypy,python]
                                             [--tokens N] [--workdir DIR] [-- EXTRA CLI OPTIONS]

Runs, one after the other (one CPU-heavy job at a time), each under
``/usr/bin/time -v`` for the wall time and the peak resident memory:

* ``numpy``: ``python -m nlp_zero vectors EN... -o FILE`` with this
  interpreter (CPython with NumPy: the ``auto`` backend picks NumPy);
* ``pypy``: the same command under ``pypy3`` (no NumPy there);
* ``python``: the same command with this interpreter and
  ``NLP_ZERO_BACKEND=python`` (what a user without NumPy runs; counting and
  training both in plain Python);
* ``gensim``: gensim Word2Vec skip-gram (negative 5, window 10, min_count 5,
  5 epochs, dim 100, 2 threads) on the same text, in the benchmark-only
  environment (``benchmarks/setup_env.sh``), its vectors saved as text.

Each ``nlp-zero vectors`` run counts (window 10, min count 5), trains with
the library defaults and writes the word2vec text file.  Every vectors file
is then scored with the same code (``WordVectors.evaluate_word_pairs`` on
WS353, ``evaluate_word_analogies(restrict_vocab=30000)`` on the Google
analogies, split into the semantic and syntactic sections).  The load
average is printed before and after each run.  Extra arguments after ``--``
go to every ``nlp-zero vectors`` command (e.g. ``-- --epochs 5``).
``--python-epochs N`` trains the plain CPython path for N epochs only and
projects the wall time of ten from its epoch times (its vectors are then
those of N epochs: the plain path computes what the PyPy one does).
"""

from __future__ import division, print_function

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile

from _common import EN_CORPORA, ROOT, bench_python, data_path, time_report

from nlp_zero.vectors.keyed import WordVectors

HERE = os.path.dirname(os.path.abspath(__file__))
SEMANTIC = ('capital-common-countries', 'capital-world', 'currency', 'city-in-state', 'family')


def load():
    with io.open('/proc/loadavg') as f:
        return ' '.join(f.read().split()[:3])


def timed(command, env=None, log_path=None):
    """Run ``command`` under /usr/bin/time -v; ``(wall seconds, peak RSS MB)``."""
    full = ['/usr/bin/time', '-v'] + command
    with io.open(log_path, 'wb') as log:
        code = subprocess.call(full, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    with io.open(log_path, encoding='utf-8', errors='replace') as f:
        text = f.read()
    if code != 0:
        print(text[-3000:])
        raise SystemExit('failed: %s' % ' '.join(command))
    seconds, rss, _ = time_report(text)
    return seconds, rss


def score(path, wordsim, analogy):
    vectors = WordVectors.load_word2vec_format(path)
    ws = vectors.evaluate_word_pairs(wordsim)
    an = vectors.evaluate_word_analogies(analogy, restrict_vocab=30000)

    def accuracy(sections):
        covered = sum(s[2] for s in sections)
        return sum(s[1] for s in sections) / covered if covered else float('nan')

    semantic = [s for s in an.sections if s[0] in SEMANTIC]
    syntactic = [s for s in an.sections if s[0] not in SEMANTIC]
    return {'ws353': ws.spearman, 'ws_coverage': ws.coverage, 'analogy': an.accuracy,
            'semantic': accuracy(semantic), 'syntactic': accuracy(syntactic),
            'analogy_coverage': an.coverage, 'words': len(vectors)}


def nlp_zero_command(python, inputs, out, extra):
    return [python, '-m', 'nlp_zero', 'vectors'] + inputs + ['-o', out] + extra


def epoch_seconds(log_path):
    """Seconds of each training epoch, from the ``epoch k/n ... S s`` log lines."""
    with io.open(log_path, encoding='utf-8', errors='replace') as f:
        return [float(m.group(1)) for m in
                re.finditer(r'epoch \d+/\d+ +loss \S+ +\S+ updates/s +(\d+) s', f.read())]


def run_path(name, inputs, workdir, extra, epochs=None):
    """One path end to end; ``epochs`` (plain CPython only): train that many
    epochs and project the wall time of the default ten."""
    out = os.path.join(workdir, 'vectors_%s.txt' % name)
    env = dict(os.environ)
    env.pop('NLP_ZERO_BACKEND', None)
    env['PYTHONPATH'] = ROOT
    if name == 'numpy':
        command = nlp_zero_command(sys.executable, inputs, out, extra)
    elif name == 'pypy':
        command = nlp_zero_command('pypy3', inputs, out, extra)
    elif name == 'python':
        env['NLP_ZERO_BACKEND'] = 'python'
        command = nlp_zero_command(sys.executable, inputs, out,
                                   extra + (['--epochs', str(epochs)] if epochs else []))
    else:
        python = bench_python('peers')
        if python is None:
            return None
        command = [python, os.path.join(HERE, '_gensim_vectors.py'), 'train'] + inputs + [
            '--out', out + '.json', '--save', out]
    before = load()
    seconds, rss = timed(command, env, out + '.log')
    result = {'path': name, 'seconds': seconds, 'peak_rss_mb': rss, 'load_before': before,
              'load_after': load(), 'vectors': out, 'log': out + '.log'}
    if name == 'python' and epochs:
        times = epoch_seconds(out + '.log')
        result['path'] = 'python (%d of 10 epochs)' % epochs
        result['projected_seconds'] = seconds + (10 - epochs) * sum(times) / max(1, len(times))
    return result


def slice_file(paths, tokens, workdir):
    """The first ``tokens`` tokens of the corpus as one text8-style file (for quick runs)."""
    from nlp_zero.text.corpus import Corpus
    path = os.path.join(workdir, 'en_%d.txt' % tokens)
    if not os.path.exists(path):
        done = 0
        with io.open(path, 'w', encoding='utf-8') as f:
            for line in Corpus(paths, max_line_chars=1000000):
                words = line.split()[:tokens - done]
                f.write(u' '.join(words) + u'\n')
                done += len(words)
                if done >= tokens:
                    break
    return [path]


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = []
    if '--' in argv:
        extra = argv[argv.index('--') + 1:]
        argv = argv[:argv.index('--')]
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--paths', default='numpy,gensim,pypy,python')
    parser.add_argument('--tokens', type=int, default=None, help='first N tokens only')
    parser.add_argument('--python-epochs', type=int, default=None, metavar='N',
                        help='plain CPython: train only N epochs and project the time of ten')
    parser.add_argument('--workdir', default=os.path.join(tempfile.gettempdir(),
                                                          'nlp-zero-bench-paths'))
    args = parser.parse_args(argv)
    inputs = [data_path(p) for p in EN_CORPORA]
    wordsim = data_path('wordsim/en_wordsim353.tsv')
    analogy = data_path('analogy/en_questions-words.txt')
    if not os.path.isdir(args.workdir):
        os.makedirs(args.workdir)
    if args.tokens:
        inputs = slice_file(inputs, args.tokens, args.workdir)
    rows = []
    for name in args.paths.split(','):
        print('running %s (load %s) ...' % (name, load()))
        sys.stdout.flush()
        result = run_path(name, inputs, args.workdir, extra, args.python_epochs)
        if result is None:
            continue
        result.update(score(result['vectors'], wordsim, analogy))
        print(json.dumps(result, sort_keys=True))
        sys.stdout.flush()
        rows.append(result)
    print('\n| path | wall time | peak RSS | WS353 | analogy | semantic | syntactic | load '
          'before / after |')
    print('|---|---:|---:|---:|---:|---:|---:|---|')
    for r in rows:
        wall = '%.0f s' % r['seconds']
        if 'projected_seconds' in r:
            wall += ' (ten epochs: ~%.0f s)' % r['projected_seconds']
        print('| %s | %s | %.0f MB | %.3f | %.3f | %.3f | %.3f | %s / %s |' % (
            r['path'], wall, r['peak_rss_mb'], r['ws353'], r['analogy'], r['semantic'],
            r['syntactic'], r['load_before'], r['load_after']))
    return 0


if __name__ == '__main__':
    sys.exit(main())
