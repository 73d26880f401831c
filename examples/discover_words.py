# -*- coding: utf-8 -*-
"""Discover the words of a Chinese text with no dictionary, then segment it.

    python examples/discover_words.py [CORPUS ...]    (after "pip install .")

With no corpus it uses the bundled sample (三国演义).  Prints the most
frequent words of two or more characters, the information per character
before and after, and a few segmented lines.
"""

from __future__ import print_function

import io
import itertools
import sys

from nlp_zero import Corpus, Tokenizer, WordDiscovery, datasets, information_per_char
from nlp_zero.information import bits

# UTF-8 output whatever the terminal or pipe, on Python 2 and 3
out = io.open(sys.stdout.fileno(), 'w', encoding='utf-8', closefd=False)


def main(paths):
    corpus = Corpus(paths) if paths else datasets.sample_corpus()

    finder = WordDiscovery()            # minimum-entropy cutting, default thresholds
    finder.train(corpus)                # may be called again with more text
    lexicon = finder.find()             # a Lexicon: word -> count

    longer = [word for word, _ in lexicon.most_common() if len(word) > 1]
    print(u'%d words; the most frequent of 2+ characters:' % len(lexicon), file=out)
    print(u' '.join(longer[:50]), file=out)

    # L = H / l: the average information per character, which discovery lowers
    before = information_per_char(finder.char_counts())[0]
    after = information_per_char(lexicon)[0]
    print(u'information per character: %.2f bits with characters, %.2f bits with words'
          % (bits(before), bits(after)), file=out)

    tokenizer = Tokenizer(lexicon)
    for line in itertools.islice((text for text in corpus if text.strip()), 3, 6):
        print(u' / '.join(tokenizer.tokenize(line)[:30]), file=out)
    out.flush()


if __name__ == '__main__':
    main(sys.argv[1:])
