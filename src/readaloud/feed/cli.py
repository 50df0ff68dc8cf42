"""``readaloud feed init DIR`` and ``readaloud feed build CONFIG.toml``: a thin click layer."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from ..errors import ReadaloudError


def _fail(exc: ReadaloudError) -> click.ClickException:
    return click.ClickException(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def feed() -> None:
    """A podcast feed of articles read aloud, rebuilt incrementally (e.g. nightly).

    \b
    Examples:
      readaloud feed init demo                 # example config + articles
      readaloud feed build demo/feed.toml      # -> demo/public/feed.xml, index.html, episodes/
      readaloud feed build feed.toml --dry-run # what would change; writes nothing
    """


@feed.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite the example files if they exist.")
def init(directory: str, force: bool) -> None:
    """Write an example feed (feed.toml + articles/) into DIRECTORY that builds offline."""
    from .templates import CONFIG_NAME, init_feed, scheduling_help

    try:
        written = init_feed(Path(directory), force=force)
    except ReadaloudError as exc:
        raise _fail(exc) from None
    for path in written:
        click.echo(f"Wrote {path}")
    click.echo(f"\nNext: readaloud feed build {Path(directory) / CONFIG_NAME}\n")
    click.echo(scheduling_help(Path(directory)))


@feed.command()
@click.argument("config", type=click.Path(dir_okay=False))
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Articles synthesised in parallel (local processes); 1 = in this process.")
@click.option("--dask-scheduler", metavar="ADDRESS", help="Run the conversions on a Dask cluster (e.g. tcp://host:8786); "
              "workers must see the same paths.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--settings", "settings_path", type=click.Path(dir_okay=False),
              help="readaloud settings file (default: READALOUD_CONFIG or the user config dir).")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and the summary line.")
@click.option("-v", "--verbose", is_flag=True, help="Log details to stderr.")
def build(config: str, workers: int, dask_scheduler: str | None, dry_run: bool, settings_path: str | None,
          quiet: bool, verbose: bool) -> None:
    """Build or update the feed described by CONFIG (a feed.toml).

    \b
    Unchanged articles are not synthesised again; a second run with nothing new
    takes seconds. Exit status 0 when the feed was written (bad articles are
    reported and skipped), 1 when it could not be.
    """
    from ..config import load_settings
    from ..executor import make_executor
    from .build import build_feed

    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    def event(message: str) -> None:
        if message.startswith("skipped"):
            click.echo(message, err=True)
        elif not quiet:
            click.echo(message)

    try:
        settings = load_settings(Path(settings_path) if settings_path else None)
        executor = make_executor(workers, dask_scheduler)
        report = build_feed(Path(config), executor=executor, dry_run=dry_run, settings=settings, on_event=event)
    except ReadaloudError as exc:
        raise _fail(exc) from None
    except KeyboardInterrupt:
        raise click.ClickException("interrupted; the previous feed is intact and the next run finishes the job") from None
    if report.feed_path and not quiet:
        click.echo(f"Wrote {report.feed_path}")
    click.echo(report.summary())
