"""Command line: a thin click layer over the library.

User errors (any ReadaloudError) become one line on stderr and exit status 1;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from . import __version__  # noqa: F401
from .errors import ReadaloudError

SOURCE_HELP = "SOURCE is a .txt, .md or .html file, '-' for stdin, or an http(s):// URL."


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn library errors into click's one-line 'Error: ...' and exit status 1."""
    try:
        yield
    except ReadaloudError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        raise click.ClickException("interrupted; no output file was written") from None


def _settings(config: str | None):  # type: ignore[no-untyped-def]
    from .config import load_settings

    return load_settings(Path(config) if config else None)


def _loudness(value: str | None) -> float | bool | None:
    if value is None:
        return None
    if value.lower() in ("off", "none", "no"):
        return False
    try:
        return float(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a number of LUFS (e.g. -16) or 'off'", param_hint="--loudness") from None


class LazyGroup(click.Group):
    """Subcommands from other modules, imported only when one of them runs (or help lists them),
    so ``readaloud convert`` does not pay for the feed builder or the web service."""

    LAZY = {"feed": "readaloud.feed.cli:feed", "serve": "readaloud.service.cli:serve"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY and cmd_name not in self.commands:
            import importlib

            module, _, attr = self.LAZY[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="readaloud")
def main() -> None:
    """Turn a news article into one clean, podcast-ready audio file, offline.

    \b
    Examples:
      readaloud convert article.txt                 # -> article.mp3 (voice: joe)
      readaloud convert page.html -o story.wav --voice fast
      readaloud clean article.txt --explain         # what will be said, what was cut
      readaloud voices                              # every voice, and whether it works here
    """


@main.command()
@click.argument("source")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), help="Output file (default: SOURCE's name with .mp3).")
@click.option("--voice", help="Voice name (see 'readaloud voices') or a path to a .toml profile.")
@click.option("--format", "fmt", type=click.Choice(["mp3", "wav", "flac", "ogg", "m4a", "m4b"]),
              help="Audio format (default: from the output's extension, else mp3). m4a/m4b need ffmpeg.")
