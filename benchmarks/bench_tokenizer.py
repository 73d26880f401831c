"""Speed and quality of the unigram tokenizer against the original nlp-zero 0.1.6.

usage: python benchmarks/bench_tokenizer.py [--lexicon FILE] [--repeat N] [--rounds N]
                                           [--no-original] [--original-python PYTHON]

Both tokenizers cut the raw PKU test text (SIGHAN 2005) with the same
lexicon, and the script prints characters per second (best of N passes, CPU
time) and the F1 of each output against the gold segmentation.

The lexicon: by default the PKU training word list (a decoder "ceiling": it
contains the test's in-vocabulary words, which no unsupervised lexicon
does), with counts estimated without any gold data: start from count 1 for
every word, cut a sample of the raw Fudan news corpus (or, without it, the
raw test text) with it, and take count = 1 + number of times the word was
cut.  ``--lexicon FILE`` benchmarks a lexicon of your own instead (e.g. one
found by word discovery).

The original runs in its own interpreter (it needs CPython <= 3.9): the
benchmark-only environment ~/.cache/nlp-zero-bench/original made by
benchmarks/setup_env.sh, created here when missing (pip download
--no-deps nlp-zero==0.1.6), or the one named by --original-python.
"""

from __future__ import division, print_function

import argparse
import collections
import gzip
import io
import json
import os
import shutil
import subprocess
import tempfile
import time

from _common import DATA, bench_python, data_path, interpreter

from nlp_zero import Lexicon, Tokenizer, segmentation_scores

try:
    clock = time.process_time
except AttributeError:  # Python 2
    clock = time.clock

SAMPLE_CHARS = 5000000

# Runs in the original's interpreter: time its Tokenizer on the same lines.
ORIGINAL_SCRIPT = r'''
import io, json, sys, time
from nlp_zero import Tokenizer, Trie
lexicon, text, output, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
pairs = []
for line in io.open(lexicon, encoding='utf-8'):
    word, count = line.rstrip('\n').split('\t')
    pairs.append((word, int(float(count))))
tokenizer = Tokenizer(Trie(pairs))
lines = io.open(text, encoding='utf-8').read().splitlines()
times = []
for _ in range(repeat):
    start = time.process_time()
    result = [tokenizer.tokenize(line) for line in lines]
    times.append(time.process_time() - start)
with io.open(output, 'w', encoding='utf-8') as out:
    for tokens in result:
        out.write(u' '.join(tokens) + u'\n')
print(json.dumps({'times': times, 'python': sys.version.split()[0]}))
'''


def read_lines(path):
    with io.open(path, encoding='utf-8') as f:
        return [line.rstrip(u'\r\n') for line in f]


def sample_text(limit):
    """Up to ``limit`` characters of raw news text to estimate counts on."""
    path = os.path.join(DATA, 'corpora', 'zh_fudan.txt.gz')
    if not os.path.exists(path):
        return None
    lines, chars = [], 0
    with gzip.open(path, 'rb') as f:
        for raw in f:
            line = raw.decode('utf-8', 'replace').strip()
            lines.append(line)
            chars += len(line)
            if chars >= limit:
                break
    return lines


def ceiling_lexicon(words_path, text_lines):
    """The training word list with counts estimated on raw text (no gold)."""
    words = [w for w in (line.strip() for line in read_lines(words_path)) if w]
    sample = sample_text(SAMPLE_CHARS)
    source = 'count 1 + times cut in %s' % ('the first %d characters of zh_fudan' % SAMPLE_CHARS
                                            if sample else 'the raw PKU test text')
    tokenizer = Tokenizer(Lexicon((w, 1) for w in words))
    counts = collections.Counter()
    for line in sample or text_lines:
        counts.update(tokenizer.tokenize(line))
    return Lexicon((w, counts.get(w, 0) + 1) for w in words), source


def time_ours(tokenizer, lines, repeat):
    times = []
    for _ in range(repeat):
        start = clock()
        result = [tokenizer.tokenize(line) for line in lines]
        times.append(clock() - start)
    return times, result


