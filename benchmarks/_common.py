"""Shared bits of the benchmark scripts: data location, timing, memory."""

from __future__ import print_function

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

#: The evaluation data lives beside the project, never inside it.
DATA = os.environ.get('NLP_ZERO_DATA', os.path.join(os.path.dirname(ROOT), 'shared', 'data'))


#: The 17M-token English corpus of the vector benchmarks (two text8-style files).
EN_CORPORA = ['corpora/en_wiki_text8style.txt.gz', 'corpora/en_nltk_text8style.txt.gz']


def data_path(*parts):
    """Path of a file of the shared data, or exit cleanly when it is absent."""
    path = os.path.join(DATA, *parts)
    if not os.path.exists(path):
        print('skipped: %s not found (set NLP_ZERO_DATA to the shared data folder)' % path)
        sys.exit(0)
    return path


#: Where benchmarks/setup_env.sh puts the benchmark-only environments.
BENCH_ENV = os.environ.get('NLP_ZERO_BENCH_ENV',
                           os.path.join(os.path.expanduser('~'), '.cache', 'nlp-zero-bench'))


def peak_rss_mb():
    """Peak resident memory of this process so far, in MB (Linux, macOS)."""
    try:
        import resource
    except ImportError:
        return float('nan')
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024.0 * 1024.0) if sys.platform == 'darwin' else peak / 1024.0


def time_report(text):
    """``(wall seconds or None, peak RSS MB or nan, CPU seconds)`` of the
    report ``/usr/bin/time -v`` appends to a command's stderr."""
    wall = re.search(r'Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)', text)
    seconds = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60
               + float(wall.group(3))) if wall else None
    peak = re.search(r'Maximum resident set size \(kbytes\): (\d+)', text)
    cpu = sum(float(x) for x in re.findall(r'(?:User|System) time \(seconds\): ([\d.]+)', text))
    return seconds, int(peak.group(1)) / 1024.0 if peak else float('nan'), cpu


def interpreter():
    impl = getattr(sys, 'implementation', None)
    name = impl.name if impl is not None else 'cpython'
    return '%s %d.%d.%d' % ((name,) + tuple(sys.version_info[:3]))


def bench_python(name):
    """Interpreter of a benchmark-only environment in :data:`BENCH_ENV`:
    'original' (nlp-zero 0.1.6 on CPython 3.8), 'peers' (gensim on CPython 3.11) or
    'jieba' (jieba on CPython 3.11).

    Creates the environments with ``benchmarks/setup_env.sh`` when missing;
    returns None (after saying why) when that is not possible.
    """
    import subprocess
    python = os.path.join(BENCH_ENV, name, 'bin', 'python')
    if not os.path.exists(python):
        print('creating the benchmark environments (benchmarks/setup_env.sh) ...')
        try:
            subprocess.check_call(['bash', os.path.join(ROOT, 'benchmarks', 'setup_env.sh')])
        except (OSError, subprocess.CalledProcessError) as exc:
            print('skipped: cannot create the benchmark environment %s: %s' % (name, exc))
            return None
    return python
