"""Subcommands of the word stage: ``tokenize`` and ``evaluate-segmentation``."""

from __future__ import division

import os
from collections import deque

from .._compat import clock
from .._files import open_output
from ..text.corpus import Corpus
from ..text.decoders import LinePiece
from ..words.scores import segmentation_scores
from ..words.tokenized import tokenized_lines
from ._common import (MERGED_LEXICONS, UsageError, add_command, add_spark_option,
                      argument_text, check_output_folder, echo, load_lexicons, make_progress,
                      open_corpus, positive_int, report_bad_lines, spark_session)


#: ``tokenize`` reads longer lines in pieces of this size (about 30 MB of
#: memory; the pieces of a line are written back on one line).
TOKENIZE_MAX_LINE_CHARS = 100000


def register(commands):
    """Add ``tokenize`` and ``evaluate-segmentation`` to the subcommands."""
    parser = add_command(
        commands, 'tokenize', run_tokenize, corpus=True, max_line_chars=TOKENIZE_MAX_LINE_CHARS,
        help='cut text into words with a lexicon (unigram, minimum entropy)',
        description='Cut text into words with a lexicon: the most probable sequence of '
                    'lexicon words under the unigram model.  One output line per input '
                    'line, tokens separated by one space; punctuation marks are tokens of '
                    'their own, whitespace is dropped, characters are never changed.')
    parser.add_argument('files', nargs='*', metavar='FILE',
                        help='text files (.gz/.bz2/.xz; "-" for stdin); default: stdin')
    parser.add_argument('--lexicon', '-l', required=True, metavar='LEXICON', action='append',
                        help='lexicon file: "word<TAB>count" lines (or "word count")'
                             + MERGED_LEXICONS)
    parser.add_argument('--output', '-o', metavar='FILE',
                        help='write here (atomically) instead of to stdout')
    parser.add_argument('--workers', type=positive_int, default=1, metavar='N',
                        help='processes that tokenize (default 1); the output is the same')
    add_spark_option(parser, ': the files are read by Spark, and --output names a new folder '
                             'of part files', doing='tokenize')
    parser.add_argument('--split-alnum', action='store_true',
                        help='cut runs of digits and Latin letters with the lexicon too '
                             '(default: a run is never cut; it is a token, or part of a '
                             'lexicon word that contains all of it)')

    parser = add_command(
        commands, 'evaluate-segmentation', run_evaluate, corpus=False,
        help='score a segmentation against a gold one (precision, recall, F1)',
        description='Word-level precision, recall and F1 of PRED against GOLD (SIGHAN '
                    'bakeoff definition: a word is right when its character span is a gold '
                    'word\'s span).  Both are UTF-8 files, one sentence per line, words '
                    'separated by whitespace, with the same characters line by line.')
    parser.add_argument('gold', metavar='GOLD', help='gold segmentation')
    parser.add_argument('predicted', metavar='PRED', help='segmentation to score')
    parser.add_argument('--words', metavar='TRAIN_WORDS',
                        help='the training vocabulary (a word list, a segmented training '
                             'file or a lexicon): also report recall on out-of-vocabulary '
                             'words')


def run_tokenize(args):
    """``nlp-zero tokenize``: one line of space-separated tokens per input line."""
    if not args.spark:  # (Spark writes its folder where it can: HDFS, S3 ...)
        check_output_folder(args.output, (args.files or []) + args.lexicon)
    progress = make_progress(args, 'tokenizing')
    lexicon = load_lexicons(args.lexicon, progress)
    if args.spark:
        return _tokenize_on_spark(args, lexicon, progress)
    corpus = open_corpus(args, args.files or ['-'], progress, spool=False)
    started = clock()
    chars_seen, continued = [0], deque()
    lines = tokenized_lines(_counting(corpus, chars_seen, continued), lexicon.counts(),
                            keep_alnum=not args.split_alnum, workers=args.workers)
    with open_output(args.output) as out:
        write = out.write
        ends = continued.popleft
        for line in lines:
            # a long line comes in pieces: its tokens stay on one output line
            write(line + _end(ends(), line))
    chars = chars_seen[0]
    seconds = clock() - started
    report_bad_lines(corpus, progress)
    progress.log('tokenized %d line%s, %d characters in %.1f s (%.0f characters/s)' % (
        corpus.lines_read, '' if corpus.lines_read == 1 else 's', chars, seconds,
        chars / seconds if seconds > 0 else 0))
    return 0


