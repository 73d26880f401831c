"""The simpler-GloVe solver: one vector per word, inner product = PMI.

The model fits the PMI of a co-occurrence table with inner products, no
bias terms::

    loss = sum over observed pairs   f(X_ij) * (<v_i, v_j> - PMI_ij)^2
         + sum over sampled pairs  w * f(X_ij) * <v_i, v_n>^2

    f(x) = min(1, (x / x_max)^alpha)

so that the vectors themselves carry what GloVe hides in its biases: the
squared norm of a word tracks ``-ln P(w)`` (how informative it is), the inner
product ranks *related* words (those that occur together) and the cosine
ranks *similar* words (those that occur in the same contexts).

Why the second line.  Fitting the observed pairs only (the original model)
leaves the inner product of two words that never co-occur free, and the
observed pairs are a biased sample: they were seen because they co-occur
more than chance, so their PMI is mostly positive (mean about +2 at window
10).  The cheapest fit then gives every vector one large common component
(on 2M tokens of English: top singular value 7 times the next, cosine of two
random words 0.87), and the cosine measures little else.  PPMI + SVD built
from the same counts is better because its zeros say that unrelated words
are orthogonal.  The weight function is therefore extended to pairs that
were not observed: each observed pair ``(i, j)`` brings ``negatives`` pairs
``(i, n)`` (or ``(j, n)``) with ``n`` drawn from the unigram distribution
raised to 0.75, fitted to an inner product of 0 (the PPMI of an unseen pair)
with weight ``negative_weight * f(X_ij)``, so that every word feels as much
push as pull.  And ``x_max`` is 10, not GloVe's 100: the log of a count of
x has a sampling noise of about ``1/sqrt(x)``, already below the model's
misfit at 10 occurrences, while x_max = 100 (tuned by GloVe on billions of
tokens) gives the pairs of mid-frequency words almost no weight.  The
ablations are in benchmarks/README.md.

Training is AdaGrad over shuffled passes of the pairs: ``G += g^2`` then
``v -= eta * g / sqrt(G)``, ``G`` starting at 1.  (GloVe steps before
accumulating and accumulates ``(eta * g)^2``, asymptotically a learning
rate of 1 instead of eta, which diverges on PMI targets once norms grow.)
One accumulator per vector (``adagrad='row'``, the default: it grows by the
mean of the coordinates' squared gradients; as good as per-coordinate on
the benchmarks and several times cheaper per update in plain Python) or one
per coordinate (``'coordinate'``, GloVe's form).  Runs are deterministic
under ``seed`` (every epoch shuffles and samples from its own seed) and can
be checkpointed after every epoch and resumed (``fit(checkpoint=...)``).

Backends: ``'python'`` (standard library; on CPython each update is a few
``map`` calls over lists of floats, on PyPy plain index loops over flat
arrays, which its JIT compiles) and ``'numpy'`` (mini-batches of pairs whose
gradients are summed per word and applied together: the same model, not the
same sequence of floating-point operations).  ``'auto'`` picks NumPy when it
is importable.

Checkpoint file: one UTF-8 JSON header line (format name, settings, epoch,
losses, array lengths), then the arrays one after the other as raw
little-endian float64 values (``array('d')``): vectors, then accumulators.
"""

from __future__ import division

import io
import json
import math
import os
import platform
import random
import sys
from array import array
from itertools import repeat
from operator import add, mul, sub, truediv

from ._compat import clock, map, range, zip
from ._files import atomic_open
from .errors import FormatError
from .progress import log

__all__ = ['SimplerGlove', 'suggest_dimension', 'weight_function']

#: Cap on ``f * (<v_i, v_j> - PMI)``, so that a diverging run (eta far too
#: large) keeps finite vectors; never reached in a sane run.
_MAX_STEP = 100.0

_CHECKPOINT_FORMAT = 'nlp-zero simpler-glove checkpoint 1'

#: Settings that must match for a checkpoint to be resumed.
_RESUME_KEYS = ('dim', 'model', 'x_max', 'alpha', 'truncate_weight', 'eta', 'seed', 'adagrad',
                'context_smoothing', 'pmi_shift', 'pmi_floor', 'negatives', 'negative_weight',
                'negative_power', 'backend', 'batch_size', 'words', 'pairs')


