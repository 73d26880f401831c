# -*- coding: utf-8 -*-
"""``nlp-zero discover``: find the words of raw text (minimum entropy)."""

from __future__ import division

from argparse import ArgumentTypeError
from collections import Counter

from .._compat import clock
from .._files import open_output, text_lines
from ..words.discovery import DEFAULT_THRESHOLDS, WordDiscovery
from ..words.discovery.newwords import rank_new_words
from ..errors import NlpZeroError
from ..words.information import bits, information_per_char
from ..words.lexicon import Lexicon
from ..words.tokenizer import Tokenizer
from ._common import (UsageError, add_command, add_exact_options, add_spark_option,
                      check_output_folder, check_spark_paths, echo, exact_memory, finite_float,
                      make_progress, non_negative_float, open_corpus, probability,
                      report_bad_lines, spark_session)

#: The demo learns from this many characters of the sample (all of it today).
DEMO_CHARS = 700000


def register(commands):
    parser = add_command(
        commands, 'discover', run_discover, corpus=True,
        help='discover the words of raw text (no dictionary needed)',
        description='Discover words in raw text by minimum entropy: characters that stick '
                    'together far more often than chance become words.  Writes a lexicon '
                    '("word<TAB>count" lines, most frequent first) that "nlp-zero tokenize" '
                    'uses; with --new-words, lists the words that a known lexicon lacks.')
    parser.add_argument('corpus', nargs='*', metavar='CORPUS',
                        help='files or folders (.gz/.bz2/.xz; "-" for stdin); several are '
                             'counted together; default: the bundled sample')
    parser.add_argument('--output', '-o', metavar='FILE',
                        help='write the lexicon here (atomically; default: stdout); with '
                             '--new-words, the new words')
    group = parser.add_argument_group('method')
    group.add_argument('--method', choices=('cut', 'ngram'), default='ngram',
                       help='ngram: n-gram cohesion (default, the better lexicon); cut: '
                            'minimum-entropy cutting on adjacent pairs (faster)')
    group.add_argument('--order', type=int, default=None, metavar='N',
                       help='longest n-gram of the ngram method (2-4, default 4)')
    group.add_argument('--thresholds', metavar='T2,T3,T4', default=None,
                       help='cohesion thresholds of the ngram method by order, in nats '
                            '(default %s; one number per order up to --order, the last one '
                            'repeating)'
                            % ','.join('%g' % DEFAULT_THRESHOLDS[n] for n in (2, 3, 4)))
    group.add_argument('--min-pmi', type=finite_float, default=1.0, metavar='X',
                       help='keep two characters together when their PMI is above X nats '
                            '(default 1: the minimum-entropy criterion)')
    group.add_argument('--min-proba', type=probability, default=None, metavar='P',
                       help='cut method: also cut pairs of probability <= P (default: pairs '
                            'seen fewer than --min-count times)')
    group.add_argument('--confidence', type=non_negative_float, default=1.0, metavar='Z',
                       help='score counts by their lower bound c - Z*sqrt(c) (default 1)')
    group.add_argument('--min-count', type=int, default=None, metavar='N',
                       help='fewest occurrences of a word (default: 2*sqrt(characters/1e6), '
                            'at least 2)')
    group.add_argument('--redundancy', choices=('length', 'constant'), default='length',
                       help='a word must beat its parts by THRESHOLD*(length-1) nats '
                            '(length, default) or by THRESHOLD nats (constant)')
    group.add_argument('--redundancy-threshold', type=finite_float, default=3.0,
                       metavar='THRESHOLD',
                       help='see --redundancy (default 3)')
    group.add_argument('--reestimate', type=int, default=None, metavar='N',
                       help='rounds of re-estimation (segment the pieces with the lexicon '
                            'and recount; from the second on, remove redundancy again with '
                            'the counts of use first; default 3)')
    group.add_argument('--reestimate-pieces', choices=('all', 'frequent'), default='all',
                       help='pieces segmented when re-estimating: every piece counted (all, '
                            'default) or those seen --min-count times (frequent)')
    group.add_argument('--no-second-cut', action='store_true',
                       help='cut once only (by default the characters the first cut leaves '
                            'alone side by side are joined where their PMI as pieces is '
                            'above --min-pmi, and the text is cut again)')
    group.add_argument('--no-classes', action='store_true',
                       help='count digits and Latin letters one by one instead of one class '
                            'per run')
    group.add_argument('--max-entries', type=int, default=400000, metavar='N',
                       help='largest count table before its rarest entries are dropped '
                            '(default 400000: about 45 MB each, 5 MB with NumPy)')
    parser.add_argument('--workers', type=int, default=1, metavar='N',
                        help='processes that count and cut (default 1); the lexicon is the '
                             'same with any number')
    add_exact_options(parser, '--max-entries')
    add_spark_option(parser, ', exactly (implies --exact); the corpus paths are read by '
                             'Spark (HDFS, S3 ...)')
    _add_new_word_options(parser)


