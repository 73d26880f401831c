# -*- coding: utf-8 -*-
"""Template discovery on the Fudan corpus, and parse speed on the PKU test text.

usage:
  python benchmarks/bench_templates.py find --lexicon LEXICON.tsv [--corpus FILE]
         [--output TEMPLATES.tsv] [--limit-lines N] [--top N]
  python benchmarks/bench_templates.py parse --lexicon LEXICON.tsv --templates TEMPLATES.tsv
         [--limit N] [--max-span N] [--max-steps N]
  python benchmarks/bench_templates.py worst [--max-steps N]

``find`` runs ``TemplateFinder.fit`` (both passes, default options) on the
corpus (default: the Fudan corpus of the shared data) and prints the time,
the table sizes, the slowest fragment, and the top templates that are not
``[X]w[X]``.  Run it under ``/usr/bin/time -v`` for the peak memory.

``parse`` parses every line of the PKU test text (SIGHAN 2005), then every
sentence of it (lines cut after 。！？；), with ``Parser(templates,
tokenize)`` and prints sentences per second (CPU time), the slowest
sentence, and how many clauses (the parser reads each run of words between
punctuation marks on its own) were longer than the parser's ``max_span`` or
reached its ``max_steps`` (read as isolated words).

``worst`` times the parser on the worst case of issue 13: ``count``
templates ``[X] a [X]``, ``[X] a [X] a [X]`` ... on ``a a a ...``.

The lexicon should come from ``nlp-zero discover`` on the same corpus.
"""

from __future__ import division, print_function

import argparse
import io
import os
import re
import sys
import time

from _common import DATA, data_path, interpreter, peak_rss_mb

from nlp_zero import Corpus, Lexicon, Parser, TemplateFinder, TemplateSet, Tokenizer
from nlp_zero._compat import text_type
from nlp_zero.structure.parser import MAX_STEPS
from nlp_zero.text.chars import compile_word_pattern
from nlp_zero.progress import Progress

try:
    clock = time.process_time
except AttributeError:  # Python 2
    clock = time.clock

SENTENCE_END = re.compile(u'(?<=[。！？；])')
IS_WORD = compile_word_pattern().search


def load_average():
    try:
        return '%.2f' % os.getloadavg()[0]
    except (AttributeError, OSError):
        return '?'


def out(text):
    if sys.version_info[0] == 2:
        text = text.encode('utf-8')
    print(text)
    sys.stdout.flush()


class SlowestFragment(object):
    """Wraps tokenize + the finder's per-fragment work to time the worst fragment."""

    def __init__(self, finder):
        self.worst = (0.0, u'')
        original = finder._count_fragment

        def timed(ws, strong, counts):
            started = time.time()
            found = original(ws, strong, counts)
            spent = time.time() - started
            if spent > self.worst[0]:
                self.worst = (spent, u' '.join(ws))
            return found

        finder._count_fragment = timed


def run_find(args):
    path = args.corpus or data_path('corpora', 'zh_fudan.txt.gz')
    lexicon = Lexicon.load(args.lexicon)
    tokenizer = Tokenizer(lexicon)
    corpus = Corpus(path, max_line_chars=1000000)
    if args.limit_lines:
        corpus = Corpus.from_texts(line for number, line in enumerate(corpus)
                                   if number < args.limit_lines)
    progress = Progress('templates', quiet=args.quiet)
    corpus.progress = progress
    finder = TemplateFinder(tokenizer.tokenize, progress=progress)
    slowest = SlowestFragment(finder)
    out(u'interpreter %s, load average %s, lexicon %s (%d words)' % (
        interpreter(), load_average(), args.lexicon, len(lexicon)))
    started, cpu = time.time(), clock()
    templates = finder.fit(corpus)
    wall, cpu = time.time() - started, clock() - cpu
    if args.output:
        templates.save(args.output)
    out(u'corpus %s' % path)
    out(u'fragments %d, words %d, pair occurrences %d' % (
        finder.fragments_trained, finder.word_total, finder.pair_total))
    out(u'pair table %d entries, linking pairs %d' % (
        len(finder.pair_counts), len(finder.strong_pairs())))
    out(u'templates: %d distinct, %d occurrences, %d kept' % (
        len(finder.template_counts), finder.template_total, len(templates)))
    out(u'stretches cut at max_steps=%d: %d; longest walk of one stretch: %d steps' % (
        finder.max_steps, finder.truncated, finder.most_steps))
    out(u'slowest fragment (path walk, wall time: includes pauses) %.4f s: %s' % (
        slowest.worst[0], slowest.worst[1][:80]))
    out(u'time %.1f s wall, %.1f s CPU; peak RSS %.0f MB; load average %s' % (
        wall, cpu, peak_rss_mb(), load_average()))
    out(u'')
    out(u'not [X]w[X]:')
    table(templates.most_common(args.top, trivial=False))
    out(u'')
    out(u'with two or more words:')
    table([(t, c) for t, c in templates.most_common() if len(t.literals) > 1][:args.top])


