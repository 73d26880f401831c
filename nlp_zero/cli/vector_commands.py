"""``nlp-zero vectors``, ``similar`` and ``evaluate-vectors``: the vector stage."""

import os
import re
from argparse import ArgumentTypeError

from .._compat import to_text
from .._compat import stderr_write
from ..counting.apart import call_apart, counting_apart_helps
from ..counting.memory import default_memory
from .._files import open_output
from ..errors import FormatError, NlpZeroError
from ..vectors.sharing import cpu_count
from ._common import (UsageError, add_command, add_counting_options, check_backend,
                      check_output_folder, echo, load_lexicons, make_progress, non_negative_int,
                      open_corpus, positive_int, MERGED_LEXICONS, report_bad_lines,
                      spark_session)


#: Most training processes by default: each holds its own batch arrays
#: (about 40 MB), and more than 2 were not measured.
TRAIN_WORKERS = 4


def register(commands):
    _register_cooccur(commands)
    parser = add_command(commands, 'vectors', run_vectors, corpus=True,
                         help='count co-occurrences and train simpler-GloVe word vectors')
    _add_corpus(parser)
    parser.add_argument('-o', '--output', required=True, metavar='VECTORS.txt',
                        help='where to write the vectors (word2vec text format; "-": stdout)')
    _add_lexicon(parser, ' (word<TAB>count lines, e.g. from "nlp-zero discover")')
    parser.add_argument('--dim', type=non_negative_int, default=100,
                        help='vector size (default: 100; 0: suggested from the vocabulary size)')
    _add_window(parser)
    parser.add_argument('--min-count', type=positive_int, default=5,
                        help='ignore words seen fewer times (default: 5)')
    parser.add_argument('--max-vocab', type=int, default=None, metavar='N',
                        help='keep only the N most frequent words')
    parser.add_argument('--epochs', type=positive_int, default=None,
                        help='passes over the pairs (default: 10)')
    parser.add_argument('--model', type=int, default=0, choices=(0, 1, 2),
                        help='0: one vector per word (default); 1/2: centre and context '
                             'vectors, concatenated / summed')
    parser.add_argument('--sampling', default='all', choices=('weighted', 'all'),
                        help='all (default): every pair each epoch, with its weight f(X); '
                             'weighted: each pair with probability f(X) (a third of the '
                             'updates per epoch, lower quality in ten epochs)')
    parser.add_argument('--init', default='random', choices=('random', 'spectral'), help='vectors '
                        'start random (default) or spectral: about 1 epoch, then fewer --epochs')
    parser.add_argument('--negative-estimate', default='auto',
                        choices=('auto', 'expected', 'sampled'),
                        help='the sampled pairs fitted to 0: drawn (sampled), or their '
                             'expected gradient computed exactly (expected: NumPy, model 0, '
                             'faster); auto (default): expected where possible')
    parser.add_argument('--seed', type=int, default=1, help='random seed (default: 1)')
    parser.add_argument('--train-workers', type=positive_int, default=None, metavar='N',
                        help='processes that train together on one set of vectors in shared '
                             'memory (default: the cores available, at most %d; NumPy, or '
                             'PyPy); 1: the same vectors again from the same seed'
                             % TRAIN_WORKERS)
    parser.add_argument('--checkpoint', metavar='FILE',
                        help='save the training state here after every epoch and resume '
                             'from it when it exists')
    parser.add_argument('--counts', metavar='FILE',
                        help='also save the co-occurrence counts to FILE')
    parser.add_argument('--from-counts', metavar='TABLE',
                        help='train from a table saved by "nlp-zero cooccur" (or --counts) '
                             'instead of counting a corpus')
    add_counting_options(parser, 'counting and training backend (default: numpy when '
                                 'importable)')

    parser = add_command(commands, 'similar', run_similar,
                         help='show the nearest words of a word in a vectors file')
    _add_vectors_file(parser)
    parser.add_argument('word', nargs='+', metavar='WORD')
    parser.add_argument('--related', action='store_true',
                        help='rank by inner product (words that occur together) instead of '
                             'cosine (words that occur in the same contexts)')
    parser.add_argument('--topn', type=int, default=10, metavar='N')

    parser = add_command(commands, 'evaluate-vectors', run_evaluate,
                         help='score a vectors file on word-similarity and analogy sets')
    _add_vectors_file(parser)
    parser.add_argument('--wordsim', action='append', default=[], metavar='FILE',
                        help='word1<TAB>word2<TAB>score file (repeatable): Spearman correlation')
    parser.add_argument('--analogy', action='append', default=[], metavar='FILE',
                        help='questions-words file (repeatable): 3CosAdd accuracy')
    parser.add_argument('--restrict-vocab', type=int, default=30000, metavar='N',
                        help='analogy candidates: the N first words (default: 30000)')


