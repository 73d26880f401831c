# -*- coding: utf-8 -*-
"""The unigram tokenizer, its command and the original's Tokenizer/Trie/DAG."""

import io
import random
import sys
import unittest

from support import TempDirTestCase, run_cli

from nlp_zero import Corpus, Lexicon, NlpZeroError, Tokenizer
from nlp_zero.cli import word_commands
from nlp_zero.legacy import DAG, Trie
from nlp_zero.legacy import Tokenizer as OriginalTokenizer
from nlp_zero.words.tokenizer import PIECE_CHARS

WORDS = {u'中': 10, u'外': 8, u'科': 6, u'学': 9, u'名': 7, u'著': 2,
         u'中外': 5, u'外科': 4, u'科学': 20, u'学名': 2, u'名著': 8, u'年': 9}


class TokenizerTest(unittest.TestCase):

    def setUp(self):
        self.tokenizer = Tokenizer(WORDS)

    def test_most_probable_cut(self):
        self.assertEqual(self.tokenizer.tokenize(u'中外科学名著'), [u'中外', u'科学', u'名著'])

    def test_marks_are_tokens_and_spaces_are_dropped(self):
        tokens = self.tokenizer.tokenize(u'科学，名著！ 中外\t科学。')
        self.assertEqual(tokens, [u'科学', u'，', u'名著', u'！', u'中外', u'科学', u'。'])

    def test_never_a_word_across_a_mark_or_space(self):
        tokenizer = Tokenizer(dict(WORDS, **{u'学，名': 1000}))
        self.assertEqual(tokenizer.tokenize(u'科学，名著'), [u'科学', u'，', u'名著'])
        self.assertEqual(self.tokenizer.tokenize(u'科 学'), [u'科', u'学'])

    def test_repeated_marks_stay_together(self):
        self.assertEqual(self.tokenizer.tokenize(u'中外——科学……“名著”'),
                         [u'中外', u'——', u'科学', u'……', u'“', u'名著', u'”'])

    def test_rare_ideographs_are_word_characters_on_every_python(self):
        # CJK extension E (U+2B820...) is missing from older Unicode tables:
        # it still forms words and is never taken for a repeated mark.
        word = u'\U0002b820\U0002b821'
        tokenizer = Tokenizer({word: 5, u'中': 3})
        self.assertEqual(tokenizer.tokenize(word + u'中'), [word, u'中'])
        self.assertEqual(Tokenizer({}).tokenize(u'\U0002b820' * 2), [u'\U0002b820'] * 2)

    def test_digits_and_latin_letters_are_kept_whole(self):
        self.assertEqual(self.tokenizer.tokenize(u'１９９６年ABC123科学 abc'),
                         [u'１９９６', u'年', u'ABC123', u'科学', u'abc'])

    def test_a_number_is_kept_whole_with_its_point_sign_and_percent(self):
        self.assertEqual(self.tokenizer.tokenize(u'晴／－５℃，增长３．５％，占15.3%，(-2)'),
                         [u'晴', u'／', u'－５', u'℃', u'，', u'增', u'长', u'３．５％', u'，',
                          u'占', u'15.3%', u'，', u'(', u'-2', u')'])
        # after a word character a dash is a hyphen or a range; a point after a
        # number ends the sentence; one percent sign belongs to the number
        tokenizer = Tokenizer({u'2000年': 3})
        self.assertEqual(tokenizer.tokenize(u'1998-2000 1990年-2000年'),
                         [u'1998', u'-', u'2000', u'1990', u'年', u'-', u'2000年'])
        self.assertEqual(tokenizer.tokenize(u'F-16 v2.0. U.S. C++11 --5 5%%'),
                         [u'F', u'-', u'16', u'v2.0', u'.', u'U', u'.', u'S', u'.', u'C', u'++',
                          u'11', u'--', u'5', u'5', u'%%'])

    def test_a_number_keeps_its_chinese_place_values(self):
        tokenizer = Tokenizer({u'万人': 5, u'万元': 5, u'元': 3, u'人': 3})
        self.assertEqual(tokenizer.tokenize(u'50万人，1万亿元，1.2億，几万元'),
                         [u'50万', u'人', u'，', u'1万亿', u'元', u'，', u'1.2億', u'，', u'几',
                          u'万元'])

    def test_a_long_text_is_never_cut_inside_a_number(self):
        tokenizer = Tokenizer({u'中国': 5})
        # the only marks are those of the number: a long text is cut in pieces
        # at the end of a run of marks, never at its point or after its sign
        for number in (u'3.5%', u'／－５', u'，-5', u'１２．５'):
            for before in (10, PIECE_CHARS // 2 + 1, PIECE_CHARS + 100, 3 * PIECE_CHARS):
                text = u'中' * before + number + u'中' * PIECE_CHARS
                self.assertIn(number.lstrip(u'／，'), tokenizer.tokenize(text), (number, before))

    def test_lexicon_words_may_contain_whole_digit_runs(self):
        tokenizer = Tokenizer(dict(WORDS, **{u'1996年': 3, u'A股': 2, u'B52': 1}))
        self.assertEqual(tokenizer.tokenize(u'1996年A股，21996年，A股票B52'),
                         [u'1996年', u'A股', u'，', u'21996', u'年', u'，', u'A股', u'票',
                          u'B52'])
        self.assertGreater(tokenizer.logp(u'B52'), tokenizer.logp(u'B53'))
        self.assertEqual(tokenizer.logp(u'B53'), tokenizer.logp(u'鑫'))

    def test_private_use_characters_in_the_text(self):
        tokenizer = Tokenizer(dict(WORDS, **{u'1996年': 3}))
        text = u'\ue000 1996年\ue001科学'
        self.assertEqual(u''.join(tokenizer.tokenize(text)), u''.join(text.split()))
        self.assertIn(u'科学', tokenizer.tokenize(text))

    def test_digits_and_letters_can_be_cut_too(self):
        tokenizer = Tokenizer({u'AB': 3, u'C1': 2}, keep_alnum=False)
        self.assertEqual(tokenizer.tokenize(u'ABC1'), [u'AB', u'C1'])

    def test_unknown_characters_are_single_tokens(self):
        self.assertEqual(self.tokenizer.tokenize(u'鑫中外淼'), [u'鑫', u'中外', u'淼'])
        self.assertEqual(Tokenizer({}).tokenize(u'天下'), [u'天', u'下'])

    def test_known_word_beats_unknown_character(self):
        tokenizer = Tokenizer({u'甲乙': 1, u'乙': 1000000, u'丙': 1000000})
        self.assertEqual(tokenizer.tokenize(u'甲乙丙'), [u'甲乙', u'丙'])

    def test_the_joined_tokens_give_back_the_text(self):
        text = u'  中外科学名著，１９９６年 ABC—— x_y 〇○ \u3000好！\U00020000\ud800中\n'
        tokens = self.tokenizer.tokenize(text)
        self.assertEqual(u''.join(tokens), u''.join(text.split()))

    def test_random_texts_keep_their_characters(self):
        rng = random.Random(1)
        alphabet = u'中外科学名著年一○〇，。—…“”!.-_ \t\u3000ab1２Ｂ\ue000\ue001'
        words = dict((u''.join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))),
                      rng.randint(1, 50)) for _ in range(200))
        for tokenizer in (Tokenizer(words), Tokenizer(words, keep_alnum=False)):
            for _ in range(300):
                text = u''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
                tokens = tokenizer.tokenize(text)
                self.assertEqual(u''.join(tokens), u''.join(text.split()), text)
                self.assertTrue(all(token.split() == [token] for token in tokens), tokens)

    def test_offsets(self):
        text = u'中外 科学，ABC'
        found = self.tokenizer.tokenize_with_offsets(text)
        self.assertEqual(found, [(u'中外', 0, 2), (u'科学', 3, 5), (u'，', 5, 6), (u'ABC', 6, 9)])
        for word, start, end in found:
            self.assertEqual(text[start:end], word)

    def test_iter_tokenize_is_the_same(self):
        text = u'中外科学名著，1996年'
        self.assertEqual(list(self.tokenizer.iter_tokenize(text)), self.tokenizer.tokenize(text))

    def test_long_text_is_cut_in_pieces_without_changing_the_result(self):
        line = u'中外科学名著，科学名著中外。'
        text = line * 2000
        self.assertEqual(self.tokenizer.tokenize(text), self.tokenizer.tokenize(line) * 2000)

    def test_tokenize_corpus_gives_one_list_per_line(self):
        corpus = Corpus.from_texts([u'中外科学', u'', u'名著'])
        self.assertEqual(list(self.tokenizer.tokenize_corpus(corpus)),
                         [[u'中外', u'科学'], [], [u'名著']])

    def test_follows_changes_of_its_lexicon(self):
        lexicon = Lexicon(WORDS)
        tokenizer = Tokenizer(lexicon)
        self.assertEqual(tokenizer.tokenize(u'科学名著'), [u'科学', u'名著'])
        lexicon[u'科学名著'] = 50
        self.assertEqual(tokenizer.tokenize(u'科学名著'), [u'科学名著'])
        del lexicon[u'科学名著']
        del lexicon[u'名著']
        self.assertEqual(tokenizer.tokenize(u'科学名著'), [u'科学', u'名', u'著'])

    def test_following_changes_gives_what_a_new_tokenizer_gives(self):
        rng = random.Random(7)
        chars = u'中外科学名著年'
        lexicon = Lexicon(WORDS)
        tokenizer = Tokenizer(lexicon)
        texts = [u''.join(rng.choice(chars) for _ in range(12)) for _ in range(20)]
        for _ in range(60):
            word = u''.join(rng.choice(chars) for _ in range(rng.randint(1, 4)))
            lexicon[word] = rng.choice([0, 1, 3, 40])
            text = rng.choice(texts)
            self.assertEqual(tokenizer.tokenize(text), Tokenizer(lexicon.copy()).tokenize(text))

    def test_log_probability(self):
        self.assertAlmostEqual(self.tokenizer.logp(u'科学'), Lexicon(WORDS).logp(u'科学'))
        self.assertLess(self.tokenizer.logp(u'鑫'), self.tokenizer.logp(u'著'))


