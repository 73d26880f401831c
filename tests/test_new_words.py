# -*- coding: utf-8 -*-
"""New words for HanLP / SmoothNLP users: frequency, cohesion and branching
entropy columns, a combined score, length bounds and the function-word
fusion filter; discover --new-words / --top / -o on the command line."""

import math
import unittest

from support import TempDirTestCase, run_cli

from nlp_zero import Lexicon, new_words
from nlp_zero.words.discovery.newwords import (NewWord, branching_entropies, entropy,
                                               rank_new_words)
from test_discovery import synthetic_text

LN2 = math.log(2)


class EntropyTest(unittest.TestCase):

    def test_plug_in_entropy_with_the_miller_madow_correction(self):
        self.assertAlmostEqual(entropy({u'x': 2, u'y': 2}), LN2 + 1 / 8.0)
        self.assertAlmostEqual(entropy({u'x': 4}), 0.0)
        self.assertEqual(entropy({}), 0.0)

    def test_each_boundary_is_a_neighbour_of_its_own(self):
        self.assertAlmostEqual(entropy({None: 2}), LN2 + 1 / 4.0)
        self.assertAlmostEqual(entropy({None: 1, u'x': 1}), LN2 + 1 / 4.0)

    def test_neighbours_of_words_and_characters_in_one_pass(self):
        lines = [u'xaby', u'zab。', u'ab']
        left, right = branching_entropies(lines, [u'ab'], [u'b'])
        # left of ab: x, z and a line start; right: y, a mark, a line end
        expected = math.log(3) + 2 / 6.0
        self.assertAlmostEqual(left[u'ab'], expected)
        self.assertAlmostEqual(right[u'ab'], expected)
        self.assertAlmostEqual(left[u'b'], 0.0)  # always after a


def fusion_corpus():
    """B is followed by anything, A preceded by anything (both free), and BA
    always stands between p and q: its junction is more open than its edges.
    C occurs only in CD (bound)."""
    lines = []
    for i, other in enumerate(u'cdefghijklmnorst'):
        lines.append(u'B%s A%s %sA' % (other, other, other))
        lines.append(u'pBAq CDr' if i % 2 else u'pBAq sCD')
    return lines


FUSION_LEXICON = {u'BA': 16, u'B': 32, u'A': 48, u'CD': 16, u'p': 16, u'q': 16, u'r': 8,
                  u's': 8}


class RankNewWordsTest(unittest.TestCase):

    def test_fusions_are_left_out_unless_asked_for(self):
        lexicon = Lexicon(FUSION_LEXICON)
        words = [row.word for row in rank_new_words(lexicon, fusion_corpus())]
        self.assertEqual(words, [u'CD'])
        rows = rank_new_words(lexicon, fusion_corpus(), fusions=True)
        self.assertEqual(sorted(row.word for row in rows), [u'BA', u'CD'])

    def test_columns_and_score(self):
        rows = rank_new_words(Lexicon(FUSION_LEXICON), fusion_corpus(), known=[u'BA'])
        row = rows[0]
        self.assertIsInstance(row, NewWord)
        self.assertEqual((row.word, row.count), (u'CD', 16))
        cohesion = new_words(Lexicon(FUSION_LEXICON))[1][2]
        self.assertAlmostEqual(row.pmi, cohesion)
        # CD: after r or s or a line start; before r, a space or a line end
        self.assertAlmostEqual(row.score, math.log(16) * (row.pmi + min(row.left_entropy,
                                                                         row.right_entropy)))

    def test_length_bounds_and_top(self):
        lexicon = Lexicon({u'ab': 5, u'abc': 4, u'abcd': 3, u'a': 9, u'b': 9, u'c': 9, u'd': 9})
        lines = [u'x abcd y', u'abc z', u'ab']
        words = sorted(r.word for r in rank_new_words(lexicon, lines, min_length=3,
                                                      max_length=3))
        self.assertEqual(words, [u'abc'])
        self.assertEqual(len(rank_new_words(lexicon, lines, top=2)), 2)

    def test_new_words_keeps_its_old_form(self):
        lexicon = Lexicon({u'ab': 5, u'abc': 4, u'abcd': 3, u'a': 9, u'b': 9})
        found = new_words(lexicon, [u'abc'], 2, 2)
        self.assertEqual([(w, c) for w, c, _ in found], [(u'ab', 5), (u'abcd', 3)])
        self.assertEqual([w for w, _, _ in new_words(lexicon, max_length=3)], [u'ab', u'abc'])

    def test_reduplications_are_never_fusions(self):
        lexicon = Lexicon({u'AA': 16, u'A': 48, u'x': 10})
        lines = [u'x%sA xA A%s' % (c, c) for c in u'cdefghij'] + [u'xAAx'] * 8
        self.assertEqual([r.word for r in rank_new_words(lexicon, lines)], [u'AA'])


class DiscoverNewWordsCommandTest(TempDirTestCase):

    def corpus(self):
        return self.write_text('corpus.txt', u'\n'.join(synthetic_text()) + u'\n')

    def test_new_words_go_to_the_output_file_with_their_columns(self):
        out_path = self.path('nw.tsv')
        status, out, err = run_cli('discover', self.corpus(), '--new-words', '--top', '3',
                                   '-o', out_path, '-q')
        self.assertEqual(status, 0, err)
        self.assertEqual(out, u'')
        lines = self.read_text('nw.tsv').splitlines()
        self.assertEqual(lines[0], u'# word\tcount\tpmi\tleft_entropy\tright_entropy\tscore')
        self.assertEqual(len(lines), 4)
        scores = [float(line.split(u'\t')[5]) for line in lines[1:]]
        self.assertEqual(scores, sorted(scores, reverse=True))

    def test_top_keeps_the_most_frequent_words_of_the_lexicon(self):
        corpus = self.corpus()
        status, out, err = run_cli('discover', corpus, '--top', '5', '-q')
        self.assertEqual(status, 0, err)
        self.assertEqual(len(out.splitlines()), 5)
        status, _, err = run_cli('discover', corpus, '--top', '5', '-o', self.path('lex.tsv'))
        self.assertEqual(status, 0, err)
        lexicon = Lexicon.load(self.path('lex.tsv'))
        self.assertEqual(len(lexicon), 5)
        self.assertEqual([line.split(u'\t')[0] for line in out.splitlines()],
                         [w for w, _ in lexicon.most_common()])

    def test_length_options_are_checked_first(self):
        for options in (['--max-length', '1'], ['--min-length', '0']):
            status, _, err = run_cli('discover', self.corpus(), '--new-words', *options)
            self.assertEqual(status, 2)
            self.assertEqual(len(err.strip().splitlines()), 1, err)


if __name__ == '__main__':
    unittest.main()
