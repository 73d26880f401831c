# -*- coding: utf-8 -*-
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
ablations are in benchmarks/results_vectors.md.

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

Runs are deterministic under ``seed``, and the same on Python 2.7 and
3.6–3.11 (the shuffle does not use ``random.shuffle``, which draws
differently on Python 2 and 3); CPython 3.12 and later add floats in
``sum()`` with compensation, and PyPy runs other kernels, so their vectors
can differ in the last bits.

Backends: ``'python'`` (standard library; on CPython each update is a few
``map`` calls over lists of floats, on PyPy plain index loops over flat
arrays, which its JIT compiles) and ``'numpy'`` (mini-batches of pairs whose
gradients are summed per word and applied together: the same model, not the
same sequence of floating-point operations).  ``'auto'`` picks NumPy when it
is importable.

The engines live in :mod:`._glove_python` and :mod:`._glove_numpy` (one
interface), the checkpoint format in :mod:`.checkpoint`.
"""

from __future__ import division

import math
import os
import random
from array import array
from itertools import repeat
from operator import add

from .._backend import resolve, why
from .._compat import clock, map, range
from ..progress import log
from . import _glove_python
from .checkpoint import load_checkpoint, save_checkpoint

__all__ = ['SimplerGlove', 'suggest_dimension', 'weight_function']

#: Added to an epoch's seed for the sampling of unobserved pairs, so that
#: their random stream is not the one that shuffles the epoch (any prime
#: far from the small seed offsets of consecutive epochs would do).
_NEGATIVE_SEED_OFFSET = 7919


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
        resolve(backend)  # an unknown or missing backend fails here, before any work
        if not float(x_max) > 0:
            raise ValueError('x_max must be a positive number, not %r' % (x_max,))
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

    def settings(self, dim=None):
        """The settings as a JSON-able dict (``dim``: the size a run uses,
        when :attr:`dim` is None and the size is suggested)."""
        return dict(dim=dim or self.dim, model=self.model, x_max=self.x_max, alpha=self.alpha,
                    truncate_weight=self.truncate_weight, eta=self.eta, epochs=self.epochs,
                    seed=self.seed, adagrad=self.adagrad,
                    context_smoothing=self.context_smoothing, pmi_shift=self.pmi_shift,
                    pmi_floor=self.pmi_floor,
                    negatives=self.negatives, negative_weight=self.negative_weight,
                    negative_power=self.negative_power,
                    backend=self.chosen_backend(),
                    batch_size=self.batch_size)

    def chosen_backend(self):
        """``'python'`` or ``'numpy'``: the engine that :meth:`fit` runs."""
        return resolve(self.backend)

    # -------------------------------------------------------------- training
    def fit(self, cooccurrence, checkpoint=None, progress=None):
        """Train on a :class:`~nlp_zero.vectors.cooccurrence.Cooccurrence`;
        returns :class:`~nlp_zero.vectors.keyed.WordVectors`.

        With ``checkpoint`` (a path) the state is saved after every epoch, and
        a run finding a checkpoint made with the same settings and table
        continues after its last epoch instead of starting again.
        """
        from .keyed import WordVectors
        rows, cols, targets, weights = self._training_data(cooccurrence)
        words = len(cooccurrence.words)
        dim = self.dim or suggest_dimension(words)
        state = self._initial_state(words, dim)
        settings = self.settings(dim)
        settings.update(words=words, pairs=len(rows))
        first = 0
        self.losses = []
        if checkpoint and os.path.exists(checkpoint):
            first, self.losses, state = load_checkpoint(checkpoint, settings, state)
            log(progress, 'resuming from %s after epoch %d' % (checkpoint, first))
        log(progress, 'training %d-dimensional vectors of %d words on %d pairs (%s)'
            % (dim, words, len(rows), why(self.backend)))
        if self.chosen_backend() == 'numpy':
            from . import _glove_numpy as engine
        else:
            engine = _glove_python
        runner = engine.Runner(state, rows, cols, targets, weights, dim, self.model, self.eta,
                               self.adagrad, self.batch_size)
        sampler = None
        if self.negatives:
            sampler = _glove_python.unigram_table(cooccurrence.counts, self.negative_power)
        self._first, self._elapsed = first, 0.0
        for epoch in range(first, self.epochs):
            self._epoch(engine, runner, epoch, (rows, cols, weights), sampler, progress)
            if checkpoint:
                save_checkpoint(checkpoint, settings, epoch + 1, self.losses, runner.state())
        vectors = _output_vectors(runner.state(), words, dim, self.model)
        return WordVectors(cooccurrence.words, vectors, dim * (2 if self.model == 1 else 1),
                           counts=cooccurrence.counts)

    def _epoch(self, engine, runner, epoch, pairs, sampler, progress):
        """One pass over the observed pairs and a fresh sample of unobserved ones."""
        start = clock()
        rows, cols, weights = pairs
        negatives = None
        if self.negatives:
            negatives = engine.negative_pairs(rows, cols, weights, sampler, self.negatives,
                                              self.negative_weight,
                                              self._epoch_seed(epoch) + _NEGATIVE_SEED_OFFSET)
        updates = len(rows) * (1 + self.negatives)
        if progress is not None:
            # the progress line counts the updates of the whole run: rate and overall ETA
            done = epoch * updates
            progress.unit = 'updates'
            progress.start((self.epochs - self._first) * updates,
                           label='training, epoch %d/%d' % (epoch + 1, self.epochs),
                           elapsed=self._elapsed)

            def report(n):
                progress.update(done - self._first * updates + n)
        else:
            report = None
        # the mean weighted squared error of the epoch's updates (observed and sampled)
        loss = runner.epoch(self._epoch_seed(epoch), negatives, report)
        if loss != loss or loss in (float('inf'), float('-inf')):
            log(progress, 'epoch %d: the loss is not finite; lower eta' % (epoch + 1))
        self.losses.append(loss)
        seconds = max(clock() - start, 1e-9)
        self._elapsed += seconds
        if progress is not None:
            progress.finish()
        log(progress, 'epoch %d/%d  loss %.5f  %.0f pair updates/s' % (
            epoch + 1, self.epochs, loss, updates * (1 if self.model == 0 else 2) / seconds))

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