def _add_corpus(parser):
    """The corpus of ``vectors`` and ``cooccur``."""
    parser.add_argument('corpus', nargs='*', metavar='CORPUS',
                        help='files or folders of text, words separated by spaces (text '
                             'without spaces is cut with --lexicon, or else with the words '
                             'discovered in it); default: the bundled sample')


def _add_window(parser):
    """``--window`` and ``--distance-weighting`` of ``vectors`` and ``cooccur``."""
    parser.add_argument('--window', type=window_size, default=10, help='window size (default: 10)')
    parser.add_argument('--distance-weighting', action='store_true',
                        help='count a pair d words apart as 1/d, as GloVe does (default: every '
                             'pair in the window counts 1)')


def _add_lexicon(parser, which=''):
    """``--lexicon`` of ``vectors`` and ``cooccur`` (see :func:`_token_lines`)."""
    parser.add_argument('--lexicon', '-l', metavar='LEXICON.tsv', action='append',
                        help='tokenize raw text with this lexicon%s; punctuation tokens are '
                             'dropped%s' % (which, MERGED_LEXICONS))


def _add_vectors_file(parser):
    parser.add_argument('vectors', metavar='VECTORS',
                        help='word vectors in the word2vec text or binary format (told apart '
                             'by their content), or GloVe\'s text format')
    parser.add_argument('--errors', default='strict', choices=('strict', 'replace', 'ignore'),
                        help='words that are not UTF-8: stop with an error (strict, the '
                             'default), or replace/ignore their bad bytes')


def _register_cooccur(commands):
    parser = add_command(commands, 'cooccur', run_cooccur, corpus=True,
                         help='count the window co-occurrences of a corpus into a table file')
    _add_corpus(parser)
    parser.add_argument('-o', '--output', required=True, metavar='TABLE',
                        help='where to write the table (see nlp_zero.vectors.table_file)')
    _add_lexicon(parser)
    _add_window(parser)
    parser.add_argument('--min-count', type=positive_int, default=5,
                        help='ignore words seen fewer times (default: 5)')
    parser.add_argument('--max-vocab', type=positive_int, default=None, metavar='N',
                        help='keep only the N most frequent words')
    add_counting_options(parser)


_CJK = re.compile(u'[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]')


def warn(message):
    """One line on stderr for a problem that does not stop the command."""
    stderr_write(u'nlp-zero: %s\n' % message)


def window_size(text):
    """argparse type of ``--window``: 1 to ``Cooccurrence.MAX_WINDOW`` words."""
    from ..vectors.cooccurrence import Cooccurrence
    value = positive_int(text)
    if value > Cooccurrence.MAX_WINDOW:
        raise ArgumentTypeError('a window is at most %d words, not %s'
                                % (Cooccurrence.MAX_WINDOW, text))
    return value


def _token_lines(args, corpus, progress):
    """The corpus as token lists: tokenized with ``--lexicon`` (punctuation
    tokens left out), or with words discovered in it when its lines have no
    spaces between words (Chinese, Japanese), or split on whitespace."""
    from ..words.tokenizer import Tokenizer
    if args.lexicon:
        lexicon = load_lexicons(args.lexicon)
    elif '-' not in args.corpus and _unsegmented(corpus):  # (standard input is read once)
        lexicon = _discover_words(args, corpus, progress)
    else:
        return corpus
    return Tokenizer(lexicon).corpus(corpus, words_only=True)


def _discover_words(args, corpus, progress):
    """The lexicon of an unsegmented corpus, as ``nlp-zero discover`` finds it."""
    from ..words.discovery import WordDiscovery
    progress.log('the text has no spaces between its words: discovering them first, as '
                 '"nlp-zero discover" does (give --lexicon LEXICON.tsv to choose the words)')
    finder = WordDiscovery(workers=args.workers, progress=progress)
    finder.train(corpus)
    lexicon = finder.find()
    progress.log('cutting the text into words with the %d words discovered in it'
                 % len(lexicon))
    progress.label = 'counting'
    return lexicon


