# -*- coding: utf-8 -*-
"""Counting at scale: memory budgets, worker processes, Spark, corpus size.

usage: python benchmarks/bench_scale.py [--stage cooccur|discover|templates]
                                         [--variants V1,V2,...] [--copies 1,2,4]
                                         [--base en|en_nltk] [--out DIR]

``--stage cooccur`` (default) runs ``nlp-zero cooccur`` on the 17M-token
English corpus (en_wiki + en_nltk text8-style; ``--base en_nltk``: the 6.4M
tokens of en_nltk alone), window 10, min count 5.  ``--stage discover`` runs
``nlp-zero discover`` on ``zh_fudan.txt.gz`` (exact counting), ``--stage
templates`` runs ``nlp-zero templates`` on the first 300,000 lines of
``zh_fudan.txt.gz`` with a lexicon discovered from it (both made once in
``--out``).  Each variant runs under ``/usr/bin/time -v``; the script prints
wall time, CPU time, peak resident memory, the SHA-1 of the output file
(identical outputs have identical SHA-1s) and the load average at the start.
``--copies`` repeats the corpus (the same files given 1, 2, 4 times) for the
scaling rows (every variant listed is run for every number of copies).  The
Spark variants need pyspark in the interpreter given by ``--spark-python``
(a benchmark-only environment).
"""

from __future__ import print_function

import argparse
import gzip
import hashlib
import io
import os
import subprocess
import sys
import time

from _common import BENCH_ENV, EN_CORPORA, data_path, time_report

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ZH_CORPUS = 'corpora/zh_fudan.txt.gz'

#: Lines of the Fudan corpus that the template rows read.
TEMPLATE_LINES = 300000

VARIANTS = {
    'python-500M': ['--backend', 'python', '--memory', '500M'],
    'python-unbounded': ['--backend', 'python', '--memory', '64G'],
    'numpy': ['--backend', 'numpy'],
    'workers-2': ['--backend', 'python', '--memory', '500M', '--workers', '2'],
    'spark': ['--spark', 'local[2]'],
}

DISCOVER_VARIANTS = {
    'exact': ['--exact', '--memory', '64G'],
    'exact-38M': ['--exact', '--memory', '38M'],
    'exact-38M-workers-2': ['--exact', '--memory', '38M', '--workers', '2'],
    'spark': ['--spark', 'local[2]'],
}

TEMPLATE_VARIANTS = {
    'workers-1': [],
    'workers-2': ['--workers', '2'],
    'unpruned': ['--max-pairs', '1000000000'],
    'exact-200M': ['--exact', '--memory', '200M'],
    'exact-200M-workers-2': ['--exact', '--memory', '200M', '--workers', '2'],
    'spark': ['--spark', 'local[2]'],
}


def cooccur_command(corpus, options, output, tmp):
    return ['cooccur'] + corpus + ['-o', output, '--window', '10', '--min-count', '5',
                                   '--tmp-dir', tmp, '-q'] + options


def discover_command(corpus, options, output, tmp):
    return ['discover'] + corpus + ['-o', output, '-q'] + options + (
        [] if '--spark' in options else ['--tmp-dir', tmp])


def templates_command(corpus, options, output, tmp):
    return ['templates'] + corpus + ['-o', output, '-q'] + options + (
        ['--tmp-dir', tmp] if '--exact' in options else [])


def run(python, arguments, output):
    env = dict(os.environ, PYTHONPATH=ROOT, PYSPARK_PYTHON=python)
    command = ['/usr/bin/time', '-v', python, '-m', 'nlp_zero'] + arguments
    load = os.getloadavg()[0]
    started = time.time()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, err = process.communicate()
    wall = time.time() - started
    err = err.decode('utf-8', 'replace')
    _, peak, cpu = time_report(err)
    if process.returncode:
        print(err[-2000:], file=sys.stderr)
    return {'wall': wall, 'peak_mb': peak, 'cpu': cpu, 'status': process.returncode, 'load': load, 'sha1': sha1(output)}


def template_inputs(python, out):
    """The template rows' corpus (the first lines of the Fudan corpus) and
    its lexicon (default discovery), made once in ``out``."""
    corpus = os.path.join(out, 'fudan%dk.txt' % (TEMPLATE_LINES // 1000))
    if not os.path.exists(corpus):
        with gzip.open(data_path(ZH_CORPUS), 'rb') as source:
            with io.open(corpus + '.part', 'wb') as target:
                for number, line in enumerate(source):
                    if number == TEMPLATE_LINES:
                        break
                    target.write(line)
        os.rename(corpus + '.part', corpus)
    lexicon = corpus + '.lexicon.tsv'
    if not os.path.exists(lexicon):
        subprocess.check_call([python, '-m', 'nlp_zero', 'discover', corpus, '-o', lexicon, '-q'],
                              env=dict(os.environ, PYTHONPATH=ROOT))
    return corpus, lexicon


def sha1(path):
    if not os.path.exists(path):
        return '-'
    digest = hashlib.sha1()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            digest.update(block)
    return digest.hexdigest()[:12]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--stage', choices=('cooccur', 'discover', 'templates'),
                        default='cooccur')
    parser.add_argument('--variants', default=None,
                        help='default: python-500M,python-unbounded,numpy,workers-2 (cooccur), '
                             'exact,exact-38M (discover), workers-1,workers-2 (templates)')
    parser.add_argument('--copies', default='1')
    parser.add_argument('--base', choices=('en', 'en_nltk'), default='en',
                        help='the co-occurrence corpus: both English files, or en_nltk alone')
    parser.add_argument('--python', default=sys.executable)
    parser.add_argument('--spark-python', default=None)
    parser.add_argument('--out', default=os.path.join(BENCH_ENV, 'scale'),
                        help='where the outputs go (outside the project tree)')
    args = parser.parse_args()
    if not os.path.isdir(args.out):
        os.makedirs(args.out)
    if args.stage == 'cooccur':
        corpus = [data_path(name) for name in (EN_CORPORA if args.base == 'en' else EN_CORPORA[1:])]
        variants, command = VARIANTS, cooccur_command
        default = 'python-500M,python-unbounded,numpy,workers-2'
    elif args.stage == 'discover':
        corpus = [data_path(ZH_CORPUS)]
        variants, command, default = DISCOVER_VARIANTS, discover_command, 'exact,exact-38M'
    else:
        text, lexicon = template_inputs(args.python, args.out)
        corpus = [text, '--lexicon', lexicon]
        variants, command, default = TEMPLATE_VARIANTS, templates_command, 'workers-1,workers-2'
    print('| stage | variant | corpus | wall s | CPU s | peak MB | output SHA-1 | load at start |')
    print('|---|---|---:|---:|---:|---:|---|---:|')
    for copies in [int(c) for c in args.copies.split(',')]:
        for name in (args.variants or default).split(','):
            python = args.spark_python if name == 'spark' else args.python
            if python is None:
                print('| %s | %s | skipped: give --spark-python | | | | | |'
                      % (args.stage, name))
                continue
            output = os.path.join(args.out, '%s-%s-%s-x%d.out' % (args.stage, args.base, name,
                                                                 copies))
            inputs = corpus[:1] * copies + corpus[1:] if args.stage == 'templates' else (
                corpus * copies)
            result = run(python, command(inputs, variants[name], output, args.out), output)
            print('| %s | %s | %dx | %.0f | %.0f | %.0f | %s | %.1f |' % (
                args.stage, name, copies, result['wall'], result['cpu'], result['peak_mb'],
                result['sha1'] if result['status'] == 0 else 'failed', result['load']))
            sys.stdout.flush()


if __name__ == '__main__':
    main()
