# -*- coding: utf-8 -*-
"""The streaming corpus reader: sources, passes, decoding, long lines."""

import bz2
import gzip
import io
import os
import sys
import unittest

from support import TempDirTestCase

from nlp_zero import Corpus, CorpusError, as_corpus, fragments
from nlp_zero._compat import PY2, lzma
from nlp_zero.text.decoders import cut_line as _cut


class SourcesTest(TempDirTestCase):

    def test_file_lines_without_line_ends(self):
        path = self.write_text('a.txt', u'第一行\n第二行\nlast')
        self.assertEqual(list(Corpus(path)), [u'第一行', u'第二行', u'last'])

    def test_every_iteration_starts_again(self):
        corpus = Corpus(self.write_text('a.txt', u'x\ny\n'))
        self.assertEqual(list(corpus), list(corpus))
        self.assertEqual(list(corpus), [u'x', u'y'])

    def test_several_paths_in_order(self):
        a = self.write_text('a.txt', u'a\n')
        b = self.write_text('b.txt', u'b\n')
        self.assertEqual(list(Corpus([b, a])), [u'b', u'a'])

    def test_folder_is_read_recursively_in_sorted_order(self):
        self.write_text('docs/b.txt', u'b')
        self.write_text('docs/a.txt', u'a')
        self.write_text('docs/sub/c.txt', u'c')
        self.write_text('docs/.hidden.txt', u'hidden')
        self.write_text('docs/notes.md', u'md')
        self.assertEqual(list(Corpus(self.path('docs'), glob='*.txt')), [u'a', u'b', u'c'])
        self.assertIn(u'md', list(Corpus(self.path('docs'))))

    def test_folder_without_matching_files_is_an_error(self):
        self.write_text('docs/a.md', u'a')
        with self.assertRaises(CorpusError):
            Corpus(self.path('docs'), glob='*.txt')

    def test_missing_file_is_named(self):
        with self.assertRaises(CorpusError) as caught:
            Corpus(self.path('nope.txt'))
        self.assertIn('nope.txt', str(caught.exception))

    def test_compressed_files(self):
        text = u'压缩的\n文本\n'.encode('utf-8')
        gz = self.path('a.txt.gz')
        with gzip.GzipFile(gz, 'wb') as f:
            f.write(text)
        bz = self.write_bytes('a.txt.bz2', bz2.compress(text))
        self.assertEqual(list(Corpus(gz)), [u'压缩的', u'文本'])
        self.assertEqual(list(Corpus(bz)), [u'压缩的', u'文本'])

    def test_damaged_compressed_file_is_named(self):
        text = u''.join(u'第%d行\n' % i for i in range(5000)).encode('utf-8')
        data = io.BytesIO()
        with gzip.GzipFile(fileobj=data, mode='wb') as f:
            f.write(text)
        data = data.getvalue()
        path = self.write_bytes('damaged.txt.gz', data[:200] + b'\x00' * 100 + data[300:])
        with self.assertRaises(CorpusError) as caught:
            list(Corpus(path))
        self.assertIn('damaged.txt.gz', str(caught.exception))
        if lzma is not None:
            data = lzma.compress(text)
            path = self.write_bytes('damaged.txt.xz', data[:30] + b'\xff' * 20 + data[50:])
            with self.assertRaises(CorpusError) as caught:
                list(Corpus(path))
            self.assertIn('damaged.txt.xz', str(caught.exception))

    @unittest.skipIf(lzma is None, 'no lzma module')
    def test_xz_file(self):
        path = self.write_bytes('a.txt.xz', lzma.compress(u'xz 文本\n'.encode('utf-8')))
        self.assertEqual(list(Corpus(path)), [u'xz 文本'])

    @unittest.skipIf(lzma is not None, 'this Python has lzma')
    def test_xz_without_lzma_is_a_clear_error(self):
        path = self.write_bytes('a.txt.xz', b'\xfd7zXZ\x00')
        with self.assertRaises(CorpusError) as caught:
            list(Corpus(path))
        self.assertIn('lzma', str(caught.exception))

    def test_standard_input_is_one_shot_unless_spooled(self):
        saved = sys.stdin
        try:
            for spool in (False, True):
                data = io.BytesIO(u'标准\n输入\n'.encode('utf-8'))
                sys.stdin = data if PY2 else io.TextIOWrapper(data, encoding='utf-8')
                corpus = Corpus('-', spool=spool)
                self.assertEqual(list(corpus), [u'标准', u'输入'])
                if spool:
                    self.assertEqual(list(corpus), [u'标准', u'输入'])
                else:
                    with self.assertRaises(CorpusError):
                        list(corpus)
        finally:
            sys.stdin = saved

    def test_utf16_standard_input_can_be_spooled(self):
        saved = sys.stdin
        try:
            data = io.BytesIO(u'标准\n输入\n'.encode('utf-16'))
            sys.stdin = data if PY2 else io.TextIOWrapper(data, encoding='utf-8')
            corpus = Corpus('-', encoding='utf-16', spool=True)
            self.assertEqual(list(corpus), [u'标准', u'输入'])
            self.assertEqual(list(corpus), [u'标准', u'输入'])
        finally:
            sys.stdin = saved