def suggest_dimension(vocabulary_size):
    """A vector size for ``vocabulary_size`` words: the smallest n > 8.33 ln N.

    Vectors of size n can hold about ``exp(n / 8.33)`` nearly orthogonal
    directions (pairwise angle cosines within the noise of the PMI
    estimates), so a vocabulary of N words needs n > 8.33 ln N; e.g. 93 for
    70,000 words.
    """
    n = max(2, int(vocabulary_size))
    return int(math.floor(8.33 * math.log(n))) + 1


def weight_function(x, x_max=10.0, alpha=0.75, truncate=True):
    """GloVe's weight ``(x / x_max)^alpha``, capped at 1 when ``truncate``."""
    w = (x / x_max) ** alpha
    return min(w, 1.0) if truncate else w


def _numpy_available():
    try:
        from . import _glove_numpy  # noqa: F401
        return True
    except ImportError:
        return False


class SimplerGlove(object):
    """Train word vectors whose inner products fit the PMI of a co-occurrence table.

    Parameters
    ----------
    dim : int or None
        Vector size (default 100; None: :func:`suggest_dimension`).
    model : {0, 1, 2}
        0: one shared vector per word (default).  1 and 2: a centre and a
        context vector per word, output as their concatenation (1) or sum (2).
    x_max, alpha, truncate_weight : float, float, bool
        The weight ``f(x) = (x / x_max)^alpha``, capped at 1 when
        ``truncate_weight`` (default 10, 0.75, True).
    eta : float
        AdaGrad learning rate (default 0.1).
    epochs : int
        Passes over the pairs (default 10).
    seed : int
        Seed of the initial vectors and of every epoch's shuffle.
    adagrad : {'row', 'coordinate'}
        One accumulator per vector (default) or per coordinate (GloVe's).
    context_smoothing : float or None
        Compute the PMI targets with marginals ``count^a`` renormalised
        (context-distribution smoothing; default None: plain counts; the
        sampled pairs already use ``count^negative_power``).
    pmi_shift : float
        Subtract this from every PMI target (default 0; ``ln(2 * window)``
        is what normalising the joint by the token count would do).
    pmi_floor : float or None
        Raise PMI targets below this to it (0: positive PMI, as PPMI + SVD;
        default None: plain PMI).
    negatives : int
        Sampled unobserved pairs per observed pair, fitted to 0 (default 2;
        0 is the original model).
    negative_weight : float
        Their weight relative to the observed pair's (default 3).
    negative_power : float
        Sample the partner from ``count^negative_power`` (default 0.75).
    backend : {'auto', 'python', 'numpy'}
    batch_size : int
        Pairs per mini-batch of the NumPy backend.
    """

    def __init__(self, dim=100, model=0, x_max=10.0, alpha=0.75, truncate_weight=True, eta=0.1,
                 epochs=10, seed=1, adagrad='row', context_smoothing=None, pmi_shift=0.0,
                 pmi_floor=None, negatives=2, negative_weight=3.0, negative_power=0.75,
                 backend='auto', batch_size=4096):
        if model not in (0, 1, 2):
            raise ValueError('model must be 0 (shared vectors), 1 (concatenated) or 2 (summed)')
        if adagrad not in ('coordinate', 'row'):
            raise ValueError("adagrad must be 'coordinate' or 'row'")
        if backend not in ('auto', 'python', 'numpy'):
            raise ValueError("backend must be 'auto', 'python' or 'numpy'")
        if backend == 'numpy' and not _numpy_available():
            raise ImportError('the numpy backend needs NumPy; use backend="python"')
        self.dim = None if dim is None else int(dim)
        self.model = model
        self.x_max = float(x_max)
        self.alpha = float(alpha)
        self.truncate_weight = bool(truncate_weight)
        self.eta = float(eta)
        self.epochs = int(epochs)
        self.seed = int(seed)
        self.adagrad = adagrad
        self.context_smoothing = None if context_smoothing is None else float(context_smoothing)
        self.pmi_shift = float(pmi_shift)
        self.pmi_floor = None if pmi_floor is None else float(pmi_floor)
        self.negatives = int(negatives)
        self.negative_weight = float(negative_weight)
        self.negative_power = float(negative_power)
        self.backend = backend
        self.batch_size = int(batch_size)
        self.losses = []

    def settings(self):
        """The settings as a JSON-able dict."""
        return dict(dim=self.dim, model=self.model, x_max=self.x_max, alpha=self.alpha,
                    truncate_weight=self.truncate_weight, eta=self.eta, epochs=self.epochs,
                    seed=self.seed, adagrad=self.adagrad,
                    context_smoothing=self.context_smoothing, pmi_shift=self.pmi_shift,
                    pmi_floor=self.pmi_floor,
                    negatives=self.negatives, negative_weight=self.negative_weight,
                    negative_power=self.negative_power,
                    backend=self.chosen_backend(),
                    batch_size=self.batch_size)

    def chosen_backend(self):
        if self.backend == 'auto':
            return 'numpy' if _numpy_available() else 'python'
        return self.backend

    # -------------------------------------------------------------- training
    def fit(self, cooccurrence, checkpoint=None, progress=None):
        """Train on a :class:`~nlp_zero.cooccurrence.Cooccurrence`; returns WordVectors.

        With ``checkpoint`` (a path) the state is saved after every epoch, and
        a run finding a checkpoint made with the same settings and table
        continues after its last epoch instead of starting again.
        """
        from .vectors import WordVectors
        rows, cols, targets, weights = self._training_data(cooccurrence)
        words = len(cooccurrence.words)
        dim = self.dim or suggest_dimension(words)
        self.dim = dim
        state = self._initial_state(words, dim)
        settings = self.settings()
        settings.update(words=words, pairs=len(rows))
        first = 0
        self.losses = []
        if checkpoint and os.path.exists(checkpoint):
            first, self.losses, state = _load_checkpoint(checkpoint, settings, state)
            log(progress, 'resuming from %s after epoch %d' % (checkpoint, first))
        backend = self.chosen_backend()
        if backend == 'numpy':
            from . import _glove_numpy as engine
        else:
            engine = _PythonEngine
        runner = engine.Runner(state, rows, cols, targets, weights, dim, self.model, self.eta,
                               self.adagrad, self.batch_size)
        sampler = _unigram_table(cooccurrence.counts, self.negative_power) if self.negatives \
            else None
        for epoch in range(first, self.epochs):
            start = clock()
            negatives = None
            if self.negatives:
                negatives = engine.negative_pairs(rows, cols, weights, sampler, self.negatives,
                                                  self.negative_weight,
                                                  self._epoch_seed(epoch) + 7919)
            # the mean weighted squared error of the epoch's updates (observed and sampled)
            loss = runner.epoch(self._epoch_seed(epoch), negatives)
            if loss != loss or loss in (float('inf'), float('-inf')):
                log(progress, 'epoch %d: the loss is not finite; lower eta' % (epoch + 1))
            self.losses.append(loss)
            seconds = max(clock() - start, 1e-9)
            updates = len(rows) * (1 + self.negatives) * (1 if self.model == 0 else 2)
            log(progress, 'epoch %d/%d  loss %.5f  %.0f pair updates/s' % (
                epoch + 1, self.epochs, loss, updates / seconds))
            if checkpoint:
                _save_checkpoint(checkpoint, settings, epoch + 1, self.losses, runner.state())
        state = runner.state()
        vectors = _output_vectors(state, words, dim, self.model)
        return WordVectors(cooccurrence.words, vectors, dim * (2 if self.model == 1 else 1),
                           counts=cooccurrence.counts)

    def _training_data(self, cooccurrence):
        """Arrays of the observed pairs: ids, PMI targets and weights f(X)."""
        rows, cols, counts, targets = cooccurrence.training_arrays(self.context_smoothing)
        if self.pmi_shift:
            targets = array('d', [t - self.pmi_shift for t in targets])
        if self.pmi_floor is not None:
            floor = self.pmi_floor
            targets = array('d', [t if t > floor else floor for t in targets])
        return rows, cols, targets, self._weights(counts)

    def _epoch_seed(self, epoch):
        # A seed per epoch (not one stream) so that a resumed run shuffles
        # exactly as an uninterrupted one.
        return self.seed * 1000003 + epoch

    def _weights(self, counts):
        x_max, alpha = self.x_max, self.alpha
        if self.truncate_weight:
            return array('d', (min(1.0, (x / x_max) ** alpha) for x in counts))
        return array('d', ((x / x_max) ** alpha for x in counts))

    def _initial_state(self, words, dim):
        """Vectors uniform in (-0.5/dim, 0.5/dim) as GloVe; accumulators at 1."""
        rng = random.Random(self.seed)
        uniform = rng.random
        tables = 1 if self.model == 0 else 2
        vectors = [array('d', ((uniform() - 0.5) / dim for _ in range(words * dim)))
                   for _ in range(tables)]
        size = words * dim if self.adagrad == 'coordinate' else words
        grads = [array('d', repeat(1.0, size)) for _ in range(tables)]
        return vectors + grads