def _tokenize_on_spark(args, lexicon, progress):
    from .. import spark
    if not args.files or '-' in args.files or not args.output or args.output == '-':
        raise UsageError('--spark needs the input paths (Spark reads them) and --output, a '
                         'new folder for the part files')
    if os.path.exists(args.output):  # (a local path; Spark checks the others)
        raise UsageError('--output %s exists: with --spark it names a new folder' % args.output)
    with spark_session(args, progress, 'tokenizing on Spark (%s)') as session:
        spark.tokenize(session, args.files, lexicon, args.output,
                       keep_alnum=not args.split_alnum)
    return 0


def _counting(lines, seen, continued):
    """The lines, adding their characters to ``seen[0]`` as they pass, and
    to ``continued`` whether each is a piece of a longer line."""
    for line in lines:
        seen[0] += len(line)
        continued.append(line.__class__ is LinePiece)
        yield line


def _end(continued, tokens):
    """What follows a line's tokens: a newline, or, after a piece of a
    longer line, a space (when it had tokens)."""
    if continued:
        return u' ' if tokens else u''
    return u'\n'


def _read_vocabulary(path):
    """Words of a word list, a segmented file or a ``word<TAB>count`` lexicon."""
    words = set()
    for line in Corpus(path):
        if u'\t' in line:
            words.add(line.split(u'\t', 1)[0].strip())
        else:
            words.update(line.split())
    words.discard(u'')
    return words


def run_evaluate(args):
    """``nlp-zero evaluate-segmentation``: print the scores, one per line."""
    vocabulary = _read_vocabulary(args.words) if args.words else None
    scores = segmentation_scores(Corpus(args.gold), Corpus(args.predicted), vocabulary,
                                 gold_name=args.gold, predicted_name=args.predicted)
    echo(u'lines\t%d' % scores.lines)
    echo(u'gold words\t%d' % scores.gold_words)
    echo(u'predicted words\t%d' % scores.predicted_words)
    echo(u'correct words\t%d' % scores.correct)
    echo(u'precision\t%.4f' % scores.precision)
    echo(u'recall\t%.4f' % scores.recall)
    echo(u'F1\t%.4f' % scores.f1)
    if vocabulary is not None:
        echo(u'OOV rate\t%.4f (%d gold words not in %s)' % (
            scores.oov_rate or 0.0, scores.oov_words, argument_text(args.words)))
        if scores.oov_recall is not None:
            echo(u'OOV recall\t%.4f' % scores.oov_recall)
    return 0


def demo(args, progress, context):
    """Part of ``nlp-zero demo``: show this stage on the bundled corpus.

    ``context`` is a dict shared by the demo parts (e.g. 'corpus', and the
    'lexicon' and 'tokenizer' that word discovery leaves for later stages).
    """
    tokenizer = context.get('tokenizer')
    corpus = context.get('corpus')
    if tokenizer is None or corpus is None:
        return
    echo(u'')
    echo(u'Tokenizing with the discovered lexicon (%d words):' % len(tokenizer.lexicon))
    shown = 0
    for line in corpus:
        line = line.strip()
        if len(line) < 12:
            continue
        text = line[:80]
        cut = max(text.rfind(mark) for mark in (u'\u3002', u'\uff0c', u'\uff01', u'\uff1f'))
        echo(u'  ' + u' '.join(tokenizer.tokenize(text[:cut + 1] if cut > 10 else text)))
        shown += 1
        if shown == 4:
            break
