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

What an epoch visits (``sampling``).  By default (``'all'``) every pair
once, with weight ``f(X)``.  Most pairs weigh little (on 17M tokens of
English, 61% of the 22.5M pairs were seen once, weight 0.18; the weights
add up to 7.0M), so ``'weighted'`` keeps each pair with probability ``f``
(at most 1) and gives it weight 1: the same expected gradient with a third
of the updates, its sampled zero pairs tied to it.  Per update it does as
well; ten such epochs are not as good as ten full passes (measured, see
benchmarks/results_vectors.md), so it is an option.

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

Where the vectors start (``init``).  By default near 0, uniform in
``(-0.5/dim, 0.5/dim)`` as GloVe.  ``'spectral'`` starts them at the
minimiser of the unweighted loss, the top eigenvectors of the target matrix
(:mod:`.spectral`): fewer epochs reach a given loss, for the price of about
one plain epoch (about five NumPy ones) spent on the start.

Backends: ``'python'`` (standard library; on CPython each update is one
dot product and two list comprehensions over lists of floats, on PyPy plain
index loops over flat arrays, which its JIT compiles; both give the same
vectors) and ``'numpy'`` (mini-batches of samples whose gradients are
summed per word and applied together, float32, its own random stream: the
same model and expected updates, not the same sequence of floating-point
operations).  With NumPy the sampled zero pairs enter by default through
their expected gradient, computed exactly (``negative_estimate``): the same
expected loss without drawing partners, with a third of the rows gathered
(1.3 to 1.45 times as fast per epoch on 2M tokens of English).
``'auto'`` picks NumPy when it is importable; ``fit(progress=...)`` logs
which backend runs and why.

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

from .._backend import describe, resolve
from .._compat import PYPY, clock, map, range
from ..progress import log
from . import _glove_python, spectral
from .checkpoint import load_checkpoint, save_checkpoint
from .sharing import can_share, can_share_doubles

