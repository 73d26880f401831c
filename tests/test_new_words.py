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


# Chinese characters stand for the parts (a run of Latin letters is never a new word)
B, A, C, D, P, Q, R, S = u'\u7532\u4e59\u4e19\u4e01\u5b50\u4e11\u5bc5\u536f'
OTHERS = u'\u4e1c\u5357\u897f\u5317\u6625\u590f\u79cb\u51ac\u91d1\u6728\u6c34\u706b' \
         u'\u571f\u65e5\u6708\u661f'


def fusion_corpus():
    """B is followed by anything, A preceded by anything (both free), and BA
    always stands between P and Q: its junction is more open than its
    edges.  C occurs only in CD (bound)."""
    lines = []
    for i, other in enumerate(OTHERS):
        lines.append(u'%s%s %s%s %s%s' % (B, other, A, other, other, A))
        lines.append(P + B + A + Q + u' ' + C + D + R if i % 2 else P + B + A + Q + u' ' + S + C + D)
    return lines


FUSION_LEXICON = {B + A: 16, B: 32, A: 48, C + D: 16, P: 16, Q: 16, R: 8, S: 8}


class RankNewWordsTest(unittest.TestCase):

    def test_fusions_are_left_out_unless_asked_for(self):
        lexicon = Lexicon(FUSION_LEXICON)
        words = [row.word for row in rank_new_words(lexicon, fusion_corpus())]
        self.assertEqual(words, [C + D])
        rows = rank_new_words(lexicon, fusion_corpus(), fusions=True)
        self.assertEqual(sorted(row.word for row in rows), sorted([B + A, C + D]))

    def test_columns_and_score(self):
        rows = rank_new_words(Lexicon(FUSION_LEXICON), fusion_corpus(), known=[B + A])
        row = rows[0]
        self.assertIsInstance(row, NewWord)
        self.assertEqual((row.word, row.count), (C + D, 16))
        cohesion = dict((w, pmi) for w, _, pmi in new_words(Lexicon(FUSION_LEXICON)))[C + D]
        self.assertAlmostEqual(row.pmi, cohesion)
        # CD: after R, S or a space; before R, a space or a line end
        self.assertAlmostEqual(row.score, math.log(16) * (row.pmi + min(row.left_entropy,
                                                                         row.right_entropy)))

    def test_length_bounds_and_top(self):
        words = u'\u5929\u5730\u4eba\u548c'
        lexicon = Lexicon({words[:2]: 5, words[:3]: 4, words: 3, words[0]: 9, words[1]: 9,
                           words[2]: 9, words[3]: 9})
        lines = [u'x %s y' % words, words[:3] + u' z', words[:2]]
        found = sorted(r.word for r in rank_new_words(lexicon, lines, min_length=3,
                                                      max_length=3))
        self.assertEqual(found, [words[:3]])
        self.assertEqual(len(rank_new_words(lexicon, lines, top=2)), 2)

    def test_new_words_keeps_its_old_form(self):
        lexicon = Lexicon({u'ab': 5, u'abc': 4, u'abcd': 3, u'a': 9, u'b': 9})
        found = new_words(lexicon, [u'abc'], 2, 2)
        self.assertEqual([(w, c) for w, c, _ in found], [(u'ab', 5), (u'abcd', 3)])
        self.assertEqual([w for w, _, _ in new_words(lexicon, max_length=3)], [u'ab', u'abc'])

    def test_runs_of_letters_or_digits_are_not_new_words(self):
        lexicon = Lexicon({u'Abstract': 5, u'1996': 4, u'1996\u5e74': 3, u'\uff21\uff22': 3,
                           u'\u5e74': 9})
        words = [r.word for r in rank_new_words(lexicon, [u'Abstract 1996\u5e74 \uff21\uff22'])]
        self.assertEqual(words, [u'1996\u5e74'])

    def test_reduplications_are_never_fusions(self):
        lexicon = Lexicon({A + A: 16, A: 48, P: 10})
        lines = [u'%s%s%s %s%s %s%s' % (P, c, A, P, A, A, c) for c in OTHERS[:8]]
        lines += [P + A + A + P] * 8
        self.assertEqual([r.word for r in rank_new_words(lexicon, lines)], [A + A])


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

    def test_keep_fusions_lists_at_least_as_many(self):
        corpus = self.corpus()
        counts = []
        for extra in ([], ['--keep-fusions']):
            status, out, err = run_cli('discover', corpus, '--new-words', '-q', *extra)
            self.assertEqual(status, 0, err)
            counts.append(len(out.splitlines()))
        self.assertLessEqual(counts[0], counts[1])

    def test_length_options_are_checked_first(self):
        for options in (['--max-length', '1'], ['--min-length', '0']):
            status, _, err = run_cli('discover', self.corpus(), '--new-words', *options)
            self.assertEqual(status, 2)
            self.assertEqual(len(err.strip().splitlines()), 1, err)


if __name__ == '__main__':
    unittest.main()