class TextsTest(unittest.TestCase):

    def test_list_is_reiterable(self):
        corpus = Corpus.from_texts([u'一', u'二'])
        self.assertEqual(list(corpus), [u'一', u'二'])
        self.assertEqual(list(corpus), [u'一', u'二'])

    def test_generator_second_pass_says_why_and_how(self):
        corpus = Corpus.from_texts(line for line in [u'一', u'二'])
        self.assertEqual(list(corpus), [u'一', u'二'])
        with self.assertRaises(CorpusError) as caught:
            list(corpus)
        message = str(caught.exception)
        self.assertIn('only once', message)
        self.assertIn('spool=True', message)

    def test_generator_can_be_spooled(self):
        corpus = Corpus.from_texts((line for line in [u'一', u'二']), spool=True)
        self.assertEqual(list(corpus), list(corpus))

    def test_as_corpus(self):
        corpus = Corpus.from_texts([u'a'])
        self.assertIs(as_corpus(corpus), corpus)
        self.assertEqual(list(as_corpus((u'a', u'b'))), [u'a', u'b'])
        with self.assertRaises(TypeError):
            as_corpus(u'a single string is ambiguous')

    def test_texts_with_newlines_and_bytes(self):
        corpus = Corpus.from_texts([u'a\r\nb', u'中'.encode('utf-8')])
        self.assertEqual(list(corpus), [u'a', u'b', u'中'])

    def test_non_text_item_is_named(self):
        with self.assertRaises(CorpusError) as caught:
            list(Corpus.from_texts([u'a', 3]))
        self.assertIn('item 2', str(caught.exception))


class DecodingTest(TempDirTestCase):

    def test_crlf_and_bom(self):
        path = self.write_bytes('a.txt', b'\xef\xbb\xbfone\r\ntwo\r\n')
        self.assertEqual(list(Corpus(path)), [u'one', u'two'])

    def test_strict_error_names_file_line_and_offset(self):
        path = self.write_bytes('bad.txt', b'ok\nfine\nbad \xff byte\nmore\n')
        with self.assertRaises(CorpusError) as caught:
            list(Corpus(path))
        message = str(caught.exception)
        self.assertIn('bad.txt', message)
        self.assertIn('line 3', message)
        self.assertIn('byte offset 12', message)

    def test_replace_and_ignore_count_affected_lines(self):
        path = self.write_bytes('bad.txt', b'ok\n\xff\xfe bad\nfine \xff\n')
        corpus = Corpus(path, errors='replace')
        self.assertEqual(list(corpus), [u'ok', u'\ufffd\ufffd bad', u'fine \ufffd'])
        self.assertEqual(corpus.bad_lines, 2)
        corpus = Corpus(path, errors='ignore')
        self.assertEqual(list(corpus), [u'ok', u' bad', u'fine '])
        self.assertEqual(corpus.bad_lines, 2)

    def test_other_encoding(self):
        path = self.write_bytes('gbk.txt', u'中文\n'.encode('gbk'))
        self.assertEqual(list(Corpus(path, encoding='gbk')), [u'中文'])
        path = self.write_bytes('u16.txt', u'中文\n'.encode('utf-16'))
        self.assertEqual(list(Corpus(path, encoding='utf-16')), [u'中文'])

    def test_utf16_lines_end_only_at_newlines(self):
        text = u'\ufeff一\u2028二\x0c三\r\n四\n\n五'
        path = self.write_bytes('u16.txt', text.encode('utf-16-le'))
        self.assertEqual(list(Corpus(path, encoding='utf-16-le')),
                         [u'一\u2028二\x0c三', u'四', u'', u'五'])

    def test_utf16_bad_bytes_name_their_line_and_lose_nothing_else(self):
        lines = [u'第%d行' % i for i in range(1, 40)]
        data = u'\n'.join(lines[:5] + [u'']).encode('utf-16-le') + b'\x00\xdc' + \
            u'\n'.join(lines[5:]).encode('utf-16-le')
        path = self.write_bytes('u16.txt', data)
        with self.assertRaises(CorpusError) as caught:
            list(Corpus(path, encoding='utf-16-le'))
        self.assertIn('u16.txt: line 6, byte offset %d' % (len(data) - len(
            u'\n'.join(lines[5:]).encode('utf-16-le')) - 2), str(caught.exception))
        corpus = Corpus(path, encoding='utf-16-le', errors='replace')
        self.assertEqual(list(corpus), lines[:5] + [u'\ufffd' + lines[5]] + lines[6:])
        self.assertEqual(corpus.bad_lines, 1)
        corpus = Corpus(path, encoding='utf-16-le', errors='ignore')
        self.assertEqual(list(corpus), lines)
        self.assertEqual(corpus.bad_lines, 1)

    def test_binary_file_is_refused(self):
        path = self.write_bytes('data.bin', b'\x00\x01\x02' * 100)
        with self.assertRaises(CorpusError) as caught:
            list(Corpus(path))
        self.assertIn('binary', str(caught.exception))

    def test_bad_options(self):
        with self.assertRaises(CorpusError):
            Corpus.from_texts([], errors='explode')
        with self.assertRaises(CorpusError):
            Corpus.from_texts([], encoding='no-such-encoding')

    def test_empty_file_yields_nothing(self):
        self.assertEqual(list(Corpus(self.write_bytes('empty.txt', b''))), [])

    def test_byte_counts_for_progress(self):
        path = self.write_text('a.txt', u'一二三\n' * 5000)
        corpus = Corpus(path)
        self.assertEqual(corpus.total_bytes, os.path.getsize(path))
        self.assertEqual(len(list(corpus)), 5000)
        self.assertEqual(corpus.bytes_read, corpus.total_bytes)
        self.assertEqual(corpus.lines_read, 5000)


