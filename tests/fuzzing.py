# -*- coding: utf-8 -*-
"""Seeded mutations of valid files, and the check of one damaged file.

Shared by ``test_fuzz_loaders`` (a few hundred random cases per loader on
every test run) and ``benchmarks/fuzz_loaders.py`` (a long coverage-guided
campaign); the loaders and their valid samples are in :mod:`fuzz_targets`.
A :class:`Mutator` damages a file in the ways real files get damaged or
mistaken (truncation, flipped and inserted bytes, missing and extra fields,
huge fields and numbers, NaN and inf, other encodings, NUL bytes, tabs for
spaces, hostile JSON headers); :func:`check_case` loads one damaged file and
says what went wrong, if anything: an exception that is not the library's
own, a message that does not name the file or names a line that is not
there, or a loaded result that is not usable (non-finite numbers ...).
"""

import io
import json
import os
import traceback

from nlp_zero._files import MAX_LINE_BYTES
from nlp_zero.errors import NlpZeroError

#: Field values that loaders have choked on, or could.
NASTY_FIELDS = [
    b'', b'0', b'-1', b'-0', b'1e999', b'-1e999', b'1e400', b'nan', b'NaN', b'inf', b'-inf',
    b'Infinity', b'9' * 400, b'1' + b'0' * 400, b'1e-320', b'1e308', b'1.5', b'0x10', b'1_0',
    b'\x00', b'\xff\xfe', b'\xe9', b'\xc3', b'\xed\xa0\x80', b'x' * 5000, b'#', b'#x', b'[X]',
    b':', b'\t', b' ', b'\r', b'\xef\xbb\xbf', b'\xd9\xa3', b'-1000000000', b'3 2',
]

#: JSON values for a header field, as JSON text (1e400 parses to inf).
NASTY_JSON = [
    'null', 'true', '"x"', '-1', '0', '-1000000000', '1e400', '-1e400', '1.5', '[]', '{}',
    '9' * 400, '[1, "x"]', '[0]', 'NaN', 'Infinity', '[' * 3000 + ']' * 3000,
]

#: Whole header lines that are not the header.
NASTY_HEADERS = [
    b'[]', b'5', b'null', b'"x"', b'{}', b'{"format": 5}', b'[' * 100000 + b']' * 100000,
    b'{"a":' * 50000 + b'1' + b'}' * 50000, b'{', b'\xff\xfe{}', b'',
]

ENCODINGS = ['latin-1', 'utf-16', 'utf-16-le', 'utf-32', 'gb18030']

#: Just over the longest line a loader reads.
HUGE_LINE = MAX_LINE_BYTES + 16


