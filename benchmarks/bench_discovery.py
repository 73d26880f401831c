"""Word discovery against the original nlp-zero 0.1.6: quality, time, memory.

usage: python benchmarks/bench_discovery.py [--settings A,B] [--methods cut,ngram]
                                           [--workers 1,2] [--ablation]
                                           [--python PYTHON] [--no-original]
                                           [--original-python PYTHON] [--keep DIR]
                                           [--test RAW --gold GOLD --corpus TEXT]

Setting A: discover on the raw PKU test text only (172k characters).
Setting B: discover on the Fudan corpus (46M characters) plus the raw PKU
test text.  In both, the lexicon found cuts the raw PKU test text and the
result is scored against the gold segmentation, exactly as a user would do
it with the command line::

    nlp-zero discover CORPUS... -o lexicon.tsv [--method M]
    nlp-zero tokenize pku_test.utf8 -l lexicon.tsv -o predicted.txt
    nlp-zero evaluate-segmentation pku_test_gold.utf8 predicted.txt

and cross-checked with the independent scorer ../shared/tools/segscore.py.
The gold file is only ever read by the scorers.

``--ablation`` also runs, for each method, the defaults with one new piece
of lexicon building taken out at a time (see ABLATION), with the same
commands plus those options.  ``--test``/``--gold``/``--corpus`` replace
the PKU test text, its gold segmentation and the Fudan corpus (e.g. the
same files converted to traditional characters; setting A is then
``--test`` alone, B is ``--corpus`` plus ``--test``).

Each discovery runs in its own process under ``/usr/bin/time -v`` (wall
time and peak resident memory of the whole process).  The original runs in
its own interpreter (CPython 3.8 environment, --original-python) with its
default parameters, on the same text, in the same run, and cuts the test
text with its own exported tokenizer.
"""

from __future__ import division, print_function

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from _common import DATA, ROOT, bench_python, data_path, interpreter, time_report

TIME = '/usr/bin/time'

# Runs in the original's interpreter: Word_Finder with its defaults, then its
# tokenizer on the test text.  Prints one JSON line.
ORIGINAL_SCRIPT = r'''
import gzip, io, json, sys, time
from nlp_zero import Word_Finder
test, output, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
def texts():
    for path in sources:
        opener = gzip.open if path.endswith('.gz') else io.open
        with opener(path, 'rt', encoding='utf-8') as f:
            for line in f:
                yield line.strip()
start, cpu = time.time(), time.process_time()
finder = Word_Finder()
finder.train(texts())
finder.find(texts())
seconds, cpu = time.time() - start, time.process_time() - cpu
tokenizer = finder.export_tokenizer()
with io.open(test, encoding='utf-8') as f, io.open(output, 'w', encoding='utf-8') as out:
    for line in f:
        line = line.strip()
        out.write(u' '.join(w for w in tokenizer.tokenize(line) if w.strip()) + u'\n')
print(json.dumps({'seconds': seconds, 'cpu': cpu, 'words': len(finder.words)}))
'''


#: Ablation: the defaults with one piece of lexicon building taken out (the
#: same pieces for both methods).
_PIECES = [('without the second cut', ['--no-second-cut']),
           ('before: 1 pass, frequent pieces', ['--no-second-cut', '--reestimate', '1',
                                                '--reestimate-pieces', 'frequent']),
           ('without re-estimating all pieces', ['--reestimate-pieces', 'frequent']),
           ('without redundancy rounds (1 pass)', ['--reestimate', '1'])]
ABLATION = {'cut': _PIECES, 'ngram': _PIECES}


def timed(command, env=None, cwd=None):
    """Run ``command`` under /usr/bin/time -v: (stdout, wall seconds, peak MB)."""
    prefix = [TIME, '-v'] if os.path.exists(TIME) else []
    started = time.time()
    process = subprocess.Popen(prefix + command, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, cwd=cwd)
    out, err = process.communicate()
    seconds = time.time() - started
    err = err.decode('utf-8', 'replace')
    if process.returncode:
        sys.exit('failed: %s\n%s' % (' '.join(command), err[-3000:]))
    wall, peak, cpu = time_report(err)
    return (out.decode('utf-8', 'replace'), wall if wall is not None else seconds, peak,
            cpu or float('nan'), err)


def nlp_zero(python, *args):
    env = dict(os.environ)
    env['PYTHONPATH'] = ROOT + os.pathsep + env.get('PYTHONPATH', '')
    return [python, '-m', 'nlp_zero'] + list(args), env


def score(gold, predicted, python):
    """(P, R, F1) by the project's scorer, checked against segscore.py."""
    command, env = nlp_zero(python, 'evaluate-segmentation', gold, predicted)
    out = subprocess.check_output(command, env=env).decode('utf-8')
    values = dict(line.split('\t') for line in out.splitlines() if '\t' in line)
    ours = tuple(float(values[k]) for k in ('precision', 'recall', 'F1'))
    checker = os.path.join(os.path.dirname(DATA), 'tools', 'segscore.py')
    if os.path.exists(checker):
        line = subprocess.check_output([sys.executable, checker, gold, predicted])
        found = re.search(r'P ([\d.]+) R ([\d.]+) F1 ([\d.]+)', line.decode('utf-8'))
        theirs = tuple(float(x) for x in found.groups())
        if max(abs(a - b) for a, b in zip(ours, theirs)) > 1e-3:
            sys.exit('scorers disagree: %r vs %r' % (ours, theirs))
    return ours


