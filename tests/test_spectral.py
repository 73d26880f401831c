"""The spectral warm start: Lanczos steps, the tridiagonal eigensolver, the kernels."""

import math
import os
import random
import unittest
from array import array

from support import TempDirTestCase, run_cli

from nlp_zero._compat import INT64
from nlp_zero.glove import SimplerGlove
from nlp_zero.vectors import spectral
from nlp_zero.vectors.spectral import PlainTargets, spectral_vectors, tridiagonal_eigen
from test_glove import TABLE, topic_corpus

try:
    import numpy
except ImportError:
    numpy = None


def random_pairs(words, density, seed):
    """Sorted keys ``i * words + j`` (i < j) and float32-exact targets of a random symmetric matrix."""
    rng = random.Random(seed)
    keys, targets = array(INT64), array('f')
    for i in range(words):
        for j in range(i + 1, words):
            if rng.random() < density:
                keys.append(i * words + j)
                targets.append(rng.uniform(-1.0, 3.0))
    return keys, targets


def dense(keys, targets, words):
    matrix = [[0.0] * words for _ in range(words)]
    for key, t in zip(keys, targets):
        i, j = divmod(key, words)
        matrix[i][j] = matrix[j][i] = t
    return matrix


def times(matrix, x):
    return [sum(a * b for a, b in zip(row, x)) for row in matrix]


class TridiagonalTest(unittest.TestCase):

    def test_eigenpairs_of_a_tridiagonal_matrix(self):
        rng = random.Random(2)
        for n in (1, 2, 5, 30):
            d = [rng.uniform(-5, 5) for _ in range(n)]
            e = [rng.uniform(-2, 2) for _ in range(n - 1)]
            values, vectors = tridiagonal_eigen(d, e)
            matrix = [[d[r] if r == c else e[min(r, c)] if abs(r - c) == 1 else 0.0
                       for c in range(n)] for r in range(n)]
            for value, vector in zip(values, vectors):
                self.assertAlmostEqual(sum(v * v for v in vector), 1.0, places=10)
                for got, want in zip(times(matrix, vector), vector):
                    self.assertAlmostEqual(got, value * want, places=9)
            trace = sum(d)
            self.assertAlmostEqual(sum(values), trace, places=9)

    def test_a_decoupled_matrix_is_its_diagonal(self):
        values, _ = tridiagonal_eigen([3.0, -1.0, 2.0], [0.0, 0.0])
        self.assertEqual(sorted(values), [-1.0, 2.0, 3.0])


class PlainTargetsTest(unittest.TestCase):

    def test_product_is_the_symmetric_matrix_times_the_vector(self):
        words = 23
        keys, targets = random_pairs(words, 0.3, seed=5)
        matrix = dense(keys, targets, words)
        x = array('d', [random.Random(1).uniform(-1, 1) for _ in range(words)])
        got = PlainTargets(keys, words, targets, words).product(x)
        for a, b in zip(got, times(matrix, x)):
            self.assertAlmostEqual(a, b, places=10)

    def test_words_without_pairs_get_zero(self):
        keys, targets = array(INT64, [0 * 10 + 3]), array('f', [2.0])
        got = PlainTargets(keys, 10, targets, 6).product(array('d', [1.0] * 6))
        self.assertEqual(list(got), [2.0, 0.0, 0.0, 2.0, 0.0, 0.0])


