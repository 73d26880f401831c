# -*- coding: utf-8 -*-
"""Atomic saves: an interrupted save never destroys the previous file."""

import os
import unittest

from support import TempDirTestCase

from nlp_zero._files import atomic_open


class AtomicSaveTest(TempDirTestCase):

    def test_writes_utf8_text(self):
        path = self.path('model.tsv')
        with atomic_open(path) as f:
            f.write(u'词\t1\n')
        self.assertEqual(self.read_text('model.tsv'), u'词\t1\n')

    def test_failure_keeps_the_old_file_and_leaves_no_temporary(self):
        path = self.write_text('model.tsv', u'old\n')
        with self.assertRaises(RuntimeError):
            with atomic_open(path) as f:
                f.write(u'half')
                raise RuntimeError('disk full')
        self.assertEqual(self.read_text('model.tsv'), u'old\n')
        self.assertEqual(os.listdir(self.tmp), ['model.tsv'])

    def test_binary_mode(self):
        path = self.path('model.bin')
        with atomic_open(path, 'wb') as f:
            f.write(b'\x00\x01')
        with open(path, 'rb') as f:
            self.assertEqual(f.read(), b'\x00\x01')


if __name__ == '__main__':
    unittest.main()
