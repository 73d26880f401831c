"""``nlp-zero demo``: the whole flow on the bundled sample corpus."""

from ..text.chars import fragments
from ..datasets import sample_corpus
from . import discovery_commands, structure_commands, vector_commands, word_commands
from ._common import add_command, echo, make_progress
from .corpus_commands import corpus_stats


def register(commands):
    add_command(commands, 'demo', run_demo,
                help='run the whole flow on the bundled sample corpus and show what it learns')


def run_demo(args):
    progress = make_progress(args, 'demo')
    corpus = sample_corpus()
    corpus.progress = progress
    lines, chars = corpus_stats(corpus)
    echo(u'Sample corpus: %s' % corpus.names[0])
    echo(u'  %d lines, %d characters, %d distinct' % (lines, sum(chars.values()), len(chars)))
    echo(u'  most frequent: ' + u' '.join(c for c, _ in chars.most_common(30) if not c.isspace()))
    first = next(line for line in corpus if fragments(line))
    echo(u'  first fragments: ' + u' | '.join(fragments(first)[:8]))
    context = {'corpus': corpus}
    for stage in (discovery_commands, word_commands, structure_commands, vector_commands):
        stage.demo(args, progress, context)
    return 0
