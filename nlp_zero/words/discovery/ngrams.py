"""Character n-grams packed into integers, so that counting runs in C.

A text is encoded as UTF-16-LE (two bytes per character of the Basic
Multilingual Plane); an n-gram is then its ``2n`` bytes read as one machine
integer (3-grams padded to 8 bytes).  :func:`gram_arrays` turns a whole
batch into arrays of such integers with a few slicing operations, which a
``Counter`` (or NumPy) counts without a Python loop per n-gram;
:func:`unpack_all` and :func:`pack_all` convert between the integers and the
strings.
"""

from array import array

from ..._compat import array_bytes, range

__all__ = ['CODES', 'MAX_ORDER', 'gram_arrays', 'unpack_all', 'unpack_firsts', 'pack_all']


def _typecode(size):
    for code in ('H', 'I', 'L', 'Q'):
        try:
            if array(code).itemsize == size:
                return code
        except ValueError:  # 'Q' is missing on Python 2
            pass
    raise RuntimeError('no array type of %d bytes on this platform' % size)


CODES = {1: _typecode(2), 2: _typecode(4), 3: _typecode(8), 4: _typecode(8)}
MAX_ORDER = 4


def gram_arrays(data, length, n):
    """The n-grams of a text as packed integers, one array per start offset
    modulo n (together they hold every n-gram once).

    ``data`` is the text's UTF-16-LE encoding (2 bytes per character);
    an n-gram is its 2n bytes read as one integer (3-grams padded to 8).
    """
    code = CODES[n]
    arrays = []
    for offset in range(n):
        k = (length - offset) // n
        if k <= 0:
            break
        start = 2 * offset
        if n == 3:
            chunk = bytearray(8 * k)
            for i in range(6):
                chunk[i::8] = data[start + i:start + 6 * k:6]
        else:
            chunk = data[start:start + 2 * n * k]
        arrays.append(array(code, bytes(chunk)))
    return arrays


def unpack_all(keys, n):
    """The texts of packed n-grams (a list of ints)."""
    width = array(CODES[n]).itemsize // 2
    text = array_bytes(array(CODES[n], keys)).decode('utf-16-le')
    return [text[i:i + n] for i in range(0, len(text), width)]


def unpack_firsts(keys, n):
    """The first characters of packed n-grams (a list of ints), as a string."""
    width = array(CODES[n]).itemsize // 2
    return array_bytes(array(CODES[n], keys)).decode('utf-16-le')[0::width]


def pack_all(grams, n):
    """The packed integers of n-grams (inverse of :func:`unpack_all`)."""
    if not grams:
        return array(CODES[n])
    width = array(CODES[n]).itemsize // 2
    padding = u'\x00' * (width - n)
    data = (padding.join(grams) + padding).encode('utf-16-le')
    return array(CODES[n], data)