def run_ours(python, sources, test, gold, method, work, workers=1, extra=(), tag=''):
    name = '%s-%s-w%d%s' % ('+'.join(os.path.basename(s) for s in sources)[:60], method,
                            workers, tag)
    lexicon = os.path.join(work, 'lexicon-%s.tsv' % name)
    predicted = os.path.join(work, 'predicted-%s.txt' % name)
    command, env = nlp_zero(python, *(['discover', '-o', lexicon, '--method', method,
                                       '--workers', str(workers)] + list(extra) + sources))
    _, seconds, peak, cpu, err = timed(command, env)
    summary = [line for line in err.splitlines() if line.startswith(('found', 'information'))]
    command, env = nlp_zero(python, 'tokenize', test, '-l', lexicon, '-o', predicted, '-q')
    subprocess.check_call(command, env=env)
    return dict(seconds=seconds, cpu=cpu, peak=peak, scores=score(gold, predicted, python),
                summary=summary)


def run_original(python, sources, test, gold, work):
    predicted = os.path.join(work, 'predicted-original.txt')
    # run from the work folder, so that this project's nlp_zero is not imported
    out, seconds, peak, cpu, _ = timed([python, '-c', ORIGINAL_SCRIPT, test, predicted] + sources,
                                  cwd=work)
    info = json.loads(out.strip().splitlines()[-1])
    # its own timer covers discovery only; its process also tokenized
    return dict(seconds=info['seconds'], cpu=info['cpu'], peak=peak,
                scores=score(gold, predicted, sys.executable))


def load():
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return float('nan')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--settings', default='A,B')
    parser.add_argument('--methods', default='ngram,cut')
    parser.add_argument('--workers', default='1',
                        help='worker counts to run the cut method with (e.g. 1,2; '
                             'peak MB is then that of the largest process)')
    parser.add_argument('--python', default=sys.executable,
                        help='interpreter that runs nlp-zero (e.g. pypy3)')
    parser.add_argument('--no-original', action='store_true')
    parser.add_argument('--original-python', default=None,
                        help='interpreter with nlp-zero 0.1.6 (default: ~/.cache/nlp-zero-bench/original, made by setup_env.sh)')
    parser.add_argument('--keep', metavar='DIR', help='keep lexicons and outputs here')
    parser.add_argument('--ablation', action='store_true',
                        help='also run the defaults without each new piece (ABLATION)')
    parser.add_argument('--test', help='raw test text (default: PKU test)')
    parser.add_argument('--gold', help='its gold segmentation (default: PKU test gold)')
    parser.add_argument('--corpus', help='the large corpus of setting B (default: Fudan)')
    args = parser.parse_args()

    test = args.test or data_path('cws', 'pku_test.utf8')
    gold = args.gold or data_path('cws', 'pku_test_gold.utf8')
    settings = {'A': [test]}
    if 'B' in args.settings:
        settings['B'] = [args.corpus or data_path('corpora', 'zh_fudan.txt.gz'), test]
    work = args.keep or tempfile.mkdtemp(prefix='nlp-zero-bench-')
    if not os.path.isdir(work):
        os.makedirs(work)
    python_name = subprocess.check_output(
        [args.python, '-c', 'import sys, platform; print("%s %s" % ('
         'platform.python_implementation(), platform.python_version()))']).decode().strip()
    print('nlp-zero on %s; bench driver %s; load %.2f' % (python_name, interpreter(), load()))
    print()
    print('| setting | system | P | R | F1 | wall s | CPU s | peak MB | load |')
    print('|---|---|---:|---:|---:|---:|---:|---:|---:|')
    notes = []
    try:
        for setting in [s for s in args.settings.split(',') if s in settings]:
            sources = settings[setting]
            results = []
            for method in args.methods.split(','):
                counts = [int(w) for w in args.workers.split(',')] if method == 'cut' else [1]
                for workers in counts:
                    before = load()
                    found = run_ours(args.python, sources, test, gold, method, work, workers)
                    name = 'nlp-zero %s (%s%s)' % (
                        method, python_name, ', --workers %d' % workers if workers > 1 else '')
                    results.append((name, found, before))
                for number, (label, extra) in enumerate(
                        ABLATION.get(method, []) if args.ablation else []):
                    before = load()
                    found = run_ours(args.python, sources, test, gold, method, work, 1,
                                     extra, '-ablation%d' % number)
                    results.append(('nlp-zero %s, %s (%s)' % (method, label, ' '.join(extra)),
                                    found, before))
            original = None if args.no_original else (args.original_python or
                                                      bench_python('original'))
            if original:
                before = load()
                results.append(('original 0.1.6 (CPython 3.8)',
                                run_original(original, sources, test, gold, work),
                                before))
            for name, result, before in results:
                p, r, f = result['scores']
                print('| %s | %s | %.4f | %.4f | %.4f | %.1f | %.1f | %.0f | %.1f |' % (
                    setting, name, p, r, f, result['seconds'], result['cpu'], result['peak'],
                    before))
                sys.stdout.flush()
            for name, result, _ in results:
                for line in result.get('summary', []):
                    notes.append('%s, %s: %s' % (setting, name, line))
        print()
        for line in notes:
            print('- ' + line)
    finally:
        if not args.keep:
            shutil.rmtree(work, True)


if __name__ == '__main__':
    main()