class SpectralVectorsTest(unittest.TestCase):

    def check_eigenvectors(self, flat, dim, matrix, expected_set):
        """Every set column is ``sqrt(l) u`` with ``T u = l u``; the columns are orthogonal."""
        words = len(matrix)
        columns = [[flat[i * dim + c] for i in range(words)] for c in range(dim)]
        for c in range(expected_set):
            norm2 = sum(v * v for v in columns[c])
            u = [v / math.sqrt(norm2) for v in columns[c]]
            for got, want in zip(times(matrix, u), u):
                self.assertAlmostEqual(got, norm2 * want, places=6)
            for other in range(c):
                self.assertAlmostEqual(sum(a * b for a, b in zip(columns[c], columns[other])),
                                       0.0, places=6)
        return [sum(v * v for v in columns[c]) for c in range(expected_set)]

    def test_an_exhausted_krylov_space_gives_the_exact_top_eigenpairs(self):
        words, dim = 20, 7  # 3 * dim steps, capped at the 20 words: the Ritz pairs are exact
        keys, targets = random_pairs(words, 0.5, seed=7)
        matrix = dense(keys, targets, words)
        flat = array('d', [0.0] * (words * dim))
        kept = spectral_vectors(PlainTargets(keys, words, targets, words), dim,
                                random.Random(1), flat)
        self.assertEqual(kept, dim)
        values = self.check_eigenvectors(flat, dim, matrix, dim)
        self.assertEqual(values, sorted(values, reverse=True))
        # the largest: no unit vector has a larger Rayleigh quotient
        rng = random.Random(3)
        for _ in range(50):
            x = [rng.gauss(0, 1) for _ in range(words)]
            quotient = sum(a * b for a, b in zip(x, times(matrix, x))) / sum(v * v for v in x)
            self.assertLessEqual(quotient, values[0] + 1e-9)

    def test_recovers_a_known_low_rank_matrix(self):
        # the pairs of two cliques of 7 and 5 words: T = 1 within a clique, 0
        # across (zero diagonal), whose positive eigenvalues are 6 and 4 on the
        # clique indicators (the others are -1)
        words = 12
        clique = [0] * 7 + [1] * 5
        size = [7, 5]
        keys, targets = array(INT64), array('f')
        for i in range(words):
            for j in range(i + 1, words):
                if clique[i] == clique[j]:
                    keys.append(i * words + j)
                    targets.append(1.0)
        flat = array('d', [0.5] * (words * 3))
        kept = spectral_vectors(PlainTargets(keys, words, targets, words), 3,
                                random.Random(2), flat)
        self.assertEqual(kept, 2)  # the other eigenvalues are -1: not positive
        for i in range(words):
            for j in range(words):
                inner = sum(flat[i * 3 + c] * flat[j * 3 + c] for c in range(2))
                c = clique[i]
                expected = (size[c] - 1.0) / size[c] if c == clique[j] else 0.0
                self.assertAlmostEqual(inner, expected, places=9)
        self.assertEqual(flat[2::3].tolist(), [0.5] * words)  # not set: the random start stays

    def test_the_same_start_from_the_same_seed(self):
        keys, targets = random_pairs(40, 0.2, seed=9)
        starts = []
        for _ in range(2):
            flat = array('d', [0.0] * (40 * 3))
            spectral_vectors(PlainTargets(keys, 40, targets, 40), 3, random.Random(4), flat)
            starts.append(flat)
        self.assertEqual(starts[0], starts[1])

    def test_steps_are_three_per_dimension_at_most_the_words(self):
        self.assertEqual(spectral.lanczos_steps(100, 78000), 300)
        self.assertEqual(spectral.lanczos_steps(100, 50), 50)


