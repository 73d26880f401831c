# -*- coding: utf-8 -*-
"""Readable reprs: Cooccurrence, SimplerGlove, and a Lexicon's head as an
HTML table in a notebook."""

import unittest

import support  # noqa: F401 - puts the project first on sys.path

from nlp_zero import Cooccurrence, Lexicon, SimplerGlove


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
