"""Options and helpers shared by the subcommands."""

import argparse
import contextlib
import os
import sys

from .._compat import stderr_write, text_type
from .._files import open_output
from ..text.corpus import Corpus
from ..errors import NlpZeroError
from ..datasets import sample_corpus_path
from ..progress import Progress
from ..counting.memory import default_memory, parse_size

#: Stages that do not need whole lines read long lines in pieces of this size.
DEFAULT_MAX_LINE_CHARS = 1000000

#: The exit status of a wrong option, whether argparse or a command finds it.
USAGE_STATUS = 2


class UsageError(NlpZeroError):
    """A wrong option or option value (exit status 2, like argparse's own)."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a wrong option is one line, not the whole usage text."""

    def error(self, message):
        stderr_write(u'%s: error: %s (see "%s --help")\n' % (self.prog, message, self.prog))
        sys.exit(USAGE_STATUS)


def common_options():
    """Parent parser with the options every command has."""
    parent = ArgumentParser(add_help=False)
    group = parent.add_argument_group('general')
    group.add_argument('--quiet', '-q', action='store_true',
                       help='no progress line and no log messages on stderr')
    group.add_argument('--debug', action='store_true',
                       help='show a full traceback on errors')
    return parent


def _whole_number(text, least):
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or value < least:
        raise argparse.ArgumentTypeError('expected a whole number of at least %d, not %r'
                                         % (least, text))
    return value


def positive_int(text):
    """argparse type of counts and sizes that must be 1 or more: a bad value
    is a usage error, not a traceback from deep inside a stage."""
    return _whole_number(text, 1)


def non_negative_int(text):
    """argparse type of counts that may be 0 (often "no limit")."""
    return _whole_number(text, 0)


def finite_float(text):
    """argparse type of a real number: NaN and infinity are refused."""
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or value != value or value in (float('inf'), float('-inf')):
        raise argparse.ArgumentTypeError('expected a finite number, not %r' % (text,))
    return value


def non_negative_float(text):
    """argparse type of a finite number of at least 0."""
    value = finite_float(text)
    if value < 0:
        raise argparse.ArgumentTypeError('expected a number of at least 0, not %r' % (text,))
    return value


def probability(text):
    """argparse type of a probability: a number above 0 and at most 1."""
    value = finite_float(text)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError('expected a probability (above 0, at most 1), '
                                         'not %r' % (text,))
    return value


def corpus_options(max_line_chars=DEFAULT_MAX_LINE_CHARS):
    """Parent parser with the options that say how to read a corpus."""
    parent = ArgumentParser(add_help=False)
    group = parent.add_argument_group('reading the corpus')
    group.add_argument('--encoding', default='utf-8', help='text encoding (default: utf-8)')
    group.add_argument('--errors', default='strict', choices=('strict', 'replace', 'ignore'),
                       help='undecodable bytes: stop with an error naming the line (strict, '
                            'the default), or replace/ignore them and report how many lines '
                            'were affected')
    group.add_argument('--glob', default='*', metavar='PATTERN',
                       help='file name pattern for files inside folders (default: *)')
    group.add_argument('--max-line-chars', type=non_negative_int, default=max_line_chars,
                       metavar='N',
                       help='read longer lines in pieces of at most N characters, cut at '
                            'whitespace or after punctuation where there is some (default: '
                            '%s; 0: whole lines)' % (max_line_chars or 'off'))
    return parent


def add_command(commands, name, run, help, corpus=False, max_line_chars=DEFAULT_MAX_LINE_CHARS,
                description=None):
    """Add a subcommand whose handler is ``run(args)``."""
    parents = [common_options()]
    if corpus:
        parents.append(corpus_options(max_line_chars))
    parser = commands.add_parser(name, help=help, description=description or help,
                                 parents=parents)
    parser.set_defaults(run=run)
    return parser


def add_exact_options(parser, limit):
    """``--exact``, ``--memory`` and ``--tmp-dir`` of a stage that prunes its
    tables past ``limit`` (an option name) unless told to count exactly
    (:func:`exact_memory` reads them)."""
    group = parser.add_argument_group('exact counting')
    group.add_argument('--exact', action='store_true',
                       help='count exactly, never pruning a table (default: prune past '
                            '%s, which is approximate but bounded)' % limit)
    group.add_argument('--memory', type=memory_size, default=None, metavar='SIZE',
                       help='with --exact: memory for the count tables, e.g. 500M; past it '
                            'counts spill to sorted files and are merged back '
                            + _default_memory_help())
    group.add_argument('--tmp-dir', metavar='FOLDER', default=None,
                       help='with --exact: where spilled counts go (removed afterwards)')


def exact_memory(args):
    """The memory budget of ``--exact`` counting (``--memory``, else this
    machine's default); None when the tables are pruned instead."""
    return (args.memory or default_memory()) if args.exact else None


def add_counting_options(parser, backend_help='counting backend (default: numpy when '
                                                'importable)'):
    """The options of every counting stage: how much memory, how many
    processes, where temporary files go, which backend."""
    group = parser.add_argument_group('counting')
    group.add_argument('--memory', type=memory_size, default=None, metavar='SIZE',
                       help='memory budget for counting, e.g. 500M or 2G: past it, counts '
                            'spill to sorted files on disk and are merged back exactly '
                            + _default_memory_help())
    group.add_argument('--workers', type=positive_int, default=1, metavar='N',
                       help='processes that count (default: 1); the result is the same')
    group.add_argument('--tmp-dir', metavar='FOLDER', default=None,
                       help='where spilled counts go (default: the system temporary folder); '
                            'removed afterwards')
    group.add_argument('--backend', default='auto', choices=('auto', 'python', 'numpy'),
                       help=backend_help)
    add_spark_option(group, '; the corpus paths are read by Spark (HDFS, S3 ...)')
    return group


