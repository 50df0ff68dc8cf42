"""Command line: a thin click layer over the library. (first cut)"""

from __future__ import annotations

import sys

import click

from . import __version__
from .errors import ReadaloudError


@click.group()
@click.version_option(__version__, prog_name="readaloud")
def main() -> None:
    """Turn a news article into one clean, podcast-ready audio file."""


@main.command()
@click.argument("source")
@click.option("--rules", type=click.Path(dir_okay=False), default=None)
def clean(source: str, rules: str | None) -> None:
    """Print the spoken script of SOURCE."""
    from .clean import clean as clean_article
    from .ingest import read_source
    from .split import split

    try:
        doc = read_source(source)
        script = split(clean_article(doc))
    except ReadaloudError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(script.text(), nl=False)


@main.command()
@click.argument("source", default="-")
@click.option("--locale", default="en-GB")
@click.option("--lexicon", type=click.Path(dir_okay=False, exists=True), default=None)
def normalize(source: str, locale: str, lexicon: str | None) -> None:
    """Print the spoken form of each input line."""
    from pathlib import Path

    from .normalize import load_lexicon
    from .normalize import normalize as normalize_text

    lex = load_lexicon(Path(lexicon)) if lexicon else None
    stream = sys.stdin if source == "-" else open(source, encoding="utf-8")
    for line in stream:
        click.echo(normalize_text(line.rstrip("\n"), locale=locale, lexicon=lex).spoken)
