# -*- coding: utf-8 -*-
"""A long fuzz campaign of every loader: hypothesis or atheris (benchmark-only).

The unit tests (tests/test_fuzz_loaders.py) run a few hundred seeded damages
per loader on every run.  This script runs the same loaders, samples and
checks (tests/fuzzing.py, tests/fuzz_targets.py) for a given time with a
real fuzzer:

* ``--engine hypothesis`` (default): each case starts from a valid sample,
  optionally damaged by the seeded mutator, then hypothesis adds its own
  damages: bytes and lines it generates (any text, any float, integers of
  500 digits, JSON values of any shape), other encodings and loader options
  (``encoding=`` with every kind of codec, ``unicode_errors``, ``limit``,
  ``no_header``, ``errors``, ``max_line_chars``), and checkpoint bodies with
  any doubles behind a valid checksum.  A failure is shrunk.
* ``--engine atheris``: coverage-guided (libFuzzer) mutation of the raw file
  bytes, starting from the valid samples, one target after the other.

A case fails when an exception other than the library's own escapes, when
the message does not name the file (or names a line that is not there),
when what loads is unusable, or when one case takes over 5 s.  Every
distinct failure is printed with its case; the totals go to stdout.

Run it from a benchmark-only environment, never a requirement of the package:
    python3.11 -m venv ~/.cache/nlp-zero-bench/fuzz
    ~/.cache/nlp-zero-bench/fuzz/bin/pip install hypothesis atheris
    nice ~/.cache/nlp-zero-bench/fuzz/bin/python benchmarks/fuzz_loaders.py --seconds 600
"""

from __future__ import print_function

import argparse
import os
import random
import re
import shutil
import struct
import sys
import tempfile
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [ROOT, os.path.join(ROOT, 'tests')]

if 'atheris-one' in sys.argv:  # coverage instrumentation of the package, before it loads
    import atheris
    with atheris.instrument_imports(include=['nlp_zero']):
        import nlp_zero  # noqa: F401
        import nlp_zero.vectors.checkpoint  # noqa: F401

import fuzz_targets  # noqa: E402
import fuzzing  # noqa: E402

#: Codecs a user could name, text or not, for the loaders' ``encoding=``.
CODECS = ['utf-8', 'utf-8-sig', 'utf-16', 'utf-16-be', 'utf-32', 'latin-1', 'cp1252',
          'gb18030', 'shift_jis', 'utf-7', 'idna', 'punycode', 'unicode_escape',
          'raw_unicode_escape', 'rot13', 'base64', 'hex', 'zlib', 'no-such-codec']

#: A case slower than this is reported as a hang.
SLOW_SECONDS = 5.0


class Campaign(object):
    """Runs cases, counts them and keeps one example of every distinct failure."""

    def __init__(self, folder):
        self.folder = folder
        self.cases = {}
        self.failures = {}

    def run(self, target, case):
        """None when the case went as it should, else the failure (also recorded)."""
        path = os.path.join(self.folder, 'damaged' + case.suffix)
        start = time.time()
        problem = fuzzing.check_case(target, case, path)
        seconds = time.time() - start
        if problem is None and seconds > SLOW_SECONDS:
            problem = 'slow: %.1f s for one case' % seconds
        self.cases[target.name] = self.cases.get(target.name, 0) + 1
        if problem is not None:
            key = (target.name, re.sub(r'[0-9]+', 'N', problem.strip().splitlines()[-1])[:120])
            if key not in self.failures:
                self.failures[key] = (case, problem)
                print('FAILURE %s: %r\n%s' % (target.name, case, problem), flush=True)
        return problem