def add_spark_option(parser, then, doing='count'):
    """``--spark MASTER``; its help says what runs on Spark (``doing``) and
    ends with ``then``."""
    parser.add_argument('--spark', metavar='MASTER', default=None,
                        help='%s on Apache Spark (e.g. local[2], spark://host:7077, yarn; '
                             'needs pip install "nlp-zero[spark]")%s' % (doing, then))


def check_spark_paths(paths):
    """Spark reads the corpus itself: it needs its paths, not standard input."""
    if not paths or '-' in paths:
        raise UsageError('--spark needs the corpus paths (Spark reads them)')


@contextlib.contextmanager
def spark_session(args, progress, message='counting on Spark (%s)'):
    """A Spark session on the master of ``--spark``, stopped afterwards;
    ``message`` (``%s``: the master) is logged once it runs."""
    from .. import spark
    session = spark.session(args.spark, quiet=args.quiet)
    try:
        progress.log(message % (args.spark,))
        yield session
    finally:
        session.stop()


#: What the help of every --lexicon option ends with.
MERGED_LEXICONS = ('; give several to merge them, later ones (a user dictionary) setting the '
                   'counts of the words they list')


def load_lexicons(paths, progress=None):
    """The lexicon of the ``--lexicon`` options: several are merged, a later
    one setting the counts of the words it lists (a jieba user dictionary on
    top of the main one).  A lexicon without words is an error."""
    from ..words.lexicon import Lexicon
    lexicon = Lexicon()
    for path in paths:
        lexicon.update(Lexicon.load(path))
    names = ', '.join(paths)
    if not lexicon:
        raise NlpZeroError('the lexicon %s has no words' % names)
    if progress is not None:
        progress.log('lexicon %s: %d words' % (names, len(lexicon)))
    return lexicon


def check_backend(backend):
    """Fail before any work when ``--backend`` cannot run here (in the
    terms of the command line, not of the API)."""
    from .._backend import BackendError, resolve
    try:
        resolve(backend)
    except BackendError:  # (argparse lets only a known name through: NumPy is missing)
        raise UsageError('--backend numpy needs NumPy, which is not installed here: install '
                         'it (pip install numpy) or give --backend python')


def memory_size(text):
    """argparse type of ``--memory``: ``500M``, ``2G`` ..."""
    try:
        return parse_size(text)
    except NlpZeroError as exc:
        raise argparse.ArgumentTypeError(str(exc))


def _default_memory_help():
    """What the help of every ``--memory`` option ends with."""
    return '(default: %s: a quarter of this machine, at most 768M)' % _human_size(default_memory())


def _human_size(size):
    """``size`` bytes in G or M, as ``--memory`` takes it."""
    for unit, shift in (('G', 30), ('M', 20)):
        if size >= 1 << shift:
            return '%.3g%s' % (size / float(1 << shift), unit)
    return '%dB' % size


def make_progress(args, label=''):
    """A :class:`Progress` reporter for a command, silent with ``--quiet``."""
    return Progress(label=label, quiet=getattr(args, 'quiet', False))


def open_corpus(args, paths, progress=None, spool=True):
    """The corpus named on the command line (the bundled sample if none)."""
    if not paths:
        paths = [sample_corpus_path()]
        if progress is not None:
            progress.log('no corpus given: using the bundled sample %s' % paths[0])
    return Corpus(paths, encoding=args.encoding, errors=args.errors, glob=args.glob,
                  max_line_chars=args.max_line_chars or None, spool=spool, progress=progress)


def report_bad_lines(corpus, progress):
    """Tell the user how many lines had undecodable bytes replaced or dropped."""
    if corpus.bad_lines:
        action = 'replaced' if corpus.errors == 'replace' else 'ignored'
        progress.log('%d line%s had undecodable bytes (%s)' % (
            corpus.bad_lines, '' if corpus.bad_lines == 1 else 's', action))


def echo(text=u''):
    """Print one line of unicode text to stdout as UTF-8, whatever the locale
    (flushed at once, so that output interleaves well with stderr)."""
    if not isinstance(text, text_type):
        text = text_type(text)
    with open_output(None) as out:
        out.write(text + u'\n')


def argument_text(value):
    """A command-line argument (a file name, a sentence) as unicode text:
    Python 2 gives them as bytes in the file-system encoding, which is
    ASCII in the C locale: then UTF-8 is the best guess."""
    if isinstance(value, text_type):
        return value
    try:
        return value.decode(sys.getfilesystemencoding() or 'utf-8')
    except UnicodeDecodeError:
        return value.decode('utf-8', 'replace')


def show_char(char):
    """A character as a person can read it in a listing (whitespace spelled out)."""
    return u'U+%04X' % ord(char) if char.isspace() else char


def check_output_folder(path, inputs=()):
    """Fail before the work, not after it, when ``path`` cannot be written,
    or when it is one of the ``inputs`` (writing it would destroy an input)."""
    if not path or path == '-':
        return
    if os.path.isdir(path):
        raise NlpZeroError('cannot write %s: it is a folder' % (path,))
    for name in inputs:
        if name and name != '-' and _same_file(path, name):
            raise NlpZeroError('cannot write %s: it is also an input (%s); choose another '
                               'output' % (path, name))
    if os.path.exists(path) and not os.path.isfile(path):
        return  # a device or a FIFO: written directly
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise NlpZeroError('cannot write %s: no folder %s' % (path, os.path.dirname(path)))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise NlpZeroError('cannot write %s: the folder %s is not writable'
                           % (path, os.path.dirname(path) or '.'))


def _same_file(a, b):
    try:
        return os.path.samefile(a, b)
    except (OSError, AttributeError):
        return False
