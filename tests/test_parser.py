# -*- coding: utf-8 -*-
"""Template matching and sentence parsing, through the API and the command line."""

import unittest

from support import TempDirTestCase, run_cli

from nlp_zero import Lexicon, Parser, ParseTree, Template, TemplateIndex, TemplateSet, Tokenizer
from nlp_zero._compat import native_str, text_type
from nlp_zero.legacy import Parser as LegacyParser
from nlp_zero.legacy import SentTree, XTrie

QUESTIONS = {u'[X] 可以 [X] 吗': 50, u'[X] 的 [X] 是 [X] 呢': 50, u'[X] 和 [X]': 50}
WORDS = u'鸡蛋 可以 吃 吗 牛肉 苹果 的 颜色 是 什么 呢 雪梨 和 香蕉'.split()


def question_parser(**options):
    tokenizer = Tokenizer(Lexicon(dict((w, 100) for w in WORDS)))
    return Parser(TemplateSet(QUESTIONS), tokenizer.tokenize, **options)


class MatchingTest(unittest.TestCase):

    def setUp(self):
        self.index = TemplateIndex(TemplateSet(QUESTIONS))

    def spans(self, text):
        return [(m.start, m.end, m.positions, text_type(m.template))
                for m in self.index.matches(text.split())]

    def test_every_occurrence_with_positions(self):
        self.assertEqual(self.spans(u'鸡蛋 可以 吃 吗'), [(0, 4, (1, 3), u'[X]可以[X]吗')])
        # a placeholder may hold any words, 和 included: "b 和" in (0, 4)
        self.assertEqual(self.spans(u'a 和 b 和 c'), [
            (0, 3, (1,), u'[X]和[X]'), (0, 4, (1,), u'[X]和[X]'), (0, 5, (1,), u'[X]和[X]'),
            (0, 5, (3,), u'[X]和[X]'), (1, 5, (3,), u'[X]和[X]'), (2, 5, (3,), u'[X]和[X]')])

    def test_a_placeholder_needs_a_word(self):
        self.assertEqual(self.spans(u'可以 吗'), [])
        self.assertEqual(self.spans(u'鸡蛋 可以 吗'), [])

    def test_no_extra_words_where_the_template_has_no_placeholder(self):
        self.assertEqual(self.spans(u'鸡蛋 可以 吃 吗 呀'), [(0, 4, (1, 3), u'[X]可以[X]吗')])
        index = TemplateIndex({u'可以 [X] 吗': 1})
        self.assertEqual([(m.start, m.end) for m in index.matches(u'我 可以 吃 吗'.split())],
                         [(1, 4)])

    def test_counts_and_legacy_search(self):
        trie = XTrie()
        trie[(None, u'和', None)] = 5
        trie[[None, u'和', None]] = 7  # setting replaces the count
        self.assertEqual(trie.total_items, 7)
        self.assertEqual(trie.search([u'a', u'和', u'b']), {(0, 3): {(1,): 7}})
        del trie[(None, u'和', None)]
        self.assertEqual(trie.search([u'a', u'和', u'b']), {})


