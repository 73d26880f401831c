# -*- coding: utf-8 -*-
"""The README's snippets for jieba and gensim users, and on progress and logging,
run as they are."""

import io
import os
import re
import sys
import unittest

import support

SECTIONS = ('## For jieba users', '## For gensim users', '### Progress and logging')


def snippets(heading):
    """The fenced Python blocks of the README section under ``heading``."""
    with io.open(os.path.join(support.ROOT, 'README.md'), encoding='utf-8') as f:
        text = f.read()
    start = text.index(heading + u'\n')
    end = text.find(u'\n## ', start + len(heading))
    section = text[start:end if end >= 0 else len(text)]
    return re.findall(u'```python\n(.*?)```', section, re.S)


class _Sink(object):
    def write(self, text):
        pass

    def flush(self):
        pass


class ReadmeSnippetsTest(unittest.TestCase):

    def run_section(self, heading):
        blocks = snippets(heading)
        self.assertTrue(blocks, heading)
        saved = sys.stdout
        sys.stdout = _Sink()
        try:
            for block in blocks:
                exec(compile(block, 'README.md: ' + heading, 'exec'), {'__name__': 'readme'})
        finally:
            sys.stdout = saved

    def test_for_jieba_users(self):
        self.run_section(SECTIONS[0])

    def test_for_gensim_users(self):
        self.run_section(SECTIONS[1])

    def test_progress_and_logging(self):
        import logging
        root = logging.getLogger()
        handlers, level = root.handlers[:], root.level
        root.handlers[:] = [logging.NullHandler()]  # basicConfig() then adds none: no noise
        try:
            self.run_section(SECTIONS[2])
        finally:
            root.handlers[:] = handlers
            root.setLevel(level)


if __name__ == '__main__':
    unittest.main()
