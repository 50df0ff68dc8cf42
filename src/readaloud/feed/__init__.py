"""A nightly podcast feed of articles read aloud: ``readaloud feed init`` / ``readaloud feed build``."""

from __future__ import annotations

from typing import Any

__all__ = ["BuildReport", "FeedConfig", "build_feed", "init_feed", "load_feed_config"]

_WHERE = {"BuildReport": "build", "build_feed": "build", "FeedConfig": "config",
          "load_feed_config": "config", "init_feed": "templates"}


def __getattr__(name: str) -> Any:
    """Loaded on first use, so other commands do not pay for the feed's imports."""
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(name)