class ParserTest(unittest.TestCase):

    def setUp(self):
        self.parser = question_parser()

    def test_questions(self):
        self.assertEqual(self.parser.parse(u'鸡蛋可以吃吗').bracketed(), u'(鸡蛋)可以(吃)吗')
        self.assertEqual(self.parser.parse(u'苹果的颜色是什么呢').bracketed(),
                         u'(苹果)的(颜色)是(什么)呢')

    def test_two_words_without_a_template_are_one_block(self):
        tree = self.parser.parse(u'牛肉鸡蛋可以吃吗')
        self.assertEqual(tree.bracketed(), u'(牛肉鸡蛋)可以(吃)吗')
        block = tree.children[0]
        self.assertTrue(block.isolated)
        self.assertEqual(block.words, [u'牛肉', u'鸡蛋'])
        self.assertEqual(block.score, -20)

    def test_nested_blocks_read_left_to_right(self):
        tree = self.parser.parse(u'雪梨和苹果和香蕉的颜色是什么呢')
        self.assertEqual(tree.template, Template(u'[X] 的 [X] 是 [X] 呢'))
        self.assertEqual([c.content for c in tree.children], [u'雪梨和苹果和香蕉', u'颜色', u'什么'])
        first = tree.children[0]
        self.assertEqual(text_type(first.template), u'[X]和[X]')
        self.assertEqual(text_type(first.children[0].template), u'[X]和[X]')
        self.assertEqual(tree.bracketed(), u'(((雪梨)和(苹果))和(香蕉))的(颜色)是(什么)呢')
        self.assertEqual(text_type(tree), tree.bracketed())

    def test_plot(self):
        lines = self.parser.parse(u'雪梨和苹果和香蕉的颜色是什么呢').plot().splitlines()
        self.assertEqual(lines, [
            u'(((雪梨)和(苹果))和(香蕉))的(颜色)是(什么)呢  [X]的[X]是[X]呢',
            u'+-- ((雪梨)和(苹果))和(香蕉)  [X]和[X]',
            u'|   +-- (雪梨)和(苹果)  [X]和[X]',
            u'|   |   +-- 雪梨',
            u'|   |   +-- 苹果',
            u'|   +-- 香蕉',
            u'+-- 颜色',
            u'+-- 什么'])

    def test_reprs(self):
        self.assertEqual(repr(self.parser),
                         '<Parser: 3 templates, null_score=-20, max_span=150, max_steps=1000000>')
        tree = self.parser.parse(u'鸡蛋可以吃吗')
        self.assertEqual(repr(tree), native_str(u'<ParseTree (鸡蛋)可以(吃)吗  [X]可以[X]吗  '
                                                u'score %.4g>' % tree.score))
        self.assertEqual(repr(self.parser.parse(u'可以吗')),
                         native_str(u'<ParseTree 可以吗  isolated words  score -20>'))
        long_tree = Parser(TemplateSet({u'a [X]': 5}), max_steps=None).parse_words([u'a'] * 100)
        self.assertTrue(repr(long_tree).startswith('<ParseTree a(a(a('))
        self.assertIn('...  a[X]  score', repr(long_tree))
        html = Parser(TemplateSet({u'x<y [X]': 5})).parse_words([u'x<y', u'a&b'])._repr_html_()
        self.assertEqual(html, u'<pre>x&lt;y(a&amp;b)  x&lt;y[X]\n+-- a&amp;b</pre>')

    def test_words_no_template_covers(self):
        tree = self.parser.parse(u'可以吗')
        self.assertTrue(tree.isolated)
        self.assertEqual(tree.bracketed(), u'可以吗')
        self.assertEqual(tree.children, [])
        self.assertIsNone(self.parser.parse(u''))

    def test_isolated_words_win_over_a_rare_template(self):
        words = u'a 和 b'.split()
        rare = Parser(TemplateSet({u'[X] 和 [X]': 1, u'x': 10 ** 12}), null_score=-1)
        self.assertTrue(rare.parse_words(words).isolated)
        common = Parser(TemplateSet({u'[X] 和 [X]': 1, u'x': 1}), null_score=-1)
        self.assertFalse(common.parse_words(words).isolated)

    def test_ties_prefer_the_more_specific_template(self):
        parser = Parser(TemplateSet({u'[X] 和 [X]': 10, u'[X] 和 b': 10, u'c': 10}))
        tree = parser.parse_words(u'a 和 b'.split())
        self.assertEqual(text_type(tree.template), u'[X]和b')

    def test_long_sentences_are_capped(self):
        words = [u'a', u'和'] * 1000
        tree = question_parser().parse_words(words)
        self.assertTrue(tree.isolated)
        self.assertEqual(len(tree.words), 2000)

    def test_deep_trees_need_no_recursion(self):
        # a(a(a(...(b)))): 2,000 words, one block inside the other (about
        # 4 million steps: past the default max_steps)
        parser = Parser(TemplateSet({u'a [X]': 5, u'b': 1}), max_span=None, max_steps=None)
        tree = parser.parse_words([u'a'] * 1999 + [u'b'])
        self.assertEqual(tree.bracketed(), u'a(' * 1999 + u'b' + u')' * 1999)
        self.assertEqual(len(list(tree.iter_blocks())), 2000)
        self.assertEqual(len(tree.plot().splitlines()), 2000)

    def test_caps_must_be_positive(self):
        for option in ('max_span', 'max_steps'):
            for value in (0, -1, 2.5, u'10'):
                self.assertRaises(ValueError, Parser, TemplateSet(QUESTIONS), **{option: value})


def repeated_templates(count):
    """[X] a [X], [X] a [X] a [X] ... (``count`` of them): on "a a a ..."
    every one matches in very many ways."""
    return TemplateSet(dict((u' '.join([u'[X] a'] * m + [u'[X]']), 10 + m)
                            for m in range(1, count + 1)))


