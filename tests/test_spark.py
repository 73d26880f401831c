# -*- coding: utf-8 -*-
"""The Spark engine gives the tables of the local engine (on a real local Spark).

Skipped, with the reason, where pyspark or Java is missing; CI runs these in
an environment with pyspark and sets NLP_ZERO_REQUIRE_SPARK=1 so that a
skip there is a failure.
"""

import io
import os
import shutil
import subprocess
import sys
import unittest

from support import ROOT, TempDirTestCase, run_cli

from nlp_zero import Cooccurrence, Corpus, Lexicon, Tokenizer, WordDiscovery


def _spark_missing():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return 'pyspark is not installed (pip install "nlp-zero[spark]")'
    try:
        subprocess.check_output(['java', '-version'], stderr=subprocess.STDOUT)
    except (OSError, subprocess.CalledProcessError):
        return 'Java is not installed (Spark needs Java 17)'
    return None


MISSING = _spark_missing()
REQUIRED = os.environ.get('NLP_ZERO_REQUIRE_SPARK') == '1'
SESSION = []


def setUpModule():
    if MISSING and REQUIRED:
        raise RuntimeError('NLP_ZERO_REQUIRE_SPARK=1 but ' + MISSING)
    if MISSING:
        return
    # the executors' Python (also for the sessions the command line starts)
    os.environ['PYSPARK_PYTHON'] = sys.executable
    os.environ['PYTHONPATH'] = os.pathsep.join([ROOT, os.environ.get('PYTHONPATH', '')])


def tearDownModule():
    for session in SESSION:
        session.stop()


def spark_session():
    if not SESSION:
        from nlp_zero import spark
        session = spark.session('local[2]', 'nlp-zero-tests')
        session.sparkContext.setLogLevel('ERROR')
        SESSION.append(session)
    return SESSION[0]


LINES = [u'the cat sat on the mat', u'the dog sat on the log', u'a cat and a dog',
         u'the mat and the log', u'', u'cat cat dog'] * 7