class OriginalNamesTest(unittest.TestCase):
    """Code written for nlp-zero 0.1 keeps working."""

    def test_trie(self):
        trie = Trie([(u'中外', 5), (u'科学', 20)])
        trie[u'名著'] += 8
        del trie[u'not there']
        trie[u'外科'] = 4
        del trie[u'外科']
        self.assertNotIn(u'外科', trie)
        self.assertEqual(trie[u'名著'], 8)
        self.assertEqual(trie.total_items, 33)
        self.assertEqual(trie.num_items, 3)
        self.assertEqual(sorted(trie)[0], (u'中外', 5))  # iterates over (word, count)
        self.assertEqual(trie.search(u'中外科学'), {(0, 2): (u'中外', 5), (2, 4): (u'科学', 20)})
        self.assertAlmostEqual(trie.get_proba(u'科学', logit=False), 20 / 33.0)

    def test_dag(self):
        dag = DAG(4)
        dag[0, 2] = -1
        dag[2, 4] = -1
        dag[1, 3] = -0.5
        self.assertEqual(dag.optimal_path(), [(0, 2), (2, 4)])

    def test_tokenizer(self):
        tokenizer = OriginalTokenizer(Trie(WORDS.items()))
        self.assertEqual(tokenizer.tokenize(u'中外科学名著ab12'), [u'中外', u'科学', u'名著', u'ab12'])
        self.assertEqual(tokenizer.tokenize(u'名著ab', combine_Aa123=False),
                         [u'名著', u'a', u'b'])
        self.assertEqual(tokenizer.combine_Aa123([u'ab', u'12', u'中']), [u'ab12', u'中'])
        tokenizer.words[u'科学名著'] = 100  # the original's word finder does this
        self.assertEqual(tokenizer.simple_tokenize(u'科学名著'), [u'科学名著'])

    def test_tokenizer_needs_a_dictionary(self):
        with self.assertRaises(NlpZeroError):
            OriginalTokenizer()


