"""Subcommands of the vector stage (filled in as the stage lands)."""


def register(commands):
    pass
