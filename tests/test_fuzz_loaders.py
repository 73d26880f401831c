# -*- coding: utf-8 -*-
"""Every loader fuzzed: a damaged file raises the library's own error, naming it.

For each loader (lexicon, templates, word2vec/GloVe vectors, word pairs,
analogies, co-occurrence tables, training checkpoints, corpora plain and
compressed) a few hundred seeded random damages of valid files
(:mod:`fuzzing`, :mod:`fuzz_targets`) are loaded.  Only :class:`~nlp_zero.errors.NlpZeroError`
subclasses may escape, their message must name the file (and a line that
exists), and what loads must be usable.  A failure prints the seed and the
case; ``FUZZ_SEED=<seed> FUZZ_CASES=<n>`` reproduces or widens a run.
"""

import os
import random
import shutil
import tempfile
import unittest

import support  # noqa: F401 - puts the project on sys.path

import fuzz_targets
import fuzzing

SEED = int(os.environ.get('FUZZ_SEED', '20261126'))
CASES = int(os.environ.get('FUZZ_CASES', '300'))


class FuzzLoadersTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix='nlp-zero-fuzz-')

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, True)

    def fuzz(self, target_class, cases=CASES):
        """Load ``cases`` damaged files; fail on the first that goes wrong."""
        target = target_class(self.folder)
        for number in range(cases):
            rng = random.Random(SEED * 1000003 + number * 101 + fuzz_targets.TARGETS.index(
                target_class))
            case = target.make_case(rng)
            path = os.path.join(self.folder, 'damaged' + case.suffix)
            problem = fuzzing.check_case(target, case, path)
            if problem is not None:
                self.fail('%s, FUZZ_SEED=%d case %d %r:\n%s'
                          % (target.name, SEED, number, case, problem))

    def test_lexicon(self):
        self.fuzz(fuzz_targets.LexiconTarget)

    def test_templates(self):
        self.fuzz(fuzz_targets.TemplatesTarget)

    def test_word2vec_and_glove_vectors(self):
        self.fuzz(fuzz_targets.Word2vecTarget)

    def test_word_pairs(self):
        self.fuzz(fuzz_targets.WordPairsTarget)

    def test_analogies(self):
        self.fuzz(fuzz_targets.AnalogiesTarget)

    def test_cooccurrence_table(self):
        self.fuzz(fuzz_targets.CooccurrenceTarget)

    def test_checkpoint(self):
        self.fuzz(fuzz_targets.CheckpointTarget)

    def test_corpus_plain_and_compressed(self):
        self.fuzz(fuzz_targets.CorpusTarget)


if __name__ == '__main__':
    unittest.main()
