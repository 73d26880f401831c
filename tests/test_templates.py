# -*- coding: utf-8 -*-
"""Templates: the Template value, template files, and template discovery."""

import io
import random
import unittest

from support import TempDirTestCase

from nlp_zero import FormatError, Template, TemplateFinder, TemplateSet
from nlp_zero._compat import text_type
from nlp_zero.legacy import Template_Finder


class TemplateTest(unittest.TestCase):

    def test_prints_compactly_and_saves_with_spaces(self):
        template = Template(u'[X] 的 [X] 是 [X] 呢')
        self.assertEqual(text_type(template), u'[X]的[X]是[X]呢')
        self.assertEqual(template.to_line(), u'[X] 的 [X] 是 [X] 呢')
        self.assertEqual(template.literals, (u'的', u'是', u'呢'))
        self.assertEqual(template.placeholders, 3)

    def test_items_with_none_for_placeholders(self):
        self.assertEqual(Template([None, u'和', None]), Template(u'[X] 和 [X]'))

    def test_consecutive_placeholders_collapse(self):
        self.assertEqual(Template([None, None, u'和', None, None]).items, (None, u'和', None))

    def test_compares_and_hashes_by_content(self):
        counts = {Template(u'[X] 和 [X]'): 1}
        self.assertIn(Template([None, u'和', None]), counts)
        self.assertNotEqual(Template(u'[X] 和 [X]'), Template(u'[X] 和'))
        self.assertNotEqual(Template(u'和'), u'和')

    def test_trivial_is_one_word_between_placeholders(self):
        self.assertTrue(Template(u'[X] 的 [X]').is_trivial())
        self.assertFalse(Template(u'[X] 的').is_trivial())
        self.assertFalse(Template(u'[X] 可以 [X] 吗').is_trivial())

    def test_rejects_what_cannot_be_saved(self):
        for items in ([None], [], [u''], [u'a b'], [u'[X]'], [u'a\tb']):
            self.assertRaises(ValueError, Template, items)
        self.assertRaises(ValueError, Template, u'[X]  的')
        self.assertRaises(TypeError, Template, [1])


class TemplateSetTest(TempDirTestCase):

    def setUp(self):
        TempDirTestCase.setUp(self)
        self.templates = TemplateSet({u'[X] 的 [X] 是 [X] 呢': 20199, u'[X] 和 [X]': 30,
                                      (u'可以', None): 10})

    def test_counts_and_probabilities(self):
        self.assertEqual(len(self.templates), 3)
        self.assertEqual(self.templates.total, 20239)
        self.assertEqual(self.templates[u'[X] 和 [X]'], 30)
        self.assertIn(Template(u'可以 [X]'), self.templates)
        self.assertNotIn(u'[X] 吗', self.templates)
        self.assertAlmostEqual(self.templates.logp(u'[X] 和 [X]'), -6.5142, places=3)
        self.assertEqual([c for _, c in self.templates.most_common(2)], [20199, 30])
        self.assertEqual(len(self.templates.most_common(trivial=False)), 2)

    def test_file_format(self):
        path = self.path('t.tsv')
        self.templates.save(path)
        lines = self.read_text('t.tsv').splitlines()
        self.assertEqual(lines[0], u'[X] 的 [X] 是 [X] 呢\t20199')
        self.assertEqual(TemplateSet.load(path), self.templates)

    def test_malformed_lines_name_the_file_and_line(self):
        bad = [u'[X] 的 [X]', u'[X] 的\tmany', u'[X]  的\t3', u'[X] [X] 的\t3', u'[X]\t3',
               u'的\t0', u'的\t1\t2']
        for text in bad:
            path = self.write_text('bad.tsv', u'的\t5\n\n' + text + u'\n')
            try:
                TemplateSet.load(path)
            except FormatError as exc:
                self.assertIn('bad.tsv, line 3', str(exc))
            else:
                self.fail('no error for %r' % text)

    def test_undecodable_bytes_name_the_line(self):
        path = self.write_bytes('t.tsv', b'[X] a\t3\n\xff\t1\n')
        self.assertRaises(FormatError, TemplateSet.load, path)
        try:
            TemplateSet.load(path)
        except FormatError as exc:
            self.assertIn('t.tsv, line 2', str(exc))

    def test_missing_file_is_a_format_error_naming_it(self):
        with self.assertRaises(FormatError) as caught:
            TemplateSet.load(self.path('nothing.tsv'))
        self.assertIn('nothing.tsv', str(caught.exception))

    def test_save_is_atomic(self):
        path = self.write_text('t.tsv', u'old\t1\n')
        broken = TemplateSet()
        broken._counts[Template(u'a')] = None  # a count that cannot be written
        self.assertRaises(TypeError, broken.save, path)
        self.assertEqual(self.read_text('t.tsv'), u'old\t1\n')

    def test_load_accepts_crlf_and_bom(self):
        path = self.write_bytes('t.tsv', u'\ufeff[X] 和 [X]\t3\r\n'.encode('utf-8'))
        self.assertEqual(TemplateSet.load(path)[u'[X] 和 [X]'], 3)

    def test_a_file_of_one_endless_line_is_refused_at_once(self):
        # issue 13, item 10: the line is refused after 1 MB, not read whole
        path = self.write_bytes('endless.tsv', b'[X] a\t3\n' + b'\x00' * (3 << 20))
        with self.assertRaises(FormatError) as caught:
            TemplateSet.load(path)
        self.assertIn('endless.tsv, line 2: line longer than', str(caught.exception))

    def test_a_count_beyond_a_64_bit_counter_is_refused(self):
        path = self.write_text('big.tsv', u'[X] a\t3\n[X] b\t' + u'9' * 400 + u'\n')
        with self.assertRaises(FormatError) as caught:
            TemplateSet.load(path)
        self.assertIn('big.tsv, line 2', str(caught.exception))


