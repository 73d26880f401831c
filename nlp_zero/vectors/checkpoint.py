"""Checkpoints of a simpler-GloVe run, so that training can be resumed.

File format: one UTF-8 JSON header line (format name, settings, epoch,
losses, array lengths), then the arrays one after the other as raw
little-endian float64 values (``array('d')``): vectors, then accumulators.
"""

import io
import json
import sys
from array import array

from .._compat import array_bytes, array_extend_bytes
from .._files import atomic_open
from ..errors import FormatError

__all__ = ['save_checkpoint', 'load_checkpoint', 'RESUME_KEYS']

CHECKPOINT_FORMAT = 'nlp-zero simpler-glove checkpoint 1'

#: Settings that must match for a checkpoint to be resumed.
RESUME_KEYS = ('dim', 'model', 'x_max', 'alpha', 'truncate_weight', 'eta', 'seed', 'adagrad',
               'context_smoothing', 'pmi_shift', 'pmi_floor', 'negatives', 'negative_weight',
               'negative_power', 'backend', 'batch_size', 'words', 'pairs')


def save_checkpoint(path, settings, epoch, losses, state):
    header = {'format': CHECKPOINT_FORMAT, 'settings': settings, 'epoch': epoch,
              'losses': losses, 'arrays': [len(a) for a in state]}
    with atomic_open(path, 'wb') as out:
        out.write((json.dumps(header, sort_keys=True) + '\n').encode('utf-8'))
        for a in state:
            if sys.byteorder != 'little':
                a = array('d', a)
                a.byteswap()
            out.write(array_bytes(a))


def load_checkpoint(path, settings, state):
    """``(epochs done, losses, state)`` from ``path``; FormatError if it does not fit."""
    with io.open(path, 'rb') as f:
        try:
            header = json.loads(f.readline().decode('utf-8'))
        except ValueError:
            raise FormatError(path, 1, 'not a simpler-GloVe checkpoint')
        if header.get('format') != CHECKPOINT_FORMAT:
            raise FormatError(path, 1, 'not a simpler-GloVe checkpoint')
        saved = header.get('settings', {})
        for key in RESUME_KEYS:
            if saved.get(key) != settings.get(key):
                raise FormatError(path, 1, 'made with %s=%r, this run has %s=%r; delete it or '
                                           'use another checkpoint path' % (
                                               key, saved.get(key), key, settings.get(key)))
        sizes = header.get('arrays', [])
        if sizes != [len(a) for a in state]:
            raise FormatError(path, 1, 'array sizes do not match this run')
        loaded = []
        for size in sizes:
            a = array('d')
            data = f.read(8 * size)
            if len(data) != 8 * size:
                raise FormatError(path, 0, 'truncated checkpoint')
            array_extend_bytes(a, data)
            if sys.byteorder != 'little':
                a.byteswap()
            loaded.append(a)
    return int(header['epoch']), list(header.get('losses', [])), loaded
