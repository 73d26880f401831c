"""Exceptions for mistakes in what the user gave us (files, options, data).

The command line prints these as one line and exits non-zero; anything else
is a bug and keeps its traceback.
"""


class NlpZeroError(Exception):
    """Base class of every error caused by the input rather than by a bug."""


class CorpusError(NlpZeroError, ValueError):
    """A corpus cannot be read: missing file, bad bytes, binary data, no text."""


class FormatError(NlpZeroError, ValueError):
    """A model or data file is malformed; the message names the file and line."""

    def __init__(self, path, line_number, message):
        self.path = path
        self.line_number = line_number
        # '%s' rather than str(): a unicode path stays unicode on Python 2
        where = '%s, line %d' % (path, line_number) if line_number else '%s' % (path,)
        NlpZeroError.__init__(self, '%s: %s' % (where, message))