def ensure_original(python):
    """The original's interpreter (``--original-python``, else the benchmark environment)."""
    return python or bench_python('original')


def run_original(python, lexicon_path, text_path, output, repeat):
    env = dict(os.environ)
    env.pop('PYTHONPATH', None)
    # run outside the project so that "import nlp_zero" finds the original
    out = subprocess.check_output([python, '-c', ORIGINAL_SCRIPT, lexicon_path, text_path,
                                   output, str(repeat)], cwd=tempfile.gettempdir(), env=env)
    return json.loads(out.decode('utf-8'))


def score(gold_path, lines, vocabulary=None):
    return segmentation_scores(read_lines(gold_path), lines, vocabulary)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--lexicon', help='lexicon file (default: PKU training words, see above)')
    parser.add_argument('--repeat', type=int, default=5, help='timed passes per round')
    parser.add_argument('--rounds', type=int, default=3,
                        help='rounds of (ours, original); the best pass is reported')
    parser.add_argument('--no-original', action='store_true', help='do not run the original')
    parser.add_argument('--original-python', help='interpreter with nlp-zero 0.1.6 installed')
    parser.add_argument('--save-lexicon', help='also write the lexicon used here')
    args = parser.parse_args()

    text_path = data_path('cws', 'pku_test.utf8')
    gold_path = data_path('cws', 'pku_test_gold.utf8')
    lines = read_lines(text_path)
    chars = sum(len(line) for line in lines)
    if args.lexicon:
        lexicon, source = Lexicon.load(args.lexicon), args.lexicon
    else:
        lexicon, source = ceiling_lexicon(data_path('cws', 'pku_training_words.utf8'), lines)
    if args.save_lexicon:
        lexicon.save(args.save_lexicon)
    load = os.getloadavg()[0] if hasattr(os, 'getloadavg') else float('nan')
    print('tokenizer benchmark: PKU test, %d lines, %d characters' % (len(lines), chars))
    print('lexicon: %d words (%s)' % (len(lexicon), source))
    print('load average before: %.2f' % load)

    python = None if args.no_original else ensure_original(args.original_python)
    folder = tempfile.mkdtemp(prefix='nlp-zero-bench-')
    lexicon_path = os.path.join(folder, 'lexicon.tsv')
    output = os.path.join(folder, 'original.txt')
    lexicon.save(lexicon_path)

    # Alternate the two in rounds, so that both see the same machine load.
    tokenizer = Tokenizer(lexicon)
    ours_times, their_times, their_python = [], [], None
    for _ in range(args.rounds):
        times, result = time_ours(tokenizer, lines, args.repeat)
        ours_times.extend(times)
        if python:
            found = run_original(python, lexicon_path, text_path, output, args.repeat)
            their_times.extend(found['times'])
            their_python = found['python']
    ours = chars / min(ours_times)
    vocabulary = set(w.strip() for w in read_lines(data_path('cws', 'pku_training_words.utf8')))
    ours_scores = score(gold_path, [u' '.join(tokens) for tokens in result], vocabulary)
    print('%-34s %12s %8s %8s' % ('tokenizer', 'chars/s', 'best s', 'F1'))
    print('%-34s %12.0f %8.4f %8.4f' % ('nlp_zero.Tokenizer (' + interpreter() + ')',
                                         ours, min(ours_times), ours_scores.f1))
    if python:
        theirs = chars / min(their_times)
        their_scores = score(gold_path, read_lines(output), vocabulary)
        print('%-34s %12.0f %8.4f %8.4f' % ('nlp-zero 0.1.6 (cpython %s)' % their_python,
                                             theirs, min(their_times), their_scores.f1))
        print('speed ratio: %.2fx' % (ours / theirs))
    print('ours:     %s' % ours_scores)
    if python:
        print('original: %s' % their_scores)
    shutil.rmtree(folder, True)
    print('load average after: %.2f' % (os.getloadavg()[0] if hasattr(os, 'getloadavg')
                                        else float('nan')))


if __name__ == '__main__':
    main()
