# -*- coding: utf-8 -*-
"""The counting layer: exact counts in bounded memory, worker processes."""

import os
import random
import unittest
from array import array
from collections import Counter

from support import BACKENDS, TempDirTestCase, run_cli

from nlp_zero import Cooccurrence, NlpZeroError
from nlp_zero._compat import INT64, collecting
from nlp_zero.counting import SpillCounter, parse_size
from nlp_zero.counting.memory import default_memory
from nlp_zero.counting.sorted_table import blocks_of, collect_blocks
from nlp_zero.counting.spill import merge_blocks, merge_sorted


def random_counts(rng, batches, keys=300, per_batch=80):
    return [Counter(rng.randint(0, keys) for _ in range(per_batch)) for _ in range(batches)]


class SpillCounterTest(TempDirTestCase):

    def test_spilled_totals_are_exact_and_sorted(self):
        rng = random.Random(4)
        batches = random_counts(rng, 50)
        truth = Counter()
        counter = SpillCounter(memory=3000, folder=self.tmp)  # a few dozen entries
        for batch in batches:
            truth.update(batch)
            counter.add(batch)
        self.assertGreater(len(counter.runs), 10)
        table = counter.result()
        self.assertEqual(list(table), sorted(truth))
        self.assertEqual(dict(table.items()), dict(truth))
        self.assertEqual(table[5], truth[5])
        self.assertEqual(os.listdir(self.tmp), [])  # the runs are gone

    def test_a_stream_of_spilled_totals(self):
        rng = random.Random(5)
        truth = Counter()
        counter = SpillCounter(memory=3000, folder=self.tmp)
        for batch in random_counts(rng, 40):
            truth.update(batch)
            counter.add(batch)
        self.assertGreater(len(counter.runs), 5)
        self.assertEqual(list(counter.items()), sorted(truth.items()))
        self.assertEqual(os.listdir(self.tmp), [])

    def test_weighted_counts_add_up(self):
        counter = SpillCounter(memory=500, weighted=True)
        for d in range(1, 30):
            counter.add({7: 1.0 / d, 100 + d: 0.5})
        table = counter.result()
        self.assertAlmostEqual(table[7], sum(1.0 / d for d in range(1, 30)))
        self.assertEqual(table.get(12345), None)

    def test_without_a_budget_nothing_spills(self):
        counter = SpillCounter()
        for batch in random_counts(random.Random(1), 20):
            counter.add(batch)
        self.assertEqual(counter.runs, [])

    def test_an_interrupted_count_leaves_no_temporary_files(self):
        counter = SpillCounter(memory=1000, folder=self.tmp)
        try:
            with counter:
                for batch in random_counts(random.Random(2), 30):
                    counter.add(batch)
                self.assertTrue(os.listdir(self.tmp))
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        self.assertEqual(os.listdir(self.tmp), [])


def sorted_run(counts, block):
    """A run of ``{key: count}`` as the merge reads it: arrays of ``block`` items."""
    keys = sorted(counts)
    code = 'd' if any(isinstance(c, float) for c in counts.values()) else INT64
    return [(array(INT64, keys[i:i + block]), array(code, [counts[k] for k in keys[i:i + block]]))
            for i in range(0, len(keys), block)]


class MergeBlocksTest(unittest.TestCase):
    """Runs merged a block at a time add up to the totals, in key order."""

    def test_random_runs_of_every_block_size(self):
        rng = random.Random(7)
        for trial in range(40):
            runs = random_counts(rng, rng.randint(1, 6), keys=rng.choice([5, 50, 500]),
                                 per_batch=rng.randint(0, 60))
            truth = Counter()
            for run in runs:
                truth.update(run)
            blocks = [sorted_run(run, rng.randint(1, 9)) for run in runs]
            merged = list(merge_blocks(blocks))
            keys = [k for block_keys, _ in merged for k in block_keys]
            values = [v for _, block_values in merged for v in block_values]
            self.assertEqual(keys, sorted(truth))
            self.assertEqual(values, [truth[k] for k in keys])

    def test_empty_runs_and_empty_blocks(self):
        self.assertEqual(list(merge_blocks([])), [])
        self.assertEqual(list(merge_blocks([[], [([], [])]])), [])
        merged = merge_blocks([[([], []), ([3, 9], [1, 1])], [], [([9], [5]), ([], []), ([10], [2])]])
        table = collect_blocks(merged)
        self.assertEqual(dict(table.items()), {3: 1, 9: 6, 10: 2})

    def test_one_key_in_every_run(self):
        runs = [sorted_run({42: n, n: 1}, 1) for n in range(1, 8)]
        table = collect_blocks(merge_blocks(runs))
        self.assertEqual(dict(table.items()), dict([(42, 28)] + [(n, 1) for n in range(1, 8)]))

    def test_weighted_counts(self):
        runs = [sorted_run({1: 0.5, 2: 0.25}, 1), sorted_run({2: 0.125}, 4)]
        table = collect_blocks(merge_blocks(runs), weighted=True)
        self.assertEqual(dict(table.items()), {1: 0.5, 2: 0.375})
        self.assertEqual(table.values_array.typecode, 'd')