class PunctuationTest(unittest.TestCase):
    """Punctuation bounds blocks: each clause is parsed on its own (issue 12,
    item 10: 行者笑道：“师父，这是妖精变的！” had blocks across the marks)."""

    def setUp(self):
        self.parser = question_parser()

    def test_no_block_crosses_a_mark(self):
        tree = self.parser.parse(u'苹果的颜色是什么呢，鸡蛋可以吃吗？')
        self.assertEqual(tree.bracketed(), u'((苹果)的(颜色)是(什么)呢)，((鸡蛋)可以(吃)吗)？')
        self.assertEqual(text_type(tree.template), u'[X]，[X]？')
        self.assertEqual([c.content for c in tree.children], [u'苹果的颜色是什么呢', u'鸡蛋可以吃吗'])
        self.assertAlmostEqual(tree.score, sum(c.score for c in tree.children))
        for block in tree.iter_blocks():
            if block is not tree:
                self.assertNotIn(u'，', block.content)
        # with the words joined across the comma, [X]和[X] would take "b，c"
        parser = Parser(TemplateSet({u'[X] 和 [X]': 5, u'x': 1}))
        self.assertEqual(parser.parse_words(u'a 和 b ， c'.split()).bracketed(), u'((a)和(b))，(c)')
        self.assertEqual(parser.parse_words(u'a 和 b c'.split()).bracketed(), u'(a)和(bc)')

    def test_marks_at_the_ends_and_marks_only(self):
        tree = self.parser.parse(u'“鸡蛋可以吃吗”')
        self.assertEqual(tree.bracketed(), u'“((鸡蛋)可以(吃)吗)”')
        self.assertEqual(tree.positions, (0, 5))
        tree = self.parser.parse(u'！？')
        self.assertTrue(tree.isolated)
        self.assertEqual((tree.content, tree.score, tree.children), (u'！？', 0.0, []))
        self.assertEqual(self.parser.parse(u'吃，吗').bracketed(), u'(吃)，(吗)')

    def test_caps_count_clauses(self):
        parser = Parser(repeated_templates(31), max_span=10)
        tree = parser.parse_words([u'a'] * 10 + [u'，'] + [u'a'] * 11)
        self.assertFalse(tree.children[0].isolated)
        self.assertTrue(tree.children[1].isolated)


class WorkCapTest(unittest.TestCase):
    """The search of a sentence stops after max_steps steps (issue 13, item
    5: these sentences took 8-14 s each, and minutes without max_span)."""

    def test_many_placeholder_templates_stop_at_the_cap(self):
        parser = Parser(repeated_templates(31))
        tree = parser.parse_words([u'a'] * 150)
        self.assertTrue(tree.isolated)
        self.assertEqual(tree.content, u'a' * 150)
        self.assertEqual(parser.truncated, 1)

    def test_the_cap_holds_without_max_span(self):
        parser = Parser(repeated_templates(63), max_span=None, max_steps=20000)
        self.assertTrue(parser.parse_words([u'a'] * 300).isolated)
        self.assertTrue(parser.parse_words([u'a', u'和'] * 50000).isolated)
        self.assertEqual(parser.truncated, 2)

    def test_below_the_cap_nothing_changes(self):
        parser = Parser(repeated_templates(3), max_steps=None)
        words = [u'a'] * 12
        expected = parser.parse_words(words).bracketed()
        self.assertNotEqual(expected, u'a' * 12)
        capped = Parser(repeated_templates(3), max_steps=5000)
        self.assertEqual(capped.parse_words(words).bracketed(), expected)
        self.assertEqual(capped.truncated, 0)
        self.assertEqual(question_parser().parse(u'鸡蛋可以吃吗').bracketed(), u'(鸡蛋)可以(吃)吗')

    def test_legacy_parser(self):
        trie = XTrie()
        for template, count in QUESTIONS.items():
            trie[Template(template).items] = count
        tokenizer = Tokenizer(Lexicon(dict((w, 100) for w in WORDS)))
        tree = LegacyParser(trie, tokenizer.tokenize).parse(u'鸡蛋可以吃吗')
        self.assertIsInstance(tree, SentTree)
        self.assertIsInstance(tree, ParseTree)
        self.assertEqual([m.content for m in tree.modules], [u'鸡蛋', u'吃'])
        self.assertEqual(text_type(tree), tree.plot())


