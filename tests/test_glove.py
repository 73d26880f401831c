# -*- coding: utf-8 -*-
"""The simpler-GloVe solver: learning, determinism, checkpoints, backends."""

import io
import json
import math
import os
import random
import struct
import unittest
import zlib

from support import TempDirTestCase

from nlp_zero import FormatError
from nlp_zero.cooccurrence import Cooccurrence
from nlp_zero.glove import SimplerGlove, suggest_dimension, weight_function
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


class ShuffleTest(unittest.TestCase):

    def test_the_shuffle_is_the_same_on_every_interpreter(self):
        # random.shuffle draws differently on Python 2 and 3; this one does not
        from nlp_zero.vectors._glove_python import shuffled
        self.assertEqual(shuffled(12, 7), [7, 11, 10, 5, 9, 8, 2, 4, 0, 6, 1, 3])
        self.assertEqual(sorted(shuffled(1000, 3)), list(range(1000)))


class CachedNormsTest(unittest.TestCase):

    def test_the_kept_norms_follow_the_vectors(self):
        from array import array
        from operator import mul
        from nlp_zero.vectors import _glove_python as engine
        rng = random.Random(2)
        size, dim, pairs = 50, 8, 3000
        vectors = [[rng.uniform(-0.5, 0.5) for _ in range(dim)] for _ in range(size)]
        grads = [1.0] * size
        rows = array('i', [rng.randrange(size) for _ in range(pairs)])
        cols = array('i', [rng.randrange(size) for _ in range(pairs)])
        targets = array('d', [rng.gauss(0, 1) for _ in range(pairs)])
        weights = array('d', [rng.random() for _ in range(pairs)])
        norms = engine.squared_norms(vectors, vectors)
        engine._steps_row(vectors, vectors, grads, grads, list(range(pairs)), rows, cols,
                          targets, weights, 0.1, dim, norms)
        for v, kept in zip(vectors, norms[0]):
            self.assertAlmostEqual(kept, sum(map(mul, v, v)), places=12)


class PythonPathsTest(unittest.TestCase):
    """CPython maps over lists, PyPy loops over flat arrays: the same arithmetic."""

    def test_list_and_flat_updates_agree(self):
        from array import array
        from nlp_zero.vectors import _glove_python as glove
        dim, words = 5, 6
        rng = random.Random(2)
        flat = array('d', [rng.uniform(-0.5, 0.5) for _ in range(words * dim)])
        rows, cols = array('i', [0, 1, 2, 3, 4]), array('i', [1, 2, 3, 4, 5])
        targets = array('d', [1.0, 2.0, -1.0, 0.5, 3.0])
        weights = array('d', [1.0, 0.5, 1.0, 1.0, 0.2])
        order = [4, 2, 0, 1, 3, 0, 4]
        for adagrad, size in (('row', words), ('coordinate', words * dim)):
            lists = glove._split(flat, dim)
            ones = array('d', [1.0] * size)
            grads = list(ones) if adagrad == 'row' else glove._split(ones, dim)
            glove._STEPS[adagrad](lists, lists, grads, grads, order, rows, cols, targets,
                                  weights, 0.1, dim)
            flat_w, flat_g = array('d', flat), array('d', [1.0] * size)
            glove._FLAT_STEPS[adagrad](flat_w, flat_w, flat_g, flat_g, order, rows, cols,
                                       targets, weights, 0.1, dim)
            for i in range(words):
                for a in range(dim):
                    self.assertAlmostEqual(lists[i][a], flat_w[i * dim + a], places=12)


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
        settings.update(words=len(TABLE.words), pairs=len(glove._training_data(TABLE)[0]))
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


if __name__ == '__main__':
    unittest.main()