class BlocksTest(unittest.TestCase):
    """Sorted tables go to and from blocks whatever the block size."""

    def test_round_trips(self):
        items = [(k * 3, k % 7 + 1) for k in range(100)]
        for size in (1, 7, 100, 1000):
            table = collect_blocks(blocks_of(items, size))
            self.assertEqual(list(table.items()), items)
            self.assertEqual(list(collect_blocks(table.blocks(size)).items()), items)
        self.assertEqual(list(blocks_of([])), [])

    def test_tables_merge_into_their_totals(self):
        a = collect_blocks(blocks_of([(1, 1), (4, 2), (9, 3)]))
        b = collect_blocks(blocks_of([(4, 10), (5, 1)]))
        merged = merge_sorted([a.blocks(2), b.blocks(1), blocks_of([(0, 1), (9, 1)])])
        self.assertEqual(dict(merged.items()), {0: 1, 1: 1, 4: 12, 5: 1, 9: 4})

    def test_collections_between_items_change_nothing(self):
        self.assertEqual(list(collecting(iter(range(10)), 3)), list(range(10)))


class MemorySizeTest(unittest.TestCase):

    def test_sizes(self):
        self.assertEqual(parse_size('500M'), 500 << 20)
        self.assertEqual(parse_size('1.5G'), 3 << 29)
        self.assertEqual(parse_size('800MB'), 800 << 20)
        self.assertEqual(parse_size(1024), 1024)
        self.assertIsNone(parse_size(None))
        for bad in ('lots', '-1G', '0', 0, '5 parsecs'):
            self.assertRaises(NlpZeroError, parse_size, bad)
        self.assertGreaterEqual(default_memory(), 256 << 20)


def corpus_lines(seed, n_lines=120):
    rng = random.Random(seed)
    words = [u'w%d' % i for i in range(40)]
    return [u' '.join(rng.choice(words[:rng.randint(5, 40)]) for _ in range(rng.randint(0, 30)))
            for _ in range(n_lines)]


class SameTableTest(TempDirTestCase):
    """Whatever runs the counting (a budget, worker processes, NumPy), the
    table is the same."""

    def test_every_engine_gives_the_same_table(self):
        lines = corpus_lines(3)
        reference = Cooccurrence.count(lines, min_count=1, window=4, backend='python')
        variants = [dict(backend='python', memory=3000, tmp_dir=self.tmp),
                    dict(backend='python', workers=2),
                    dict(backend='python', workers=2, memory=3000)]
        variants += [dict(backend=b) for b in BACKENDS if b != 'python']
        expected = self.saved(reference, 'reference')
        for options in variants:
            table = Cooccurrence.count(lines, min_count=1, window=4, **options)
            self.assertEqual(self.saved(table, 'variant'), expected, options)
            self.assertEqual(sorted(os.listdir(self.tmp)), ['reference', 'variant'])

    def saved(self, table, name):
        path = self.path(name)
        table.save(path)
        with open(path, 'rb') as f:
            return f.read()


