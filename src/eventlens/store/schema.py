"""The store's schema as numbered migrations. Never edit a released migration: add one."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "articles, events, quotes, mentions and ingest runs", """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    url VARCHAR,
    outlet VARCHAR,
    title VARCHAR,
    published DATE NOT NULL,
    text VARCHAR NOT NULL,
    origin VARCHAR,
    run_id VARCHAR,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    plover_type VARCHAR NOT NULL,
    cameo_root VARCHAR,
    quad_class INTEGER,
    intensity DOUBLE,
    status VARCHAR NOT NULL,
    event_date DATE,
    date_text VARCHAR,
    source_code VARCHAR,
    source_country VARCHAR,
    source_role VARCHAR,
    source_name VARCHAR,
    source_text VARCHAR,
    source_start INTEGER,
    source_end INTEGER,
    source_how VARCHAR,
    target_code VARCHAR,
    target_country VARCHAR,
    target_role VARCHAR,
    target_name VARCHAR,
    target_text VARCHAR,
    target_start INTEGER,
    target_end INTEGER,
    target_how VARCHAR,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence VARCHAR,
    trigger VARCHAR,
    mode VARCHAR,
    location VARCHAR,
    coder VARCHAR,
    coder_version VARCHAR,
    confidence DOUBLE
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_dyad ON events (source_country, target_country, event_date);
CREATE TABLE quotes (
    quote_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    speaker VARCHAR,
    actor_code VARCHAR,
    actor_country VARCHAR,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    kind VARCHAR
);
CREATE TABLE mentions (
    article_id VARCHAR NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    actor_code VARCHAR,
    country VARCHAR,
    role VARCHAR,
    name VARCHAR,
    how VARCHAR
);
CREATE TABLE ingest_runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    paths VARCHAR,
    coder VARCHAR,
    coder_version VARCHAR,
    articles_read INTEGER,
    articles_new INTEGER,
    duplicates INTEGER,
    errors INTEGER,
    events INTEGER,
    status VARCHAR
);
CREATE TABLE ingest_errors (
    run_id VARCHAR,
    location VARCHAR,
    code VARCHAR,
    message VARCHAR
);
"""),
]

LATEST_VERSION = MIGRATIONS[-1][0]
