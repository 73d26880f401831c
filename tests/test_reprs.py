# -*- coding: utf-8 -*-
"""Readable reprs: Cooccurrence, SimplerGlove, WordDiscovery, Parser and
ParseTree, and a Lexicon's head and a parse tree as HTML in a notebook."""

import unittest

import support  # noqa: F401 - puts the project first on sys.path

from nlp_zero import (Cooccurrence, Lexicon, Parser, SimplerGlove, TemplateSet,
                      WordDiscovery)


class ReprTest(unittest.TestCase):

    def test_cooccurrence(self):
        table = Cooccurrence.count([[u'a', u'b', u'c']] * 3, min_count=1, window=2,
                                   backend='python')
        self.assertEqual(repr(table), '<Cooccurrence: 3 words, 3 pairs from 9 tokens, window 2>')

    def test_simpler_glove_before_and_after_training(self):
        glove = SimplerGlove(dim=4, epochs=2, seed=1, backend='python')
        self.assertEqual(repr(glove), "<SimplerGlove: dim=4, epochs=2, negatives=2, x_max=10, "
                                      "backend='python', not trained yet>")
        glove.fit(Cooccurrence.count([[u'a', u'b', u'c']] * 3, min_count=1, window=2))
        self.assertIn('2 epochs trained (loss ', repr(glove))
        self.assertIn('dim=auto', repr(SimplerGlove(dim=None)))

    def test_word_discovery_says_how_far_it_got(self):
        finder = WordDiscovery()
        self.assertEqual(repr(finder), "<WordDiscovery: method='ngram', 0 corpora, nothing "
                                       "trained yet>")
        finder.train([u'中国人民站起来了'] * 20)
        self.assertEqual(repr(finder), "<WordDiscovery: method='ngram', 1 corpus, find() not run "
                                       "yet>")
        lexicon = finder.find()
        self.assertEqual(repr(finder), "<WordDiscovery: method='ngram', 1 corpus, %d words found>"
                         % len(lexicon))

    def test_parser_and_parse_tree(self):
        parser = Parser(TemplateSet({u'[X] 的 [X]': 5}))
        self.assertEqual(repr(parser), '<Parser: 1 template, null_score=-20, max_span=150, '
                                       'max_steps=1000000>')
        tree = parser.parse_words([u'我', u'的', u'书'])
        self.assertTrue(repr(tree).startswith('<ParseTree '), repr(tree))
        html = tree._repr_html_()
        self.assertTrue(html.startswith(u'<pre>') and html.endswith(u'</pre>'), html)
        self.assertIn(u'[X]的[X]', html)

    def test_lexicon_head_as_html(self):
        lexicon = Lexicon(dict((u'w%02d' % i, i + 1) for i in range(12)))
        lexicon[u'<b>"x"'] = 100
        html = lexicon._repr_html_()
        self.assertTrue(html.startswith(u'<table><caption>Lexicon: 13 words'))
        self.assertIn(u'<td>&lt;b&gt;&quot;x&quot;</td>', html)
        self.assertEqual(html.count(u'<tr><td>'), Lexicon.HTML_ROWS)
        self.assertIn(u'... 3 more', html)
        self.assertNotIn(u'more', Lexicon({u'a': 1})._repr_html_())


if __name__ == '__main__':
    unittest.main()
