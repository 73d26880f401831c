"""Subcommands of the word stage (filled in as the stage lands)."""


def register(commands):
    pass
