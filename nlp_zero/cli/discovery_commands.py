"""Subcommands of the word-discovery stage (filled in as the stage lands)."""


def register(commands):
    pass


def demo(args, progress, context):
    """Part of ``nlp-zero demo``: show this stage on the bundled corpus.

    ``context`` is a dict shared by the demo parts (e.g. 'corpus', and the
    'lexicon' and 'tokenizer' that word discovery leaves for later stages).
    """
