"""``nlp-zero stats``: a first look at a corpus."""

from collections import Counter

from ..errors import CorpusError
from ._common import (add_command, echo, make_progress, non_negative_int, open_corpus,
                      report_bad_lines, show_char)


def register(commands):
    """Add ``stats`` to the subcommands (an argparse subparsers object)."""
    parser = add_command(commands, 'stats', run_stats, corpus=True,
                         help='count lines, characters and the most frequent characters')
    parser.add_argument('corpus', nargs='*', metavar='CORPUS',
                        help='files or folders (.gz/.bz2/.xz; "-" for stdin); '
                             'default: the bundled sample')
    parser.add_argument('--top', type=non_negative_int, default=20, metavar='N',
                        help='how many of the most frequent characters to show (default: 20)')


def corpus_stats(corpus):
    """Lines, characters and a character Counter of one pass over ``corpus``."""
    chars = Counter()
    items = 0
    for line in corpus:
        items += 1
        chars.update(line)
    # a Corpus counts real lines (a long line read in pieces is one line)
    return getattr(corpus, 'lines_read', items), chars


def run_stats(args):
    """``nlp-zero stats``: print the counts of :func:`corpus_stats`."""
    progress = make_progress(args, 'reading')
    corpus = open_corpus(args, args.corpus, progress, spool=False)
    lines, chars = corpus_stats(corpus)
    report_bad_lines(corpus, progress)
    total = sum(chars.values())
    if not total:
        raise CorpusError('the corpus %s has no text (%d lines, no characters)'
                          % (', '.join(corpus.names), lines))
    echo(u'lines\t%d' % lines)
    echo(u'characters\t%d' % total)
    echo(u'distinct characters\t%d' % len(chars))
    if corpus.bad_lines:
        echo(u'lines with undecodable bytes\t%d (%s)' % (corpus.bad_lines, corpus.errors))
    top = chars.most_common(args.top)
    if top:
        echo(u'top characters\t' + u'  '.join(
            u'%s %d' % (show_char(char), count) for char, count in top))
    return 0
