# -*- coding: utf-8 -*-
"""The loaders that the fuzz tests feed damaged files to, with valid samples.

A :class:`Target` is one loader: valid sample files (made with the
library's own save functions where there is one), how to damage them
(:class:`fuzzing.Mutator`, or a target's own :meth:`Target.make_case`), how
to load a file, and what makes a loaded result usable (finite numbers,
log-probabilities, a tokenizer that runs).
"""

import bz2
import gzip
import io
import json
import math
import os
import struct
import zlib

from fuzzing import Case, Mutator
from nlp_zero import Corpus, Lexicon, TemplateSet, Tokenizer, WordVectors
from nlp_zero._compat import lzma, text_type
from nlp_zero.vectors.checkpoint import CHECKPOINT_FORMAT
from nlp_zero.vectors.cooccurrence import Cooccurrence
from nlp_zero.vectors.glove import SimplerGlove
from nlp_zero.vectors.metrics import read_analogies, read_word_pairs


def finite(values):
    return all(not (math.isinf(x) or math.isnan(x)) for x in values)


class Target(object):
    """One loader: its name, file suffix, valid samples and a usability check."""

    json_line = None
    binary = False
    suffix = '.txt'

    def __init__(self, folder):
        self.folder = folder
        self.samples = self.make_samples()

    def make_case(self, rng):
        """A damaged copy of one of the samples."""
        k = rng.randrange(len(self.samples))
        mutator = Mutator(rng, self.json_line, self.binary)
        data = mutator.mutate(self.samples[k])
        return Case(self.suffix, data, None, ['sample %d' % k] + mutator.done)

    def make_samples(self):
        raise NotImplementedError

    def load(self, path):
        raise NotImplementedError

    def check(self, result):
        return None


def _save(folder, name, saver):
    path = os.path.join(folder, name)
    saver(path)
    with io.open(path, 'rb') as f:
        return f.read()


WORDS = [u'科学', u'名著', u'中外', u'#标签', u'the', u'of', u'a0', u'a1', u'b0', u'b1']


class LexiconTarget(Target):
    name = 'lexicon'

    def make_samples(self):
        lexicon = Lexicon(dict((w, 10 - k) for k, w in enumerate(WORDS)))
        lexicon[u'半'] = 0.5
        saved = _save(self.folder, 'sample.tsv', lexicon.save)
        original = u'\ufeff# comment\n科学 6\n名著  3\n\n中外 1\n'.encode('utf-8')
        return [saved, original]

    def load(self, path, encoding='utf-8'):
        return Lexicon.load(path, encoding)

    def check(self, lexicon):
        Tokenizer(lexicon).tokenize(u'中外科学名著，#标签 the a0')
        for word in lexicon:
            value = lexicon.logp(word)
            if math.isinf(value) or math.isnan(value):
                return 'logp(%r) = %r' % (word, value)
        return None


class TemplatesTarget(Target):
    name = 'templates'

    def make_samples(self):
        templates = TemplateSet({u'[X] 的 [X] 是 [X] 呢': 20, u'在 [X] 中': 8, u'特别 是 [X]': 3})
        return [_save(self.folder, 'sample.tsv', templates.save)]

    def load(self, path, encoding='utf-8'):
        return TemplateSet.load(path, encoding)

    def check(self, templates):
        for template in templates:
            value = templates.logp(template)
            if math.isinf(value) or math.isnan(value):
                return 'logp(%s) = %r' % (template, value)
        return None


def sample_vectors():
    rows = [[0.5 * k - 1.0, 0.25 * k, -0.125 * k] for k in range(len(WORDS))]
    return WordVectors([w.lstrip(u'#') for w in WORDS], rows)


class Word2vecTarget(Target):
    name = 'word2vec'

    def make_samples(self):
        saved = _save(self.folder, 'sample.txt', sample_vectors().save_word2vec_format)
        glove = b''.join(line + b'\n' for line in saved.split(b'\n')[1:] if line)
        return [saved, glove]

    def load(self, path, **options):
        return WordVectors.load_word2vec_format(path, **options)

    def check(self, vectors):
        for word in vectors:
            if not finite(vectors[word]):
                return 'the vector of %r is not finite' % word
        if len(vectors) and vectors.vector_size < 1:
            return 'vectors of size %d' % vectors.vector_size
        return None


class WordPairsTarget(Target):
    name = 'word pairs'

    def make_samples(self):
        text = u'Word 1\tWord 2\tHuman (mean)\n科学\t名著\t7.5\nthe\tof\t1\n# c\na0 a1 9.25\n'
        return [text.encode('utf-8')]

    def load(self, path):
        return read_word_pairs(path)

    def check(self, pairs):
        if not finite([score for _, _, score in pairs]):
            return 'a score is not finite'
        return None


class AnalogiesTarget(Target):
    name = 'analogies'

    def make_samples(self):
        text = u': capital\na0 a1 b0 b1\nthe of a0 a1\n: 语义\n科学 名著 中外 the\n'
        return [text.encode('utf-8')]

    def load(self, path):
        return read_analogies(path)


def topic_lines(lines=60):
    topics = [[u'a%d' % i for i in range(4)], [u'b%d' % i for i in range(4)]]
    return [[topics[n % 2][(n * 7 + k) % 4] if k % 3 else u'the' for k in range(6)]
            for n in range(lines)]


