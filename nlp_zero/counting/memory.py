"""Memory budgets: what ``memory='500M'`` means, and the default one."""

import os
import re

from .._compat import PYPY, string_types
from ..errors import NlpZeroError

__all__ = ['parse_size', 'default_memory', 'BYTES_PER_ENTRY']

_UNITS = {'': 1, 'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30, 'T': 1 << 40}
_SIZE = re.compile(r'^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$', re.IGNORECASE)

#: What one entry of an in-memory count table (a dict of int -> int) costs
#: at its peak, measured on 3M random 40-bit keys (resident memory at the
#: high-water mark over the entries): CPython 114 bytes (the dict slot,
#: the key object and the count object); PyPy 208 (143 live, the rest the
#: headroom its garbage collector keeps).
BYTES_PER_ENTRY = 210 if PYPY else 110

#: The default budget: a quarter of the machine's memory, at most this, so
#: that a counting process with its interpreter, batches and merge buffers
#: stays within about 1 GB by default (spilling costs a merge pass: give
#: ``--memory`` more where memory is plentiful).
_DEFAULT_CAP = 768 << 20
_DEFAULT_FLOOR = 256 << 20


def parse_size(value):
    """Bytes of a size: a number of bytes, or a text such as ``'500M'``,
    ``'1.5G'``, ``'800MB'`` (units of 1024).  None stays None."""
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        if value is not None and not value > 0:
            raise NlpZeroError('a memory size must be positive, not %r' % (value,))
        return None if value is None else int(value)
    match = _SIZE.match(value) if isinstance(value, string_types) else None
    if match is None:
        raise NlpZeroError('not a memory size: %r (give e.g. 500M or 2G)' % (value,))
    size = int(float(match.group(1)) * _UNITS[match.group(2).upper()])
    if size <= 0:
        raise NlpZeroError('a memory size must be positive, not %r' % (value,))
    return size


def default_memory():
    """A quarter of the physical memory, between 256 and 768 MB (256 MB
    where the machine does not say)."""
    try:
        total = os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES')
    except (AttributeError, ValueError, OSError):
        return _DEFAULT_FLOOR
    return max(_DEFAULT_FLOOR, min(_DEFAULT_CAP, total // 4))
