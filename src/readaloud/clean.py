"""Clean: Document -> Article. (minimal first cut; being replaced by the rule-based cleaner)"""

from __future__ import annotations

from .models import Article, Document


def clean(doc: Document | str, rules: object | None = None) -> Article:
    text = doc.text if isinstance(doc, Document) else doc
    paras = tuple(line.strip() for line in text.splitlines() if line.strip())
    return Article(title=None, byline=None, date=None, paragraphs=paras)