@unittest.skipIf(numpy is None, 'NumPy is not installed (the plain kernel is tested without it)')
class NumpyKernelTest(unittest.TestCase):

    def test_numpy_block_lanczos_finds_the_plain_kernels_eigenpairs(self):
        from nlp_zero.vectors import _glove_numpy, _spectral_numpy
        words, dim = 15, 5  # 15 steps: both Krylov spaces are the whole space
        keys, targets = random_pairs(words, 0.6, seed=11)
        plain = array('d', [0.0] * (words * dim))
        spectral_vectors(PlainTargets(keys, words, targets, words), dim, random.Random(1), plain)
        data = _glove_numpy.Data(numpy.array(keys, dtype=numpy.int64), words,
                                 numpy.array(targets, dtype=numpy.float32),
                                 numpy.ones(len(keys), dtype=numpy.float32))
        fast = array('d', [0.0] * (words * dim))
        self.assertEqual(_spectral_numpy.spectral_vectors(data, words, dim, 1, fast), dim)
        a = numpy.frombuffer(plain).reshape(words, dim)
        b = numpy.frombuffer(fast).reshape(words, dim)
        # the same top eigenpairs, each up to its sign: the same rank-one parts
        for c in range(dim):
            self.assertTrue(numpy.allclose(numpy.outer(a[:, c], a[:, c]),
                                           numpy.outer(b[:, c], b[:, c]), atol=1e-5))

    def test_the_numpy_product_is_the_symmetric_matrix_times_a_block(self):
        from nlp_zero.vectors._spectral_numpy import _Targets
        words = 25
        keys, targets = random_pairs(words, 0.3, seed=12)
        matrix = numpy.array(dense(keys, targets, words))
        t = _Targets(numpy.array(keys, dtype=numpy.int64), words,
                     numpy.array(targets, dtype=numpy.float32), words)
        X = numpy.random.RandomState(0).standard_normal((words, 3)).astype(numpy.float32)
        self.assertTrue(numpy.allclose(t.product(X), matrix.dot(X), atol=1e-5))


class SpectralTrainingTest(TempDirTestCase):

    def test_three_epochs_from_the_spectral_start_reach_a_lower_loss(self):
        for backend in ('python',) + (('numpy',) if numpy is not None else ()):
            losses = {}
            for init in ('random', 'spectral'):
                model = SimplerGlove(dim=8, epochs=3, seed=3, backend=backend, init=init,
                                     batch_size=64)
                model.fit(TABLE)
                losses[init] = model.losses[-1]
            self.assertLess(losses['spectral'], losses['random'], backend)

    def test_spectral_vectors_separate_the_topics(self):
        vectors = SimplerGlove(dim=8, epochs=2, seed=3, backend='python',
                               init='spectral').fit(TABLE)
        similar = [w for w, _ in vectors.most_similar(u'a1', topn=5)]
        self.assertTrue(all(w.startswith(u'a') for w in similar), similar)

    def test_two_vector_tables_both_start_spectral(self):
        model = SimplerGlove(dim=6, epochs=1, seed=3, backend='python', init='spectral', model=1)
        self.assertEqual(len(model.fit(TABLE)[u'a1']), 12)

    def test_resuming_skips_the_start_and_gives_the_same_vectors(self):
        path = self.path('run.ckpt')
        whole = SimplerGlove(dim=6, epochs=3, seed=3, backend='python', init='spectral')
        expected = whole.fit(TABLE)
        SimplerGlove(dim=6, epochs=2, seed=3, backend='python', init='spectral').fit(
            TABLE, checkpoint=path)
        resumed = SimplerGlove(dim=6, epochs=3, seed=3, backend='python', init='spectral')
        got = resumed.fit(TABLE, checkpoint=path)
        self.assertEqual(list(got[u'a1']), list(expected[u'a1']))
        other = SimplerGlove(dim=6, epochs=3, seed=3, backend='python', init='random')
        with self.assertRaises(Exception) as caught:
            other.fit(TABLE, checkpoint=path)
        self.assertIn('init', str(caught.exception))

    def test_the_command_line_starts_spectral_when_asked(self):
        corpus = self.write_text('corpus.txt', u''.join(u' '.join(line) + u'\n'
                                                        for line in topic_corpus(200)))
        out = self.path('v.txt')
        status, _, err = run_cli('vectors', corpus, '-o', out, '--init', 'spectral', '--epochs',
                                 '1', '--min-count', '1', '--dim', '4', '--backend', 'python')
        self.assertEqual(status, 0, err)
        self.assertIn('spectral start', err)
        self.assertTrue(os.path.exists(out))
        status, _, err = run_cli('vectors', corpus, '-o', out, '--init', 'svd')
        self.assertEqual(status, 2)
        self.assertIn('--init', err)

    def test_an_unknown_start_is_refused(self):
        with self.assertRaises(ValueError):
            SimplerGlove(init='zeros')


if __name__ == '__main__':
    unittest.main()
