# -*- coding: utf-8 -*-
"""Snapshot the outputs of the command line on real data, to compare two trees byte for byte.

usage: python benchmarks/snapshot_outputs.py --out DIR [--python PYTHON] [--tree PATH]
                                             [--steps 1,2,...] [--hash-seed N|random]

Runs ``python -m nlp_zero COMMAND ...`` in subprocesses, with the source tree
``--tree`` (default: the repository this script is in) first on PYTHONPATH,
and writes the outputs into DIR, plus DIR/SHA1SUMS (``sha1sum -c`` format) and
the stderr/stdout of every command in DIR/logs/ (not part of the snapshot: they
hold timings and paths).  Two snapshots are compared with::

    cmp before/SHA1SUMS after/SHA1SUMS        # or: diff -r --exclude=logs before after

Steps (files in DIR):

1. PKU setting A: ``discover pku_test.utf8`` with ``--method cut`` / ``ngram``
   -> A_cut.tsv, A_ngram.tsv
2. PKU setting B: ``discover zh_fudan.txt.gz pku_test.utf8``, both methods, and
   the cut one again with ``--workers 2`` -> B_cut.tsv, B_ngram.tsv, B_cut_w2.tsv
3. ``tokenize --lexicon A_cut.tsv|B_cut.tsv pku_test.utf8``
   -> A_cut_tokens.txt, B_cut_tokens.txt (needs steps 1 and 2)
4. English: the first 2,000,000 whitespace-separated tokens of
   en_wiki_text8style.txt.gz -> en_2m.txt (one line); then
   ``vectors en_2m.txt --counts ... --epochs 1 --seed 1`` with the default backend
   (en_2m_counts.txt, en_2m_vectors.txt) and with ``--backend python``
   (en_2m_counts_python.txt, en_2m_vectors_python.txt); and the pure-Python
   counting path through the API -> en_2m_counts_pycount.txt.
   Found in the code (commit 2bfa046): ``vectors --backend`` is passed to
   ``SimplerGlove`` only, i.e. it chooses the *training* backend; the CLI calls
   ``Cooccurrence.count(...)`` with its default ``backend='auto'``, so the
   counting runs on the NumPy path in both CLI runs (en_2m_counts_python.txt
   is therefore expected to equal en_2m_counts.txt).  Counting has its own
   switch only in the API (``Cooccurrence.count(..., backend='python')``),
   which the extra en_2m_counts_pycount.txt exercises (same arguments as the
   CLI: min_count 5, window 10, max_line_chars 1000000); the library documents
   the two counting paths as giving byte-identical saved files.  There is no
   count-only mode in the CLI, hence one epoch of training.
5. 西游记: ``discover 西游记.txt`` -> XYJ_lex.tsv; ``templates 西游记.txt --lexicon
   XYJ_lex.tsv`` -> XYJ_templates.tsv; 20 sentences of 西游记 chosen by a fixed
   rule (XYJ_sentences.txt) parsed with ``parse --templates --lexicon`` from
   stdin -> XYJ_parse.txt, and with ``--tree`` -> XYJ_parse_tree.txt.
6. The bundled sample (no corpus argument).  ``vectors`` on it without a
   lexicon fails ("no co-occurring words": the sample is Chinese, without
   spaces), so: ``discover`` -> demo_lex.tsv, then ``vectors --lexicon
   demo_lex.tsv --seed 1 --epochs 2 --counts ...`` with the default backend
   (demo_vectors.txt, demo_counts.txt) and ``--backend python``
   (demo_vectors_python.txt, demo_counts_python.txt).  Two epochs rather than
   the default ten: the pure-Python trainer takes about 100 s per epoch here.

The subprocesses run with DIR as working directory (files made in DIR are
named relative to it, so no output can depend on where DIR is), with
PYTHONHASHSEED fixed (``--hash-seed``, default 0; ``random`` leaves it to
Python) and with one BLAS/OpenMP thread.  Skips (exit 0) with a message when
the shared data is absent (NLP_ZERO_DATA as in benchmarks/_common.py).
"""

from __future__ import division, print_function

import argparse
import gzip
import hashlib
import io
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from _common import DATA, data_path  # noqa: E402  (also puts the repository on sys.path;
#                                      this process never imports nlp_zero itself)

REPO = os.path.dirname(HERE)

FS_ENCODING = sys.getfilesystemencoding() or 'utf-8'

#: Files of the shared data each step reads.
INPUTS = {
    1: [('cws', 'pku_test.utf8')],
    2: [('corpora', 'zh_fudan.txt.gz'), ('cws', 'pku_test.utf8')],
    3: [('cws', 'pku_test.utf8')],
    4: [('corpora', 'en_wiki_text8style.txt.gz')],
    5: [('corpora', 'zh_classics', u'\u897f\u6e38\u8bb0.txt')],
    6: [],
}