def _add_new_word_options(parser):
    parser.add_argument('--top', type=int, default=None, metavar='N',
                        help='keep the N most frequent words of the lexicon; with --new-words, '
                             'the N best new words')
    group = parser.add_argument_group('new words')
    group.add_argument('--new-words', action='store_true',
                       help='list the discovered words that are not in --exclude (to -o, or '
                            'stdout), best first, as "word count pmi left_entropy '
                            'right_entropy score" lines (tab-separated; see the README)')
    group.add_argument('--exclude', metavar='KNOWN', action='append', default=[],
                       help='a known lexicon or word list (one word first on each line); '
                            'may be repeated')
    group.add_argument('--min-length', type=int, default=2, metavar='N',
                       help='list only new words of at least N characters (default 2)')
    group.add_argument('--max-length', type=int, default=None, metavar='N',
                       help='list only new words of at most N characters (default: any)')
    group.add_argument('--keep-fusions', action='store_true',
                       help='keep the function-word fusions (a word glued to a free-standing '
                            'character, such as "with him") that are left out by default')


def _thresholds(text):
    try:
        values = [finite_float(v) for v in text.split(',') if v.strip()]
    except (ValueError, ArgumentTypeError):
        raise UsageError('--thresholds must be finite numbers separated by commas, not %r'
                         % text)
    if not values:
        raise UsageError('--thresholds needs at least one number')
    if len(values) > 3:
        raise UsageError('--thresholds takes one number per order, 2 to 4: at most three')
    return dict((n, values[min(n - 2, len(values) - 1)]) for n in (2, 3, 4))


def finder_from_args(args, progress):
    """The :class:`WordDiscovery` that the command-line options describe."""
    if args.method == 'cut' and (args.order is not None or args.thresholds is not None):
        raise UsageError('--order and --thresholds belong to --method ngram; the cut method '
                         'uses --min-pmi')
    if args.method == 'ngram' and args.min_proba is not None:
        raise UsageError('--min-proba belongs to --method cut; the ngram method cuts by '
                         '--thresholds')
    args.order = 4 if args.order is None else args.order
    if not 2 <= args.order <= 4:
        raise UsageError('--order must be between 2 and 4')
    if args.thresholds is None:
        args.thresholds = ','.join('%g' % DEFAULT_THRESHOLDS[n] for n in range(2, args.order + 1))
    if args.workers < 1:
        raise UsageError('--workers must be at least 1')
    if args.min_count is not None and args.min_count < 1:
        raise UsageError('--min-count must be at least 1')
    if args.reestimate is not None and args.reestimate < 0:
        raise UsageError('--reestimate must be 0 or more')
    if args.max_entries < 1:
        raise UsageError('--max-entries must be at least 1')
    return WordDiscovery(
        method=args.method, order=args.order, thresholds=_thresholds(args.thresholds),
        min_pmi=args.min_pmi, min_proba=args.min_proba, confidence=args.confidence,
        min_count=args.min_count, redundancy=args.redundancy,
        redundancy_threshold=args.redundancy_threshold, reestimate=args.reestimate,
        reestimate_pieces=args.reestimate_pieces, second_cut=not args.no_second_cut,
        classes=not args.no_classes, workers=args.workers,
        max_entries=None if args.exact else args.max_entries,
        memory=exact_memory(args), tmp_dir=args.tmp_dir,
        progress=progress)


def _known_words(paths):
    """Words of lexicon files or plain word lists (the first field of each line)."""
    known = set()
    for path in paths:
        try:
            known.update(Lexicon.load(path))
        except NlpZeroError:
            known.update(_word_list(path))
    return known


def _word_list(path):
    """The first field of each line (lines are bounded: FormatError beyond 1 MB)."""
    return [line.split()[0] for _, line in text_lines(path, 'word list')
            if line.strip() and not line.startswith(u'#')]


def summary(finder, lexicon, seconds):
    """Lines that tell what discovery found and how much it explains.

    Both information figures are computed on the same text: the words of
    the lexicon with their counts, spelled out in characters for the first.
    """
    chars = Counter()
    for word, count in lexicon.items():
        for char in word:
            chars[char] += count
    chars_l = information_per_char(chars)[0]
    words_l, _, mean_length = information_per_char(dict(lexicon.items()))
    multi = sum(1 for w in lexicon if len(w) > 1)
    return [
        'found %d words (%d of 2+ characters) in %.1f s, %s method, min count %d'
        % (len(lexicon), multi, seconds, finder.method, finder.effective_min_count()),
        'information per character: %.3f bits with characters alone, %.3f bits with '
        'the lexicon (mean word length %.2f)' % (bits(chars_l), bits(words_l), mean_length),
    ]


