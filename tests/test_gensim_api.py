# -*- coding: utf-8 -*-
"""gensim's KeyedVectors interface on WordVectors: vector arithmetic with
and without NumPy, vectors as queries, doesnt_match, n_similarity, rank,
.vectors, and the binary word2vec format."""

import pickle
import struct
import unittest
from array import array

from support import BACKENDS, TempDirTestCase, numpy

from nlp_zero import FormatError, WordVectors
from nlp_zero.vectors.vector import Vector

WORDS = [u'a', u'b', u'c', u'd']
ROWS = [[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [-1.0, 0.0]]


class VectorTest(unittest.TestCase):

    def test_arithmetic(self):
        v, w = Vector([1.0, 2.0]), Vector([3.0, 5.0])
        self.assertIsInstance(v, array)
        self.assertEqual(list(v + w), [4.0, 7.0])
        self.assertEqual(list(w - v), [2.0, 3.0])
        self.assertEqual(list([3.0, 5.0] - v), [2.0, 3.0])
        self.assertEqual(list(v * 2), [2.0, 4.0])
        self.assertEqual(list(2 * v), [2.0, 4.0])
        self.assertEqual(list(v * w), [3.0, 10.0])
        self.assertEqual(list(w / 2), [1.5, 2.5])
        self.assertEqual(list(-v), [-1.0, -2.0])
        self.assertEqual(v.dot(w), 13.0)
        self.assertEqual(Vector([3.0, 4.0]).norm(), 5.0)
        self.assertEqual(list(sum([v, w])), [4.0, 7.0])
        total = Vector(v)
        total += w
        self.assertEqual((list(total), list(v)), ([4.0, 7.0], [1.0, 2.0]))

    def test_mistakes_are_errors_not_concatenations(self):
        v = Vector([1.0, 2.0])
        self.assertRaises(ValueError, lambda: v + Vector([1.0]))
        self.assertRaises(TypeError, lambda: v + 1)
        self.assertRaises(ValueError, v.dot, [1.0])

    def test_pickles_as_itself(self):
        v = Vector([1.5, -2.0])
        back = pickle.loads(pickle.dumps(v, 2))
        self.assertIsInstance(back, Vector)
        self.assertEqual(list(back), [1.5, -2.0])
        self.assertEqual(repr(back), 'Vector([1.5, -2.0])')


class QueriesTest(unittest.TestCase):

    def each_backend(self):
        for backend in BACKENDS:
            yield backend, WordVectors(WORDS, ROWS, backend=backend)

    def test_getitem_gives_vectors_with_arithmetic(self):
        for backend, kv in self.each_backend():
            v = kv[u'a'] - kv[u'd'] + kv[u'c']
            self.assertEqual([float(x) for x in v], [2.0, 1.0])
            expected = Vector if backend == 'python' else numpy.ndarray
            self.assertIsInstance(kv[u'a'], expected)
            self.assertEqual(len(kv[[u'a', u'b']]), 2)
            unit = kv.get_vector(u'b', norm=True)
            self.assertAlmostEqual(sum(float(x) ** 2 for x in unit), 1.0)

    def test_vectors_as_queries(self):
        for backend, kv in self.each_backend():
            query = kv[u'a'] + kv[u'c']
            by_vector = kv.most_similar(query, topn=4)
            self.assertEqual([w for w, _ in by_vector][:2], [u'b', u'a'])
            self.assertEqual(kv.similar_by_vector(query, topn=4), by_vector)
            self.assertEqual(kv.most_similar(positive=[[0.0, 1.0]], topn=1)[0][0], u'c')
            self.assertEqual(kv.most_similar(u'a', topn=1)[0][0], u'b')  # a left out
            self.assertEqual(kv.similar_by_word(u'a', topn=1), kv.most_similar(u'a', topn=1))
            weighted = kv.most_similar(positive=[(u'a', 0.1), (u'c', 1.0)], topn=1)
            self.assertEqual(weighted[0][0], u'b')
            self.assertRaises(ValueError, kv.most_similar, [1.0, 2.0, 3.0])
            self.assertRaises(ValueError, kv.most_similar)

    def test_doesnt_match_n_similarity_rank(self):
        for backend, kv in self.each_backend():
            self.assertEqual(kv.doesnt_match([u'a', u'b', u'c', u'unknown']), u'c')
            self.assertRaises(ValueError, kv.doesnt_match, [u'x'])
            self.assertAlmostEqual(kv.n_similarity([u'a'], [u'b']), kv.similarity(u'a', u'b'))
            self.assertAlmostEqual(kv.n_similarity([u'a', u'c'], [u'a', u'c']), 1.0)
            self.assertRaises(KeyError, kv.n_similarity, [u'a'], [u'x'])
            self.assertRaises(ValueError, kv.n_similarity, [], [u'a'])
            self.assertEqual(kv.rank(u'a', u'b'), 1)
            self.assertEqual(kv.rank(u'a', u'c'), 2)
            self.assertEqual(kv.closer_than(u'a', u'd'), [u'b', u'c'])

    def test_vectors_rows(self):
        for backend, kv in self.each_backend():
            rows = kv.vectors
            self.assertEqual(len(rows), 4)
            self.assertEqual([float(x) for x in rows[2]], [0.0, 1.0])
            if backend == 'numpy':
                self.assertEqual(rows.shape, (4, 2))
            self.assertEqual(kv.index_to_key, WORDS)


class BinaryFormatTest(TempDirTestCase):

    def test_round_trip_in_float32(self):
        kv = WordVectors([u'king', u'queen', u'\u738b'], [[0.1, -2.5], [1e-3, 3.0], [7.0, 0.0]])
        path = self.path('v.bin')
        kv.save_word2vec_format(path, binary=True)
        with open(path, 'rb') as f:
            data = f.read()
        self.assertTrue(data.startswith(b'3 2\nking '))
        self.assertEqual(len(data), 4 + 3 * (1 + 8 + 1) + 4 + 5 + 3)  # header, records, words
        back = WordVectors.load_word2vec_format(path, binary=True)
        self.assertEqual(back.index_to_key, kv.index_to_key)
        for word in kv:
            for x, y in zip(back[word], kv[word]):
                self.assertAlmostEqual(x, y, places=6)
        self.assertEqual(WordVectors.load_word2vec_format(path, binary=True, limit=1).index_to_key,
                         [u'king'])

    @staticmethod
    def records(words, newline=False):
        body = b''
        for word, values in words:
            body += word + b' ' + struct.pack('<%df' % len(values), *values)
            body += b'\n' if newline else b''
        return body

    def test_gensim_layout_without_newlines(self):
        data = b'2 3\n' + self.records([(b'x', [1, 2, 3]), (b'y', [4, 5, 6])])
        kv = WordVectors.load_word2vec_format(self.write_bytes('g.bin', data), binary=True)
        self.assertEqual(list(kv[u'y']), [4.0, 5.0, 6.0])

    def test_bad_words_and_unicode_errors(self):
        data = b'1 1\n' + self.records([(b'caf\xe9', [1.0])])
        path = self.write_bytes('latin.bin', data)
        self.assertRaises(FormatError, WordVectors.load_word2vec_format, path, binary=True)
        kv = WordVectors.load_word2vec_format(path, binary=True, unicode_errors='replace')
        self.assertEqual(kv.index_to_key, [u'caf\ufffd'])
        self.assertRaises(ValueError, WordVectors([u'a b'], [[1.0]]).save_word2vec_format,
                          self.path('x.bin'), binary=True)

    def test_damaged_files_are_format_errors(self):
        good = b'2 2\n' + self.records([(b'x', [1, 2]), (b'y', [3, 4])], newline=True)
        damaged = {
            'truncated': good[:-6],
            'header': b'two 2\n' + good[4:],
            'zero dimensions': b'2 0\n',
            'no space': b'2 2\n' + b'x' * 70000,
            'infinite': b'1 1\n' + self.records([(b'x', [float('inf')])]),
            'twice': b'2 1\n' + self.records([(b'x', [1]), (b'x', [2])]),
            'empty word': b'1 1\n' + self.records([(b'', [1])]),
            'empty file': b'',
        }
        for name, data in damaged.items():
            path = self.write_bytes('bad.bin', data)
            try:
                WordVectors.load_word2vec_format(path, binary=True)
            except FormatError as exc:
                self.assertIn('bad.bin', str(exc))
            else:
                self.fail('%s: no FormatError' % name)
        self.assertRaises(FormatError, WordVectors.load_word2vec_format, self.path('none'),
                          binary=True)

    def test_an_empty_table(self):
        kv = WordVectors.load_word2vec_format(self.write_bytes('e.bin', b'0 5\n'), binary=True)
        self.assertEqual((len(kv), kv.vector_size), (0, 5))


class FormatDetectionTest(TempDirTestCase):
    """``binary='auto'`` (and the command line) tell the two formats apart by
    their content."""

    def test_each_format_is_recognised(self):
        from nlp_zero.vectors.formats import is_word2vec_binary
        records = BinaryFormatTest.records
        files = {
            'text': (b'2 3\nx 1 2 3\ny 4 5 6\n', False),
            'text, lines ending with a space (the C tool)': (b'1 2\nx 1.5 -2e-3 \n', False),
            'text with CRLF': (b'1 2\r\nx 1 2\r\n', False),
            'GloVe, no header': (b'x 1 2\ny 3 4\n', False),
            'an empty table': (b'0 5\n', False),
            'binary': (b'2 3\n' + records([(b'x', [1, 2, 3]), (b'y', [4, 5, 6])], True),
                       True),
            'binary, gensim layout': (b'2 1\n' + records([(b'x', [1]), (b'y', [2])]), True),
            # the first value's first byte is a newline, the rest digits and spaces
            'binary, text-like bytes': (b'1 2\nx ' + b'\n1 2' + b'3 45', True),
            'binary, a one-number row': (b'1 1\nx ' + struct.pack('<f', 1.0) + b'\n', True),
        }
        for name, (data, binary) in files.items():
            path = self.write_bytes('v', data)
            self.assertEqual(is_word2vec_binary(path), binary, name)
            kv = WordVectors.load_word2vec_format(path, binary='auto')
            self.assertEqual(kv.index_to_key, [u'x', u'y'][:len(kv)], name)
        self.assertFalse(is_word2vec_binary(self.path('missing')))

    def test_format_errors_pickle_whole(self):
        error = FormatError(u'v.bin', 0, u'vector 2: the word is not utf-8 text', hint=u'h',
                            undecodable=True)
        again = pickle.loads(pickle.dumps(error))
        self.assertEqual((str(again), again.reason, again.hint, again.undecodable),
                         (str(error), error.reason, u'h', True))

    def test_auto_reads_what_either_writer_wrote(self):
        kv = WordVectors(WORDS, ROWS)
        for binary in (False, True):
            path = self.path('v%d' % binary)
            kv.save_word2vec_format(path, binary=binary)
            back = WordVectors.load_word2vec_format(path, binary='auto')
            self.assertEqual(back.index_to_key, WORDS)
            self.assertAlmostEqual(back.similarity(u'a', u'b'), kv.similarity(u'a', u'b'),
                                   places=6)


if __name__ == '__main__':
    unittest.main()
