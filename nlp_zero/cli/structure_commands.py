# -*- coding: utf-8 -*-
"""``nlp-zero templates`` and ``nlp-zero parse``: sentence structure."""

from __future__ import division

import argparse
import itertools
import math
import os
import tempfile

from .._compat import clock, text_type
from ..errors import NlpZeroError
from ..text.chars import fragments
from ..text.corpus import Corpus
from ..structure.parser import MAX_STEPS, Parser
from ..structure.finder import TemplateFinder
from ..structure.templates import TemplateSet
from ..words.tokenizer import Tokenizer
from ._common import (MERGED_LEXICONS, add_command, add_exact_options, add_spark_option,
                      argument_text, check_output_folder, check_spark_paths, echo, exact_memory,
                      load_lexicons, make_progress, non_negative_int, open_corpus, positive_int,
                      report_bad_lines, spark_session)

#: Lines of the bundled corpus used by ``nlp-zero demo`` (a quick slice).
DEMO_LINES = 1500


def register(commands):
    """Add ``templates`` and ``parse`` to the subcommands."""
    parser = add_command(commands, 'templates', run_templates, corpus=True,
                         help='find sentence templates in a corpus with a lexicon',
                         description='Find sentence templates ([X]的[X]是[X]呢) from skip-gram '
                                     'mutual information, and save them with their counts.')
    parser.add_argument('corpus', nargs='*', metavar='CORPUS',
                        help='files or folders (.gz/.bz2/.xz; "-" for stdin); '
                             'default: the bundled sample')
    parser.add_argument('--lexicon', '-l', required=True, metavar='LEXICON.tsv',
                        action='append',
                        help='lexicon used to tokenize the corpus (word<TAB>count lines)'
                             + MERGED_LEXICONS)
    parser.add_argument('--output', '-o', required=True, metavar='TEMPLATES.tsv',
                        help='where to save the templates ("-" for stdout)')
    parser.add_argument('--window', type=positive_int, default=5, metavar='N',
                        help='pairs are counted up to N words apart (default: 5)')
    parser.add_argument('--min-proba', type=probability, default=1e-5, metavar='P',
                        help='lowest probability of a linking pair and of a template '
                             '(default: 1e-5)')
    parser.add_argument('--min-pmi', type=finite_number, default=2.0, metavar='PMI',
                        help='lowest mutual information of a linking pair (default: 2)')
    parser.add_argument('--min-count', type=non_negative_int, default=2, metavar='N',
                        help='lowest count of a kept template (default: 2)')
    parser.add_argument('--max-steps', type=positive_int, default=10000, metavar='N',
                        help='cap on the path walk in one stretch of a fragment '
                             '(default: 10000)')
    parser.add_argument('--max-pairs', type=positive_int, default=2000000, metavar='N',
                        help='prune the pair table to its most frequent half beyond N '
                             'entries (default: 2000000)')
    parser.add_argument('--top', type=non_negative_int, default=20, metavar='N',
                        help='how many templates to show (default: 20)')
    _add_engine_options(parser)
    parser.add_argument('--keep-phrases', action='store_true',
                        help='also keep the "templates" without a placeholder (a whole '
                             'fragment: 参考文献, 图 2, a one-word fragment such as 1); they are '
                             'words or collocations, left out by default')

    parser = add_command(commands, 'parse', run_parse,
                         help='parse sentences into nested template blocks',
                         description='Print each sentence with its blocks in brackets, e.g. '
                                     '(鸡蛋)可以(吃)吗; punctuation bounds the blocks, each '
                                     'clause being parsed on its own.  Sentences come from the '
                                     'arguments or, when there are none, one per line from '
                                     'stdin.')
    parser.add_argument('sentences', nargs='*', metavar='SENTENCE',
                        help='sentences to parse (default: lines of stdin)')
    parser.add_argument('--templates', required=True, metavar='TEMPLATES.tsv',
                        help='templates from "nlp-zero templates"')
    parser.add_argument('--lexicon', '-l', required=True, metavar='LEXICON.tsv',
                        action='append',
                        help='lexicon used to tokenize the sentences' + MERGED_LEXICONS)
    parser.add_argument('--tree', action='store_true',
                        help='show each sentence as an indented tree of its blocks: the '
                             'bracketed sentence and its template, then one line per block')
    parser.add_argument('--null-score', type=log_score, default=-20.0, metavar='S',
                        help='log-score of each extra word of a block with no template, 0 '
                             'or less (default: -20)')
    parser.add_argument('--max-span', type=non_negative_int, default=150, metavar='N',
                        help='longest clause searched for templates, in words; longer '
                             'ones are read as isolated words (default: 150; 0: no cap, '
                             'cubic time up to --max-steps)')
    parser.add_argument('--max-steps', type=non_negative_int, default=MAX_STEPS, metavar='N',
                        help='cap on the search of one clause (partial template matches '
                             'carried over one word); a clause that reaches it is read as '
                             'isolated words (default: %d, about 0.3 s; 0: no cap)' % MAX_STEPS)