def _check_new_word_options(args):
    if args.top is not None and args.top < 0:
        raise UsageError('--top must be 0 or more')
    if args.min_length < 1:
        raise UsageError('--min-length must be at least 1')
    if args.max_length is not None and args.max_length < args.min_length:
        raise UsageError('--max-length must be at least --min-length (%d)' % args.min_length)


def _top_lexicon(lexicon, top):
    """The ``top`` most frequent words of ``lexicon`` (all when top is None)."""
    return lexicon if top is None else Lexicon(lexicon.most_common(top))


def _corpora_lines(corpora):
    for corpus in corpora:
        for line in corpus:
            yield line


def _write_new_words(args, finder, lexicon, known, progress):
    """The new words with their columns, to -o or stdout (one pass over the
    corpus for the branching entropies)."""
    progress.label = 'new words'
    progress.log('new words: one more pass over the corpus for the neighbours of each word')
    rows = rank_new_words(lexicon, _corpora_lines(finder.corpora), known, top=args.top,
                          min_length=args.min_length, max_length=args.max_length,
                          fusions=args.keep_fusions)
    with open_output(args.output) as out:
        out.write(u'# word\tcount\tpmi\tleft_entropy\tright_entropy\tscore\n')
        for row in rows:
            out.write(u'%s\t%s\t%.2f\t%.2f\t%.2f\t%.1f\n' % row)


def run_discover(args):
    _check_new_word_options(args)
    if args.output:
        check_output_folder(args.output, args.corpus + args.exclude)
    progress = make_progress(args, 'counting')
    known = _known_words(args.exclude) if args.exclude else set()
    if args.spark:
        finder, lexicon, seconds = _discover_on_spark(args, progress)
    else:
        corpus = open_corpus(args, args.corpus, progress)
        finder = finder_from_args(args, progress)
        started = clock()
        finder.train(corpus)
        progress.label = 'cutting'
        lexicon = finder.find()
        seconds = clock() - started
        report_bad_lines(corpus, progress)
    if args.new_words:
        _write_new_words(args, finder, lexicon, known, progress)
    elif args.output and args.output != '-':
        _top_lexicon(lexicon, args.top).save(args.output)
    else:
        with open_output(None) as out:
            for word, count in lexicon.most_common(args.top):
                out.write(u'%s\t%s\n' % (word, count))
    for line in summary(finder, lexicon, seconds):
        progress.log(line)
    return 0


def _discover_on_spark(args, progress):
    from .. import spark
    check_spark_paths(args.corpus)
    args.exact = True  # (pruning depends on the order of the text: Spark counts exactly)
    finder = finder_from_args(args, progress)
    with spark_session(args, progress, 'counting on Spark (%s), exactly') as session:
        started = clock()
        lexicon = spark.discover_with(session, args.corpus, finder,
                                      max_line_chars=args.max_line_chars or None)
        seconds = clock() - started
    if args.new_words:  # (the branching entropies read the corpus once more, here)
        if any(u'://' in path for path in args.corpus):
            raise UsageError('--new-words reads the corpus again on this machine (branching '
                             'entropies): with --spark, give local paths')
        finder.corpora = [open_corpus(args, args.corpus, progress)]
    return finder, lexicon, seconds


def demo(args, progress, context):
    """Part of ``nlp-zero demo``: discover the words of the bundled corpus.

    Leaves ``context['lexicon']`` and ``context['tokenizer']`` for the
    later stages.
    """
    corpus = context['corpus']
    lines = []
    size = 0
    for line in corpus:
        lines.append(line)
        size += len(line)
        if size >= DEMO_CHARS:
            break
    started = clock()
    finder = WordDiscovery()
    finder.train(lines)
    lexicon = finder.find()
    seconds = clock() - started
    echo(u'')
    echo(u'Word discovery (minimum entropy, n-gram cohesion, no dictionary):')
    for line in summary(finder, lexicon, seconds):
        echo(u'  ' + line)
    top = [w for w, _ in lexicon.most_common() if len(w) > 1][:40]
    echo(u'  most frequent words: ' + u' '.join(top))
    sample = next((line for line in lines if len(line) > 20), u'')[:60]
    tokenizer = Tokenizer(lexicon)
    if sample:
        echo(u'  segmented: ' + u' / '.join(tokenizer.tokenize(sample)))
    context['lexicon'] = lexicon
    context['tokenizer'] = tokenizer
