"""The NumPy kernels of :class:`~nlp_zero.vectors.keyed.WordVectors`
(whole-vocabulary scans), used when its backend is NumPy.

Each returns what the plain-Python code beside it in :mod:`.keyed` returns.
"""

from .._backend import numpy as np

__all__ = ['matrices', 'scan', 'scan_table', 'transform', 'analogy_hits']


def matrices(rows, dim):
    """``(raw, unit)`` float64 matrices of the vectors."""
    raw = np.array(rows, dtype=np.float64).reshape(len(rows), dim)
    norms = np.sqrt((raw * raw).sum(axis=1))
    norms[norms == 0] = 1.0
    return raw, raw / norms[:, None]


def scan(matrix, query, exclude, topn, limit):
    """``[(row, score)]``: the ``topn`` rows of ``matrix[:limit]`` with the
    highest inner product with ``query``, rows in ``exclude`` left out."""
    matrix = matrix[:limit]
    scores = matrix.dot(np.array(query, dtype=np.float64))
    for i in exclude:
        if i < limit:
            scores[i] = -np.inf
    k = min(topn + len(exclude), limit)
    best = np.argpartition(-scores, k - 1)[:k] if k < limit else np.arange(limit)
    best = best[np.argsort(-scores[best], kind='stable')]
    return [(int(i), float(scores[i])) for i in best if i not in exclude][:topn]


def scan_table(table, i, topn):
    """``[(row, score)]``: the rows of ``table`` nearest to its row ``i``."""
    scores = table.dot(table[i])
    scores[i] = -np.inf
    best = np.argsort(-scores, kind='stable')[:topn]
    return [(int(k), float(scores[k])) for k in best]


def transform(raw, columns):
    """Unit rows of ``raw`` transformed by ``columns`` (``u = L' v``)."""
    u = raw.dot(np.array(columns).T)
    norms = np.sqrt((u * u).sum(axis=1))
    norms[norms == 0] = 1.0
    return u / norms[:, None]


def analogy_hits(units, questions, limit):
    """How many of ``[(a, b, c, d)]`` (ids) have d as the best b - a + c."""
    units = units[:limit]
    hits = 0
    for start in range(0, len(questions), 512):
        q = np.array(questions[start:start + 512])
        query = units[q[:, 1]] - units[q[:, 0]] + units[q[:, 2]]
        scores = query.dot(units.T)
        rows = np.arange(len(q))
        for col in range(3):
            scores[rows, q[:, col]] = -np.inf
        hits += int((scores.argmax(axis=1) == q[:, 3]).sum())
    return hits
