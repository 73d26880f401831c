"""A word vector with arithmetic, for when NumPy is not there.

``vectors['king']`` used to be a plain ``array('d')``, whose ``+``
concatenates and whose ``-`` raises: ``king - man + woman`` silently gave a
vector three times too long.  :class:`Vector` is still an ``array('d')``
(every code that took one still works), with the arithmetic of a vector:
``+`` and ``-`` element by element, ``*`` and ``/`` by a number (``*`` by a
vector of the same size: element by element, as NumPy), unary ``-``,
:meth:`~Vector.dot` and :meth:`~Vector.norm`.  With the NumPy backend,
:class:`~nlp_zero.vectors.keyed.WordVectors` gives ndarrays instead.

>>> v = Vector([1.0, 2.0]) + Vector([3.0, 4.0]) * 2 - [1.0, 1.0]
>>> list(v), v.dot([1.0, 0.0]), Vector([3.0, 4.0]).norm()
([6.0, 9.0], 6.0, 5.0)
>>> sum([Vector([1.0]), Vector([2.0])])
Vector([3.0])
"""

from __future__ import division

import math
from array import array
from numbers import Number
from operator import add, mul, sub, truediv

from .._compat import map

__all__ = ['Vector', 'is_vector']


def is_vector(value):
    """Whether ``value`` is one vector (an array, an ndarray, or a list or
    tuple of numbers) rather than a word or a list of words."""
    if isinstance(value, array) or hasattr(value, 'shape'):
        return True
    return (isinstance(value, (list, tuple)) and len(value) > 0
            and all(isinstance(x, Number) and not isinstance(x, bool) for x in value))


class Vector(array):
    """An ``array('d')`` with vector arithmetic (see the module text)."""

    __slots__ = ()

    def __new__(cls, *args):
        # Vector(values), or array's own (typecode, values) when unpickled
        if args and isinstance(args[0], str) and len(args[0]) == 1:
            return array.__new__(cls, *args)
        return array.__new__(cls, 'd', *args)

    def _pairwise(self, other, op, name):
        if isinstance(other, Number):
            raise TypeError('cannot %s a number and a vector: use a vector of the same size'
                            % name)
        if len(other) != len(self):
            raise ValueError('cannot %s vectors of sizes %d and %d' % (name, len(self),
                                                                       len(other)))
        return Vector(map(op, self, other))

    def __add__(self, other):
        return self._pairwise(other, add, 'add')

    def __radd__(self, other):
        if isinstance(other, Number) and other == 0:  # sum() starts from 0
            return Vector(self)
        return self._pairwise(other, add, 'add')

    def __sub__(self, other):
        return self._pairwise(other, sub, 'subtract')

    def __rsub__(self, other):
        return self._pairwise(other, sub, 'subtract') * -1.0

    def __mul__(self, other):
        if isinstance(other, Number):
            return Vector([x * other for x in self])
        return self._pairwise(other, mul, 'multiply')

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, Number):
            return Vector([x / other for x in self])
        return self._pairwise(other, truediv, 'divide')

    __div__ = __truediv__

    # in-place forms give a new vector (array's would concatenate or repeat)
    __iadd__ = __add__
    __isub__ = __sub__
    __imul__ = __mul__
    __itruediv__ = __idiv__ = __truediv__

    def __neg__(self):
        return Vector([-x for x in self])

    def __pos__(self):
        return Vector(self)

    def dot(self, other):
        """The inner product with a vector of the same size."""
        if len(other) != len(self):
            raise ValueError('cannot dot vectors of sizes %d and %d' % (len(self), len(other)))
        return sum(map(mul, self, other))

    def norm(self):
        """The Euclidean length."""
        return math.sqrt(sum(map(mul, self, self)))

    def __repr__(self):
        return 'Vector(%r)' % (list(self),)
