# -*- coding: utf-8 -*-
"""Atomic saves: an interrupted save never destroys the previous file."""

import errno
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

    @unittest.skipIf(os.name == 'nt', 'POSIX permissions')
    def test_new_file_gets_the_usual_permissions_not_owner_only(self):
        umask = os.umask(0o022)
        self.addCleanup(os.umask, umask)
        path = self.path('model.tsv')
        with atomic_open(path) as f:
            f.write(u'x\n')
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o644)

    @unittest.skipIf(os.name == 'nt', 'POSIX permissions')
    def test_replaced_file_keeps_its_permissions(self):
        path = self.write_text('model.tsv', u'old\n')
        os.chmod(path, 0o640)
        with atomic_open(path) as f:
            f.write(u'new\n')
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o640)

    def test_missing_folder_error_names_the_target(self):
        path = self.path('no-such-folder', 'model.tsv')
        with self.assertRaises(EnvironmentError) as caught:
            with atomic_open(path) as f:
                f.write(u'x')
        self.assertEqual(caught.exception.filename, path)
        self.assertEqual(caught.exception.errno, errno.ENOENT)

    def test_folder_as_target_is_refused_and_named(self):
        with self.assertRaises(EnvironmentError) as caught:
            with atomic_open(self.tmp) as f:
                f.write(u'x')
        self.assertEqual(caught.exception.filename, self.tmp)
        self.assertEqual(caught.exception.errno, errno.EISDIR)
        self.assertEqual(os.listdir(self.tmp), [])


if __name__ == '__main__':
    unittest.main()
