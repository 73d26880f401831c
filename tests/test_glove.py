# -*- coding: utf-8 -*-
"""The simpler-GloVe solver: learning, determinism, checkpoints, backends."""

import gc
import io
import json
import math
import os
import random
import struct
import sys
import unittest
import weakref
import zlib

from support import TempDirTestCase

from nlp_zero import FormatError
from nlp_zero._compat import PYPY
from nlp_zero.cooccurrence import Cooccurrence
from nlp_zero.glove import SimplerGlove, suggest_dimension, weight_function
from nlp_zero.progress import Progress
from nlp_zero.vectors.checkpoint import load_checkpoint

try:
    import numpy
except ImportError:
    numpy = None


def topic_corpus(lines=400, seed=0):
    """Sentences drawn from two topics sharing a few function words.

    Words of one topic co-occur with each other, never with the other
    topic's: the vectors must separate the two groups.
    """
    rng = random.Random(seed)
    topics = [[u'a%d' % i for i in range(8)], [u'b%d' % i for i in range(8)]]
    glue = [u'the', u'of', u'and']
    out = []
    for n in range(lines):
        words = topics[n % 2]
        out.append([rng.choice(words) if rng.random() < 0.7 else rng.choice(glue)
                    for _ in range(8)])
    return out


TABLE = Cooccurrence.count(topic_corpus(), min_count=1, window=3)


def fit(**options):
    settings = dict(dim=8, epochs=6, seed=3, backend='python')
    settings.update(options)
    return SimplerGlove(**settings).fit(TABLE)


class SettingsTest(unittest.TestCase):

    def test_suggested_dimension_follows_the_log_of_the_vocabulary(self):
        self.assertEqual(suggest_dimension(70000), 93)
        self.assertGreater(8.33 * math.log(1000), suggest_dimension(1000) - 1)
        self.assertGreater(suggest_dimension(1000), 8.33 * math.log(1000))

    def test_weight_is_capped_unless_told_otherwise(self):
        self.assertEqual(weight_function(1000.0), 1.0)
        self.assertAlmostEqual(weight_function(1.0), 0.1 ** 0.75)
        self.assertAlmostEqual(weight_function(10.0, x_max=100.0), 0.1 ** 0.75)
        self.assertGreater(weight_function(1000.0, truncate=False), 1.0)

    def test_bad_settings_are_refused(self):
        self.assertRaises(ValueError, SimplerGlove, model=3)
        self.assertRaises(ValueError, SimplerGlove, adagrad='momentum')
        self.assertRaises(ValueError, SimplerGlove, backend='fortran')
        self.assertRaises(ValueError, SimplerGlove, sampling='some')
        self.assertRaises(ValueError, SimplerGlove, negative_weight=-1)


class BackendMessageTest(unittest.TestCase):

    def test_the_log_says_which_backend_runs_and_why(self):
        from nlp_zero._backend import describe
        self.assertEqual(describe('python'), 'python (asked for)')
        saved = os.environ.get('NLP_ZERO_BACKEND')
        os.environ['NLP_ZERO_BACKEND'] = 'python'
        try:
            self.assertEqual(describe('auto', 'kernel'), 'python, kernel (NLP_ZERO_BACKEND=python)')
        finally:
            if saved is None:
                del os.environ['NLP_ZERO_BACKEND']
            else:
                os.environ['NLP_ZERO_BACKEND'] = saved
        if numpy is None:
            self.assertIn('NumPy is not importable', describe('auto'))
        elif saved != 'python':
            self.assertIn('NumPy %s is importable' % numpy.__version__, describe('auto'))

    def test_the_blas_threads_can_be_limited_after_numpy_was_imported(self):
        from nlp_zero._backend import limit_blas_threads
        limited = limit_blas_threads(1)  # the command line's setting
        self.assertIn(limited, (True, False))  # True with an OpenBLAS on Linux
        if numpy is None:
            self.assertFalse(limited)
        else:
            matrix = numpy.arange(12.0).reshape(3, 4)
            self.assertEqual(numpy.dot(matrix, matrix.T)[0, 0], 14.0)  # still computes