@click.option("--rules", type=click.Path(dir_okay=False), help="Extra cleaning rules (TOML).")
@click.option("--locale", help="How numbers, dates and money are said: en-GB (default) or en-US.")
@click.option("--lexicon", type=click.Path(dir_okay=False), help="Pronunciation lexicon (TOML) on top of the shipped one.")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file (default: READALOUD_CONFIG or the user config dir).")
@click.option("--captions", type=click.Choice(["vtt", "srt"]), help="Also write a caption file beside the audio, one cue per sentence.")
@click.option("--loudness", metavar="LUFS|off", help="Integrated loudness target (default -16, the podcast norm), or 'off'.")
@click.option("--intro", help="Said before the headline; may use {title}, {byline}, {date}, {source}.")
@click.option("--outro", help="Said after the article; the same fields.")
@click.option("--album", help="Album tag (default: the article's site).")
@click.option("--cover", type=click.Path(dir_okay=False, exists=True), help="Cover image (JPEG or PNG) for the file's tags.")
@click.option("--no-cache", is_flag=True, help="Synthesise every chunk afresh; keep nothing in the chunk cache.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON manifest: path, duration, each sentence's start and end.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
def convert(source: str, output: str | None, voice: str | None, fmt: str | None, rules: str | None,
            locale: str | None, lexicon: str | None, config: str | None, captions: str | None,
            loudness: str | None, intro: str | None, outro: str | None, album: str | None,
            cover: str | None, no_cache: bool,
            as_json: bool, quiet: bool) -> None:
    """Convert SOURCE into one audio file.

    \b
    SOURCE is a .txt, .md or .html file, '-' for stdin, or an http(s):// URL.
    Examples:
      readaloud convert examples/article.txt -o article.mp3
      readaloud convert https://example.org/story.html --voice fast
      cat story.txt | readaloud convert - -o story.wav
    """
    from .pipeline import convert as run

    with user_errors():
        result = run(source, output, voice=voice, format=fmt, rules=rules, locale=locale,
                     lexicon=lexicon, captions=captions, loudness=_loudness(loudness),
                     cache=not no_cache, intro=intro, outro=outro, album=album, cover=cover, settings=_settings(config), progress=_progress(quiet or as_json))
    if as_json:
        click.echo(json.dumps({
            "path": str(result.path),
            "duration": round(result.duration, 3),
            "format": result.format,
            "title": result.title,
            "captions": str(result.captions) if result.captions else None,
            "sentences": [{"text": s.text, "start": round(s.start, 3), "end": round(s.end, 3)} for s in result.sentences],
        }, indent=2))
    elif not quiet:
        minutes, seconds = divmod(result.duration, 60)
        click.echo(f"Wrote {result.path} ({int(minutes)}:{seconds:04.1f}, {len(result.sentences)} sentences)")
        if result.captions:
            click.echo(f"Wrote {result.captions}")


@main.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Title, byline, date, paragraphs (lists of sentences) and removed spans as JSON.")
@click.option("--explain", is_flag=True,
              help="Also print, to stderr, each removed line with the rule that removed it, and what will be said instead of what is written.")
@click.option("--rules", type=click.Path(dir_okay=False), help="Extra cleaning rules (TOML).")
@click.option("--locale", help="For --explain: en-GB (default) or en-US.")
@click.option("--lexicon", type=click.Path(dir_okay=False), help="For --explain: pronunciation lexicon (TOML).")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file.")
def clean(source: str, as_json: bool, explain: bool, rules: str | None, locale: str | None,
          lexicon: str | None, config: str | None) -> None:
    """Print exactly what will be spoken: one sentence a line, a blank line between paragraphs.

    \b
    SOURCE is a .txt, .md or .html file, '-' for stdin, or an http(s):// URL.
    Examples:
      readaloud clean examples/article.txt
      readaloud clean page.html --json
      readaloud clean article.txt --explain 2>removed.txt
    """
    from .pipeline import read_script

    with user_errors():
        settings = _settings(config)
        script = read_script(source, rules=Path(rules) if rules else None, settings=settings)
        if explain:
            _explain(script, locale or settings.locale, lexicon)
    if as_json:
        click.echo(json.dumps({
            "title": script.title,
            "byline": script.byline,
            "date": script.date,
            "url": script.url,
            "paragraphs": [list(p) for p in script.paragraphs],
            "removed": [asdict(r) for r in script.removed],
        }, indent=2, ensure_ascii=False))
    else:
        click.echo(script.text(), nl=False)



def _explain(script: Any, locale: str, lexicon: str | None) -> None:
    """Removed spans, then every rewrite the engine will hear, on stderr."""
    from .normalize import load_lexicon, normalize

    for removal in script.removed:
        if removal.rule == "headline":  # not dropped: said first, as the title
            click.echo(f"headline {removal.text}", err=True)
        else:
            click.echo(f"removed [{removal.rule}] {removal.text}", err=True)
    lex = load_lexicon(Path(lexicon)) if lexicon else None
    for sentence in script.sentences:
        for rewrite in normalize(sentence, locale=locale, lexicon=lex).rewrites:
            click.echo(f"said [{rewrite.rule}] {rewrite.written} -> {rewrite.spoken}", err=True)


@main.command()
@click.argument("source", default="-")
@click.option("--locale", default="en-GB", show_default=True, help="en-GB or en-US conventions.")
@click.option("--lexicon", type=click.Path(dir_okay=False), help="Pronunciation lexicon (TOML) on top of the shipped one.")
def normalize(source: str, locale: str, lexicon: str | None) -> None:
    """Print the spoken form of each line of SOURCE (default stdin): one output line per input line.

    \b
    Nothing is cleaned or split; this is what the engine is given.
    Example:
      echo "The £5bn deal was agreed in the 1960s." | readaloud normalize
    """
    from .normalize import load_lexicon
    from .normalize import normalize as normalize_text

    with user_errors():
        lex = load_lexicon(Path(lexicon)) if lexicon else None
        if source == "-":
            lines: Iterator[str] = iter(sys.stdin)
        else:
            try:
                lines = iter(Path(source).read_text(encoding="utf-8").splitlines())
            except OSError as exc:
                raise click.ClickException(f"cannot read {source}: {exc.strerror}") from None
        for line in lines:
            click.echo(normalize_text(line.rstrip("\n"), locale=locale, lexicon=lex).spoken)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable list.")
def voices(as_json: bool) -> None:
    """List every voice: engine, language, offline or not, and whether it works here now.

    \b
    Add your own profiles to the user voices directory or to READALOUD_VOICES;
    READALOUD_VOICE (or 'voice' in the settings file) changes the default.
    Example:
      readaloud voices --json
    """
    from .config import load_settings
    from .voice import available_voices, default_voice_name

    with user_errors():
        default = default_voice_name(load_settings().voice)
        found = available_voices()
    rows = []
    for voice in found.values():
        state = voice.availability()
        rows.append({
            "name": voice.name,
            "default": voice.name == default,
            "engine": voice.engine,
            "language": voice.language,
            "offline": _offline(voice),
            "usable": state.usable,
            "reason": state.reason,
            "fix": state.fix,
            "description": voice.description,
            "path": str(voice.path) if voice.path else None,
        })
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        mark = "*" if row["default"] else " "
        where = "offline" if row["offline"] else "online "
        usable = "ready" if row["usable"] else "NOT USABLE"
        click.echo(f"{mark} {row['name']:<10} {row['engine']:<7} {row['language']:<6} {where} {usable:<10} {row['description']}")
        if not row["usable"]:
            click.echo(f"      {row['reason']}; fix: {row['fix']}")
        elif row["reason"]:
            click.echo(f"      note: {row['reason']}")
    click.echo("(* = default voice)")


@main.group()
def cache() -> None:
    """The chunk cache: finished speech kept so reruns and edits only synthesise what changed.

    \b
    Examples:
      readaloud cache info
      readaloud cache clear
    """


@cache.command("info")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file.")
def cache_info(config: str | None) -> None:
    """Where the cache is, how many chunks it holds and its size cap. Example: readaloud cache info"""
    from .cache import ChunkCache

    with user_errors():
        stats = ChunkCache.from_config(_settings(config).cache).stats()
    click.echo(f"{stats.directory}\n{stats.entries} chunks, {stats.bytes / 1e6:.1f} MB of {stats.max_bytes / 1e6:.0f} MB")


@cache.command("clear")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file.")
def cache_clear(config: str | None) -> None:
    """Delete every cached chunk. Example: readaloud cache clear"""
    from .cache import ChunkCache

    with user_errors():
        removed = ChunkCache.from_config(_settings(config).cache).clear()
    click.echo(f"Removed {removed} cached chunks")


class _ProgressBar:
    """A progress bar on stderr, started on the first report so short runs show none."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._done = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="Synthesising", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(done - self._done)
        self._done = done
        if done >= total:
            self._bar.__exit__(None, None, None)


def _progress(quiet: bool) -> Callable[[int, int], None] | None:
    if quiet or not sys.stderr.isatty():
        return None
    return _ProgressBar()


def _offline(voice) -> bool:  # type: ignore[no-untyped-def]
    try:
        return bool(voice.offline)
    except ReadaloudError:
        return False