def question_corpus(lines=600, seed=7):
    """Lines of one-character words: three sentence patterns with random
    fillers, so the fixed words are the templates to find."""
    rng = random.Random(seed)
    fillers = u'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星'
    patterns = [u'%s的%s是%s呢', u'%s可%s吗', u'%s和%s']
    out = []
    for number in range(lines):
        pattern = patterns[number % 3]
        words = tuple(u''.join(rng.choice(fillers) for _ in range(rng.randint(1, 2)))
                      for _ in range(pattern.count(u'%s')))
        out.append(pattern % words + u'，' + pattern % words)
    return out


class TemplateFinderTest(unittest.TestCase):

    def finder(self, **options):
        return TemplateFinder(list, min_proba=1e-4, min_pmi=1, **options)

    def test_finds_the_fixed_words(self):
        found = self.finder().fit(question_corpus())
        top = [text_type(t) for t, _ in found.most_common(2, trivial=False)]
        self.assertEqual(sorted(top), [u'[X]可[X]吗', u'[X]的[X]是[X]呢'])
        self.assertEqual(found[u'[X] 的 [X] 是 [X] 呢'], 400)
        # 和 links to nothing: a trivial template, as frequent as the word
        self.assertEqual(found[u'[X] 和 [X]'], 400)

    def test_incremental_training_matches_one_pass(self):
        corpus = question_corpus()
        whole = self.finder().fit(corpus)
        finder = self.finder()
        finder.train(corpus[:300])
        finder.train(corpus[300:])
        pairs = dict(finder.pair_counts)
        finder.find(corpus[:300])
        self.assertEqual(dict(finder.pair_counts), pairs)  # find keeps the counts
        self.assertEqual(finder.find(corpus[300:]), whole)

    def test_fragment_ends_get_no_placeholder(self):
        corpus = [u'甲的乙是丙呢'] * 50 + [u'丁戊己'] * 50
        found = self.finder(min_count=1, keep_phrases=True).fit(corpus)
        self.assertIn(u'甲 的 乙 是 丙 呢', found)

    def test_phrases_are_not_templates(self):
        # whole fragments (one word, or words that no placeholder separates)
        # are words or collocations: left out unless asked for (issue 12,
        # item 12: 1, of, 图2, 参考文献 were kept as templates)
        corpus = question_corpus() + [u'参考文献', u'1'] * 100
        tokenize = lambda text: [text] if text in (u'参考文献', u'1') else list(text)  # noqa: E731
        finder = TemplateFinder(tokenize, min_proba=1e-4, min_pmi=1)
        found = finder.fit(corpus)
        self.assertEqual([t for t in found if not t.placeholders], [])
        self.assertEqual(found[u'[X] 的 [X] 是 [X] 呢'], 400)
        self.assertEqual(finder.template_counts[(u'1',)], 100)
        finder.keep_phrases = True
        phrases = finder.kept_templates()
        self.assertEqual(phrases[u'参考文献'], 100)
        self.assertEqual(phrases[u'1'], 100)
        self.assertEqual(len(phrases), len(found) + 2)

    def test_no_template_skips_a_word_it_could_go_through(self):
        found = self.finder().fit(question_corpus())
        self.assertNotIn(u'[X] 的 [X] 呢', found)

    def test_a_dense_fragment_stops_at_max_steps(self):
        # a b c a b c ...: a -> b, a -> c, b -> a, c -> a, so the number of
        # paths doubles with every "a b c"
        class Linked(TemplateFinder):
            def strong_pairs(self):
                return frozenset([(u'a', u'b'), (u'a', u'c'), (u'b', u'a'), (u'c', u'a')])

        finder = Linked(list, max_steps=2000)
        finder.find([u'abc' * 200] * 3)
        self.assertEqual(finder.truncated, 3)
        self.assertEqual(finder.most_steps, 2000)
        finder = Linked(list)
        finder.find([u'abc' * 4 + u'a'])
        self.assertEqual(finder.truncated, 0)
        self.assertEqual(finder.template_total, 16)
        self.assertEqual(finder.template_counts[(u'a', u'b', None, u'a', u'b', None, u'a', u'b',
                                                 None, u'a', u'b', None, u'a')], 1)

    def test_the_pair_table_is_pruned(self):
        messages = []

        class Log(object):
            def log(self, message):
                messages.append(message)

            def start(self, *args):
                pass

            update = finish = start

        finder = TemplateFinder(list, max_pairs=200, progress=Log())
        finder.train(question_corpus(300))
        self.assertLessEqual(len(finder.pair_counts), 200)
        self.assertTrue(any('pruned the pair table' in m for m in messages))
        self.assertGreater(finder.pair_total, 200)

    def test_legacy_names(self):
        finder = Template_Finder(list, window=3, min_proba=1e-4, min_pmi=1)
        corpus = question_corpus()
        finder.train(corpus)
        finder.train(corpus)  # counts add up
        finder.find(corpus)
        templates = [t for t in finder.templates if not t.is_trivial()]
        self.assertIn([None, u'和', None], [t.words for t in finder.templates])
        self.assertTrue(templates)


