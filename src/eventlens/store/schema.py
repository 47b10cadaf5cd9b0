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
    (2, "stories: MinHash signatures, LSH buckets, terms, links, stories, merged-event keys", """
CREATE TABLE story_signatures (
    article_id VARCHAR PRIMARY KEY,
    published DATE NOT NULL,
    sketch VARCHAR NOT NULL,
    hashvalues BLOB NOT NULL,
    shingles INTEGER
);
CREATE TABLE story_lsh_buckets (
    band SMALLINT NOT NULL,
    bucket BIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);
CREATE TABLE story_terms (
    article_id VARCHAR NOT NULL,
    term VARCHAR NOT NULL,
    tf REAL NOT NULL,
    published DATE NOT NULL
);
CREATE TABLE story_term_df (
    term VARCHAR PRIMARY KEY,
    df INTEGER NOT NULL
);
CREATE TABLE story_links (
    article_a VARCHAR NOT NULL,
    article_b VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    score DOUBLE,
    cosine DOUBLE,
    jaccard DOUBLE
);
CREATE TABLE story_articles (
    article_id VARCHAR NOT NULL,
    story_id VARCHAR NOT NULL,
    dup_group VARCHAR NOT NULL
);
CREATE TABLE stories (
    story_id VARCHAR NOT NULL,
    headline VARCHAR,
    first_article VARCHAR NOT NULL,
    first_seen DATE,
    last_seen DATE,
    articles INTEGER,
    outlets INTEGER,
    copies INTEGER,
    events INTEGER,
    updated_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE story_event_keys (
    event_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    story_id VARCHAR NOT NULL,
    merge_key VARCHAR NOT NULL,
    merged_date DATE,
    merged_date_text VARCHAR,
    merged_location VARCHAR
);
"""),
    (3, "events is a view of event_records at the session's confidence threshold", """
DROP INDEX events_article;
DROP INDEX events_dyad;
ALTER TABLE events RENAME TO event_records;
CREATE INDEX event_records_article ON event_records (article_id);
CREATE INDEX event_records_dyad ON event_records (source_country, target_country, event_date);
CREATE VIEW events AS SELECT * FROM event_records
    WHERE coalesce(confidence, 1.0) >= coalesce(getvariable('eventlens_min_confidence'), 0.0);
"""),
    (4, "event_records: the further evidence sentences of an act stated more than once", """
ALTER TABLE event_records ADD COLUMN more_evidence INTEGER[][];
CREATE OR REPLACE VIEW events AS SELECT * FROM event_records
    WHERE coalesce(confidence, 1.0) >= coalesce(getvariable('eventlens_min_confidence'), 0.0);
"""),
    (5, "event_records: the ids of the rules that made each record (why)", """
ALTER TABLE event_records ADD COLUMN why VARCHAR[];
CREATE OR REPLACE VIEW events AS SELECT * FROM event_records
    WHERE coalesce(confidence, 1.0) >= coalesce(getvariable('eventlens_min_confidence'), 0.0);
"""),
    (6, "claims: promises, threats, demands and denials with their outcomes (eventlens.claims)", """
CREATE TABLE claims (
    claim_id VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    state VARCHAR NOT NULL,
    claimant_code VARCHAR,
    claimant_country VARCHAR,
    plover_type VARCHAR,
    target_code VARCHAR,
    target_country VARCHAR,
    claim_date DATE,
    due_from DATE,
    due_by DATE,
    due_text VARCHAR,
    due_how VARCHAR,
    event_id VARCHAR,
    article_id VARCHAR,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence VARCHAR,
    confidence DOUBLE,
    reports INTEGER,
    match_types VARCHAR[],
    as_of DATE,
    outcome_event_id VARCHAR,
    outcome_article_id VARCHAR,
    outcome_date DATE,
    outcome_evidence_start INTEGER,
    outcome_evidence_end INTEGER,
    outcome_evidence VARCHAR,
    outcome_confidence DOUBLE,
    outcome_why VARCHAR
);
CREATE TABLE claims_state (
    fingerprint VARCHAR NOT NULL,
    min_confidence DOUBLE,
    settings VARCHAR,
    as_of DATE,
    claims INTEGER,
    updated_at TIMESTAMP DEFAULT current_timestamp
);
"""),
    (7, "event_records: the resolved place (GeoNames id, country, ADM1, point, precision, how)",
     """
ALTER TABLE event_records ADD COLUMN location_geonameid BIGINT;
ALTER TABLE event_records ADD COLUMN location_name VARCHAR;
ALTER TABLE event_records ADD COLUMN location_country VARCHAR;
ALTER TABLE event_records ADD COLUMN location_adm1 VARCHAR;
ALTER TABLE event_records ADD COLUMN location_adm1_name VARCHAR;
ALTER TABLE event_records ADD COLUMN location_lat DOUBLE;
ALTER TABLE event_records ADD COLUMN location_lon DOUBLE;
ALTER TABLE event_records ADD COLUMN location_precision VARCHAR;
ALTER TABLE event_records ADD COLUMN location_how VARCHAR;
CREATE OR REPLACE VIEW events AS SELECT * FROM event_records
    WHERE coalesce(confidence, 1.0) >= coalesce(getvariable('eventlens_min_confidence'), 0.0);
"""),
]

LATEST_VERSION = MIGRATIONS[-1][0]
