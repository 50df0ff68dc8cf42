"""Dates as articles write them, made machine-readable for feeds and tags."""

from __future__ import annotations

import contextlib
import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

FUTURE_DATE_SLACK = timedelta(days=1)
"""A date further ahead than this is a parsing accident, not a publication date."""


def parse_date(text: str | None, *, latest: datetime | None = None) -> datetime | None:
    """An article's date as an aware UTC datetime, or None when it cannot be trusted."""
    if not text or not text.strip():
        return None
    text = text.strip()
    moment: datetime | None = None
    with contextlib.suppress(TypeError, ValueError, IndexError):
        moment = parsedate_to_datetime(text)
    if moment is None:
        with contextlib.suppress(ValueError):
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment is None:
        from dateutil import parser as dateparser

        # "21 May 2023, 13:45 | Updated: 22 May 2023, 07:55": the first stamp is the publication.
        for candidate in (text, re.split(r"\s[|·•]\s|\bUpdated\b", text)[0].strip(" ,|")):
            try:
                moment = dateparser.parse(candidate, fuzzy=False)
                break
            except (ValueError, OverflowError, TypeError):
                continue
        if moment is None:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc).replace(microsecond=0)
    latest = latest or datetime.now(timezone.utc)
    if moment > latest + FUTURE_DATE_SLACK or moment.year < 1990:
        return None
    return moment