def _output_vectors(state, words, dim, model):
    """Flat array('d') of the output vectors (shared, concatenated or summed)."""
    if model == 0:
        return state[0]
    w, c = state[0], state[1]
    if model == 2:
        return array('d', map(add, w, c))
    out = array('d')
    for i in range(words):
        out.extend(w[i * dim:(i + 1) * dim])
        out.extend(c[i * dim:(i + 1) * dim])
    return out


# ------------------------------------------------------------------ python
class _PythonEngine(object):
    """Namespace of the plain-Python backend (same interface as _glove_numpy)."""

    class Runner(object):
        def __init__(self, state, rows, cols, targets, weights, dim, model, eta, adagrad,
                     batch_size):
            self.rows, self.cols, self.targets, self.weights = rows, cols, targets, weights
            self.dim, self.model, self.eta, self.adagrad = dim, model, eta, adagrad
            tables = 1 if model == 0 else 2
            self.flat = _USE_FLAT
            if self.flat:
                self.vectors = [array('d', a) for a in state[:tables]]
                self.grads = [array('d', a) for a in state[tables:]]
            else:
                # Lists of per-word lists of floats: the fastest thing to map() over.
                self.vectors = [_split(a, dim) for a in state[:tables]]
                if adagrad == 'coordinate':
                    self.grads = [_split(a, dim) for a in state[tables:]]
                else:
                    self.grads = [list(a) for a in state[tables:]]

        def state(self):
            if self.flat:
                return [array('d', a) for a in self.vectors + self.grads]
            out = []
            for table in self.vectors:
                flat = array('d')
                for v in table:
                    flat.extend(v)
                out.append(flat)
            for table in self.grads:
                flat = array('d')
                if self.adagrad == 'coordinate':
                    for g in table:
                        flat.extend(g)
                else:
                    flat.extend(table)
                out.append(flat)
            return out

        def epoch(self, seed, negatives=None):
            rows, cols, targets, weights = self.rows, self.cols, self.targets, self.weights
            if negatives is not None:
                extra_rows, extra_cols, extra_weights = negatives
                rows = rows + extra_rows
                cols = cols + extra_cols
                targets = targets + array('d', repeat(0.0, len(extra_rows)))
                weights = weights + extra_weights
            order = list(range(len(rows)))
            random.Random(seed).shuffle(order)
            step = (_FLAT_STEPS if self.flat else _STEPS)[self.adagrad]
            if self.model == 0:
                w, = self.vectors
                g, = self.grads
                total = step(w, w, g, g, order, rows, cols, targets, weights, self.eta, self.dim)
                n = len(order)
            else:
                w, c = self.vectors
                gw, gc = self.grads
                total = step(w, c, gw, gc, order, rows, cols, targets, weights, self.eta,
                             self.dim)
                total += step(w, c, gw, gc, order, cols, rows, targets, weights, self.eta,
                              self.dim)
                n = 2 * len(order)
            return 0.5 * total / max(n, 1)