class TokenizeCommandTest(TempDirTestCase):

    def test_demo_shows_a_few_tokenized_lines(self):
        context = {'tokenizer': Tokenizer(WORDS),
                   'corpus': Corpus.from_texts([u'短', u'中外科学名著，科学名著中外。' * 3] * 9)}
        out = io.StringIO()
        saved, sys.stdout = sys.stdout, out
        try:
            word_commands.demo(None, None, context)
        finally:
            sys.stdout = saved
        lines = out.getvalue().strip().splitlines()
        self.assertEqual(len(lines), 5)
        self.assertIn(u'中外 科学 名著 ，', lines[1])

    def test_tokenize_stdin_to_stdout(self):
        lexicon = self.path('lexicon.tsv')
        Lexicon(WORDS).save(lexicon)
        text = u'中外科学名著，1996年\n\n科学 名著\n'
        status, out, err = run_cli('tokenize', '--lexicon', lexicon, '-q',
                                   stdin=text.encode('utf-8'))
        self.assertEqual(status, 0, err)
        self.assertEqual(out, u'中外 科学 名著 ， 1996 年\n\n科学 名著\n')

    def test_tokenize_files_to_a_file(self):
        lexicon = self.path('lexicon.tsv')
        Lexicon(WORDS).save(lexicon)
        source = self.write_text('in.txt', u'中外科学\r\n名著\r\n')
        status, _, err = run_cli('tokenize', '-l', lexicon, source, '-o', self.path('out.txt'))
        self.assertEqual(status, 0, err)
        self.assertEqual(self.read_text('out.txt'), u'中外 科学\n名著\n')

    def test_bad_lexicon_is_one_error_line(self):
        lexicon = self.write_text('lexicon.tsv', u'中外\tfive\n')
        status, _, err = run_cli('tokenize', '-l', lexicon, stdin=b'')
        self.assertEqual(status, 1)
        self.assertIn('lexicon.tsv, line 1', err)

    def test_output_into_a_missing_folder_names_the_output_file(self):
        lexicon = self.path('lexicon.tsv')
        Lexicon(WORDS).save(lexicon)
        output = self.path('missing', 'out.txt')
        status, _, err = run_cli('tokenize', '-l', lexicon, '-q', '-o', output, stdin=b'x\n')
        self.assertEqual(status, 1)
        lines = err.strip().splitlines()
        self.assertEqual(len(lines), 1, err)
        self.assertIn(u'cannot write %s: no folder' % output, lines[0])
        self.assertNotIn(u'.tmp', lines[0])  # not the temporary file's name



class TokenizedCorpusTest(TempDirTestCase):

    def test_a_tokenized_corpus_is_read_again_at_each_pass(self):
        from nlp_zero import Cooccurrence
        path = self.write_text('c.txt', u'中国人民，站起来了。\n人民中国\n')
        tokenizer = Tokenizer({u'中国': 5, u'人民': 3, u'站起来': 2})
        tokens = tokenizer.corpus(Corpus(path), words_only=True)
        first = list(tokens)
        self.assertEqual(first, [[u'中国', u'人民', u'站起来', u'了'], [u'人民', u'中国']])
        self.assertEqual(list(tokens), first)
        self.assertEqual(tokens.lines_read, 2)
        table = Cooccurrence.count(tokens, min_count=1, window=2, backend='python')
        self.assertEqual(sorted(table.words), sorted([u'中国', u'人民', u'站起来', u'了']))
        self.assertEqual(list(tokenizer.corpus([u'人民，中国']))[0], [u'人民', u'，', u'中国'])


if __name__ == '__main__':
    unittest.main()