class TrainingTest(unittest.TestCase):

    def test_loss_goes_down(self):
        model = SimplerGlove(dim=8, epochs=5, seed=3, backend='python')
        model.fit(TABLE)
        self.assertLess(model.losses[-1], model.losses[0])

    def test_sampled_negatives_make_unrelated_words_orthogonal(self):
        vectors = fit(negatives=2, epochs=8)
        a = [u'a%d' % i for i in range(8)]
        b = [u'b%d' % i for i in range(8)]
        across = sum(vectors.similarity(x, y) for x in a for y in b) / 64.0
        within = sum(vectors.similarity(x, y) for x in a for y in a if x != y) / 56.0
        self.assertLess(abs(across), 0.15)
        self.assertGreater(within, 0.9)

    def test_topics_are_separated(self):
        for adagrad in ('coordinate', 'row'):
            vectors = fit(adagrad=adagrad, epochs=10, eta=0.2)
            similar = [w for w, _ in vectors.most_similar(u'a1', topn=5)]
            self.assertTrue(all(w.startswith(u'a') for w in similar), (adagrad, similar))

    def test_same_seed_same_vectors(self):
        a, b = fit(), fit()
        self.assertEqual(list(a[u'a1']), list(b[u'a1']))
        self.assertNotEqual(list(fit(seed=4)[u'a1']), list(a[u'a1']))

    def test_models_with_context_vectors(self):
        self.assertEqual(fit(model=1).vector_size, 16)
        summed = fit(model=2)
        self.assertEqual(summed.vector_size, 8)
        self.assertEqual(len(summed), len(TABLE))

    def test_huge_steps_keep_the_vectors_finite(self):
        vectors = fit(eta=1e30, epochs=2)
        for word in vectors:
            self.assertTrue(all(not math.isinf(x) and x == x for x in vectors[word]))

    def test_dimension_can_be_suggested(self):
        self.assertEqual(fit(dim=None, epochs=1).vector_size, suggest_dimension(len(TABLE)))

    @unittest.skipUnless(sys.version_info >= (3, 11) or PYPY,
                         'older CPythons keep a call\'s arguments on the caller\'s stack')
    def test_a_table_handed_over_is_freed_before_training(self):
        # The command line passes its table straight to fit: its pair counts
        # must not stay in memory through the epochs.
        freed = []

        class Watch(Progress):
            def start(self, total=None, label=None, **options):
                if label == 'training':
                    gc.collect()
                    freed.append(tables[0]() is None)
                return Progress.start(self, total=total, label=label, **options)

        tables = []  # a weak reference to the table handed over

        def handed_over():
            table = Cooccurrence.count(topic_corpus(), min_count=1, window=3)
            tables.append(weakref.ref(table))
            return table

        model = SimplerGlove(dim=8, epochs=1, seed=3, backend='python')
        vectors = model.fit(handed_over(), progress=Watch(quiet=True))
        self.assertEqual(freed, [True])
        self.assertEqual(len(vectors), len(TABLE))


class ShuffleTest(unittest.TestCase):

    def test_the_shuffle_is_the_same_on_every_interpreter(self):
        # random.shuffle draws differently on Python 2 and 3; this one does not
        from nlp_zero.vectors._glove_python import shuffle
        items = list(range(12))
        shuffle(items, random.Random(7))
        self.assertEqual(items, [7, 11, 10, 5, 9, 8, 2, 4, 0, 6, 1, 3])


