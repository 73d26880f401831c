"""Text: streaming corpora and the character classes every stage shares."""

from .chars import (ALNUM_CHARS, CHINESE_NUMERALS, DIGITS, EXTRA_WORD_CHARS, LETTERS,
                    MARK_CHARS, WORD_PATTERN, compile_word_pattern, fragments, is_mark)
from .corpus import Corpus, as_corpus

__all__ = ['Corpus', 'as_corpus', 'fragments', 'compile_word_pattern', 'is_mark', 'WORD_PATTERN',
           'EXTRA_WORD_CHARS', 'MARK_CHARS', 'ALNUM_CHARS', 'DIGITS', 'LETTERS',
           'CHINESE_NUMERALS']
