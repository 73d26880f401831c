"""The ``nlp-zero`` command line: one subcommand per stage of the data flow.

Each ``*_commands`` module registers its subcommands; this module builds the
parser, runs the chosen command and turns user errors into one line on
stderr and a non-zero exit status (``--debug`` shows the traceback).
"""

import argparse
import errno
import sys

from .. import __version__
from .._compat import stderr_write
from ..errors import NlpZeroError
from . import (corpus_commands, demo, discovery_commands, structure_commands, vector_commands,
               word_commands)

_COMMAND_MODULES = (corpus_commands, discovery_commands, word_commands, structure_commands,
                    vector_commands, demo)

PROG = 'nlp-zero'


def build_parser():
    parser = argparse.ArgumentParser(
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
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, 'command', None):
        parser.print_help()
        return 2
    try:
        status = args.run(args)
    except NlpZeroError as exc:
        return _fail(args, exc, str(exc))
    except (IOError, OSError) as exc:
        if getattr(exc, 'errno', None) == errno.EPIPE:  # e.g. "| head": not an error
            return 0
        where = (' %s' % exc.filename) if getattr(exc, 'filename', None) else ''
        return _fail(args, exc, 'cannot access%s: %s' % (where, exc.strerror or exc))
    except KeyboardInterrupt:
        stderr_write('%s: interrupted\n' % PROG)
        return 130
    return status or 0


def _fail(args, exc, message):
    if getattr(args, 'debug', False):
        raise exc
    stderr_write(u'%s: error: %s\n' % (PROG, message))
    return 1