XYJ = u'\u897f\u6e38\u8bb0.txt'  # 西游记.txt

EN_TOKENS = 2000000
N_SENTENCES = 20

#: The pure-Python counting path, through the public API (run in a subprocess).
PYCOUNT = '''
from nlp_zero import Cooccurrence, Corpus
corpus = Corpus(['en_2m.txt'], max_line_chars=1000000)
Cooccurrence.count(corpus, min_count=5, window=10, backend='python').save('en_2m_counts_pycount.txt')
'''

WHERE = 'import nlp_zero, sys; sys.stdout.write(nlp_zero.__file__)'


class Runner(object):
    """Runs the CLI in subprocesses with the chosen interpreter, tree and folder."""

    def __init__(self, python, tree, out, hash_seed):
        self.python = python
        self.tree = tree
        self.out = out
        self.logs = os.path.join(out, 'logs')
        env = dict(os.environ)
        path = env.get('PYTHONPATH')
        env['PYTHONPATH'] = tree + (os.pathsep + path if path else '')
        if hash_seed == 'random':
            env.pop('PYTHONHASHSEED', None)
        else:
            env['PYTHONHASHSEED'] = str(hash_seed)
        for name in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
            env[name] = '1'
        self.env = env
        self.commands = []  # (label, argv, wall seconds, CPU seconds)
        self.count = 0

    def run(self, label, argv, stdin=None, stdout=None):
        """Run ``argv`` (after the interpreter) in DIR; stdin/stdout: file names in DIR
        (stdout None: to the log).  Exits when the command fails."""
        self.count += 1
        log_name = os.path.join(self.logs, '%02d_%s' % (self.count, label))
        full = [a if isinstance(a, str) else a.encode(FS_ENCODING)  # Python 2: bytes
                for a in [self.python] + list(argv)]
        shown = ' '.join(full)
        if stdin:
            shown += ' < ' + stdin
        if stdout:
            shown += ' > ' + stdout
        print('  $ ' + shown)
        sys.stdout.flush()
        fin = open(os.path.join(self.out, stdin), 'rb') if stdin else None
        fout = open(os.path.join(self.out, stdout) if stdout else log_name + '.stdout', 'wb')
        ferr = open(log_name + '.stderr', 'wb')
        before = os.times()
        started = time.time()
        try:
            code = subprocess.call(full, stdin=fin, stdout=fout, stderr=ferr, cwd=self.out,
                                   env=self.env)
        finally:
            for f in (fin, fout, ferr):
                if f is not None:
                    f.close()
        wall = time.time() - started
        after = os.times()
        cpu = (after[2] - before[2]) + (after[3] - before[3])
        self.commands.append((label, shown, wall, cpu))
        print('    %.1f s wall, %.1f s CPU, exit %d' % (wall, cpu, code))
        if code != 0:
            with io.open(log_name + '.stderr', encoding='utf-8', errors='replace') as f:
                tail = f.read()[-2000:]
            print(tail)
            sys.exit('snapshot: %s failed (exit %d); logs in %s' % (label, code, self.logs))
        return wall

    def nlp(self, label, *args, **kw):
        return self.run(label, ['-m', 'nlp_zero'] + list(args), **kw)

    def where(self):
        """nlp_zero.__file__ as a subprocess sees it (exits unless it is inside the tree)."""
        found = subprocess.check_output([self.python, '-c', WHERE], cwd=self.out,
                                        env=self.env).decode('utf-8')
        tree = os.path.realpath(self.tree)
        if not os.path.realpath(found).startswith(tree + os.sep):
            sys.exit('snapshot: the subprocesses import nlp_zero from %s, not from %s'
                     % (found, tree))
        return found


def data(*parts):
    return data_path(*parts)  # exits cleanly when the file is absent


def make_en_slice(source, target, n_tokens):
    """The first n_tokens whitespace-separated tokens of a gzip file, one line (streamed)."""
    tokens = []
    rest = b''
    with gzip.open(source, 'rb') as f:
        while len(tokens) < n_tokens:
            block = f.read(1 << 20)
            if not block:
                if rest:
                    tokens.append(rest)
                break
            parts = (rest + block).split()
            if block[-1:].isspace():
                rest = b''
            else:
                rest = parts.pop() if parts else b''
            tokens.extend(parts)
    tokens = tokens[:n_tokens]
    with open(target, 'wb') as out:
        out.write(b' '.join(tokens) + b'\n')
    return len(tokens)