class EncodingFindingsTest(TempDirTestCase):
    """Issue 13, item 7: encodings that cannot read the text are one clear error."""

    def test_utf16_without_a_byte_order_mark_names_the_file(self):
        path = self.write_bytes('u.txt', u'没有字节顺序标记\n第二行\n'.encode('utf-16-le'))
        for errors in ('strict', 'replace', 'ignore'):
            with self.assertRaises(CorpusError) as caught:
                list(Corpus(path, encoding='utf-16', errors=errors))
            self.assertIn('u.txt', str(caught.exception))
            self.assertIn('utf-16-le', str(caught.exception))
        self.assertEqual(list(Corpus(path, encoding='utf-16-le')), [u'没有字节顺序标记', u'第二行'])
        path = self.write_bytes('u32.txt', u'文本\n'.encode('utf-32-be'))
        with self.assertRaises(CorpusError):
            list(Corpus(path, encoding='utf-32'))

    def test_utf16_with_a_byte_order_mark_still_reads(self):
        path = self.write_bytes('bom.txt', u'有标记\n'.encode('utf-16'))
        self.assertEqual(list(Corpus(path, encoding='utf-16')), [u'有标记'])
        self.assertEqual(list(Corpus(self.write_bytes('empty.txt', b''), encoding='utf-16')), [])

    def test_codecs_that_are_not_text_encodings_are_refused_up_front(self):
        path = self.write_text('a.txt', u'text\n')
        for name in ('rot13', 'base64', 'hex', 'zlib', 'bz2', 'uu', 'quopri'):
            with self.assertRaises(CorpusError) as caught:
                Corpus(path, encoding=name)
            self.assertIn('not a text encoding', str(caught.exception))

    def test_a_codec_complaint_that_is_not_a_bad_byte_names_the_file(self):
        path = self.write_bytes('idna.txt', b'a.xn--ab-.b\n')  # idna: does not round-trip
        with self.assertRaises(CorpusError) as caught:
            list(Corpus(path, encoding='idna'))
        self.assertIn('idna.txt', str(caught.exception))

    def test_archives_cut_anywhere_are_corpus_errors(self):
        text = u''.join(u'第%d行\n' % i for i in range(200)).encode('utf-8')
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, mode='wb', mtime=0) as f:
            f.write(text)
        archives = [('cut.gz', buffer.getvalue()), ('cut.bz2', bz2.compress(text))]
        if lzma is not None:
            archives.append(('cut.xz', lzma.compress(text)))
        for name, data in archives:
            for end in sorted(set([1, 2, 3, 9, 10, 11, 30, len(data) - 9, len(data) - 5,
                                   len(data) - 1])):
                path = self.write_bytes(name, data[:end])
                with self.assertRaises(CorpusError) as caught:
                    list(Corpus(path))
                self.assertIn(name, str(caught.exception))