class Mutator(object):
    """Damages bytes with a seeded ``random.Random``; :attr:`done` says how."""

    def __init__(self, rng, json_line=None, binary=False):
        self.rng = rng
        self.json_line = json_line   # index of a JSON header line (after '# ' if any)
        self.binary = binary         # a body of machine numbers follows the header
        self.done = []

    def mutate(self, data, rounds=None):
        """``data`` after one to three random damages."""
        rng = self.rng
        kinds = [self.truncate, self.flip, self.insert, self.delete, self.field, self.line,
                 self.field, self.line, self.nul]
        if not self.binary:
            kinds += [self.encode, self.separators]
        if self.json_line is not None:
            kinds += [self.header, self.header, self.header]
        for _ in range(rounds or rng.choice((1, 1, 1, 2, 3))):
            data = rng.choice(kinds)(data)
        if rng.random() < 0.01:
            data = self.huge_line(data)
        return data

    def _note(self, text):
        self.done.append(text)

    def truncate(self, data):
        end = self.rng.randrange(len(data) + 1)
        self._note('truncate at %d' % end)
        return data[:end]

    def flip(self, data):
        data = bytearray(data)
        for _ in range(self.rng.randint(1, 4)):
            if data:
                k = self.rng.randrange(len(data))
                data[k] ^= 1 << self.rng.randrange(8)
                self._note('flip byte %d' % k)
        return bytes(data)

    def insert(self, data):
        k = self.rng.randrange(len(data) + 1)
        piece = self.rng.choice(NASTY_FIELDS)
        self._note('insert %r at %d' % (piece[:20], k))
        return data[:k] + piece + data[k:]

    def delete(self, data):
        k = self.rng.randrange(len(data) + 1)
        size = self.rng.choice((1, 2, 8, 100))
        self._note('delete %d bytes at %d' % (size, k))
        return data[:k] + data[k + size:]

    def nul(self, data):
        k = self.rng.randrange(len(data) + 1)
        self._note('NUL bytes at %d' % k)
        return data[:k] + b'\x00' * self.rng.choice((1, 2, 64)) + data[k:]

    def _split(self, data):
        """(lines, rest): for a binary file its header line, and the body as the rest."""
        if self.binary:
            end = data.find(b'\n')
            return ([data], b'') if end < 0 else ([data[:end]], data[end:])
        return data.split(b'\n'), b''

    def field(self, data):
        """Replace, delete, repeat or add a field of a random line."""
        lines, rest = self._split(data)
        n = self.rng.randrange(len(lines))
        sep = b'\t' if b'\t' in lines[n] else b' '
        fields = lines[n].split(sep)
        k = self.rng.randrange(len(fields))
        action = self.rng.choice(('replace', 'replace', 'delete', 'repeat', 'add'))
        if action == 'replace':
            fields[k] = self.rng.choice(NASTY_FIELDS)
        elif action == 'delete':
            del fields[k]
        elif action == 'repeat':
            fields.insert(k, fields[k])
        else:
            fields.insert(k, self.rng.choice(NASTY_FIELDS))
        self._note('%s field %d of line %d' % (action, k, n + 1))
        lines[n] = sep.join(fields)
        return b'\n'.join(lines) + rest

    def line(self, data):
        """Delete, repeat, swap or add a line (text files only)."""
        if self.binary:
            return self.truncate(data)
        lines = data.split(b'\n')
        n, m = self.rng.randrange(len(lines)), self.rng.randrange(len(lines))
        action = self.rng.choice(('delete', 'repeat', 'swap', 'add'))
        if action == 'delete':
            del lines[n]
        elif action == 'repeat':
            lines.insert(n, lines[n])
        elif action == 'swap':
            lines[n], lines[m] = lines[m], lines[n]
        else:
            pieces = [self.rng.choice(NASTY_FIELDS) for _ in range(self.rng.randint(1, 4))]
            lines.insert(n, self.rng.choice((b'\t', b' ')).join(pieces))
        self._note('%s line %d' % (action, n + 1))
        return b'\n'.join(lines)

    def encode(self, data):
        encoding = self.rng.choice(ENCODINGS)
        self._note('re-encoded as %s' % encoding)
        return data.decode('utf-8', 'replace').encode(encoding, 'replace')

    def separators(self, data):
        old, new = self.rng.choice(((b'\t', b' '), (b' ', b'\t'), (b'\n', b'\r'),
                                    (b'\n', b'\r\n'), (b' ', b'  ')))
        self._note('%r -> %r' % (old, new))
        return data.replace(old, new)

    def huge_line(self, data):
        self._note('a line of %d bytes' % HUGE_LINE)
        k = data.find(b'\n') + 1
        return data[:k] + b'7' * HUGE_LINE + b'\n' + data[k:]

    def header(self, data):
        """Damage the JSON header: the whole of it, one field, or a missing field."""
        lines = data.split(b'\n')
        n = self.json_line
        if n >= len(lines):
            return data
        prefix = b'# ' if lines[n].startswith(b'# ') else b''
        try:
            header = json.loads(lines[n][len(prefix):].decode('utf-8'))
        except (ValueError, RuntimeError):  # RuntimeError: nested too deeply by a former round
            header = None
        if not isinstance(header, dict) or not header or self.rng.random() < 0.3:
            lines[n] = prefix + self.rng.choice(NASTY_HEADERS)
            self._note('header replaced')
        else:
            key = self.rng.choice(sorted(header))
            if self.rng.random() < 0.2:
                del header[key]
                text = _dumps(header)
                self._note('header without %s' % key)
            else:
                value = self.rng.choice(NASTY_JSON)
                header[key] = '@@'
                text = _dumps(header).replace('"@@"', value)
                self._note('header %s = %s' % (key, value[:20]))
            lines[n] = prefix + text.encode('utf-8')
        return b'\n'.join(lines)


def _dumps(header):
    """JSON text of ``header``; a field nested too deeply by an earlier round
    (PyPy's encoder recurses in Python) is emptied first."""
    try:
        return json.dumps(header, sort_keys=True)
    except RuntimeError:  # RecursionError
        return json.dumps(dict((k, v if not isinstance(v, (list, dict)) else None)
                               for k, v in header.items()), sort_keys=True)


def line_count(data):
    return data.count(b'\n') + 1


def check_error(exc, path, data, options=None):
    """What is wrong with a library error raised for ``path`` (None: nothing).

    An error about an option (an encoding that is not one) may name the
    option's value instead of the file.
    """
    message = u'%s' % (exc.args[0] if exc.args else u'',)
    named = [path] + ['%r' % (v,) for v in (options or {}).values() if isinstance(v, str)]
    if not any(name in message for name in named):
        return 'the message does not name the file: %s' % message
    number = getattr(exc, 'line_number', None)
    if number and not 1 <= number <= line_count(data):
        return 'the message names line %d of a file of %d lines: %s' % (
            number, line_count(data), message)
    return None


class Case(object):
    """One damaged file: its suffix, bytes, loader options and how it was made."""

    def __init__(self, suffix, data, options=None, notes=()):
        self.suffix = suffix
        self.data = data
        self.options = options or {}
        self.notes = list(notes)

    def __repr__(self):
        return '<%s, %d bytes, %r: %s>' % (self.suffix, len(self.data), self.options,
                                            '; '.join(self.notes))


def check_case(target, case, path):
    """Write the case's bytes to ``path`` and load them: None if all went as
    it should, else what went wrong (with the traceback)."""
    if os.path.exists(path):
        os.remove(path)  # cheaper than truncating, which flushes on ext4
    with io.open(path, 'wb') as f:
        f.write(case.data)
    try:
        result = target.load(path, **case.options)
    except NlpZeroError as exc:
        return check_error(exc, path, case.data, case.options)
    except Exception:  # noqa: BLE001 - the point: nothing else may escape
        return 'not a library error:\n' + traceback.format_exc()
    try:
        return target.check(result)
    except NlpZeroError:
        return None  # a clear refusal to use it (e.g. a table without pairs to train on)
    except Exception:  # noqa: BLE001
        return 'the result is not usable:\n' + traceback.format_exc()
