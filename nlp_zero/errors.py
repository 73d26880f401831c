"""Exceptions for mistakes in what the user gave us (files, options, data).

The command line prints these as one line and exits non-zero; anything else
is a bug and keeps its traceback.
"""


class NlpZeroError(Exception):
    """Base class of every error caused by the input rather than by a bug."""


class CorpusError(NlpZeroError, ValueError):
    """A corpus cannot be read: missing file, bad bytes, binary data, no text."""


class FormatError(NlpZeroError, ValueError):
    """A model or data file is malformed; the message names the file and line.

    ``reason`` is the message without the place; ``hint``, when given, says
    how to read the file anyway (in the terms of the API: the command line
    gives its own); ``undecodable`` is True when the bytes are not text in
    the expected encoding.
    """

    def __init__(self, path, line_number, message, hint=None, undecodable=False):
        self.path = path
        self.line_number = line_number
        self.reason = message
        self.hint = hint
        self.undecodable = undecodable
        # '%s' rather than str(): a unicode path stays unicode on Python 2
        where = '%s, line %d' % (path, line_number) if line_number else '%s' % (path,)
        NlpZeroError.__init__(self, '%s: %s%s' % (where, message, '; ' + hint if hint else ''))

    def __reduce__(self):  # (pickled whole, e.g. across processes)
        return (self.__class__, (self.path, self.line_number, self.reason, self.hint,
                                 self.undecodable))
