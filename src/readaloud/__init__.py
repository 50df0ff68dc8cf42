"""readaloud: turn a published news article into one clean, podcast-ready audio file."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