def _unigram_table(counts, power, size=1 << 20):
    """Word ids repeated in proportion to ``count^power``: sampling is one index."""
    powered = [c ** power for c in counts]
    total = math.fsum(powered) or 1.0
    table = array('i')
    for i, p in enumerate(powered):
        table.extend(repeat(i, int(round(p / total * size)) or 1))
    return table


def _negative_pairs(rows, cols, weights, table, negatives, weight, seed):
    """``negatives`` sampled pairs per observed pair, fitted to an inner product of 0.

    The first word of a sampled pair is the first
    (even m) or second (odd m) word of the observed pair, the other is drawn
    from the smoothed unigram table; its weight is ``weight`` times the
    observed pair's, so every word feels as much push as pull.
    """
    rand = random.Random(seed).random
    size = len(table)
    out_rows, out_cols, out_weights = array('i'), array('i'), array('d')
    scaled = array('d', [weight * w for w in weights])
    for m in range(negatives):
        side = rows if m % 2 == 0 else cols
        drawn = array('i', [table[int(rand() * size)] for _ in range(len(side))])
        out_rows.extend(side)
        out_cols.extend(drawn)
        out_weights.extend(w if a != b else 0.0 for a, b, w in zip(side, drawn, scaled))
    return out_rows, out_cols, out_weights