def _count_table(args, progress):
    """The co-occurrence table the command line asks for."""
    from ..vectors.cooccurrence import Cooccurrence
    if args.spark:
        return _count_on_spark(args, progress)
    corpus = open_corpus(args, args.corpus, progress)
    table = Cooccurrence.count(_token_lines(args, corpus, progress), min_count=args.min_count,
                               max_vocab=args.max_vocab, window=args.window,
                               distance_weighting=args.distance_weighting, progress=progress,
                               backend=args.backend, memory=args.memory or default_memory(),
                               workers=args.workers, tmp_dir=args.tmp_dir)
    report_bad_lines(corpus, progress)
    if not table.pairs:
        raise NlpZeroError('no co-occurring words: is the corpus empty, or --min-count too '
                           'high for it?%s' % (' (Text without spaces between its words needs '
                                               '--lexicon on standard input.)'
                                               if '-' in args.corpus else ''))
    return table


def _count_on_spark(args, progress):
    from .. import spark
    if not args.corpus:
        raise UsageError('--spark needs the corpus paths (Spark reads them)')
    with spark_session(args, progress) as session:
        return spark.cooccurrence(session, args.corpus, min_count=args.min_count,
                                  max_vocab=args.max_vocab, window=args.window,
                                  distance_weighting=args.distance_weighting,
                                  lexicon=args.lexicon and load_lexicons(args.lexicon),
                                  max_line_chars=args.max_line_chars or None)


def _unsegmented(corpus, sample=200):
    """True when most of the first lines of ``corpus`` are Chinese or
    Japanese written without spaces between words: their runs of CJK
    characters are long (segmented text has words of one to four)."""
    unsegmented = lines = 0
    for line in corpus:
        tokens = line.split()
        if not tokens:
            continue
        lines += 1
        runs = [len(token) for token in tokens if _CJK.search(token)]
        if runs and sum(runs) >= 5 * len(runs):
            unsegmented += 1
        if lines >= sample:
            break
    return unsegmented * 2 > lines


def run_cooccur(args):
    check_output_folder(args.output, args.corpus + (args.lexicon or []))
    check_backend(args.backend)
    progress = make_progress(args, 'counting')
    table = _count_table(args, progress)
    table.save(args.output)
    progress.log('wrote %d words and %d pairs to %s' % (len(table), len(table.pairs),
                                                        args.output))
    return 0


def run_vectors(args):
    from ..vectors.glove import SimplerGlove
    if args.dim < 0 or args.window < 1 or (args.epochs or 0) < 0 or args.min_count < 1:
        raise UsageError('--dim, --window, --epochs and --min-count must be positive')
    if args.max_vocab is not None and args.max_vocab < 1:
        raise UsageError('--max-vocab must be at least 1')
    for path in (args.output, args.counts, args.checkpoint):
        check_output_folder(path, args.corpus + (args.lexicon or []) + [args.from_counts])
    check_backend(args.backend)  # a missing backend fails before any work
    options = {} if args.epochs is None else {'epochs': args.epochs}
    options['workers'] = args.train_workers or min(cpu_count(), TRAIN_WORKERS)
    try:
        model = SimplerGlove(dim=args.dim or None, model=args.model, backend=args.backend,
                             seed=args.seed, sampling=args.sampling, init=args.init,
                             negative_estimate=args.negative_estimate, **options)
    except ValueError as error:
        raise UsageError(str(error).replace("negative_estimate='expected'",
                                            '--negative-estimate expected'))
    progress = make_progress(args, 'counting')
    # The table goes straight to fit, which drops it once its pairs are
    # prepared: no reference here keeps its pair counts through training.
    vectors = model.fit(_training_table(args, progress), checkpoint=args.checkpoint,
                        progress=progress)
    with open_output(args.output) as out:
        vectors.write_word2vec_format(out)
    progress.log('wrote %d vectors to %s' % (len(vectors), args.output))
    return 0


def _training_table(args, progress):
    """The table ``vectors`` trains on: loaded, or counted (under PyPy in a
    child process, whose heap leaves with it), and saved with ``--counts``."""
    from ..vectors.cooccurrence import Cooccurrence
    if args.from_counts:
        table = Cooccurrence.load(args.from_counts)
    elif counting_apart_helps() and not args.spark:
        from ..vectors.table_file import load_arrays, save_arrays
        table = call_apart(lambda: _count_table(args, progress), save_arrays,
                           lambda path: load_arrays(Cooccurrence, path), args.tmp_dir, progress)
    else:
        table = _count_table(args, progress)
    if args.counts:
        table.save(args.counts)
    return table


