# -*- coding: utf-8 -*-
"""Data bundled with the package, so every command has something to run on.

The sample corpus is *Romance of the Three Kingdoms* (三国演义, Luo Guanzhong,
14th century; public domain): 5,900 lines, 600,000 characters of classical
Chinese, gzip-compressed.
"""

import os

from .text.corpus import Corpus

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data')

SAMPLE_CORPUS_FILE = 'sanguo_yanyi.txt.gz'


def sample_corpus_path():
    """Path of the bundled sample corpus file."""
    return os.path.join(_DATA, SAMPLE_CORPUS_FILE)


def sample_corpus(**options):
    """The bundled sample corpus as a :class:`~nlp_zero.corpus.Corpus`.

    Keyword options are passed to :class:`Corpus` (``max_line_chars``, ...).
    """
    return Corpus(sample_corpus_path(), **options)