_PythonEngine.negative_pairs = staticmethod(_negative_pairs)


def _split(flat, dim):
    return [flat[k:k + dim].tolist() for k in range(0, len(flat), dim)]


def _steps_coordinate(W, C, GW, GC, order, rows, cols, targets, weights, eta, dim):
    """One pass of per-pair updates with one AdaGrad accumulator per coordinate."""
    total = 0.0
    sqrt = math.sqrt
    etas = repeat(eta)
    for k in order:
        i = rows[k]
        j = cols[k]
        vi = W[i]
        vj = C[j]
        diff = sum(map(mul, vi, vj)) - targets[k]
        fdiff = weights[k] * diff
        if fdiff - fdiff != 0.0:  # nan or inf: skip the pair, keep the vectors finite
            continue
        total += fdiff * diff
        if not -_MAX_STEP < fdiff < _MAX_STEP:  # only reached when training diverges
            fdiff = _MAX_STEP if fdiff > 0 else -_MAX_STEP
        gi = list(map(mul, vj, repeat(fdiff, dim)))
        gj = list(map(mul, vi, repeat(fdiff, dim)))
        ai = list(map(add, GW[i], map(mul, gi, gi)))
        aj = list(map(add, GC[j], map(mul, gj, gj)))
        GW[i] = ai
        GC[j] = aj
        W[i] = list(map(sub, vi, map(truediv, map(mul, gi, etas), map(sqrt, ai))))
        C[j] = list(map(sub, vj, map(truediv, map(mul, gj, etas), map(sqrt, aj))))
    return total


def _steps_row(W, C, GW, GC, order, rows, cols, targets, weights, eta, dim):
    """One pass of per-pair updates with one AdaGrad accumulator per vector.

    The accumulator grows by the mean squared coordinate of the step, so it
    matches the per-coordinate form when the coordinates are alike.
    """
    total = 0.0
    sqrt = math.sqrt
    for k in order:
        i = rows[k]
        j = cols[k]
        vi = W[i]
        vj = C[j]
        diff = sum(map(mul, vi, vj)) - targets[k]
        fdiff = weights[k] * diff
        if fdiff - fdiff != 0.0:
            continue
        total += fdiff * diff
        if not -_MAX_STEP < fdiff < _MAX_STEP:  # only reached when training diverges
            fdiff = _MAX_STEP if fdiff > 0 else -_MAX_STEP
        f2 = fdiff * fdiff / dim
        ai = GW[i] + f2 * sum(map(mul, vj, vj))
        aj = GC[j] + f2 * sum(map(mul, vi, vi))
        GW[i] = ai
        GC[j] = aj
        si = eta * fdiff / sqrt(ai)
        sj = eta * fdiff / sqrt(aj)
        W[i] = list(map(sub, vi, map(mul, vj, repeat(si, dim))))
        C[j] = list(map(sub, vj, map(mul, vi, repeat(sj, dim))))
    return total