class TemplateWorkersTest(TempDirTestCase):
    """Worker processes map the batches; the templates are those of one process."""

    def test_workers_find_the_templates_of_one_process(self):
        corpus = question_corpus(4500)  # three batches of lines
        for options in (dict(), dict(max_pairs=400, max_templates=300)):  # pruned too
            one = TemplateFinder(list, **options)
            expected = one.fit(corpus)
            two = TemplateFinder(list, workers=2, **options)
            self.assertEqual(two.fit(corpus), expected)
            self.assertEqual(two.pair_counts, one.pair_counts)
            self.assertEqual(two.template_counts, one.template_counts)
            self.assertEqual((two.template_total, two.pair_total, two.most_steps),
                             (one.template_total, one.pair_total, one.most_steps))
        self.assertGreater(len(expected), 10)

    def test_exact_tables_spill_and_give_the_templates_of_unbounded_tables(self):
        import os
        corpus = question_corpus(3000) + [u'金木水火土' * 50]
        exact = dict(max_pairs=None, max_templates=None)
        expected = TemplateFinder(list, **exact).fit(corpus)
        for workers in (1, 2):
            spilled = TemplateFinder(list, memory=3000, tmp_dir=self.tmp, workers=workers,
                                     **exact)
            self.assertEqual(spilled.fit(corpus), expected)
            self.assertEqual(spilled.kept_templates(), expected)  # (read once, kept)
            self.assertGreater(spilled.pair_counts.spilled, 0)
            self.assertEqual(len(spilled.pair_counts), len(TemplateFinder(list, **exact)
                                                           .train(corpus).pair_counts))
        self.assertEqual(os.listdir(self.tmp), [])

    def test_train_and_find_count_as_fit_does(self):
        corpus = question_corpus(2500)
        finder = TemplateFinder(list)
        finder.train(corpus)
        self.assertEqual(finder.find(corpus), TemplateFinder(list).fit(corpus))

    def test_the_command_line_takes_workers(self):
        from support import run_cli
        corpus = self.path('corpus.txt')
        with io.open(corpus, 'w', encoding='utf-8') as f:
            f.write(u'\n'.join(question_corpus(3000)) + u'\n')
        lexicon = self.path('lexicon.tsv')
        with io.open(lexicon, 'w', encoding='utf-8') as f:
            f.write(u'的\t10\n是\t10\n呢\t10\n')
        outputs = []
        for options in (['--workers', '1'], ['--workers', '2'],
                        ['--exact', '--memory', '4K', '--tmp-dir', self.tmp]):
            out = self.path('templates%d.tsv' % len(outputs))
            status, _, err = run_cli('templates', corpus, '-l', lexicon, '-o', out, '-q',
                                     *options)
            self.assertEqual(status, 0, err)
            with open(out, 'rb') as f:
                outputs.append(f.read())
        self.assertEqual(outputs[0], outputs[1])
        self.assertEqual(outputs[0], outputs[2])  # (no pruning at this size)
        self.assertIn(u'[X] 的 [X]\t2000'.encode('utf-8'), outputs[0])


if __name__ == '__main__':
    unittest.main()
