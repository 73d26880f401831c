# -*- coding: utf-8 -*-
"""Counting at scale: memory budgets, worker processes, Spark, corpus size.

usage: python benchmarks/bench_scale.py [--variants python-500M,python-unbounded,numpy,
                                          workers-2,spark] [--copies 1,2,4] [--out DIR]

Runs ``nlp-zero cooccur`` on the 17M-token English corpus (en_wiki + en_nltk
text8-style, window 10, min count 5) once per variant, each under
``/usr/bin/time -v``, and prints wall time, peak resident memory and the SHA-1
of the table file (identical tables have identical SHA-1s).  ``--copies``
repeats the corpus (the same files given 1, 2, 4 times) for the scaling
rows of the ``python-500M`` variant.  The Spark variant needs pyspark in the
interpreter given by ``--spark-python`` (a benchmark-only environment).
"""

from __future__ import print_function

import argparse
import hashlib
import os
import re
import subprocess
import sys
import time

from _common import BENCH_ENV, data_path

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = ['corpora/en_wiki_text8style.txt.gz', 'corpora/en_nltk_text8style.txt.gz']

VARIANTS = {
    'python-500M': ['--backend', 'python', '--memory', '500M'],
    'python-unbounded': ['--backend', 'python', '--memory', '64G'],
    'numpy': ['--backend', 'numpy'],
    'workers-2': ['--backend', 'python', '--memory', '500M', '--workers', '2'],
    'spark': ['--spark', 'local[2]'],
}


def run(python, corpus, options, output, tmp):
    env = dict(os.environ, PYTHONPATH=ROOT, PYSPARK_PYTHON=python)
    command = ['/usr/bin/time', '-v', python, '-m', 'nlp_zero', 'cooccur'] + corpus + [
        '-o', output, '--window', '10', '--min-count', '5', '--tmp-dir', tmp, '-q'] + options
    load = os.getloadavg()[0]
    started = time.time()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, err = process.communicate()
    wall = time.time() - started
    err = err.decode('utf-8', 'replace')
    peak = re.search(r'Maximum resident set size \(kbytes\): (\d+)', err)
    if process.returncode:
        print(err[-2000:], file=sys.stderr)
    return {'wall': wall, 'peak_mb': int(peak.group(1)) / 1024.0 if peak else float('nan'),
            'status': process.returncode, 'load': load, 'sha1': sha1(output)}


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
    parser.add_argument('--variants', default='python-500M,python-unbounded,numpy,workers-2')
    parser.add_argument('--copies', default='1')
    parser.add_argument('--python', default=sys.executable)
    parser.add_argument('--spark-python', default=None)
    parser.add_argument('--out', default=os.path.join(BENCH_ENV, 'scale'),
                        help='where the tables go (outside the project tree)')
    args = parser.parse_args()
    corpus = [data_path(name) for name in CORPUS]
    if not os.path.isdir(args.out):
        os.makedirs(args.out)
    print('| variant | corpus | wall s | peak MB | table SHA-1 | load at start |')
    print('|---|---:|---:|---:|---|---:|')
    for copies in [int(c) for c in args.copies.split(',')]:
        for name in args.variants.split(','):
            if copies > 1 and name != 'python-500M':
                continue
            python = args.spark_python if name == 'spark' else args.python
            if python is None:
                print('| %s | skipped: give --spark-python | | | | |' % name)
                continue
            output = os.path.join(args.out, '%s-x%d.table' % (name, copies))
            result = run(python, corpus * copies, VARIANTS[name], output, args.out)
            print('| %s | %dx | %.0f | %.0f | %s | %.1f |' % (
                name, copies, result['wall'], result['peak_mb'],
                result['sha1'] if result['status'] == 0 else 'failed', result['load']))
            sys.stdout.flush()


if __name__ == '__main__':
    main()