def _load(path, errors='strict'):
    """The vectors of ``path``, in either word2vec format (or GloVe's)."""
    from ..vectors.keyed import WordVectors
    try:
        vectors = WordVectors.load_word2vec_format(path, binary='auto', unicode_errors=errors)
    except FormatError as exc:
        if not exc.undecodable:
            raise
        raise FormatError(exc.path, exc.line_number, exc.reason,
                          hint='--errors replace reads it anyway', undecodable=True)
    if not len(vectors):
        raise NlpZeroError('%s holds no vectors' % (path,))
    return vectors


def run_similar(args):
    if args.topn < 1:
        raise UsageError('--topn must be at least 1')
    vectors = _load(args.vectors, args.errors)
    unknown = []
    for word in args.word:
        word = to_text(word)
        if word not in vectors:  # say so, and go on with the other words
            unknown.append(word)
            warn(u"word '%s' is not in the vocabulary of %s" % (word, to_text(args.vectors)))
            continue
        if args.related:
            found = vectors.most_related(word, topn=args.topn)
        else:
            found = vectors.most_similar(word, topn=args.topn)
        echo(word + u'\t' + u'  '.join(u'%s %.3f' % (w, s) for w, s in found))
    return 1 if unknown else 0


def run_evaluate(args):
    if not args.wordsim and not args.analogy:
        raise UsageError('give at least one --wordsim or --analogy file')
    if args.restrict_vocab < 1:
        raise UsageError('--restrict-vocab must be at least 1')
    vectors = _load(args.vectors, args.errors)
    for path in args.wordsim:
        result = vectors.evaluate_word_pairs(path)
        if not result.total:
            raise NlpZeroError('%s holds no word pairs' % (path,))
        # a correlation needs two covered pairs: below that it is not a 0
        echo(u'%s\tspearman %s\tpearson %s\tcoverage %.3f (%d/%d pairs)' % (
            os.path.basename(path), _shown(result.spearman, result.used >= 2),
            _shown(result.pearson, result.used >= 2), result.coverage, result.used,
            result.total))
    for path in args.analogy:
        result = vectors.evaluate_word_analogies(path, restrict_vocab=args.restrict_vocab)
        if not result.total:
            raise NlpZeroError('%s holds no analogy questions' % (path,))
        echo(u'%s\taccuracy %s\tcoverage %.3f (%d/%d questions)' % (
            os.path.basename(path), _shown(result.accuracy, result.used >= 1),
            result.coverage, result.used, result.total))
    return 0


def _shown(score, defined):
    """A score with 4 decimals, or ``n/a`` when too few items were covered."""
    return u'%.4f' % score if defined else u'n/a'


def demo(args, progress, context):
    """Part of ``nlp-zero demo``: show this stage on the bundled corpus.

    ``context`` is a dict shared by the demo parts (e.g. 'corpus', and the
    'lexicon' and 'tokenizer' that word discovery leaves for later stages).
    """
    from ..text.chars import fragments
    from ..vectors.cooccurrence import Cooccurrence
    from ..vectors.glove import SimplerGlove
    from ..datasets import sample_corpus
    corpus = context.get('corpus') or sample_corpus()
    tokenizer = context.get('tokenizer')
    lines = []
    for n, line in enumerate(corpus):
        if n >= 800:  # a slice: the demo must take seconds, also on Python 2.7
            break
        for piece in fragments(line):
            lines.append(tokenizer.tokenize(piece) if tokenizer is not None else list(piece))
    table = Cooccurrence.count(lines, min_count=5, max_vocab=500, window=3)
    # the plain solver, whether NumPy is there or not: the same vectors on every
    # interpreter (NumPy's mini-batches give other, equivalent vectors)
    vectors = SimplerGlove(dim=32, epochs=4, seed=1, backend='python').fit(table)
    echo(u'')
    echo(u'Word vectors (simpler GloVe, %d words, %d dimensions, %s):' % (
        len(vectors), vectors.vector_size, 'words' if tokenizer is not None else 'characters'))
    shown = [w for w in vectors.index_to_key[20:200] if len(w) > 1 or tokenizer is None][:4]
    for word in shown:
        echo(u'  similar to %s: %s' % (word, u' '.join(w for w, _ in vectors.most_similar(
            word, topn=8))))
        echo(u'  related to %s: %s' % (word, u' '.join(w for w, _ in vectors.most_related(
            word, topn=8))))