__all__ = ['SimplerGlove', 'suggest_dimension', 'weight_function']

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
        (context-distribution smoothing, Levy, Goldberg and Dagan 2015;
        0.75 is the power the sampled pairs are drawn with, so that the
        targets and the zeros use one context distribution; default None:
        plain counts, the measured default: with 0.75 and weighted sampling
        the 17M-token English vectors scored lower, WS353 0.583 and analogy
        0.265 against 0.642 and 0.331, see benchmarks/results_vectors.md).
    pmi_shift : float
        Subtract this from every PMI target (default 0; ``ln(2 * window)``
        is what normalising the joint by the token count would do).
    pmi_floor : float or None
        Raise PMI targets below this to it (0: positive PMI, as PPMI + SVD;
        default None: plain PMI).
    negatives : int
        Sampled unobserved pairs per observed pair, fitted to 0, pairing
        the observed pair's two words with a partner in turn (default 2;
        0 is the original model).
    negative_weight : float
        Their weight relative to the observed pair's (default 3; 0 or more).
    negative_power : float
        Sample the partner from ``count^negative_power`` (default 0.75).
    negative_estimate : {'auto', 'expected', 'sampled'}
        How the sampled pairs enter.  ``'sampled'``: ``negatives`` partners
        drawn for each pair, one update each.  ``'expected'`` (NumPy
        backend, model 0): their expected gradient, computed exactly with
        two dim x dim matrices (see :mod:`._glove_numpy`): the same expected
        loss without its sampling noise, with fewer rows gathered.  ``'auto'``
        (default): expected on NumPy with model 0, sampled otherwise.
    sampling : {'weighted', 'all'}
        What an epoch visits.  ``'all'`` (default): every pair once, with
        weight f(X).  ``'weighted'``: each pair with probability f(X) (at
        most 1), then with weight 1, so that an epoch has the expected
        gradient of a full pass with a third of its updates (on 17M tokens
        of English the pairs weigh 0.31 on average): faster epochs, but not
        yet as good vectors in ten of them (measured; not the default).
    backend : {'auto', 'python', 'numpy'}
    batch_size : int
        Samples per mini-batch of the NumPy backend.
    init : {'random', 'spectral'}
        Where the vectors start.  ``'random'`` (default): uniform in
        ``(-0.5/dim, 0.5/dim)``, as GloVe.  ``'spectral'``: from the top
        eigenvectors of the target matrix, the minimiser of the unweighted
        loss (:mod:`.spectral`), so that fewer epochs reach a given loss
        (on 17M tokens of English, 4 NumPy epochs from it about the loss of
        10 from random vectors); its cost (about one plain epoch, five
        NumPy ones) is the option's trade, measured in
        benchmarks/results_vectors.md.
    workers : int
        Processes that train together, each on its share of every epoch,
        updating one set of vectors in shared memory (see
        :mod:`.sharing`): NumPy backend, or the plain one under PyPy, on
        systems that fork; elsewhere one.  Default 1: reproducible under
        ``seed``; with more, the order of the updates (and so the vectors)
        varies from run to run.
    """

    def __init__(self, dim=100, model=0, x_max=10.0, alpha=0.75, truncate_weight=True, eta=0.1,
                 epochs=10, seed=1, adagrad='row', context_smoothing=None, pmi_shift=0.0,
                 pmi_floor=None, negatives=2, negative_weight=3.0, negative_power=0.75,
                 sampling='all', backend='auto', batch_size=4096, negative_estimate='auto',
                 workers=1, init='random'):
        if model not in (0, 1, 2):
            raise ValueError('model must be 0 (shared vectors), 1 (concatenated) or 2 (summed)')
        if adagrad not in ('coordinate', 'row'):
            raise ValueError("adagrad must be 'coordinate' or 'row'")
        if sampling not in ('weighted', 'all'):
            raise ValueError("sampling must be 'weighted' or 'all'")
        if init not in ('spectral', 'random'):
            raise ValueError("init must be 'spectral' or 'random'")
        if negative_estimate not in ('auto', 'expected', 'sampled'):
            raise ValueError("negative_estimate must be 'auto', 'expected' or 'sampled'")
        chosen = resolve(backend)  # an unknown or missing backend fails here, before any work
        if negative_estimate == 'expected' and (chosen != 'numpy' or model != 0):
            raise ValueError("negative_estimate='expected' needs the NumPy backend and model 0")
        if not float(x_max) > 0:
            raise ValueError('x_max must be a positive number, not %r' % (x_max,))
        if not float(negative_weight) >= 0:
            raise ValueError('negative_weight must be 0 or more, not %r' % (negative_weight,))
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
        self.sampling = sampling
        self.backend = backend
        self.batch_size = int(batch_size)
        self.negative_estimate = negative_estimate
        self.workers = max(1, int(workers))
        self.init = init
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
                    negative_power=self.negative_power, sampling=self.sampling,
                    backend=self.chosen_backend(), batch_size=self.batch_size,
                    negative_estimate=self.chosen_negative_estimate(), init=self.init)

    def chosen_backend(self):
        """``'python'`` or ``'numpy'``: the engine that :meth:`fit` runs."""
        return resolve(self.backend)

    def chosen_negative_estimate(self):
        """``'expected'`` or ``'sampled'``: how :meth:`fit` treats the sampled pairs."""
        if self.negative_estimate != 'auto':
            return self.negative_estimate
        expected = self.negatives and self.model == 0 and self.chosen_backend() == 'numpy'
        return 'expected' if expected else 'sampled'

    def __repr__(self):
        trained = ', %d epochs trained (loss %.4g)' % (len(self.losses), self.losses[-1]) \
            if self.losses else ', not trained yet'
        return '<SimplerGlove: dim=%s, epochs=%d, negatives=%d, x_max=%g, backend=%r%s>' % (
            self.dim if self.dim is not None else 'auto', self.epochs, self.negatives,
            self.x_max, self.backend, trained)

    # -------------------------------------------------------------- training
    def fit(self, cooccurrence, checkpoint=None, progress=None):
        """Train on a :class:`~nlp_zero.vectors.cooccurrence.Cooccurrence`;
        returns :class:`~nlp_zero.vectors.keyed.WordVectors`.

        With ``checkpoint`` (a path) the state is saved after every epoch, and
        a run finding a checkpoint made with the same settings and table
        continues after its last epoch instead of starting again.
        ``progress`` (a :class:`~nlp_zero.progress.Progress`) gets a log line
        naming the backend and why, a live line with the rate and ETA, and a
        line per epoch with its loss.  Once the pairs are prepared, ``fit``
        keeps no reference to the table: passed without a name of its own
        (``fit(Cooccurrence.load(path))``), its pair counts (8 bytes a pair)
        are freed before training on CPython 3.11+ and PyPy.
        """
        from .keyed import WordVectors
        backend = self.chosen_backend()
        engine = _engine(backend)
        log(progress, 'training backend: %s' % describe(self.backend, _kernel(backend)))
        data = engine.prepare(cooccurrence, self)
        vocabulary, word_counts = cooccurrence.words, cooccurrence.counts
        # The pair counts are spent (the data hold targets and weights): with
        # no reference left here, a caller that handed its table over (as the
        # command line does) gets their memory back for training.
        del cooccurrence
        words = len(vocabulary)
        dim = self.dim or suggest_dimension(words)
        state = self._initial_state(words, dim)
        settings = self.settings(dim)
        settings.update(words=words, pairs=data.pairs)
        first = 0
        self.losses = []
        if checkpoint and os.path.exists(checkpoint):
            first, self.losses, state = load_checkpoint(checkpoint, settings, state)
            log(progress, 'resuming from %s after epoch %d' % (checkpoint, first))
        if not first and self.init == 'spectral':
            self._spectral_start(backend, data, words, dim, state, progress)
        runner = engine.Runner(state, data, dim, self.model, self.eta, self.adagrad,
                               self.batch_size, self._workers(backend, progress))
        del state
        plan = _Plan(self, data, word_counts, progress, self.epochs - first)
        for epoch in range(first, self.epochs):
            plan.begin(epoch)
            loss = runner.epoch(self._epoch_seed(epoch), plan)
            self.losses.append(loss)
            plan.end(epoch, loss)
            if checkpoint:
                save_checkpoint(checkpoint, settings, epoch + 1, self.losses, runner.state())
        vectors = _output_vectors(runner.state(), words, dim, self.model)
        return WordVectors(vocabulary, vectors, dim * (2 if self.model == 1 else 1),
                           counts=word_counts)

    def _spectral_start(self, backend, data, words, dim, state, progress):
        """Replace the random start of every vector table by the spectral one
        (:mod:`.spectral`)."""
        start = clock()
        if backend == 'numpy':
            from . import _spectral_numpy
            _spectral_numpy.spectral_vectors(data, words, dim, self.seed, state[0], progress)
        else:
            targets = spectral.PlainTargets(data.keys, data.stride, data.targets, words)
            spectral.spectral_vectors(targets, dim, random.Random(self.seed), state[0], progress)
        if self.model != 0:
            state[1][:] = state[0]
        log(progress, 'spectral start: %.0f s' % (clock() - start))

    def _workers(self, backend, progress):
        """The worker processes :meth:`fit` can use, each choice logged with its reason."""
        if self.workers == 1:
            return 1
        if not can_share():
            reason = 'this system cannot fork'
        elif backend == 'python' and not can_share_doubles():
            reason = 'the plain engine shares its vectors only under PyPy'
        else:
            log(progress, 'training: %d worker processes sharing the vectors (the vectors vary '
                'from run to run; one worker is reproducible)' % self.workers)
            return self.workers
        log(progress, 'training in one process: %s' % reason)
        return 1

    def target_transform(self):
        """The function from PMI to target (shift, floor), or None for PMI itself."""
        shift, floor = self.pmi_shift, self.pmi_floor
        if not shift and floor is None:
            return None
        if floor is None:
            return lambda t: t - shift
        return lambda t: max(t - shift, floor)

    def weight_transform(self):
        """The weight function f of a count."""
        x_max, alpha = self.x_max, self.alpha
        if self.truncate_weight:
            return lambda x: min(1.0, (x / x_max) ** alpha)
        return lambda x: (x / x_max) ** alpha

    def _epoch_seed(self, epoch):
        # A seed per epoch (not one stream) so that a resumed run samples
        # and shuffles exactly as an uninterrupted one.
        return self.seed * 1000003 + epoch

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


def _engine(backend):
    if backend == 'numpy':
        from . import _glove_numpy
        return _glove_numpy
    return _glove_python


def _kernel(backend):
    if backend == 'numpy':
        return 'NumPy mini-batches'
    if PYPY:
        return 'plain Python, flat-loop kernel for PyPy'
    return 'plain Python, list kernel for CPython (no NumPy: 20,000-50,000 updates/s)'


class _Plan(object):
    """What every epoch of a run shares (sampling, sampled pairs, the
    unigram table) and its progress reports: a live line with rate and ETA
    over the whole run, and a log line per epoch."""

    def __init__(self, model, data, counts, progress, epochs):
        self.weighted = model.sampling == 'weighted'
        self.expected = model.chosen_negative_estimate() == 'expected'
        self.negatives = model.negatives
        self.negative_weight = model.negative_weight
        self.table = _glove_python.unigram_table(counts, model.negative_power) \
            if model.negatives else None
        per_sample = 1 + model.negatives + (1 if model.model else 0)
        self.samples = data.weight_sum if self.weighted else data.pairs
        self.updates = self.samples * per_sample
        self.epochs, self.total_epochs = epochs, model.epochs
        self.progress = progress
        self.done = 0
        self.start = clock()
        if progress is not None:
            progress.start(total=int(self.samples * epochs), label='training')
            progress.unit = 'samples'
            log(progress, 'training: %d epochs of %d samples of %d pairs (%s), %d updates each'
                % (model.epochs, self.samples, data.pairs, model.sampling, self.updates))

    def begin(self, epoch):
        self.epoch_start = clock()
        if self.progress is not None:
            self.progress.label = 'epoch %d/%d' % (epoch + 1, self.total_epochs)

    def report(self, samples):
        self.done += samples
        if self.progress is not None:
            self.progress.update(self.done)

    def end(self, epoch, loss):
        if loss != loss or loss in (float('inf'), float('-inf')):
            log(self.progress, 'epoch %d: the loss is not finite; lower eta' % (epoch + 1))
        now = clock()
        seconds = max(now - self.epoch_start, 1e-9)
        left = (self.samples * self.epochs - self.done) * (now - self.start) / max(self.done, 1)
        log(self.progress, 'epoch %d/%d  loss %.5f  %.0f updates/s  %.0f s  ETA %.0f s' % (
            epoch + 1, self.total_epochs, loss, self.updates / seconds, seconds, max(left, 0)))