class BoundedModeTest(TempDirTestCase):

    def test_cut_prefers_whitespace(self):
        self.assertEqual(_cut(u'aa bb cc', 5), [u'aa bb', u'cc'])
        self.assertEqual(_cut(u'abcdefg', 3), [u'abc', u'def', u'g'])
        self.assertEqual(_cut(u'short', 10), [u'short'])

    def test_without_spaces_a_piece_ends_after_punctuation(self):
        # no word crosses a mark: a word is never cut in two where there is one
        self.assertEqual(_cut(u'中国人民，站起来了。中国人民', 8),
                         [u'中国人民，', u'站起来了。', u'中国人民'])
        self.assertEqual(_cut(u'中国人民……站起来了', 7), [u'中国人民……', u'站起来了'])
        self.assertEqual(_cut(u'他说“好”吧', 4), [u'他说“', u'好”吧'])
        self.assertEqual(_cut(u'中国人民站起来了', 3), [u'中国人', u'民站起', u'来了'])

    def test_one_huge_line_comes_in_pieces_at_whitespace(self):
        words = [u'w%d' % i for i in range(300000)]
        path = self.write_text('text8.txt', u' '.join(words))
        pieces = list(Corpus(path, max_line_chars=1000))
        self.assertTrue(all(len(piece) <= 1000 for piece in pieces))
        self.assertEqual(u' '.join(pieces).split(), words)

    def test_long_line_without_spaces_is_cut_between_characters(self):
        text = u'汉字' * 700000 + u'\n短\n'
        path = self.write_text('han.txt', text)
        pieces = list(Corpus(path, max_line_chars=4096))
        self.assertEqual(pieces[-1], u'短')
        self.assertEqual(u''.join(pieces[:-1]), u'汉字' * 700000)
        self.assertTrue(all(len(piece) <= 4096 for piece in pieces))

    def test_bad_byte_in_a_long_line(self):
        data = b'ok\n' + b'x' * (3 << 20) + b'\xff' + b'y\n'
        path = self.write_bytes('long.txt', data)
        with self.assertRaises(CorpusError) as caught:
            list(Corpus(path, max_line_chars=1000))
        self.assertIn('line 2', str(caught.exception))
        self.assertIn('byte offset %d' % (3 + (3 << 20)), str(caught.exception))
        corpus = Corpus(path, max_line_chars=1000, errors='replace')
        pieces = list(corpus)
        self.assertEqual(corpus.bad_lines, 1)
        self.assertEqual(len(u''.join(pieces)), 2 + (3 << 20) + 2)

    def test_unbounded_long_line_is_whole(self):
        text = u'a' * (3 << 20)
        path = self.write_text('long.txt', text + u'\nb')
        self.assertEqual(list(Corpus(path, max_line_chars=0)), [text, u"b"])  # 0: whole lines

    def test_texts_are_bounded_too(self):
        corpus = Corpus.from_texts([u'ab cd ef'], max_line_chars=5)
        self.assertEqual(list(corpus), [u'ab cd', u'ef'])


class FragmentsTest(unittest.TestCase):

    def test_punctuation_and_spaces_separate(self):
        self.assertEqual(fragments(u'今天，天气不错! OK?'), [u'今天', u'天气不错', u'OK'])

    def test_word_characters_of_every_kind(self):
        ext_a = u'\u3400\u4dbf'  # CJK Extension A
        self.assertEqual(fragments(ext_a + u'、abc'), [ext_a, u'abc'])
        self.assertEqual(fragments(u'１９９６年，ＡＢＣ'), [u'１９９６年', u'ＡＢＣ'])
        self.assertEqual(fragments(u'二○○○年 二〇〇一年'), [u'二○○○年', u'二〇〇一年'])
        self.assertEqual(fragments(u'a_b'), [u'a', u'b'])

    def test_custom_pattern(self):
        self.assertEqual(fragments(u'中文abc中文', pattern=u'[\u4e00-\u9fff]+'), [u'中文', u'中文'])

    def test_bad_pattern(self):
        with self.assertRaises(CorpusError):
            fragments(u'x', pattern=u'(')


if __name__ == '__main__':
    unittest.main()