def pick_sentences(path, n):
    """n sentences of a Chinese novel by a fixed rule: cut every line after 。！？,
    keep the pieces of 8-40 characters with no quotation mark, take n evenly spaced."""
    cut = re.compile(u'[^\u3002\uff01\uff1f]+[\u3002\uff01\uff1f]', re.UNICODE)
    quotes = set(u'\u201c\u201d\u2018\u2019\u300c\u300d')
    found = []
    with io.open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip().strip(u'\u3000')
            for sentence in cut.findall(line):
                sentence = sentence.strip()
                if 8 <= len(sentence) <= 40 and not quotes.intersection(sentence) \
                        and not any(c.isspace() for c in sentence):
                    found.append(sentence)
    step = len(found) // n
    return [found[k * step + step // 2] for k in range(n)]


def sha1(path):
    h = hashlib.sha1()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def step_1(r):
    pku = data('cws', 'pku_test.utf8')
    r.nlp('A_cut', 'discover', pku, '--method', 'cut', '-o', 'A_cut.tsv')
    r.nlp('A_ngram', 'discover', pku, '--method', 'ngram', '-o', 'A_ngram.tsv')


def step_2(r):
    pku = data('cws', 'pku_test.utf8')
    fudan = data('corpora', 'zh_fudan.txt.gz')
    r.nlp('B_cut', 'discover', fudan, pku, '--method', 'cut', '-o', 'B_cut.tsv')
    r.nlp('B_ngram', 'discover', fudan, pku, '--method', 'ngram', '-o', 'B_ngram.tsv')
    r.nlp('B_cut_w2', 'discover', fudan, pku, '--method', 'cut', '--workers', '2',
          '-o', 'B_cut_w2.tsv')


def step_3(r):
    pku = data('cws', 'pku_test.utf8')
    for name in ('A_cut', 'B_cut'):
        if not os.path.exists(os.path.join(r.out, name + '.tsv')):
            sys.exit('snapshot: step 3 needs %s.tsv in %s (steps 1 and 2)' % (name, r.out))
        r.nlp(name + '_tokens', 'tokenize', '--lexicon', name + '.tsv', pku,
              '-o', name + '_tokens.txt')


def step_4(r):
    source = data('corpora', 'en_wiki_text8style.txt.gz')
    started = time.time()
    n = make_en_slice(source, os.path.join(r.out, 'en_2m.txt'), EN_TOKENS)
    print('  en_2m.txt: %d tokens (%.1f s)' % (n, time.time() - started))
    r.nlp('en_2m', 'vectors', 'en_2m.txt', '--counts', 'en_2m_counts.txt',
          '-o', 'en_2m_vectors.txt', '--epochs', '1', '--seed', '1')
    r.nlp('en_2m_python', 'vectors', 'en_2m.txt', '--counts', 'en_2m_counts_python.txt',
          '-o', 'en_2m_vectors_python.txt', '--epochs', '1', '--seed', '1',
          '--backend', 'python')
    r.run('en_2m_pycount', ['-c', PYCOUNT])


def step_5(r):
    xyj = data('corpora', 'zh_classics', XYJ)
    r.nlp('XYJ_lex', 'discover', xyj, '-o', 'XYJ_lex.tsv')
    r.nlp('XYJ_templates', 'templates', xyj, '--lexicon', 'XYJ_lex.tsv',
          '-o', 'XYJ_templates.tsv')
    sentences = pick_sentences(xyj, N_SENTENCES)
    with io.open(os.path.join(r.out, 'XYJ_sentences.txt'), 'w', encoding='utf-8',
                 newline='\n') as f:
        for s in sentences:
            f.write(s + u'\n')
    r.nlp('XYJ_parse', 'parse', '--templates', 'XYJ_templates.tsv', '--lexicon', 'XYJ_lex.tsv',
          stdin='XYJ_sentences.txt', stdout='XYJ_parse.txt')
    r.nlp('XYJ_parse_tree', 'parse', '--templates', 'XYJ_templates.tsv',
          '--lexicon', 'XYJ_lex.tsv', '--tree',
          stdin='XYJ_sentences.txt', stdout='XYJ_parse_tree.txt')


def step_6(r):
    r.nlp('demo_lex', 'discover', '-o', 'demo_lex.tsv')
    r.nlp('demo_vectors', 'vectors', '--lexicon', 'demo_lex.tsv', '-o', 'demo_vectors.txt',
          '--counts', 'demo_counts.txt', '--seed', '1', '--epochs', '2')
    r.nlp('demo_vectors_python', 'vectors', '--lexicon', 'demo_lex.tsv',
          '-o', 'demo_vectors_python.txt', '--counts', 'demo_counts_python.txt',
          '--seed', '1', '--epochs', '2', '--backend', 'python')


STEPS = {1: step_1, 2: step_2, 3: step_3, 4: step_4, 5: step_5, 6: step_6}
TITLES = {1: 'PKU setting A lexicons', 2: 'PKU setting B lexicons', 3: 'tokenized PKU test',
          4: 'English 2M-token co-occurrences and vectors', 5: 'Xiyouji templates and parses',
          6: 'bundled sample vectors'}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--out', required=True, metavar='DIR')
    parser.add_argument('--python', default=sys.executable,
                        help='interpreter of the subprocesses (default: this one)')
    parser.add_argument('--tree', default=REPO,
                        help='source tree put first on PYTHONPATH (default: %(default)s)')
    parser.add_argument('--steps', default='1,2,3,4,5,6', help='which steps (default: all)')
    parser.add_argument('--hash-seed', default='0',
                        help='PYTHONHASHSEED of the subprocesses (default 0; "random")')
    args = parser.parse_args()
    steps = sorted(set(int(s) for s in args.steps.split(',') if s.strip()))
    if not steps or not set(steps) <= set(STEPS):
        parser.error('--steps: numbers among 1-6')
    if args.hash_seed != 'random' and not args.hash_seed.isdigit():
        parser.error('--hash-seed: a number or "random"')

    for step in steps:  # skip before doing anything when some data is missing
        for parts in INPUTS[step]:
            data(*parts)

    out = os.path.abspath(args.out)
    tree = os.path.abspath(args.tree)
    if not os.path.isdir(os.path.join(tree, 'nlp_zero')):
        sys.exit('snapshot: %s has no nlp_zero package' % tree)
    if not os.path.isdir(os.path.join(out, 'logs')):
        os.makedirs(os.path.join(out, 'logs'))
    runner = Runner(args.python, tree, out, args.hash_seed)
    where = runner.where()
    version = subprocess.check_output(
        [args.python, '-c', 'import sys, nlp_zero; sys.stdout.write("%s nlp_zero %s" % '
         '(sys.version.split()[0], nlp_zero.__version__))'],
        cwd=out, env=runner.env).decode('utf-8')
    info = [u'python: %s (%s)' % (args.python, version), u'tree: %s' % tree,
            u'nlp_zero imported from: %s' % where, u'data: %s' % DATA,
            u'PYTHONHASHSEED: %s' % args.hash_seed, u'steps: %s' % args.steps,
            u'started: %s' % time.strftime('%Y-%m-%d %H:%M:%S %Z')]
    for line in info:
        print(line)

    step_times = []
    for step in steps:
        print('step %d: %s' % (step, TITLES[step]))
        sys.stdout.flush()
        started = time.time()
        cpu_before = os.times()
        STEPS[step](runner)
        cpu_after = os.times()
        cpu = sum(cpu_after[i] - cpu_before[i] for i in range(4))
        step_times.append((step, time.time() - started, cpu))

    names = sorted(n for n in os.listdir(out)
                   if n != 'SHA1SUMS' and os.path.isfile(os.path.join(out, n)))
    sums = [(n, os.path.getsize(os.path.join(out, n)), sha1(os.path.join(out, n)))
            for n in names]
    with io.open(os.path.join(out, 'SHA1SUMS'), 'w', encoding='utf-8', newline='\n') as f:
        for name, _, digest in sums:
            f.write(u'%s  %s\n' % (digest, name))

    lines = [u'']
    lines.append(u'%-28s %12s  %s' % (u'file', u'bytes', u'sha1'))
    for name, size, digest in sums:
        lines.append(u'%-28s %12d  %s' % (name, size, digest))
    lines.append(u'')
    lines.append(u'%-22s %9s %9s' % (u'command', u'wall s', u'CPU s'))
    for label, _, wall, cpu in runner.commands:
        lines.append(u'%-22s %9.1f %9.1f' % (label, wall, cpu))
    lines.append(u'')
    lines.append(u'%-50s %9s %9s' % (u'step', u'wall s', u'CPU s'))
    for step, wall, cpu in step_times:
        lines.append(u'%-50s %9.1f %9.1f' % (u'%d %s' % (step, TITLES[step]), wall, cpu))
    lines.append(u'')
    lines.append(u'wrote %s' % os.path.join(out, 'SHA1SUMS'))
    with io.open(os.path.join(out, 'logs', 'summary.txt'), 'w', encoding='utf-8',
                 newline='\n') as f:
        for line in info + [u'commands:'] + [u'  ' + c[1] for c in runner.commands] + lines:
            f.write(line + u'\n')
    for line in lines:
        print(line)
    return 0


if __name__ == '__main__':
    sys.exit(main())
