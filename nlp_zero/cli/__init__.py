"""The ``nlp-zero`` command line: one subcommand per stage of the data flow.

Each ``*_commands`` module registers its subcommands; this module builds the
parser, runs the chosen command and turns user errors into one line on
stderr and a non-zero exit status (``--debug`` shows the traceback).
"""

import errno
import logging
import os
import re
import sys

from .. import __version__
from .._backend import limit_blas_threads
from .._compat import stderr_write, text_type
from ..errors import NlpZeroError
from ..progress import StderrHandler, logger
from . import (corpus_commands, demo, discovery_commands, structure_commands, vector_commands,
               word_commands)
from ._common import USAGE_STATUS, ArgumentParser, UsageError, argument_text
from ._respawn import restart_with_smaller_nursery

_COMMAND_MODULES = (corpus_commands, discovery_commands, word_commands, structure_commands,
                    vector_commands, demo)

PROG = 'nlp-zero'


def build_parser():
    """The argparse parser with every subcommand registered (also used to
    document the commands)."""
    parser = ArgumentParser(
        prog=PROG,
        description='Unsupervised NLP from raw text: word discovery, tokenization, '
                    'sentence templates and word vectors, on the minimum-entropy principle.',
        epilog='Run "%s COMMAND --help" for the options of a command. '
               'With no corpus given, commands that need one can use the bundled sample '
               '(see "%s demo").' % (PROG, PROG))
    parser.add_argument('--version', action='version', version='%s %s' % (PROG, __version__))
    commands = parser.add_subparsers(dest='command', metavar='COMMAND')
    for module in _COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv=None):
    """Run the command line; returns the exit status."""
    if argv is None:  # (the program itself, not a caller of this function)
        restart_with_smaller_nursery(main)
    # The only matrix products (training's dim x dim ones, and one over
    # every word per 64 batches) gain nothing from BLAS threads, which spin
    # on a second core (measured: the same epoch times with half the CPU
    # time) and made small products several times slower beside a busy
    # core.  NumPy came with the package, so the variable is read already.
    if 'OPENBLAS_NUM_THREADS' not in os.environ:
        os.environ['OPENBLAS_NUM_THREADS'] = '1'  # (for the processes started from here)
        limit_blas_threads(1)
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        parser.print_help()  # (Python 2's argparse would only say "too few arguments")
        return 2
    args = _text_arguments(parser.parse_args(argv))
    if not getattr(args, 'command', None):
        parser.print_help()
        return 2
    handler = StderrHandler()
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.WARNING if getattr(args, 'quiet', False) else logging.INFO)
    try:
        return _run(args)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _run(args):
    """Run the chosen command; user errors become one line and a status."""
    try:
        status = args.run(args)
    except NlpZeroError as exc:
        return _fail(args, exc, _text(exc))
    except (IOError, OSError) as exc:
        if getattr(exc, 'errno', None) == errno.EPIPE:  # e.g. "| head": not an error
            return 0
        where = (u' ' + _text(exc.filename)) if getattr(exc, 'filename', None) else u''
        return _fail(args, exc, u'cannot access%s: %s' % (where, _text(exc.strerror or exc)))
    except UnicodeEncodeError as exc:
        encoding = sys.getfilesystemencoding() or 'ascii'
        if encoding.lower().replace('-', '') == 'utf8':
            raise
        # (PyPy 3.9 under LANG=C: its file names are ASCII even in UTF-8 mode)
        return _fail(args, exc, u'a file name has characters that the file-system encoding '
                                u'(%s) cannot hold: run under a UTF-8 locale, e.g. '
                                u'LANG=C.UTF-8' % encoding)
    except KeyboardInterrupt:
        stderr_write('%s: interrupted\n' % PROG)
        return 130
    return status or 0


#: The arguments that are text (words, sentences) rather than file names.
_TEXT_ARGUMENTS = ('word', 'sentences')


def _text_arguments(args):
    """``args`` with the words and sentences that arrived as surrogates
    decoded as UTF-8.

    Under a C or POSIX locale, Python 3.6 decodes the bytes of the command
    line as ASCII and keeps each other byte as a lone surrogate: a Chinese
    sentence or word would then match nothing and could not be printed.
    File names are left as they came: the system opens them with the same
    decoding.
    """
    for name in _TEXT_ARGUMENTS:
        values = getattr(args, name, None)
        if values:
            setattr(args, name, [_utf8_argument(a) if isinstance(a, text_type) and
                                 _SURROGATE.search(a) else a for a in values])
    return args


def _utf8_argument(argument):
    try:
        return argument.encode('utf-8', 'surrogateescape').decode('utf-8')
    except UnicodeError:  # not UTF-8 either: keep what the system gave
        return argument


def _text(value):
    """A message or an exception as unicode text.  On Python 2, file names
    from the command line are bytes and may not be ASCII, so a message that
    contains one is decoded rather than left to fail in ``u'%s' % message``."""
    if isinstance(value, bytes):
        return argument_text(value)
    try:
        return text_type(value)
    except UnicodeError:  # Python 2: an exception whose message is such bytes
        return _text(str(value))


_SURROGATE = re.compile(u'[\udc80-\udcff]')
_CONTROL = re.compile(u'[\x00-\x1f\x7f-\x9f]')


def printable(text):
    """``text`` with control characters escaped (``\\x1b``...), so that a file
    name cannot send escape sequences to the terminal."""
    return _CONTROL.sub(lambda m: u'\\x%02x' % ord(m.group()), text)


def _fail(args, exc, message):
    if getattr(args, 'debug', False):
        raise exc
    stderr_write(u'%s: error: %s\n' % (PROG, printable(message)))
    return USAGE_STATUS if isinstance(exc, UsageError) else 1
