# -*- coding: utf-8 -*-
"""The command line: help, version, stats, demo and error reporting."""

import os
import subprocess
import sys
import unittest

from support import ROOT, TempDirTestCase, run_cli

import nlp_zero
from nlp_zero._compat import PY2, PYPY
from nlp_zero.cli import main
from nlp_zero.cli._respawn import NURSERY_CAP, restart_command


class GeneralTest(unittest.TestCase):

    def test_version(self):
        status, out, err = run_cli('--version')
        self.assertEqual(status, 0)
        self.assertIn(nlp_zero.__version__, out + err)  # Python 2's argparse prints to stderr

    def test_help_lists_commands(self):
        status, out, _ = run_cli('--help')
        self.assertEqual(status, 0)
        for command in ('stats', 'demo'):
            self.assertIn(command, out)

    def test_no_command_shows_help(self):
        status, out, err = run_cli()
        self.assertEqual(status, 2)
        self.assertIn('usage', out + err)  # Python 2's argparse calls it an error

    def test_python_dash_m(self):
        env = dict(os.environ, PYTHONPATH=ROOT)
        output = subprocess.check_output([sys.executable, '-m', 'nlp_zero', '--help'], env=env)
        self.assertIn(b'nlp-zero', output)


class Named(object):
    def __init__(self, **attributes):
        self.__dict__.update(attributes)


class RestartTest(TempDirTestCase):
    """Under PyPy with an oversized nursery the command starts itself again
    with a smaller one; otherwise it goes on as it is."""

    as_module = Named(__spec__=Named(name='nlp_zero.__main__'))
    big = 4 * NURSERY_CAP

    def test_when_it_starts_again(self):
        argv = ['/somewhere/nlp_zero/__main__.py', 'vectors', 'corpus.txt']
        command = restart_command(self.big, {}, argv, self.as_module, main)
        self.assertEqual(command[0], sys.executable)
        self.assertEqual(command[-4:], ['-m', 'nlp_zero', 'vectors', 'corpus.txt'])
        self.assertIsNone(restart_command(None, {}, argv, self.as_module, main))  # not PyPy
        self.assertIsNone(restart_command(NURSERY_CAP, {}, argv, self.as_module, main))
        self.assertIsNone(restart_command(self.big, {'PYPY_GC_NURSERY': '1GB'}, argv,
                                          self.as_module, main))  # the user's choice

    def test_python_2_dash_m(self):  # (no __spec__ there: the package says it)
        command = restart_command(self.big, {}, ['/x/nlp_zero/__main__.py', 'stats'],
                                  Named(__package__='nlp_zero', main=main), main)
        self.assertEqual(command[-3:], ['-m', 'nlp_zero', 'stats'])

    def test_only_the_nlp_zero_script_starts_itself(self):
        script, program = self.path('nlp-zero'), self.path('flow.py')
        for path in (script, program):
            open(path, 'w').close()
        command = restart_command(self.big, {}, [script, 'stats'], Named(main=main), main)
        self.assertEqual(command[-2:], [script, 'stats'])
        # easy_install's script calls main through load_entry_point: told by its name
        command = restart_command(self.big, {}, [script, 'stats'], Named(), main)
        self.assertEqual(command[-2:], [script, 'stats'])
        self.assertIsNone(restart_command(self.big, {}, [self.path('gone'), 'stats'],
                                          Named(main=main), main))
        # a program of the user's that calls main() among other things
        self.assertIsNone(restart_command(self.big, {}, [program, 'stats'], Named(), main))

    @unittest.skipUnless(PYPY, 'PyPy only')
    def test_pypy_restarts_for_real(self):
        script = self.path('show.py')
        with open(script, 'w') as out:
            out.write('import os, sys\n'
                      'from nlp_zero._compat import pypy_nursery_bytes\n'
                      'from nlp_zero.cli._respawn import restart_with_smaller_nursery\n'
                      'main = lambda: None\n'
                      'if sys.argv[1:] == ["restart"]:\n'
                      '    restart_with_smaller_nursery(main)\n'
                      'print(pypy_nursery_bytes(), os.environ.get("PYPY_GC_NURSERY"))\n')
        env = dict(os.environ, PYTHONPATH=ROOT)
        env.pop('PYPY_GC_NURSERY', None)

        def run(*argv):
            return subprocess.check_output([sys.executable, script] + list(argv),
                                           env=env).decode().split()

        chosen, _ = run()  # the nursery PyPy chooses on this machine
        nursery, variable = run('restart')
        if int(chosen) > NURSERY_CAP:
            self.assertEqual((int(nursery), variable), (NURSERY_CAP, '%dMB' % (NURSERY_CAP >> 20)))
        else:
            self.assertEqual((nursery, variable), (chosen, 'None'))


