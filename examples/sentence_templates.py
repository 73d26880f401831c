# -*- coding: utf-8 -*-
"""Sentence templates and parsing: the structure above the words.

    python examples/sentence_templates.py          (after "pip install .")

Part 1 builds the worked example by hand (three templates, a small
lexicon) and parses sentences into nested blocks.  Part 2 learns templates
from the bundled corpus with a lexicon discovered on it.
"""

from __future__ import print_function

import io
import itertools
import sys

from nlp_zero import (Lexicon, Parser, Template, TemplateFinder, TemplateSet, Tokenizer,
                      WordDiscovery, datasets)

out = io.open(sys.stdout.fileno(), 'w', encoding='utf-8', closefd=False)


def by_hand():
    words = u'鸡蛋 牛肉 可以 吃 吗 苹果 雪梨 香蕉 和 的 颜色 是 什么 呢'.split()
    tokenizer = Tokenizer(Lexicon((word, 100) for word in words))
    templates = TemplateSet(dict(
        (Template(text), 50) for text in (u'[X] 可以 [X] 吗', u'[X] 的 [X] 是 [X] 呢', u'[X] 和 [X]')))
    parser = Parser(templates, tokenizer.tokenize)
    for sentence in (u'鸡蛋可以吃吗', u'牛肉鸡蛋可以吃吗', u'雪梨和苹果和香蕉的颜色是什么呢'):
        tree = parser.parse(sentence)
        print(tree.bracketed(), file=out)
    print(tree.plot(), file=out)


def learned():
    corpus = datasets.sample_corpus()
    finder = WordDiscovery()
    finder.train(corpus)
    tokenizer = Tokenizer(finder.find())
    sample = list(itertools.islice(corpus, 2000))  # a slice keeps the example quick
    templates = TemplateFinder(tokenizer.tokenize).fit(sample)
    shown = [t for t, _ in templates.most_common(200) if len(t.literals) > 1][:15]
    print(u'templates: ' + u'  '.join(u'%s' % t for t in shown), file=out)
    parser = Parser(templates, tokenizer.tokenize)
    for sentence in (u'玄德谓孔明曰', u'操大怒曰'):
        print(parser.parse(sentence).bracketed(), file=out)


if __name__ == '__main__':
    by_hand()
    learned()
    out.flush()
