"""Throughput and memory of the streaming corpus reader.

usage: python benchmarks/bench_reader.py [FILE ...] [--max-line-chars N]

Reads each file once with :class:`nlp_zero.Corpus` and prints the decompressed
MB/s, the compressed MB/s and the peak resident memory of the process.  With
no FILE it reads the real corpora in ../shared/data/corpora.
"""

from __future__ import print_function

import argparse
import os
import time

from _common import data_path, interpreter, peak_rss_mb

from nlp_zero import Corpus

DEFAULT_FILES = ['corpora/en_wiki_text8style.txt.gz', 'corpora/zh_fudan.txt.gz',
                 'cws/pku_test.utf8']


def measure(path, max_line_chars):
    corpus = Corpus(path, max_line_chars=max_line_chars or None)
    start = time.time()
    lines = chars = encoded = 0
    for line in corpus:
        lines += 1
        chars += len(line)
        encoded += len(line.encode('utf-8')) + 1
    seconds = time.time() - start
    return lines, chars, encoded, os.path.getsize(path), seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('files', nargs='*')
    parser.add_argument("--max-line-chars", type=int, default=1000000, help="0: whole lines")
    args = parser.parse_args()
    files = args.files or [data_path(name) for name in DEFAULT_FILES]
    print('reader throughput, %s, max_line_chars=%s' % (interpreter(), args.max_line_chars))
    print('%-28s %10s %12s %10s %10s %8s' % ('file', 'lines', 'chars', 'MB/s text', 'MB/s file', 'seconds'))
    for path in files:
        lines, chars, encoded, size, seconds = measure(path, args.max_line_chars)
        print('%-28s %10d %12d %10.1f %10.1f %8.2f' % (
            os.path.basename(path)[:28], lines, chars, encoded / seconds / 1e6,
            size / seconds / 1e6, seconds))
    print('peak memory: %.0f MB' % peak_rss_mb())


if __name__ == '__main__':
    main()
