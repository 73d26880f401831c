"""Checkpoints of a simpler-GloVe run, so that training can be resumed.

File format: one UTF-8 JSON header line (format name, settings, epoch,
losses, array lengths, the CRC-32 of the body), then the arrays one after
the other as raw little-endian float64 values (``array('d')``): vectors,
then AdaGrad accumulators.

A checkpoint is only a shortcut (without it the run starts again), so the
loader trusts nothing in it: every header field is checked, the body must
have the announced size and checksum, the vectors must be finite and the
accumulators at least 1 (they start at 1 and only grow).  Anything else is a
:class:`~nlp_zero.errors.FormatError` naming the file, never a run that
trains from a damaged state.
"""

import json
import numbers
import sys
import zlib
from array import array

from .._compat import array_bytes, array_extend_bytes, string_types
from .._files import atomic_open, open_input, read_line
from ..errors import FormatError

__all__ = ['save_checkpoint', 'load_checkpoint', 'RESUME_KEYS']

#: Format 2 added the checksum of the body.
CHECKPOINT_FORMAT = 'nlp-zero simpler-glove checkpoint 2'
_OLD_FORMATS = ('nlp-zero simpler-glove checkpoint 1',)

#: Settings that must match for a checkpoint to be resumed.
RESUME_KEYS = ('dim', 'model', 'x_max', 'alpha', 'truncate_weight', 'eta', 'seed', 'adagrad',
               'context_smoothing', 'pmi_shift', 'pmi_floor', 'negatives', 'negative_weight',
               'negative_power', 'backend', 'batch_size', 'words', 'pairs', 'sampling',
               'negative_estimate', 'init')


def _little_endian(a):
    """The bytes of ``a`` as stored: little-endian float64."""
    if sys.byteorder != 'little':
        a = array('d', a)
        a.byteswap()
    return array_bytes(a)


def save_checkpoint(path, settings, epoch, losses, state):
    """Write the state after ``epoch`` epochs to ``path``, atomically."""
    crc = 0
    for a in state:  # one array's bytes at a time: a checkpoint can be large
        crc = zlib.crc32(_little_endian(a), crc)
    header = {'format': CHECKPOINT_FORMAT, 'settings': settings, 'epoch': epoch,
              'losses': losses, 'arrays': [len(a) for a in state], 'crc32': crc & 0xffffffff}
    with atomic_open(path, 'wb') as out:
        out.write((json.dumps(header, sort_keys=True) + '\n').encode('utf-8'))
        for a in state:
            out.write(_little_endian(a))


def load_checkpoint(path, settings, state):
    """``(epochs done, losses, state)`` from ``path``; FormatError if it does
    not fit this run (``settings``, arrays shaped as ``state``) or is damaged.

    Checkpoints of format 1 (nlp-zero 0.2, no checksum) are refused with a
    message saying so: a body without a checksum cannot be trusted, and
    deleting the checkpoint only costs the epochs it saved.
    """
    with open_input(path, 'checkpoint') as f:
        header = _read_header(path, f)
        epoch, losses = _check_header(path, header, settings, state)
        loaded = _read_body(path, f, header['arrays'], header['crc32'])
    _check_values(path, loaded)
    return epoch, losses, loaded


def _read_header(path, f):
    """The header line as a dict with this version's format name."""
    raw = read_line(f, path, 1)
    try:
        header = json.loads(raw.decode('utf-8'))
    except (ValueError, RuntimeError):  # RuntimeError: nesting too deep for the parser
        header = None
    if not isinstance(header, dict) or not isinstance(header.get('format'), string_types):
        raise FormatError(path, 1, 'not a simpler-GloVe checkpoint')
    if header['format'] in _OLD_FORMATS:
        raise FormatError(path, 1, 'a checkpoint of an older nlp-zero, without a checksum; '
                                   'delete it (the run starts again)')
    if header['format'] != CHECKPOINT_FORMAT:
        raise FormatError(path, 1, 'not a simpler-GloVe checkpoint')
    return header


def _whole(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _shown(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + '...'

#: Settings added later, and what a checkpoint without them did.
_BEFORE = {'negative_estimate': 'sampled', 'init': 'random'}


def _check_header(path, header, settings, state):
    """``(epoch, losses)`` of a header whose every field fits this run."""
    saved = header.get('settings')
    if not isinstance(saved, dict):
        raise FormatError(path, 1, 'the checkpoint has no settings')
    for key in RESUME_KEYS:
        if saved.get(key, _BEFORE.get(key)) != settings.get(key):
            raise FormatError(path, 1, 'made with %s=%s, this run has %s=%s; delete it or '
                                       'use another checkpoint path' % (
                                           key, _shown(saved.get(key)), key,
                                           _shown(settings.get(key))))
    sizes = header.get('arrays')
    if not isinstance(sizes, list) or not all(_whole(n) for n in sizes) or \
            sizes != [len(a) for a in state]:
        raise FormatError(path, 1, 'array sizes do not match this run')
    crc = header.get('crc32')
    if not _whole(crc) or not 0 <= crc <= 0xffffffff:
        raise FormatError(path, 1, 'no valid checksum in the header')
    epoch, epochs = header.get('epoch'), settings.get('epochs')
    if not _whole(epoch) or not 0 <= epoch <= epochs:
        raise FormatError(path, 1, 'the epoch %s is not a whole number from 0 to the %d epochs '
                                   'of this run' % (_shown(epoch), epochs))
    losses = _losses(header.get('losses'))
    if losses is None or len(losses) != epoch:
        raise FormatError(path, 1, 'the losses are not one number per epoch done')
    return int(epoch), losses


def _losses(values):
    """``values`` as a list of floats, or None when it is not a list of numbers."""
    if not isinstance(values, list) or not all(
            isinstance(x, numbers.Real) and not isinstance(x, bool) for x in values):
        return None
    try:
        return [float(x) for x in values]
    except OverflowError:  # a 400-digit integer
        return None


def _read_body(path, f, sizes, crc):
    """The arrays of the body, checked against their sizes and checksum."""
    loaded = []
    actual = 0
    for size in sizes:
        data = f.read(8 * size)
        if len(data) != 8 * size:
            raise FormatError(path, 0, 'truncated checkpoint')
        actual = zlib.crc32(data, actual)
        a = array('d')
        array_extend_bytes(a, data)
        if sys.byteorder != 'little':
            a.byteswap()
        loaded.append(a)
    if f.read(1):
        raise FormatError(path, 0, 'the checkpoint is longer than its header says')
    if actual & 0xffffffff != crc:
        raise FormatError(path, 0, 'the checksum does not match: the checkpoint is damaged')
    return loaded


def _check_values(path, loaded):
    """Vectors finite, accumulators (the second half of the arrays) at least 1."""
    accumulators = len(loaded) // 2
    for k, a in enumerate(loaded):
        total = sum(a)
        if total - total != 0:  # NaN or inf somewhere (or an absurd overflowing sum)
            raise FormatError(path, 0, 'the checkpoint holds values that are not finite '
                                       '(a run that diverged? lower eta and start again)')
        if k >= accumulators and a and min(a) < 1.0:
            raise FormatError(path, 0, 'the checkpoint holds AdaGrad accumulators below 1')