class CooccurCommandTest(TempDirTestCase):

    def corpus(self):
        return self.write_text('c.txt', u'\n'.join(corpus_lines(5, 200)) + u'\n')

    def table(self, *options):
        path = self.path('t%d.txt' % len(os.listdir(self.tmp)))
        status, out, err = run_cli('cooccur', self.corpus(), '-o', path, '--min-count', '2',
                                   '--window', '3', '-q', *options)
        self.assertEqual(status, 0, err)
        with open(path, 'rb') as f:
            return f.read()

    def test_the_table_file_is_the_same_for_every_engine(self):
        expected = self.table('--backend', 'python')
        spill_dir = self.path('spill')
        os.mkdir(spill_dir)
        variants = [('--backend', 'python', '--memory', '4K', '--tmp-dir', spill_dir),
                    ('--backend', 'python', '--workers', '2')]
        variants += [('--backend', b) for b in BACKENDS if b != 'python']
        for options in variants:
            self.assertEqual(self.table(*options), expected, options)
        self.assertEqual(os.listdir(spill_dir), [])

    def test_distance_weighting_counts_a_pair_d_apart_as_one_over_d(self):
        from nlp_zero.vectors.cooccurrence import Cooccurrence
        corpus = self.write_text('xyz.txt', u'x y z\nx y z\n')
        path = self.path('weighted.txt')
        status, out, err = run_cli('cooccur', corpus, '-o', path, '--min-count', '1', '-q',
                                   '--distance-weighting')
        self.assertEqual(status, 0, err)
        table = Cooccurrence.load(path)
        self.assertTrue(table.distance_weighting)
        self.assertEqual(table.pair_count('x', 'y'), 2.0)   # twice, 1 apart
        self.assertEqual(table.pair_count('x', 'z'), 1.0)   # twice, 2 apart: 1/2 each
        counts = self.path('counts.txt')
        status, out, err = run_cli('vectors', corpus, '-o', self.path('v.txt'), '--counts',
                                   counts, '--min-count', '1', '--dim', '2', '--epochs', '1',
                                   '-q', '--distance-weighting')
        self.assertEqual(status, 0, err)
        self.assertEqual(Cooccurrence.load(counts).pairs, table.pairs)

    def test_vectors_train_from_a_saved_table(self):
        table = self.path('table.txt')
        run_cli('cooccur', self.corpus(), '-o', table, '--min-count', '2', '-q')
        status, out, err = run_cli('vectors', '--from-counts', table, '-o', self.path('v.txt'),
                                   '--dim', '4', '--epochs', '1', '-q')
        self.assertEqual(status, 0, err)
        with open(self.path('v.txt'), 'rb') as f:
            self.assertTrue(f.readline().endswith(b' 4\n'))

    def test_a_bad_memory_size_is_one_line(self):
        status, out, err = run_cli('cooccur', self.corpus(), '-o', self.path('t'), '--memory',
                                   'lots')
        self.assertEqual(status, 2)
        self.assertIn('--memory', err)
        self.assertEqual(len(err.strip().splitlines()), 1)


class InterruptTest(TempDirTestCase):

    def test_ctrl_c_while_spilling_leaves_no_output_and_no_runs(self):
        import signal
        import subprocess
        import sys
        import time
        from support import ROOT
        if not hasattr(signal, 'SIGINT') or os.name == 'nt':
            self.skipTest('no SIGINT here')
        corpus = self.write_text('big.txt', u'\n'.join(corpus_lines(9, 40000)) + u'\n')
        runs, output = self.path('runs'), self.path('table.txt')
        os.mkdir(runs)
        env = dict(os.environ, PYTHONPATH=ROOT)
        process = subprocess.Popen([sys.executable, '-m', 'nlp_zero', 'cooccur', corpus, '-o',
                                    output, '--backend', 'python', '--memory', '16K',
                                    '--tmp-dir', runs, '--min-count', '1', '-q'], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   preexec_fn=_default_sigint)
        deadline = time.time() + 60
        while time.time() < deadline and process.poll() is None:
            spilled = [name for folder in os.listdir(runs)
                       for name in os.listdir(os.path.join(runs, folder))]
            if len(spilled) >= 3:
                break
            time.sleep(0.05)
        self.assertIsNone(process.poll(), 'the count ended before it could be interrupted')
        process.send_signal(signal.SIGINT)
        out, err = process.communicate()
        self.assertEqual(process.returncode, 130, err)
        self.assertEqual(os.listdir(runs), [])
        self.assertFalse(os.path.exists(output))


class TokenizeWorkersTest(TempDirTestCase):

    def test_workers_write_the_same_tokens(self):
        from nlp_zero import Lexicon
        lexicon = self.path('lex.tsv')
        Lexicon({u'中国': 9, u'人民': 7, u'站起来': 3, u'了': 5}).save(lexicon)
        corpus = self.write_text('c.txt', u'中国人民站起来了，1949年\n\n人民！\n' * 3000)
        outputs = []
        for workers in ('1', '2'):
            path = self.path('out%s.txt' % workers)
            status, out, err = run_cli('tokenize', corpus, '-l', lexicon, '-o', path,
                                       '--workers', workers, '-q')
            self.assertEqual(status, 0, err)
            with open(path, 'rb') as f:
                outputs.append(f.read())
        self.assertEqual(outputs[0], outputs[1])
        self.assertEqual(outputs[0].count(b'\n'), 9000)


