"""`align glossary` command(s). Exports `commands`, a list of click commands registered by align.cli."""

from __future__ import annotations

import click

commands: list[click.Command] = []
