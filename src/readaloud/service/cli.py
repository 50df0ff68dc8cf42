"""``readaloud serve``: run the HTTP service (the lead registers it on the main CLI)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click
import platformdirs

from ..config import APP_NAME
from .security import is_loopback_host

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_WORKERS = 1


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / "service"


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to bind (non-loopback needs a token).")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int)
@click.option("--workers", default=DEFAULT_WORKERS, show_default=True, type=click.IntRange(min=1),
              help="Conversions run at once (worker threads and pool processes).")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Job database and audio files [default: the user data directory].")
@click.option("--dask-scheduler", default=None, metavar="ADDRESS", help="Run conversions on a Dask cluster.")
@click.option("--max-queue", default=1000, show_default=True, type=click.IntRange(min=1),
              help="Queued jobs accepted before new requests get 429.")
@click.option("--allow-private-urls", is_flag=True, default=False,
              help="Let URL inputs and callback URLs reach loopback/private addresses (or READALOUD_ALLOW_PRIVATE_URLS=1).")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
def serve(host: str, port: int, workers: int, data_dir: Path | None, dask_scheduler: str | None,
          max_queue: int, allow_private_urls: bool, log_level: str) -> None:
    """Run the conversion service: a JSON API with a durable job queue (docs at /docs).

    Every /v1 route needs `Authorization: Bearer $READALOUD_API_TOKEN` when that is set;
    webhooks are signed with READALOUD_WEBHOOK_SECRET (else the token).
    """
    try:
        from .app import TOKEN_ENV, ServiceConfig, create_app
    except ImportError as exc:
        raise click.ClickException(
            f"the service needs FastAPI and uvicorn ({exc.name} is missing). Install them: pip install 'readaloud[service]'"
        ) from None

    config = ServiceConfig.from_env(data_dir or default_data_dir(), workers=workers, dask_scheduler=dask_scheduler,
                                    max_queued=max_queue, allow_private_urls=allow_private_urls)
    if not is_loopback_host(host) and not config.token:
        click.echo(f"Error: refusing to listen on {host} without an API token. "
                   f"Set {TOKEN_ENV}, or bind 127.0.0.1.", err=True)
        sys.exit(1)
    import uvicorn

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config.data_dir.mkdir(parents=True, exist_ok=True)
    uvicorn.run(create_app(config), host=host, port=port, log_level=log_level, timeout_graceful_shutdown=10)
