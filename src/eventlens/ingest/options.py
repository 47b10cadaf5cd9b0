"""Settings for the ingest stage: one frozen options object passed to every reader."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from eventlens.errors import ConfigError


@dataclass(frozen=True, kw_only=True, slots=True)
class JsonlFields:
    """Which JSON field holds each part of an article, for JSONL sources.

    A name may be a dotted path into nested objects (``"meta.date"``); a key that itself
    contains a dot is tried first as written.

    Attributes:
        id: The record's own identifier. Used only to name the record in error messages:
            `Article.id` is always the hash of the text, so the same text read from any
            source gets the same id.
        url: Address of the article (optional field).
        title: Headline (optional field).
        text: Body text (required field).
        published: Publication date (required unless `IngestOptions.default_published`).
        outlet: Publisher or site name (optional field).
    """

    id: str = "id"
    url: str = "url"
    title: str = "title"
    text: str = "text"
    published: str = "published"
    outlet: str = "outlet"

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(
                    f"JSONL field name for {f.name!r} must be a non-empty string, got {value!r}",
                    hint='e.g. JsonlFields(text="body", published="date")',
                )


@dataclass(frozen=True, kw_only=True, slots=True)
class IngestOptions:
    """How the readers behave. Keyword-only; every field has a safe default.

    Attributes:
        jsonl_fields: Field names used by the JSONL reader.
        max_file_bytes: Files larger than this (and gzip files that inflate past it)
            are refused with an error instead of being read into memory.
        max_article_chars: An article whose text is longer is an error (not truncated,
            so character offsets never silently refer to a cut text).
        min_article_chars: An article whose stripped text is shorter is an error. Never
            below 1: an article with empty text is never yielded.
        default_published: Date given to articles whose source has no date (HTML
            without date metadata, JSONL records without the field, feed entries
            without a date). When None, such an article is an error. A date that is
            present but unreadable is always an error, never replaced by this default.
    """

    jsonl_fields: JsonlFields = field(default_factory=JsonlFields)
    max_file_bytes: int = 200_000_000
    max_article_chars: int = 2_000_000
    min_article_chars: int = 1
    default_published: dt.date | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.jsonl_fields, JsonlFields):
            raise ConfigError("jsonl_fields must be a JsonlFields", hint="JsonlFields(text=...)")
        for name in ("max_file_bytes", "max_article_chars", "min_article_chars"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be a positive integer, got {value!r}")
        if self.min_article_chars > self.max_article_chars:
            raise ConfigError(
                f"min_article_chars ({self.min_article_chars}) is above "
                f"max_article_chars ({self.max_article_chars})"
            )
        published = self.default_published
        if published is not None and not isinstance(published, dt.date):
            raise ConfigError(
                f"default_published must be a datetime.date or None, got {published!r}",
                hint="e.g. datetime.date(2021, 12, 15)",
            )
        if isinstance(published, dt.datetime):
            object.__setattr__(self, "default_published", published.date())