def _flat_steps_coordinate(W, C, GW, GC, order, rows, cols, targets, weights, eta, dim):
    """``_steps_coordinate`` on flat arrays with index loops: what PyPy's JIT compiles best."""
    total = 0.0
    sqrt = math.sqrt
    dims = range(dim)
    for k in order:
        i = rows[k] * dim
        j = cols[k] * dim
        dot = 0.0
        for a in dims:
            dot += W[i + a] * C[j + a]
        diff = dot - targets[k]
        fdiff = weights[k] * diff
        if fdiff - fdiff != 0.0:
            continue
        total += fdiff * diff
        if not -_MAX_STEP < fdiff < _MAX_STEP:  # only reached when training diverges
            fdiff = _MAX_STEP if fdiff > 0 else -_MAX_STEP
        for a in dims:
            ia = i + a
            ja = j + a
            gi = fdiff * C[ja]
            gj = fdiff * W[ia]
            ai = GW[ia] + gi * gi
            aj = GC[ja] + gj * gj
            GW[ia] = ai
            GC[ja] = aj
            W[ia] -= eta * gi / sqrt(ai)
            C[ja] -= eta * gj / sqrt(aj)
    return total


def _flat_steps_row(W, C, GW, GC, order, rows, cols, targets, weights, eta, dim):
    """``_steps_row`` on flat arrays with index loops (for PyPy)."""
    total = 0.0
    sqrt = math.sqrt
    dims = range(dim)
    for k in order:
        ri = rows[k]
        rj = cols[k]
        i = ri * dim
        j = rj * dim
        dot = ni = nj = 0.0
        for a in dims:
            x = W[i + a]
            y = C[j + a]
            dot += x * y
            ni += x * x
            nj += y * y
        diff = dot - targets[k]
        fdiff = weights[k] * diff
        if fdiff - fdiff != 0.0:
            continue
        total += fdiff * diff
        if not -_MAX_STEP < fdiff < _MAX_STEP:  # only reached when training diverges
            fdiff = _MAX_STEP if fdiff > 0 else -_MAX_STEP
        f2 = fdiff * fdiff / dim
        ai = GW[ri] + f2 * nj
        aj = GC[rj] + f2 * ni
        GW[ri] = ai
        GC[rj] = aj
        si = eta * fdiff / sqrt(ai)
        sj = eta * fdiff / sqrt(aj)
        for a in dims:
            x = W[i + a]
            W[i + a] = x - si * C[j + a]
            C[j + a] -= sj * x
    return total


_STEPS = {'coordinate': _steps_coordinate, 'row': _steps_row}
_FLAT_STEPS = {'coordinate': _flat_steps_coordinate, 'row': _flat_steps_row}

#: PyPy runs index loops over flat arrays several times faster than map();
#: CPython the other way round.
_USE_FLAT = platform.python_implementation() == 'PyPy'


# --------------------------------------------------------------- checkpoint
def _save_checkpoint(path, settings, epoch, losses, state):
    header = {'format': _CHECKPOINT_FORMAT, 'settings': settings, 'epoch': epoch,
              'losses': losses, 'arrays': [len(a) for a in state]}
    with atomic_open(path, 'wb') as out:
        out.write((json.dumps(header, sort_keys=True) + '\n').encode('utf-8'))
        for a in state:
            if sys.byteorder != 'little':
                a = array('d', a)
                a.byteswap()
            out.write(a.tostring() if not hasattr(a, 'tobytes') else a.tobytes())


def _load_checkpoint(path, settings, state):
    """``(epochs done, losses, state)`` from ``path``; FormatError if it does not fit."""
    with io.open(path, 'rb') as f:
        try:
            header = json.loads(f.readline().decode('utf-8'))
        except ValueError:
            raise FormatError(path, 1, 'not a simpler-GloVe checkpoint')
        if header.get('format') != _CHECKPOINT_FORMAT:
            raise FormatError(path, 1, 'not a simpler-GloVe checkpoint')
        saved = header.get('settings', {})
        for key in _RESUME_KEYS:
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
            if hasattr(a, 'frombytes'):
                a.frombytes(data)
            else:
                a.fromstring(data)
            if sys.byteorder != 'little':
                a.byteswap()
            loaded.append(a)
    return int(header['epoch']), list(header.get('losses', [])), loaded