@unittest.skipIf(MISSING and not REQUIRED, MISSING or '')
class SparkCountingTest(TempDirTestCase):

    def write_corpus(self, lines):
        path = self.path('corpus.txt')
        with io.open(path, 'w', encoding='utf-8') as f:
            f.write(u'\n'.join(lines) + u'\n')
        return path

    def saved(self, table, name):
        path = self.path(name)
        table.save(path)
        with open(path, 'rb') as f:
            return f.read()

    def test_cooccurrence_is_the_local_table(self):
        from nlp_zero import spark
        # (a long line: both engines cut it into the same pieces)
        path = self.write_corpus(LINES + [u'x ' * 3000 + u'cat dog'])
        local = Cooccurrence.count(Corpus(path, max_line_chars=1000), min_count=2, window=3)
        on_spark = spark.cooccurrence(spark_session(), path, min_count=2, window=3,
                                      max_line_chars=1000)
        self.assertEqual(self.saved(on_spark, 'spark'), self.saved(local, 'local'))

    def test_tokenize_writes_one_line_per_line(self):
        from nlp_zero import spark
        lexicon = Lexicon({u'中国': 10, u'人民': 8, u'中': 1, u'国': 1, u'人': 1, u'民': 1})
        lines = [u'中国人民', u'', u'人民中国，中国']
        path = self.write_corpus(lines)
        out = self.path('tokens')
        spark.tokenize(spark_session(), path, lexicon, out)
        got = []
        for name in sorted(os.listdir(out)):
            if name.startswith('part-'):
                with io.open(os.path.join(out, name), encoding='utf-8') as f:
                    got.extend(f.read().splitlines())
        tokenizer = Tokenizer(lexicon)
        self.assertEqual(got, [u' '.join(tokenizer.tokenize(line)) for line in lines])
        shutil.rmtree(out, True)

    def chinese_corpus(self):
        from test_discovery import synthetic_text
        # digits and letters (classes), a long line cut by both engines, an empty line
        return self.write_corpus(synthetic_text(400) + [
            u'1996年的报告，2000年的计划。ABC公司', u'', u'一九九六年' * 300])

    def test_discover_is_the_local_lexicon(self):
        from nlp_zero import spark
        path = self.chinese_corpus()
        for options, memory in ((dict(), {}), (dict(method='ngram', order=3, min_count=3),
                                                dict(memory=20000, task_memory=20000))):
            local = WordDiscovery(max_entries=None, **options)
            local.train(Corpus(path, max_line_chars=1000))
            # (the second spills on the driver and in the tasks)
            on_spark = spark.discover(spark_session(), path, max_line_chars=1000,
                                      **dict(options, **memory))
            expected = self.saved(local.find(), 'local.tsv')
            self.assertEqual(self.saved(on_spark, 'spark.tsv'), expected)
        self.assertRaises(ValueError, spark.discover, spark_session(), path, max_entries=1000)
        # an RDD of lines, in more partitions, gives the same lexicon
        with io.open(path, encoding='utf-8') as f:
            lines = spark_session().sparkContext.parallelize(f.read().splitlines(), 5)
        on_rdd = spark.discover(spark_session(), lines, max_line_chars=1000, **options)
        self.assertEqual(self.saved(on_rdd, 'rdd.tsv'), expected)

    def test_the_command_line_runs_on_spark(self):
        path = self.chinese_corpus()
        outputs = []
        known = self.write_text('known.tsv', u'的\t1\n')
        for new_words in ([], ['--new-words', '--exclude', known]):
            for options in (['--exact'], ['--spark', 'local[2]']):
                out = self.path('lexicon%d.tsv' % len(outputs))
                status, _, err = run_cli('discover', path, '-o', out, '-q', *(options + new_words))
                del SESSION[:]  # (the command stops the session when it is done)
                self.assertEqual(status, 0, err)
                with open(out, 'rb') as f:
                    outputs.append(f.read())
        self.assertEqual(outputs[0], outputs[1])
        self.assertEqual(outputs[2], outputs[3])
        self.assertIn(b'score', outputs[2])

    def test_templates_are_the_local_templates(self):
        from nlp_zero import TemplateFinder, spark
        from test_templates import question_corpus
        lexicon = Lexicon({u'的': 10, u'是': 10, u'呢': 10, u'可': 5, u'吗': 5})
        path = self.write_corpus(question_corpus(2500) + [u'', u'的的的' * 400])
        local = TemplateFinder(Tokenizer(lexicon).tokenize, window=3)
        expected = local.fit(Corpus(path, max_line_chars=1000))
        on_spark = spark.templates(spark_session(), path, lexicon, window=3,
                                   max_line_chars=1000)
        self.assertEqual(self.saved(on_spark, 'spark.tsv'), self.saved(expected, 'local.tsv'))
        self.assertGreater(len(expected), 10)
        # the local exact tables, spilling, too
        exact = TemplateFinder(Tokenizer(lexicon).tokenize, window=3, max_pairs=None,
                               max_templates=None, memory=3000, tmp_dir=self.tmp)
        self.assertEqual(self.saved(exact.fit(Corpus(path, max_line_chars=1000)), 'exact.tsv'),
                         self.saved(expected, 'local.tsv'))

    def test_templates_and_tokenize_on_the_command_line(self):
        path = self.write_corpus([u'中国人民，人民中国', u'', u'中国的人民'] * 50)
        lexicon = self.path('lexicon.tsv')
        Lexicon({u'中国': 10, u'人民': 8, u'的': 5}).save(lexicon)
        outputs = []
        for options in ([], ['--spark', 'local[2]']):
            out = self.path('templates%d.tsv' % len(outputs))
            status, _, err = run_cli('templates', path, '-l', lexicon, '-o', out, '-q',
                                     *options)
            del SESSION[:]  # (the command stops the session when it is done)
            self.assertEqual(status, 0, err)
            with open(out, 'rb') as f:
                outputs.append(f.read())
        self.assertEqual(outputs[0], outputs[1])
        # tokenize: the part files, in order, are the local output
        local, folder = self.path('tokens.txt'), self.path('tokens')
        for options in (['-o', local], ['-o', folder, '--spark', 'local[2]']):
            status, _, err = run_cli('tokenize', path, '-l', lexicon, '-q', *options)
            del SESSION[:]
            self.assertEqual(status, 0, err)
        parts = b''
        for name in sorted(os.listdir(folder)):
            if name.startswith('part-'):
                with open(os.path.join(folder, name), 'rb') as f:
                    parts += f.read()
        with open(local, 'rb') as f:
            self.assertEqual(parts, f.read())
        shutil.rmtree(folder, True)


if __name__ == '__main__':
    unittest.main()
