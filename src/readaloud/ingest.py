"""Ingest: turn a path, '-' or URL into a decoded Document. (minimal first cut; being expanded)"""

from __future__ import annotations

import sys
from pathlib import Path

from .config import IngestConfig
from .errors import InputError
from .models import Document


def read_source(source: str, config: IngestConfig | None = None) -> Document:
    config = config or IngestConfig()
    if source == "-":
        return Document(text=sys.stdin.read(), source="-")
    path = Path(source)
    if not path.is_file():
        raise InputError(f"{source}: no such file", fix="check the path")
    return Document(text=path.read_text(encoding="utf-8"), source=source)