# ------------------------------------------------------------------ hypothesis
def hypothesis_engine(campaign, targets, seconds):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    slice_seconds = seconds / float(len(targets))
    for target in targets:
        strategy = case_strategy(st, target)

        @settings(max_examples=200, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def test(case):
            problem = campaign.run(target, case)
            assert problem is None, problem

        end = time.time() + slice_seconds
        while time.time() < end:
            try:
                test()
            except AssertionError:
                pass  # recorded by the campaign (shrunk cases too)


def case_strategy(st, target):
    """Cases: a sample, the seeded mutator (sometimes), then hypothesis's damages."""
    numbers = st.one_of(
        st.floats().map(repr), st.integers(-10 ** 500, 10 ** 500).map(str),
        st.integers(-5, 5).map(str), st.sampled_from(['nan', 'inf', '-inf', '1e999', '1e-320']))
    field = st.one_of(numbers, st.text(max_size=12), st.sampled_from(
        [f.decode('latin-1') for f in fuzzing.NASTY_FIELDS]))
    line = st.lists(field, min_size=0, max_size=6).flatmap(
        lambda fields: st.sampled_from([u'\t', u' ', u'  ']).map(lambda sep: sep.join(fields)))
    json_value = st.recursive(
        st.one_of(st.none(), st.booleans(), st.floats(), st.integers(-10 ** 30, 10 ** 30),
                  st.text(max_size=8)),
        lambda inner: st.one_of(st.lists(inner, max_size=4),
                                st.dictionaries(st.text(max_size=8), inner, max_size=4)),
        max_leaves=12)

    @st.composite
    def build(draw):
        rng = random.Random(draw(st.integers(0, 2 ** 32)))
        if draw(st.booleans()):
            case = target.make_case(rng)
        else:
            k = rng.randrange(len(target.samples))
            case = fuzzing.Case(getattr(target, 'suffix', '.txt'), target.samples[k], None,
                                ['sample %d' % k])
            if target.name == 'corpus':
                case.suffix = draw(st.sampled_from(target.suffixes))
                case.data = fuzz_targets.compress(case.suffix, case.data)
        for _ in range(draw(st.integers(0, 3))):
            damage = draw(st.sampled_from(['bytes', 'line', 'json', 'body', 'encoding']))
            case.data = apply_damage(draw, st, damage, case, target, line, json_value)
        case.options = draw(options_strategy(st, target)) if draw(st.booleans()) else \
            case.options
        return case

    return build()


def apply_damage(draw, st, damage, case, target, line, json_value):
    data = case.data
    if damage == 'bytes':
        k = draw(st.integers(0, len(data)))
        size = draw(st.integers(0, 8))
        piece = draw(st.binary(max_size=16))
        case.notes.append('bytes %d..%d -> %r' % (k, k + size, piece))
        return data[:k] + piece + data[k + size:]
    if damage == 'line' and not target.binary:
        lines = data.split(b'\n')
        n = draw(st.integers(0, len(lines)))
        text = draw(line)
        case.notes.append('line %d -> %r' % (n + 1, text[:60]))
        return b'\n'.join(lines[:n] + [text.encode('utf-8', 'surrogatepass')] + lines[n + 1:])
    if damage == 'json' and target.json_line is not None:
        return replace_json_field(draw, st, case, target, json_value)
    if damage == 'body' and target.name == 'checkpoint':
        return reseal_body(draw, st, case)
    if damage == 'encoding' and not target.binary:
        encoding = draw(st.sampled_from(fuzzing.ENCODINGS + ['utf-16-be', 'utf-32-le']))
        case.notes.append('re-encoded as ' + encoding)
        return data.decode('utf-8', 'replace').encode(encoding, 'replace')
    return data


def replace_json_field(draw, st, case, target, json_value):
    import json
    lines = case.data.split(b'\n')
    n = target.json_line
    if n >= len(lines):
        return case.data
    prefix = b'# ' if lines[n].startswith(b'# ') else b''
    try:
        header = json.loads(lines[n][len(prefix):].decode('utf-8'))
    except (ValueError, RuntimeError):
        return case.data
    if not isinstance(header, dict) or not header:
        return case.data
    key = draw(st.sampled_from(sorted(header)))
    header[key] = draw(json_value)
    case.notes.append('header %s = %r' % (key, header[key]))
    lines[n] = prefix + json.dumps(header).encode('utf-8')
    return b'\n'.join(lines)


def reseal_body(draw, st, case):
    """Any doubles in a checkpoint body, behind a recomputed checksum."""
    import json
    end = case.data.find(b'\n') + 1
    try:
        header = json.loads(case.data[:end].decode('utf-8'))
        body = bytearray(case.data[end:])
        for _ in range(draw(st.integers(1, 4))):
            k = 8 * draw(st.integers(0, max(0, len(body) // 8 - 1)))
            body[k:k + 8] = struct.pack('<d', draw(st.floats()))
        header['crc32'] = zlib.crc32(bytes(body)) & 0xffffffff
    except (ValueError, RuntimeError, TypeError):
        return case.data
    case.notes.append('body values changed, checksum recomputed')
    return json.dumps(header).encode('utf-8') + b'\n' + bytes(body)


def options_strategy(st, target):
    codec = st.sampled_from(CODECS)
    if target.name in ('lexicon', 'templates'):
        return st.fixed_dictionaries({'encoding': codec})
    if target.name == 'word2vec':
        return st.fixed_dictionaries({}, optional={
            'encoding': codec, 'unicode_errors': st.sampled_from(['strict', 'replace', 'ignore']),
            'limit': st.one_of(st.none(), st.integers(0, 20)),
            'no_header': st.sampled_from([None, True, False])})
    if target.name == 'corpus':
        return st.fixed_dictionaries({
            'encoding': codec, 'errors': st.sampled_from(['strict', 'replace', 'ignore']),
            'max_line_chars': st.one_of(st.none(), st.integers(1, 100))})
    return st.just({})


# -------------------------------------------------------------------- atheris
def atheris_engine(campaign, targets, seconds):
    """One child process per target (libFuzzer ends its process when done)."""
    import subprocess
    budget = max(1, int(seconds / len(targets)))
    for target in targets:
        child = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), '--engine', 'atheris-one',
             '--targets', target.name, '--seconds', str(budget)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        failure = None
        for text in child.stdout:
            if text.startswith('FAILURE '):
                failure = [text]
            elif failure is not None and not text.startswith(('#', 'INFO:', 'stat::')):
                failure.append(text)
            if text.startswith('stat::number_of_executed_units:'):
                campaign.cases[target.name] = int(text.split(':')[-1])
            if failure is not None and text.startswith(('#', 'stat::')):
                record_child_failure(campaign, target, failure)
                failure = None
        if failure is not None:
            record_child_failure(campaign, target, failure)
        child.wait()


def record_child_failure(campaign, target, lines):
    key = (target.name, re.sub(r'[0-9]+', 'N', lines[-1].strip())[:120])
    if key not in campaign.failures:
        campaign.failures[key] = (None, ''.join(lines))
        print(''.join(lines), end='', flush=True)


def atheris_one(campaign, target, seconds):
    """libFuzzer over the raw bytes of one target's files, from its samples."""
    import atheris
    corpus_dir = tempfile.mkdtemp(prefix='seeds-', dir=campaign.folder)
    for k, sample in enumerate(target.samples):
        data = sample if target.name != 'corpus' else fuzz_targets.compress('.gz', sample)
        with open(os.path.join(corpus_dir, 'sample%d' % k), 'wb') as f:
            f.write(data)
    suffix = '.gz' if target.name == 'corpus' else getattr(target, 'suffix', '.txt')

    def one_input(data):
        campaign.run(target, fuzzing.Case(suffix, data, None, ['atheris']))

    atheris.Setup([sys.argv[0], corpus_dir, '-max_total_time=%d' % seconds, '-max_len=65536',
                   '-rss_limit_mb=4096', '-print_final_stats=1'], one_input)
    atheris.Fuzz()  # ends the process


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--seconds', type=float, default=600)
    parser.add_argument('--engine', choices=['hypothesis', 'atheris', 'atheris-one'],
                        default='hypothesis')
    parser.add_argument('--targets', default='',
                        help='comma-separated target names (default: all)')
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix='nlp-zero-fuzz-campaign-')
    try:
        chosen = [t for t in fuzz_targets.TARGETS
                  if not args.targets or t.name in args.targets.split(',')]
        targets = [t(folder) for t in chosen]
        campaign = Campaign(folder)
        if args.engine == 'atheris-one':
            atheris_one(campaign, targets[0], int(args.seconds))
        start = time.time()
        engine = hypothesis_engine if args.engine == 'hypothesis' else atheris_engine
        engine(campaign, targets, args.seconds)
        print('\nengine %s, %.0f s, Python %s' % (args.engine, time.time() - start,
                                                 sys.version.split()[0]))
        for target in targets:
            print('%-14s %8d cases' % (target.name, campaign.cases.get(target.name, 0)))
        print('total          %8d cases, %d distinct failures'
              % (sum(campaign.cases.values()), len(campaign.failures)))
        return 1 if campaign.failures else 0
    finally:
        shutil.rmtree(folder, True)


if __name__ == '__main__':
    sys.exit(main())
