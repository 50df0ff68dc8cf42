"""The HTTP service: ``readaloud serve`` (FastAPI + a durable SQLite job queue).

Public entry points: ``create_app(ServiceConfig(...))`` for an ASGI app and the
click command ``serve``. FastAPI is imported only when the service is used, so
the other commands start quickly and work without the ``service`` extra.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ServiceConfig", "create_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(name)