class CooccurrenceTarget(Target):
    name = 'cooccurrence'
    json_line = 1

    def make_samples(self):
        plain = Cooccurrence.count(topic_lines(), min_count=1, window=3, backend='python')
        weighted = Cooccurrence.count(topic_lines(), min_count=1, window=3,
                                      distance_weighting=True, backend='python')
        return [_save(self.folder, 'sample.cooc', plain.save),
                _save(self.folder, 'weighted.cooc', weighted.save)]

    def load(self, path):
        return Cooccurrence.load(path)

    def check(self, table):
        rows, cols, counts, pmi = table.training_arrays()
        if not finite(pmi) or not finite(counts):
            return 'PMI or counts not finite'
        return None


def glove_table():
    return Cooccurrence.count(topic_lines(), min_count=1, window=3, backend='python')


class CheckpointTarget(Target):
    """Checkpoints, through what reads them: ``SimplerGlove.fit`` resuming."""

    name = 'checkpoint'
    json_line = 0
    binary = True
    suffix = '.ckpt'

    def make_samples(self):
        self.table = glove_table()
        samples = []
        for epochs in (1, 2):
            path = os.path.join(self.folder, 'sample%d.ckpt' % epochs)
            self.glove(epochs).fit(self.table, checkpoint=path)
            with io.open(path, 'rb') as f:
                samples.append(f.read())
        return samples

    @staticmethod
    def glove(epochs):
        return SimplerGlove(dim=4, epochs=epochs, seed=1, negatives=1, backend='python')

    def make_case(self, rng):
        """Any damage, or one header field, or numbers behind a valid checksum."""
        choice = rng.random()
        if choice < 0.4:
            return Target.make_case(self, rng)
        k = rng.randrange(len(self.samples))
        mutator = Mutator(rng, self.json_line, self.binary)
        if choice < 0.7:
            data = mutator.header(self.samples[k])
        else:
            data = reseal(rng, self.samples[k], mutator.done)
        return Case(self.suffix, data, None, ['sample %d' % k] + mutator.done)

    def load(self, path):
        return self.glove(3).fit(self.table, checkpoint=path)

    def check(self, vectors):
        for word in vectors:
            if not finite(vectors[word]):
                return 'the vector of %r is not finite' % word
        return None


def reseal(rng, data, notes):
    """``data`` with some body values replaced and the header's checksum
    recomputed, so that only the value checks can refuse it."""
    end = data.find(b'\n') + 1
    try:
        header = json.loads(data[:end].decode('utf-8'))
        assert isinstance(header, dict) and header.get('format') == CHECKPOINT_FORMAT
    except (ValueError, AssertionError, RuntimeError):
        return data
    body = bytearray(data[end:])
    for _ in range(rng.randint(1, 3)):
        if len(body) >= 8:
            k = 8 * rng.randrange(len(body) // 8)
            value = rng.choice((float('nan'), float('inf'), -float('inf'), -5.0, 0.0, 1e308))
            body[k:k + 8] = struct.pack('<d', value)
            notes.append('value %r at byte %d, checksum recomputed' % (value, k))
    header['crc32'] = zlib.crc32(bytes(body)) & 0xffffffff
    return json.dumps(header, sort_keys=True).encode('utf-8') + b'\n' + bytes(body)


CORPUS_TEXT = (u'\ufeff今天天气不错，我们去公园吧。\r\n'
               u'the quick brown fox jumps over the lazy dog\n\n'
               u'雪梨和苹果和香蕉的颜色是什么呢 1996年 二○○○年\n' * 3 +
               u'नमस्ते दुनिया\tcafé\n' + u'长' * 200 + u'\n')


def compress(suffix, data):
    if suffix == '.gz':
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, mode='wb', mtime=0) as f:  # reproducible bytes
            f.write(data)
        return buffer.getvalue()
    if suffix == '.bz2':
        return bz2.compress(data)
    if suffix == '.xz':
        return lzma.compress(data)
    return data


class CorpusTarget(Target):
    """Corpus files, plain and compressed, damaged before or after compression,
    read with random encodings, error modes and line bounds."""

    name = 'corpus'
    suffixes = ['.txt', '.gz', '.bz2'] + (['.xz'] if lzma is not None else [])

    def make_samples(self):
        return [CORPUS_TEXT.encode('utf-8'), CORPUS_TEXT.encode('utf-16'),
                CORPUS_TEXT.encode('gb18030')]

    def make_case(self, rng):
        suffix = rng.choice(self.suffixes)
        k = rng.randrange(len(self.samples))
        text = self.samples[k]
        if rng.random() < 0.5:
            mutator = Mutator(rng)
            data = compress(suffix, mutator.mutate(text))
        else:
            mutator = Mutator(rng, binary=True)
            data = mutator.mutate(compress(suffix, text))
        options = dict(encoding=rng.choice(('utf-8', 'utf-16', 'utf-16-le', 'gb18030', 'latin-1')),
                       errors=rng.choice(('strict', 'replace', 'ignore')),
                       max_line_chars=rng.choice((None, 4, 64)))
        return Case(suffix, data, options, ['sample %d' % k] + mutator.done)

    def load(self, path, **options):
        return list(Corpus(path, **options))

    def check(self, lines):
        if not all(isinstance(line, text_type) for line in lines):
            return 'a line is not text'
        return None


TARGETS = [LexiconTarget, TemplatesTarget, Word2vecTarget, WordPairsTarget, AnalogiesTarget,
           CooccurrenceTarget, CheckpointTarget, CorpusTarget]