class StatsTest(TempDirTestCase):

    def test_stats_of_a_file(self):
        path = self.write_text('a.txt', u'天天向上\n好好学习，天天向上\n')
        status, out, err = run_cli('stats', path)
        self.assertEqual(status, 0, err)
        self.assertIn(u'lines\t2', out)
        self.assertIn(u'characters\t13', out)
        self.assertIn(u'天 4', out)

    def test_stats_of_standard_input(self):
        status, out, _ = run_cli('stats', '-', stdin=u'一二\n三\n'.encode('utf-8'))
        self.assertEqual(status, 0)
        self.assertIn(u'lines\t2', out)

    def test_bad_byte_is_one_line_naming_file_line_and_offset(self):
        path = self.write_bytes('bad.txt', b'line one\nline two\nline \xff three\n')
        status, out, err = run_cli('stats', path)
        self.assertNotEqual(status, 0)
        lines = err.strip().splitlines()
        self.assertEqual(len(lines), 1, err)
        self.assertIn('bad.txt', lines[0])
        self.assertIn('line 3', lines[0])
        self.assertIn('byte offset 23', lines[0])
        self.assertNotIn('Traceback', err)

    def test_errors_replace_reports_affected_lines(self):
        path = self.write_bytes('bad.txt', b'line one\nline two\nline \xff three\n')
        status, out, err = run_cli('stats', '--errors', 'replace', path)
        self.assertEqual(status, 0)
        self.assertIn('1 line had undecodable bytes', err)
        self.assertIn('lines with undecodable bytes\t1', out)

    def test_missing_file(self):
        status, _, err = run_cli('stats', self.path('missing.txt'))
        self.assertEqual(status, 1)
        self.assertIn('missing.txt', err)
        self.assertNotIn('Traceback', err)

    def test_non_ascii_file_names_in_error_lines(self):
        # On Python 2 the command line gives file names as bytes.
        encoding = sys.getfilesystemencoding() or 'utf-8'
        try:
            u'缺少词典无出'.encode(encoding)
        except UnicodeError:
            self.skipTest('file names cannot hold Chinese characters here')

        def argument(path):
            return path.encode(encoding) if PY2 else path
        status, _, err = run_cli('stats', argument(self.path(u'缺少.txt')))
        self.assertEqual(status, 1)
        self.assertIn(u'缺少.txt', err)
        self.assertNotIn('Traceback', err)
        lexicon = self.write_text(u'词典.tsv', u'词\n')
        status, _, err = run_cli('tokenize', '-l', argument(lexicon), stdin=b'')
        self.assertEqual(status, 1)
        self.assertIn(u'词典.tsv, line 1', err)
        lexicon = self.write_text('lexicon.tsv', u'词\t1\n')
        status, _, err = run_cli('tokenize', '-q', '-l', lexicon,
                                 '-o', argument(self.path(u'无', u'出.txt')), stdin=b'x\n')
        self.assertEqual(status, 1)
        self.assertIn(u'出.txt', err)
        gold = self.write_text('gold.txt', u'词 典\n')
        status, out, err = run_cli('evaluate-segmentation', gold, gold, '--words',
                                   argument(self.path(u'词典.tsv')))
        self.assertEqual(status, 0, err)
        self.assertIn(u'not in ' + self.path(u'词典.tsv'), out)

    def test_binary_file(self):
        status, _, err = run_cli('stats', self.write_bytes('x.bin', b'\x00\x01' * 50))
        self.assertEqual(status, 1)
        self.assertIn('binary', err)

    def test_debug_shows_the_exception(self):
        with self.assertRaises(nlp_zero.NlpZeroError):
            run_cli('stats', '--debug', self.path('missing.txt'))


class DemoTest(unittest.TestCase):

    def test_demo_runs_on_the_bundled_corpus(self):
        status, out, err = run_cli('demo', '--quiet')
        self.assertEqual(status, 0, err)
        self.assertIn(u'Sample corpus', out)


if __name__ == '__main__':
    unittest.main()