def _add_engine_options(parser):
    parser.add_argument('--workers', type=positive_int, default=1, metavar='N',
                        help='processes that tokenize, count and walk (default: 1); the '
                             'templates are the same')
    add_spark_option(parser, '; the corpus paths are read by Spark (HDFS, S3 ...); its tables '
                             'are never pruned')
    add_exact_options(parser, '--max-pairs')


def finite_number(text):
    """argparse type of a threshold: a finite number (NaN would silently
    compare false everywhere, and an infinity keeps or drops everything)."""
    try:
        value = float(text)
    except ValueError:
        value = float('nan')
    if math.isnan(value) or math.isinf(value):
        raise argparse.ArgumentTypeError('expected a finite number, not %r' % (text,))
    return value


def probability(text):
    """argparse type of ``--min-proba``: a number between 0 and 1."""
    value = finite_number(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError('expected a probability between 0 and 1, not %r'
                                         % (text,))
    return value


def log_score(text):
    """argparse type of ``--null-score``: a log-score, finite and 0 or less."""
    value = finite_number(text)
    if value > 0:
        raise argparse.ArgumentTypeError('expected a log-score, 0 or less, not %r' % (text,))
    return value


def check_output(path):
    """Fail before counting, not after, when the output cannot be written:
    its folder must exist and take a new file (tried with a temporary file,
    which also catches a read-only file system, whoever the user is)."""
    if path == '-':
        return
    check_output_folder(path)
    if os.path.exists(path) and not os.path.isfile(path):
        return  # a device or a FIFO: not a file made in the folder
    folder = os.path.dirname(path) or os.curdir
    try:
        tempfile.TemporaryFile(dir=folder, prefix='.nlp-zero-check-').close()
    except (IOError, OSError) as exc:
        raise NlpZeroError('cannot write %s: cannot create a file in %s: %s'
                           % (path, folder, exc.strerror or exc))


def load_templates(path):
    """The templates of a file from ``nlp-zero templates``: an empty file,
    or one without a placeholder (a lexicon given as templates: its
    ``word<TAB>count`` lines read as placeholder-free templates), would
    parse every sentence as plain words without a word of warning."""
    templates = TemplateSet.load(path)
    if not len(templates):
        raise NlpZeroError('%s has no templates: give a file written by "nlp-zero templates"'
                           % (path,))
    if not any(template.placeholders for template in templates):
        raise NlpZeroError('%s has no template with a placeholder [X] (is it a lexicon?): '
                           'give a file written by "nlp-zero templates"' % (path,))
    return templates


def _tokenizer(paths):
    return Tokenizer(load_lexicons(paths))


def run_templates(args):
    """``nlp-zero templates``: find templates, save them, print a summary."""
    check_output(args.output)
    progress = make_progress(args, 'counting')
    tokenizer = _tokenizer(args.lexicon)
    # (pruned, the templates table keeps the finder's own bound)
    bounds = ({'max_pairs': None, 'max_templates': None} if args.exact
              else {'max_pairs': args.max_pairs})
    finder = TemplateFinder(tokenizer.tokenize, window=args.window, min_proba=args.min_proba,
                            min_pmi=args.min_pmi, min_count=args.min_count,
                            max_steps=args.max_steps, memory=exact_memory(args),
                            tmp_dir=args.tmp_dir, progress=progress,
                            keep_phrases=args.keep_phrases, workers=args.workers, **bounds)
    started = clock()
    if args.spark:
        templates = _templates_on_spark(args, finder, progress)
    else:
        corpus = open_corpus(args, args.corpus, progress, spool=False)
        templates = finder.fit(corpus)
        report_bad_lines(corpus, progress)
    if args.output == '-':
        for template, count in templates.most_common():
            echo(u'%s\t%d' % (template.to_line(), count))
    else:
        templates.save(args.output)
    summary = [
        u'fragments\t%d' % finder.fragments_trained,
        u'words\t%d' % finder.word_total,
        u'linking pairs\t%d' % len(finder.strong_pairs()),
        u'templates kept\t%d (of %d distinct, %d occurrences)' % (
            len(templates), len(finder.template_counts), finder.template_total),
        u'stretches cut at max-steps\t%d (longest walk: %d steps)' % (
            finder.truncated, finder.most_steps),
        u'seconds\t%.1f' % (clock() - started),
    ]
    show = progress.log if args.output == '-' else echo
    for line in summary:
        show(line)
    top = _structured(templates)[:args.top]
    if top:
        show(u'top templates of two or more words\t' + u'  '.join(
            u'%s %d' % (template, count) for template, count in top))
    return 0


def _templates_on_spark(args, finder, progress):
    from .. import spark
    check_spark_paths(args.corpus)
    with spark_session(args, progress) as session:
        return spark.templates_with(session, args.corpus, finder,
                                    max_line_chars=args.max_line_chars or None)


def _structured(templates):
    """(template, count) of the templates that relate two or more words
    (so neither [X]w[X] nor any other one-word template), most frequent first."""
    return [(t, c) for t, c in templates.most_common() if len(t.literals) > 1]


def run_parse(args):
    """``nlp-zero parse``: print each sentence bracketed (and as a tree)."""
    progress = make_progress(args)
    tokenizer = _tokenizer(args.lexicon)
    parser = Parser(load_templates(args.templates), tokenizer.tokenize,
                    null_score=args.null_score, max_span=args.max_span or None,
                    max_steps=args.max_steps or None)
    if args.sentences:
        sentences = (argument_text(s) for s in args.sentences)
    else:
        sentences = Corpus('-')
    for sentence in sentences:
        tree = parser.parse(sentence)
        if tree is None:
            echo(u'')
            continue
        if args.tree:
            # the plot's first line is the bracketed sentence and its template
            echo(tree.plot())
            echo(u'')
        else:
            echo(tree.bracketed())
    if parser.truncated:
        progress.log('%d clause%s reached --max-steps and %s read as isolated words' % (
            parser.truncated, '' if parser.truncated == 1 else 's',
            'was' if parser.truncated == 1 else 'were'))
    return 0


def demo(args, progress, context):
    """Part of ``nlp-zero demo``: templates found on a slice of the bundled
    corpus with the demo's tokenizer, and a few parsed sentences."""
    tokenizer = context.get('tokenizer')
    if tokenizer is None:
        return
    corpus = context['corpus']
    lines = list(itertools.islice(iter(corpus), DEMO_LINES))
    started = clock()
    finder = TemplateFinder(tokenizer.tokenize, min_proba=1e-4, min_pmi=1)
    templates = finder.fit(Corpus.from_texts(lines))
    echo(u'')
    echo(u'Sentence templates (first %d lines, %.1fs): %d kept, e.g.' % (
        len(lines), clock() - started, len(templates)))
    top = [t for t, _ in _structured(templates) if t.placeholders][:8]
    echo(u'  ' + u'  '.join(text_type(t) for t in top))
    echo(u'Sentences parsed with them:')
    parser = Parser(templates, tokenizer.tokenize)
    shown = 0
    for line in lines:
        for fragment in fragments(line):
            if not 6 <= len(fragment) <= 14:
                continue
            tree = parser.parse(fragment)
            if tree is not None and len(tree.template.literals) > 1 and tree.children:
                echo(u'  ' + tree.bracketed())
                shown += 1
                if shown == 3:
                    return