class ParseCommandTest(TempDirTestCase):

    def setUp(self):
        TempDirTestCase.setUp(self)
        self.templates = self.path('t.tsv')
        TemplateSet(QUESTIONS).save(self.templates)
        self.lexicon = self.path('lexicon.tsv')
        Lexicon(dict((w, 100) for w in WORDS)).save(self.lexicon)

    def test_parse_arguments(self):
        status, out, err = run_cli('parse', '--templates', self.templates, '--lexicon',
                                   self.lexicon, u'鸡蛋可以吃吗', u'牛肉鸡蛋可以吃吗')
        self.assertEqual(status, 0, err)
        self.assertEqual(out.splitlines(), [u'(鸡蛋)可以(吃)吗', u'(牛肉鸡蛋)可以(吃)吗'])

    def test_parse_stdin_with_tree(self):
        status, out, err = run_cli('parse', '--tree', '--templates', self.templates,
                                   '--lexicon', self.lexicon,
                                   stdin=u'雪梨和苹果和香蕉的颜色是什么呢\n'.encode('utf-8'))
        self.assertEqual(status, 0, err)
        lines = out.splitlines()
        # the bracketed sentence once (issue 12 item 10), with its template
        self.assertEqual(lines[0], u'(((雪梨)和(苹果))和(香蕉))的(颜色)是(什么)呢  [X]的[X]是[X]呢')
        self.assertEqual(lines[1], u'+-- ((雪梨)和(苹果))和(香蕉)  [X]和[X]')
        self.assertEqual(len(lines), 9)
        self.assertEqual(lines[-1], u'')

    def test_bad_template_file(self):
        bad = self.write_text('bad.tsv', u'[X] 和 [X]\n')
        status, out, err = run_cli('parse', '--templates', bad, '--lexicon', self.lexicon, u'和')
        self.assertEqual(status, 1)
        self.assertIn('bad.tsv, line 1', err)

    def test_bad_numbers_are_usage_errors(self):
        status, _, err = run_cli('templates', '-l', self.lexicon, '-o', '-', '--window', '0')
        self.assertEqual(status, 2)
        self.assertIn('argument --window: expected a whole number of at least 1', err)
        status, _, err = run_cli('parse', '-l', self.lexicon, '--templates', self.templates,
                                 '--max-span', '-1')
        self.assertEqual(status, 2)
        self.assertIn('argument --max-span: expected a whole number of at least 0', err)

    def test_sentences_cut_at_max_steps_are_reported(self):
        templates = self.path('many.tsv')
        repeated_templates(31).save(templates)
        status, out, err = run_cli('parse', '--templates', templates, '--lexicon', self.lexicon,
                                   '--max-steps', '1000', u'吃' * 40, u' '.join([u'a'] * 150))
        self.assertEqual(status, 0, err)
        self.assertEqual(out.splitlines(), [u'吃' * 40, u'a' * 150])
        self.assertIn('1 clause reached --max-steps and was read as isolated words', err)

    def test_templates_command(self):
        from test_templates import question_corpus
        corpus = self.write_text('corpus.txt', u'\n'.join(question_corpus()) + u'\n')
        chars = self.path('chars.tsv')
        Lexicon(dict((c, 10) for c in set(u''.join(question_corpus())))).save(chars)
        output = self.path('found.tsv')
        status, out, err = run_cli('templates', corpus, '--lexicon', chars, '-o', output,
                                   '--min-proba', '1e-4', '--min-pmi', '1', '--quiet')
        self.assertEqual(status, 0, err)
        found = TemplateSet.load(output)
        self.assertIn(u'[X] 的 [X] 是 [X] 呢', found)
        self.assertIn(u'[X]的[X]是[X]呢', out)
        self.assertTrue(all(t.placeholders for t in found))

    def test_templates_command_keeps_phrases_when_asked(self):
        corpus = self.write_text('corpus.txt', u'甲的乙是丙呢\n' * 30 + u'1\n' * 30)
        chars = self.path('chars.tsv')
        Lexicon(dict((c, 10) for c in u'甲的乙是丙呢1')).save(chars)
        output = self.path('found.tsv')
        for options, expected in (((), []), (('--keep-phrases',), [u'1', u'甲的乙是丙呢'])):
            status, out, err = run_cli('templates', corpus, '--lexicon', chars, '-o', output,
                                       '--min-pmi', '1', '--quiet', *options)
            self.assertEqual(status, 0, err)
            found = TemplateSet.load(output)
            self.assertEqual(sorted(text_type(t) for t in found if not t.placeholders), expected)


if __name__ == '__main__':
    unittest.main()