class PythonPathsTest(unittest.TestCase):
    """CPython maps over lists, PyPy loops over flat arrays: the same arithmetic."""

    def run_both(self, adagrad, weighted):
        from array import array
        from nlp_zero.vectors import _glove_python as glove
        dim, words = 5, 6
        rng = random.Random(2)
        flat = array('d', [rng.uniform(-0.5, 0.5) for _ in range(words * dim)])
        targets = array('f', [1.0, 2.0, -1.0, 0.5, 3.0])
        weights = array('f', [1.0, 0.5, 1.0, 1.0, 0.2])
        data = glove.Data(array('i', [i * words + i + 1 for i in range(5)]), words, targets,
                          weights)
        ids = [4, 2, 0, 1, 3, 0, 4]
        drawn = array('i', [rng.randrange(words) for _ in range(2 * len(ids))])
        results = []
        for flat_kernel in (False, True):
            size = words if adagrad == 'row' else words * dim
            if flat_kernel:
                w, g = array('d', flat), array('d', [1.0] * size)
            else:
                w = glove._split(flat, dim)
                g = [1.0] * size if adagrad == 'row' else glove._split(array('d', [1.0] * size),
                                                                        dim)
            if adagrad == 'row':
                norms = [sum(x * x for x in flat[k * dim:(k + 1) * dim]) for k in range(words)]
                norms = array('d', norms) if flat_kernel else norms
                kernel = glove._flat_row if flat_kernel else glove._list_row
                step = kernel(w, w, g, g, norms, norms, 0.1, dim)
            else:
                kernel = glove._flat_coordinate if flat_kernel else glove._list_coordinate
                step = kernel(w, w, g, g, 0.1, dim)
            loss = glove._drive(step, ids, data, drawn, 2, 3.0, False, weighted)
            vectors = list(w) if flat_kernel else [x for row in w for x in row]
            results.append((loss, vectors, norms if adagrad == 'row' else None))
        return results

    def test_list_and_flat_updates_agree(self):
        for adagrad in ('row', 'coordinate'):
            for weighted in (False, True):
                (loss_a, a, _), (loss_b, b, _) = self.run_both(adagrad, weighted)
                self.assertAlmostEqual(loss_a[0], loss_b[0], places=10)
                self.assertAlmostEqual(loss_a[1], loss_b[1], places=10)
                for x, y in zip(a, b):
                    self.assertAlmostEqual(x, y, places=12)

    def test_cached_norms_follow_the_vectors(self):
        dim = 5
        for _, vectors, norms in self.run_both('row', True):
            for k, norm in enumerate(norms):
                exact = sum(x * x for x in vectors[k * dim:(k + 1) * dim])
                self.assertAlmostEqual(norm, exact, places=12)

    def test_a_stale_norm_below_zero_is_computed_afresh(self):
        # Another worker process can shrink a vector behind this one's cached
        # norm; the accumulator must not be lowered (nor its root taken of
        # a negative number).
        from array import array
        from nlp_zero.vectors import _glove_python as glove
        dim = 3
        for flat_kernel in (False, True):
            w = array('d', [0.3, -0.2, 0.1, 0.2, 0.4, -0.1])
            g = array('d', [1.0, 1.0])
            norms = array('d', [-0.5, 0.21])  # the first went stale, below zero
            if not flat_kernel:
                w, g, norms = glove._split(w, dim), list(g), list(norms)
            kernel = glove._flat_row if flat_kernel else glove._list_row
            step = kernel(w, w, g, g, norms, norms, 0.1, dim)
            step(0, 1, 2.0, 1.0)
            vectors = list(w) if flat_kernel else [x for row in w for x in row]
            self.assertTrue(g[0] >= 1.0 and g[1] >= 1.0)
            for k in (0, 1):
                exact = sum(x * x for x in vectors[k * dim:(k + 1) * dim])
                self.assertAlmostEqual(norms[k], exact, places=12)


