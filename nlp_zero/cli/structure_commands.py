"""Subcommands of the structure stage (filled in as the stage lands)."""


def register(commands):
    pass
