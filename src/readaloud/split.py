"""Split: Article -> Script. (minimal first cut; being replaced by trained Punkt)"""

from __future__ import annotations

from .models import Article, Script


def split_sentences(paragraph: str) -> list[str]:
    return [paragraph.strip()] if paragraph.strip() else []


def split(article: Article) -> Script:
    paras = tuple(tuple(split_sentences(p)) for p in article.paragraphs if p.strip())
    return Script(
        title=article.title,
        byline=article.byline,
        date=article.date,
        paragraphs=paras,
        removed=article.removed,
        url=article.url,
    )