class SampledSidesTest(unittest.TestCase):
    """The sampled pairs of a pair push on its two words alike."""

    def sides(self, negatives):
        """How many sampled pairs each side of 8 pairs (0, 1) got."""
        from array import array
        from nlp_zero.vectors import _glove_python as glove
        data = glove.Data(array('i', [1] * 8), 5, array('f', [1.0] * 8),  # key 1: (0, 1)
                          array('f', [1.0] * 8))
        seen = []

        def step(a, b, t, w):
            if t == 0.0:  # a sampled pair: ``a`` is the side it pushes on
                seen.append(a)
            return 0.0
        glove._drive(step, list(range(8)), data, array('i', [4] * 8 * negatives), negatives,
                     3.0, False, False)
        return seen.count(0), seen.count(1)

    def test_each_side_gets_half_with_an_odd_number_too(self):
        self.assertEqual(self.sides(1), (4, 4))
        self.assertEqual(self.sides(2), (8, 8))
        self.assertEqual(self.sides(3), (12, 12))

    @unittest.skipIf(numpy is None, 'NumPy is not installed')
    def test_the_numpy_batches_take_the_sides_in_turn_as_well(self):
        from nlp_zero.vectors import _glove_numpy

        class Plan(object):
            negatives, negative_weight, weighted = 1, 3.0, False
        runner = _glove_numpy.Runner.__new__(_glove_numpy.Runner)
        runner.model = 0
        runner.data = _glove_numpy.Data(numpy.array([1] * 8), 5,
                                        numpy.ones(8, numpy.float32), numpy.ones(8, numpy.float32))
        pushed = []
        runner._update = lambda a, b, t, w: pushed.extend(a[len(b) // 2:].tolist()) or 0.0
        runner._batch(numpy.arange(8), numpy.full((8, 1), 4), Plan())
        self.assertEqual(pushed, [0, 1, 0, 1, 0, 1, 0, 1])
        # Batches of an odd size carry the turn on: a batch size of 1 too.
        del pushed[:]
        for first in range(8):
            runner._batch(numpy.arange(first, first + 1), numpy.full((1, 1), 4), Plan(), first)
        self.assertEqual(pushed, [0, 1, 0, 1, 0, 1, 0, 1])


class WeightedSamplingTest(unittest.TestCase):
    """Pairs kept with probability f and then weighted 1: unbiased for the weighted loss."""

    def test_each_pair_is_kept_with_probability_its_weight(self):
        from array import array
        from nlp_zero.vectors._glove_python import select_pairs
        weights = array('f', [1.0, 0.5, 0.25, 0.1, 0.9, 1.0, 0.05, 0.7])
        kept = [0] * len(weights)
        trials = 4000
        for seed in range(trials):
            ids = select_pairs(weights, True, random.Random(seed))
            self.assertEqual(len(set(ids)), len(ids))
            for k in ids:
                kept[k] += 1
        for k, w in enumerate(weights):
            sd = math.sqrt(w * (1 - w) / trials)
            self.assertLessEqual(abs(kept[k] / float(trials) - w), 4 * sd + 1e-12, (k, kept[k]))
        self.assertEqual(kept[0], trials)  # weight 1: always

    def test_all_pairs_once_when_not_weighted(self):
        from array import array
        from nlp_zero.vectors._glove_python import select_pairs
        ids = select_pairs(array('f', [0.1] * 50), False, random.Random(1))
        self.assertEqual(sorted(ids), list(range(50)))
        self.assertNotEqual(list(ids), list(range(50)))

    def test_both_samplings_learn_the_topics(self):
        for sampling in ('weighted', 'all'):
            vectors = fit(sampling=sampling, epochs=10, eta=0.2)
            similar = [w for w, _ in vectors.most_similar(u'a1', topn=5)]
            self.assertTrue(all(w.startswith(u'a') for w in similar), (sampling, similar))

    def test_the_loss_is_the_same_quantity_under_both(self):
        # The same vectors scored by both: the weighted mean squared error of
        # an epoch is an unbiased estimate of the same loss.
        losses = {}
        for sampling in ('weighted', 'all'):
            model = SimplerGlove(dim=8, epochs=8, seed=3, backend='python', sampling=sampling)
            model.fit(TABLE)
            losses[sampling] = model.losses[-1]
        self.assertLess(abs(losses['weighted'] - losses['all']), 0.5 * losses['all'])


class CheckpointTest(TempDirTestCase):

    def test_a_resumed_run_equals_an_uninterrupted_one(self):
        path = self.path('state.ckpt')
        whole = fit(epochs=4)
        SimplerGlove(dim=8, epochs=2, seed=3, backend='python').fit(TABLE, checkpoint=path)
        resumed_model = SimplerGlove(dim=8, epochs=4, seed=3, backend='python')
        resumed = resumed_model.fit(TABLE, checkpoint=path)
        self.assertEqual(len(resumed_model.losses), 4)
        for word in whole:
            self.assertEqual(list(whole[word]), list(resumed[word]))

    def test_resuming_with_sampled_negatives_is_exact_too(self):
        path = self.path('state.ckpt')
        options = dict(dim=8, seed=5, backend='python', negatives=2)
        whole = SimplerGlove(epochs=3, **options).fit(TABLE)
        SimplerGlove(epochs=2, **options).fit(TABLE, checkpoint=path)
        resumed = SimplerGlove(epochs=3, **options).fit(TABLE, checkpoint=path)
        self.assertEqual(list(whole[u'b2']), list(resumed[u'b2']))

    def test_a_checkpoint_of_other_settings_is_refused(self):
        path = self.path('state.ckpt')
        SimplerGlove(dim=8, epochs=1, backend='python').fit(TABLE, checkpoint=path)
        with self.assertRaises(FormatError) as caught:
            SimplerGlove(dim=6, epochs=2, backend='python').fit(TABLE, checkpoint=path)
        self.assertIn('dim', str(caught.exception))

    def test_a_checkpoint_of_another_sampling_is_refused(self):
        path = self.path('state.ckpt')
        SimplerGlove(dim=8, epochs=1, backend='python', sampling='weighted').fit(
            TABLE, checkpoint=path)
        with self.assertRaises(FormatError) as caught:
            SimplerGlove(dim=8, epochs=2, backend='python', sampling='all').fit(
                TABLE, checkpoint=path)
        self.assertIn('sampling', str(caught.exception))

    def test_a_truncated_checkpoint_is_refused(self):
        path = self.path('state.ckpt')
        SimplerGlove(dim=8, epochs=1, backend='python').fit(TABLE, checkpoint=path)
        with open(path, 'rb') as f:
            data = f.read()
        with open(path, 'wb') as f:
            f.write(data[:len(data) - 100])
        self.assertRaises(FormatError, SimplerGlove(dim=8, epochs=2, backend='python').fit,
                          TABLE, checkpoint=path)
        self.assertTrue(os.path.exists(path))


class CheckpointFindingsTest(TempDirTestCase):
    """Issue 13, items 8 and 10: a damaged checkpoint is refused, never trained from."""

    def setUp(self):
        TempDirTestCase.setUp(self)
        self.ckpt = self.path('state.ckpt')
        self.glove(2).fit(TABLE, checkpoint=self.ckpt)
        with io.open(self.ckpt, 'rb') as f:
            header, body = f.read().split(b'\n', 1)
        self.header, self.body = json.loads(header.decode('utf-8')), body

    @staticmethod
    def glove(epochs):
        return SimplerGlove(dim=4, epochs=epochs, seed=1, backend='python')

    def write(self, header=None, body=None, reseal=False, raw_header=None):
        header = dict(self.header, **(header or {}))
        body = self.body if body is None else body
        if reseal:
            header['crc32'] = zlib.crc32(body) & 0xffffffff
        line = raw_header if raw_header is not None else json.dumps(header).encode('utf-8')
        self.write_bytes('state.ckpt', line + b'\n' + body)

    def assert_refused(self, *words):
        """The checkpoint is refused by the loader itself (a refused negative
        epoch must not start 10**9 epochs, so fit() is not what is called)."""
        glove = self.glove(2)
        settings = glove.settings(4)
        settings.update(words=len(TABLE.words), pairs=len(TABLE.pairs))
        state = glove._initial_state(len(TABLE.words), 4)
        with self.assertRaises(FormatError) as caught:
            load_checkpoint(self.ckpt, settings, state)
        message = str(caught.exception)
        self.assertIn('state.ckpt', message)
        for word in words:
            self.assertIn(word, message)

    def test_the_saved_checkpoint_resumes(self):
        self.assertIn('crc32', self.header)
        self.glove(3).fit(TABLE, checkpoint=self.ckpt)

    def test_headers_that_are_not_a_header(self):
        for text in (b'[]', b'5', b'null', b'"x"', b'{}', b'{"format": 5}',
                     b'[' * 100000 + b']' * 100000, b'{"a":' * 50000 + b'1' + b'}' * 50000):
            self.write(raw_header=text)
            self.assert_refused('line 1')

    def test_epochs_that_are_not_an_epoch_of_this_run(self):
        for epoch in ('"x"', '1e400', '-1', '-1000000000', 'true', '1.5', '[0]', 'null', '3'):
            text = json.dumps(dict(self.header, epoch='@@')).replace('"@@"', epoch)
            self.write(raw_header=text.encode('utf-8'))
            self.assert_refused('line 1')
        self.write({'epoch': 3, 'losses': [1.0, 1.0, 1.0]})  # beyond the run's 2 epochs
        self.assert_refused('epoch 3')
        header = dict(self.header)
        del header['epoch']
        self.write(raw_header=json.dumps(header).encode('utf-8'))
        self.assert_refused('epoch')

    def test_other_header_fields(self):
        for change in ({'losses': None}, {'losses': [1.0, 'x']}, {'losses': [1.0]},
                       {'arrays': [8.0]}, {'arrays': 'x'}, {'settings': 5}, {'crc32': -1},
                       {'crc32': 'x'}):
            self.write(change)
            self.assert_refused('line 1')

    def test_a_checkpoint_without_checksum_is_refused_with_the_reason(self):
        header = dict(self.header, format='nlp-zero simpler-glove checkpoint 1')
        del header['crc32']
        self.write(raw_header=json.dumps(header).encode('utf-8'))
        self.assert_refused('older', 'delete it')

    def test_bodies_of_the_wrong_size_or_checksum(self):
        self.write(body=self.body[:-8])
        self.assert_refused('truncated')
        self.write(body=self.body + b'\x00' * 8)
        self.assert_refused('longer')
        garbage = bytes(bytearray(random.Random(1).randrange(256) for _ in self.body))
        self.write(body=garbage)
        self.assert_refused('checksum')

    def test_values_that_no_run_can_have_even_with_a_valid_checksum(self):
        for value in (float('nan'), float('inf')):
            self.write(body=struct.pack('<d', value) + self.body[8:], reseal=True)
            self.assert_refused('not finite')
        self.write(body=self.body[:-8] + struct.pack('<d', 0.5), reseal=True)
        self.assert_refused('accumulators')

    def test_a_header_of_one_endless_line_is_refused_at_once(self):
        self.write_bytes('state.ckpt', b'\x00' * (3 << 20))
        self.assert_refused('line 1', 'longer than')


@unittest.skipIf(numpy is None, 'NumPy is not installed')
class NumpyBackendTest(unittest.TestCase):

    def test_numpy_backend_learns_as_well(self):
        for adagrad in ('coordinate', 'row'):
            python = SimplerGlove(dim=8, epochs=10, eta=0.2, seed=3, backend='python',
                                  adagrad=adagrad)
            python.fit(TABLE)
            model = SimplerGlove(dim=8, epochs=10, eta=0.2, seed=3, backend='numpy',
                                 batch_size=64, adagrad=adagrad)
            vectors = model.fit(TABLE)
            self.assertLess(model.losses[-1], 1.5 * python.losses[-1])
            similar = [w for w, _ in vectors.most_similar(u'a1', topn=5)]
            self.assertTrue(all(w.startswith(u'a') for w in similar), similar)

    def test_segment_sums_equal_reduceat(self):
        from nlp_zero.vectors._glove_numpy import _segment_sums
        rng = numpy.random.RandomState(4)
        for sizes in ([1, 1, 1], [3, 1, 20, 2, 9, 1], [50], [1] * 7 + [8, 9, 2]):
            rows = rng.standard_normal((sum(sizes), 4))
            starts = numpy.concatenate(([0], numpy.cumsum(sizes)[:-1]))
            expected = numpy.add.reduceat(rows, starts, axis=0)
            self.assertTrue(numpy.allclose(_segment_sums(rows, starts), expected, atol=1e-12))

    def test_numpy_selection_is_unbiased_too(self):
        from nlp_zero.vectors import _glove_numpy
        weights = numpy.array([1.0, 0.5, 0.1, 0.8], dtype=numpy.float32)
        runner = _glove_numpy.Runner.__new__(_glove_numpy.Runner)
        runner.data = _glove_numpy.Data(numpy.arange(4), 5, weights, weights)
        kept = numpy.zeros(4)
        for seed in range(3000):
            ids = runner._select(numpy.random.RandomState(seed), True)
            kept[ids] += 1
        self.assertTrue(numpy.allclose(kept / 3000.0, weights, atol=0.04), kept)

    def test_numpy_checkpoint_resumes(self):
        import shutil
        import tempfile
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder, True)
        path = os.path.join(folder, 'state.ckpt')
        whole = SimplerGlove(dim=8, epochs=3, backend='numpy').fit(TABLE)
        SimplerGlove(dim=8, epochs=1, backend='numpy').fit(TABLE, checkpoint=path)
        resumed = SimplerGlove(dim=8, epochs=3, backend='numpy').fit(TABLE, checkpoint=path)
        self.assertEqual(list(whole[u'a1']), list(resumed[u'a1']))


@unittest.skipIf(numpy is None, 'NumPy is not installed')
class ExpectedNegativesTest(unittest.TestCase):
    """The sampled pairs by their expected gradient (the NumPy default)."""

    def setUp(self):
        from nlp_zero.vectors import _glove_numpy

        class Plan(object):
            negatives, negative_weight = 2, 3.0
        rng = numpy.random.RandomState(5)
        self.W = rng.standard_normal((6, 4)).astype(numpy.float32)
        table = numpy.array([0, 1, 1, 2, 2, 2, 3, 4, 5, 5], dtype=numpy.int64)
        self.q = numpy.bincount(table, minlength=6) / float(len(table))
        self.expected = _glove_numpy._Expected(table, 6, Plan())
        self.expected.refresh(self.W)

    def test_the_pull_of_a_word_is_the_mean_over_its_sampled_partners(self):
        v = self.W[2]
        mean = sum(self.q[n] * numpy.dot(v, self.W[n]) * self.W[n] for n in range(6))
        self.assertTrue(numpy.allclose(numpy.dot(v, self.expected.Q), mean, atol=1e-5))

    def test_the_partners_get_the_mean_of_what_the_sampled_pairs_gave_them(self):
        sides, weights = [0, 3, 3], [0.5, 1.0, 2.0]  # two batches
        self.expected.collect(numpy.array([0, 3]), numpy.array([0.5, 1.0], numpy.float32))
        self.expected.collect(numpy.array([3]), numpy.array([2.0], numpy.float32))
        words, gradient, _ = self.expected.partner_gradients(self.W, 'row', 4)
        self.assertIsNone(words)  # every word
        for n in range(6):
            mean = sum(w * self.q[n] * numpy.dot(self.W[i], self.W[n]) * self.W[i]
                       for i, w in zip(sides, weights))
            self.assertTrue(numpy.allclose(gradient[n], mean, atol=1e-5))
        _, again, _ = self.expected.partner_gradients(self.W, 'row', 4)
        self.assertFalse(again.any())  # the collection starts again

    def test_it_is_the_numpy_default_and_learns_the_topics(self):
        model = SimplerGlove(dim=8, epochs=10, eta=0.2, seed=3, backend='numpy', batch_size=64)
        self.assertEqual(model.chosen_negative_estimate(), 'expected')
        vectors = model.fit(TABLE)
        sampled = SimplerGlove(dim=8, epochs=10, eta=0.2, seed=3, backend='numpy',
                               batch_size=64, negative_estimate='sampled')
        sampled.fit(TABLE)
        self.assertLess(model.losses[-1], 1.5 * sampled.losses[-1])
        similar = [w for w, _ in vectors.most_similar(u'a1', topn=5)]
        self.assertTrue(all(w.startswith(u'a') for w in similar), similar)
        again = SimplerGlove(dim=8, epochs=10, eta=0.2, seed=3, backend='numpy', batch_size=64)
        self.assertEqual(list(vectors[u'a1']), list(again.fit(TABLE)[u'a1']))

    def test_only_numpy_and_the_shared_model_have_it(self):
        self.assertEqual(SimplerGlove(backend='python').chosen_negative_estimate(), 'sampled')
        self.assertEqual(SimplerGlove(backend='numpy', model=1).chosen_negative_estimate(),
                         'sampled')
        with self.assertRaises(ValueError):
            SimplerGlove(backend='python', negative_estimate='expected')
        with self.assertRaises(ValueError):
            SimplerGlove(backend='numpy', negative_estimate='guessed')


if __name__ == '__main__':
    unittest.main()