class ExactDiscoveryTest(TempDirTestCase):

    def test_exact_counting_under_a_budget_finds_the_same_lexicon(self):
        from nlp_zero import WordDiscovery
        from test_discovery import synthetic_text
        text = synthetic_text(300)
        for method in ('ngram', 'cut'):
            in_memory = WordDiscovery(method, max_entries=None, backend='python').train(
                text).find()
            spilled = WordDiscovery(method, max_entries=None, memory=20000, tmp_dir=self.tmp,
                                    backend='python').train(text).find()
            self.assertEqual(spilled, in_memory)
            self.assertEqual(os.listdir(self.tmp), [])
            # below the pruning limit, the pruned tables are exact too
            self.assertEqual(WordDiscovery(method).train(text).find(), in_memory)

    def test_exact_tables_hold_four_grams_of_any_characters(self):
        # a 4-gram of characters from U+8000 up is a 64-bit key with its top
        # bit set: counted exactly, spilled and merged like any other
        from nlp_zero.words.discovery.ngrams import pack_all, unpack_all
        from nlp_zero.words.discovery.tables import ExactTable
        grams = [u'社会主义', u'\uffef\uffef\uffef\uffef', u'ab\u8000c', u'abcd']
        table = ExactTable('4-gram', memory=1, folder=self.tmp)
        for _ in range(3):
            table.count_arrays([pack_all(grams, 4)])
        keys, counts = table.keys_and_counts()
        self.assertEqual(sorted(zip(unpack_all(keys, 4), counts)), sorted((g, 3) for g in grams))
        self.assertEqual(os.listdir(self.tmp), [])

    def test_map_and_merge_over_parts_finds_the_same_lexicon(self):
        # what the Spark engine does: map each part of the lines, add the
        # totals, finish with find_with; both methods, any split
        from operator import add
        from nlp_zero import WordDiscovery
        from nlp_zero.words.discovery.mapping import DiscoveryMap
        from nlp_zero.words.discovery.singles import SingleCounts
        from nlp_zero.words.discovery.tables import KeepPiece
        from test_discovery import synthetic_text
        from test_second_cut import frequent_characters_text
        lines = (list(synthetic_text(300)) + frequent_characters_text(300)
                 + [u'1996年 2000年 x1 ABC年', u''])
        for options in (dict(), dict(method='cut'), dict(method='ngram', order=3)):
            local = WordDiscovery(max_entries=None, backend='python', **options)
            expected = local.train(lines).find()
            finder = WordDiscovery(max_entries=None, memory=20000, tmp_dir=self.tmp,
                                   backend='python', **options)
            mapper = DiscoveryMap(finder.work.options(), 20000, self.tmp)
            parts = [lines[i::3] for i in range(3)]
            grams = reduce_by_key(add, [mapper.gram_counts(part) for part in parts])
            for (n, key), count in sorted(grams.items()):
                finder.add_gram_counts(n, [key], [count])

            def count_pieces(kept, min_count):
                pieces = reduce_by_key(add, [mapper.piece_counts(part, kept) for part in parts])
                return Counter(dict(sorted(filter(KeepPiece(min_count), pieces.items()))))

            def count_alone(kept):
                alone = reduce_by_key(add, [mapper.alone_counts(part, kept, finder.eligible)
                                            for part in parts])
                return SingleCounts.from_items(sorted(alone.items()))
            self.assertEqual(finder.find_with(count_pieces, count_alone=count_alone), expected)
            self.assertTrue(finder.joined)
            self.assertEqual(list(finder.lexicon.items()), list(expected.items()))
        self.assertEqual(os.listdir(self.tmp), [])


def _default_sigint():
    """Ctrl-C as a terminal gives it, also where the tests themselves run
    with SIGINT ignored (a background job of a shell without job control)."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def reduce_by_key(function, streams):
    totals = {}
    for stream in streams:
        for key, value in stream:
            totals[key] = function(totals[key], value) if key in totals else value
    return totals


if __name__ == '__main__':
    unittest.main()
