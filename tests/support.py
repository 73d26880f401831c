# -*- coding: utf-8 -*-
"""Helpers shared by the tests: temporary files and running the command line."""

import random
import io
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from nlp_zero._backend import numpy  # noqa: E402
from nlp_zero._compat import PY2  # noqa: E402
from nlp_zero.cli import main  # noqa: E402

#: Every backend that can run here: tests that must give the same result on
#: each loop over these ('numpy' only where NumPy is installed).
BACKENDS = ['python'] + (['numpy'] if numpy is not None else [])


class TempDirTestCase(unittest.TestCase):
    """A test case with a fresh temporary folder in ``self.tmp``."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='nlp-zero-test-')
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def write_bytes(self, name, data):
        path = self.path(name)
        folder = os.path.dirname(path)
        if not os.path.isdir(folder):
            os.makedirs(folder)
        with io.open(path, 'wb') as f:
            f.write(data)
        return path

    def write_text(self, name, text):
        return self.write_bytes(name, text.encode('utf-8'))

    def read_text(self, name):
        with io.open(self.path(name), encoding='utf-8') as f:
            return f.read()


def random_sentences(words, function, lines, seed, lengths, function_share, ends):
    """``lines`` sentences of ``lengths`` (low, high) random ``words``, each
    followed by one of the ``function`` characters with probability
    ``function_share``, ending with one of ``ends``: text whose words
    discovery should find."""
    rng = random.Random(seed)
    text = []
    for _ in range(lines):
        parts = []
        for _ in range(rng.randint(*lengths)):
            parts.append(rng.choice(words))
            if rng.random() < function_share:
                parts.append(rng.choice(function))
        text.append(u''.join(parts) + (ends[0] if len(ends) == 1 else rng.choice(ends)))
    return text


def run_cli(*argv, **kwargs):
    """Run ``nlp-zero ARGV`` in this process; returns (status, stdout, stderr) as text.

    ``stdin`` (bytes) is given to the command as its standard input.
    """
    stdin = kwargs.get('stdin', b'')
    out, err, inp = io.BytesIO(), io.BytesIO(), io.BytesIO(stdin)
    saved = sys.stdin, sys.stdout, sys.stderr
    if PY2:
        sys.stdin, sys.stdout, sys.stderr = inp, out, err
    else:
        sys.stdin = io.TextIOWrapper(inp, encoding='utf-8')
        sys.stdout = io.TextIOWrapper(out, encoding='utf-8')
        sys.stderr = io.TextIOWrapper(err, encoding='utf-8')
    try:
        try:
            status = main(list(argv))
        except SystemExit as exc:  # argparse errors, --help, --version
            status = exc.code
        if not PY2:  # detach, or the wrappers close the byte buffers when collected
            for stream in (sys.stdin, sys.stdout, sys.stderr):
                if stream.writable():
                    stream.flush()
                stream.detach()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return status, out.getvalue().decode('utf-8'), err.getvalue().decode('utf-8')


def run_module(*argv, **kwargs):
    """Run ``python -m nlp_zero ARGV`` in a subprocess, as a user does;
    returns (status, stdout, stderr) as text.

    ``stdin`` (bytes) is its standard input; ``env`` (a dict) is added to
    the environment, where a value of None removes the variable.
    """
    env = dict(os.environ, PYTHONPATH=ROOT, PYTHONIOENCODING='utf-8')
    for name, value in kwargs.get('env', {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    command = [sys.executable, '-m', 'nlp_zero'] + [
        a.encode('utf-8') if PY2 and not isinstance(a, bytes) else a for a in argv]
    process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate(kwargs.get('stdin', b''))
    return process.returncode, out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace')