def table(rows):
    """Markdown rows: the printed form, then the file form (words spaced)."""
    out(u'| rank | template | words | count |')
    out(u'|---:|---|---|---:|')
    for rank, (template, count) in enumerate(rows, 1):
        out(u'| %d | `%s` | `%s` | %d |' % (rank, text_type(template), template.to_line(), count))


def pku_lines(limit):
    path = data_path('cws', 'pku_test.utf8')
    with io.open(path, encoding='utf-8') as f:
        lines = [line.strip() for line in f if line.strip()]
    return lines[:limit] if limit else lines


def clause_lengths(words):
    """Lengths of the runs of tokens with a word character (the parser reads
    each on its own: punctuation bounds blocks)."""
    lengths = [0]
    for word in words:
        if IS_WORD(word):
            lengths[-1] += 1
        elif lengths[-1]:
            lengths.append(0)
    return lengths


def time_parses(parser, texts):
    words = [parser.tokenize(text) for text in texts]
    worst = (0.0, 0)
    started = clock()
    capped = 0
    for ws in words:
        before = clock()
        tree = parser.parse_words(ws)
        spent = clock() - before
        if spent > worst[0]:
            worst = (spent, len(ws))
        if parser.max_span is not None:
            capped += sum(1 for n in clause_lengths(ws) if n > parser.max_span)
        assert tree is None or tree.content == u''.join(ws)
    total = clock() - started
    return total, worst, capped, sum(len(ws) for ws in words)


def run_parse(args):
    lines = pku_lines(args.limit)
    tokenizer = Tokenizer(Lexicon.load(args.lexicon))
    templates = TemplateSet.load(args.templates)
    parser = Parser(templates, tokenizer.tokenize, max_span=args.max_span or None,
                    max_steps=args.max_steps or None)
    sentences = [s for line in lines for s in SENTENCE_END.split(line) if s.strip()]
    out(u'interpreter %s, load average %s, %d templates, max_span %s' % (
        interpreter(), load_average(), len(templates), parser.max_span))
    for name, texts in (('lines', lines), ('sentences', sentences)):
        parser.truncated = 0
        total, worst, capped, n_words = time_parses(parser, texts)
        out(u'%s: %d (%d words) in %.2f s CPU = %.1f per second; slowest %.3f s (%d words); '
            u'%d clauses longer than max_span, %d cut at max_steps' % (
                name, len(texts), n_words, total, len(texts) / total, worst[0], worst[1],
                capped, parser.truncated))
    out(u'peak RSS %.0f MB; load average %s' % (peak_rss_mb(), load_average()))
    for text in sentences[:args.show]:
        tree = parser.parse(text)
        if tree is not None:
            out(u'  ' + tree.bracketed())


def repeated_templates(count):
    return TemplateSet(dict((u' '.join([u'[X] a'] * m + [u'[X]']), 10 + m)
                            for m in range(1, count + 1)))


def run_worst(args):
    out(u'interpreter %s, load average %s, max_steps %s' % (
        interpreter(), load_average(), args.max_steps or None))
    for count, n, max_span in ((31, 150, 150), (63, 150, 150), (31, 300, None), (63, 300, None)):
        parser = Parser(repeated_templates(count), max_span=max_span,
                        max_steps=args.max_steps or None)
        before = clock()
        tree = parser.parse_words([u'a'] * n)
        out(u'%d templates, %d words, max_span %s: %.2f s CPU (%s)' % (
            count, n, max_span, clock() - before,
            u'cut at max_steps' if parser.truncated else u'searched: ' + text_type(tree.template)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    commands = parser.add_subparsers(dest='command')
    find = commands.add_parser('find', help='template discovery on a corpus')
    find.add_argument('--lexicon', required=True)
    find.add_argument('--corpus', help='default: %s' % os.path.join(
        DATA, 'corpora', 'zh_fudan.txt.gz'))
    find.add_argument('--output', help='save the templates here')
    find.add_argument('--limit-lines', type=int, default=0)
    find.add_argument('--top', type=int, default=30)
    find.add_argument('--quiet', action='store_true')
    parse = commands.add_parser('parse', help='parse speed on the PKU test text')
    parse.add_argument('--lexicon', required=True)
    parse.add_argument('--templates', required=True)
    parse.add_argument('--limit', type=int, default=0, help='first N lines only')
    parse.add_argument('--max-span', type=int, default=150)
    parse.add_argument('--show', type=int, default=5, help='print N parsed sentences')
    parse.add_argument('--max-steps', type=int, default=MAX_STEPS, help='0: no cap')
    worst = commands.add_parser('worst', help='the worst case of issue 13')
    worst.add_argument('--max-steps', type=int, default=MAX_STEPS, help='0: no cap')
    args = parser.parse_args(argv)
    if args.command == 'find':
        run_find(args)
    elif args.command == 'parse':
        run_parse(args)
    elif args.command == 'worst':
        run_worst(args)
    else:
        parser.print_help()


if __name__ == '__main__':
    main()
