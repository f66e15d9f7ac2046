"""The `comments` command: a thin layer over the library API.

Exit codes: 0 every input read; 1 some inputs failed (one line each on stderr and a summary);
2 usage error (click's own).
"""
from __future__ import annotations

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="comments")
def main() -> None:
    """Offline reader-comment moderation and sentiment analysis for news pages.

    Pipeline: ingest -> split -> score -> moderate -> report/export.
    """


# Subcommands are defined below, one block per command.
