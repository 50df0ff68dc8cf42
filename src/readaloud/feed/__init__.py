"""A nightly podcast feed of articles read aloud: ``readaloud feed init`` / ``readaloud feed build``."""

from __future__ import annotations

from .build import BuildReport, build_feed
from .config import FeedConfig, load_feed_config
from .templates import init_feed

__all__ = ["BuildReport", "FeedConfig", "build_feed", "init_feed", "load_feed_config"]
