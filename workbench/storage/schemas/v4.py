"""Version 4: workshop votes.

The DDL a file of schema version 4 was created with. Frozen: never edit it; a change
of the schema is a new version with its own file and an upgrade step."""

DDL = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE power_type (
    id         TEXT PRIMARY KEY,
    label      TEXT NOT NULL,
    name       TEXT NOT NULL,
    row_dim    TEXT NOT NULL,
    column_dim TEXT NOT NULL,
    definition TEXT NOT NULL,
    position   INTEGER NOT NULL
);

CREATE TABLE mechanism (
    id            TEXT PRIMARY KEY,
    power_type_id TEXT NOT NULL REFERENCES power_type(id),
    label         TEXT NOT NULL,
    definition    TEXT NOT NULL,
    effect        TEXT NOT NULL CHECK (effect IN ('capacities', 'interests', 'identities')),
    custom        INTEGER NOT NULL DEFAULT 0 CHECK (custom IN (0, 1)),
    position      INTEGER NOT NULL
);

CREATE TABLE study_case (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    short_label TEXT NOT NULL DEFAULT '',
    period      TEXT NOT NULL DEFAULT '',
    region      TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    created     TEXT NOT NULL,
    modified    TEXT NOT NULL
);

CREATE TABLE case_tag (
    case_id INTEGER NOT NULL REFERENCES study_case(id),
    tag     TEXT NOT NULL CHECK (length(trim(tag)) > 0),
    PRIMARY KEY (case_id, tag)
) WITHOUT ROWID;

CREATE TABLE case_gcm_objective (
    case_id   INTEGER NOT NULL REFERENCES study_case(id),
    objective INTEGER NOT NULL CHECK (objective BETWEEN 1 AND 23),
    PRIMARY KEY (case_id, objective)
) WITHOUT ROWID;

CREATE TABLE actor (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    category    TEXT NOT NULL,
    north_south TEXT NOT NULL
);

CREATE TABLE case_actor (
    case_id  INTEGER NOT NULL REFERENCES study_case(id),
    actor_id INTEGER NOT NULL REFERENCES actor(id),
    role     TEXT NOT NULL CHECK (role IN ('wielder', 'recipient')),
    PRIMARY KEY (case_id, actor_id, role)
) WITHOUT ROWID;
CREATE INDEX case_actor_actor ON case_actor(actor_id);

CREATE TABLE matrix_cell (
    case_id           INTEGER NOT NULL REFERENCES study_case(id),
    power_type_id     TEXT NOT NULL REFERENCES power_type(id),
    score             INTEGER CHECK (score BETWEEN 0 AND 4),
    confidence        TEXT CHECK (confidence IN ('low', 'medium', 'high')),
    memo              TEXT NOT NULL DEFAULT '',
    effect_capacities INTEGER CHECK (effect_capacities IN (0, 1)),
    effect_interests  INTEGER CHECK (effect_interests IN (0, 1)),
    effect_identities INTEGER CHECK (effect_identities IN (0, 1)),
    PRIMARY KEY (case_id, power_type_id)
) WITHOUT ROWID;

CREATE TABLE mechanism_coding (
    case_id      INTEGER NOT NULL REFERENCES study_case(id),
    mechanism_id TEXT NOT NULL REFERENCES mechanism(id),
    strength     INTEGER CHECK (strength BETWEEN 0 AND 4),
    memo         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, mechanism_id)
) WITHOUT ROWID;

CREATE TABLE mechanism_overlap (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES study_case(id),
    mechanism_a TEXT NOT NULL REFERENCES mechanism(id),
    mechanism_b TEXT NOT NULL REFERENCES mechanism(id),
    note        TEXT NOT NULL DEFAULT '',
    CHECK (mechanism_a < mechanism_b),
    UNIQUE (case_id, mechanism_a, mechanism_b)
);

CREATE TABLE source (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    citation_key TEXT NOT NULL UNIQUE CHECK (length(trim(citation_key)) > 0),
    doi          TEXT NOT NULL DEFAULT '',
    csl          TEXT NOT NULL,  -- CSL-JSON of the item (validated by the core)
    title        TEXT NOT NULL DEFAULT '',
    year         INTEGER,
    first_author TEXT NOT NULL DEFAULT '',
    created      TEXT NOT NULL,
    modified     TEXT NOT NULL
);
CREATE INDEX source_doi ON source(doi) WHERE doi <> '';

CREATE TABLE excerpt (
    id                   INTEGER PRIMARY KEY,
    uid                  TEXT NOT NULL UNIQUE,
    source_id            INTEGER NOT NULL REFERENCES source(id),
    underlying_source_id INTEGER REFERENCES source(id),
    text                 TEXT NOT NULL CHECK (length(trim(text)) > 0),
    locator              TEXT NOT NULL DEFAULT '',
    evidence_type        TEXT NOT NULL CHECK (evidence_type IN
        ('primary_document', 'secondary_literature', 'interview', 'media', 'dataset')),
    note                 TEXT NOT NULL DEFAULT '',
    created              TEXT NOT NULL,
    modified             TEXT NOT NULL
);
CREATE INDEX excerpt_source ON excerpt(source_id);
CREATE INDEX excerpt_underlying ON excerpt(underlying_source_id);

CREATE TABLE evidence_link (
    excerpt_id   INTEGER NOT NULL REFERENCES excerpt(id),
    case_id      INTEGER NOT NULL REFERENCES study_case(id),
    mechanism_id TEXT NOT NULL REFERENCES mechanism(id),
    PRIMARY KEY (excerpt_id, case_id, mechanism_id)
) WITHOUT ROWID;
CREATE INDEX evidence_link_case ON evidence_link(case_id, mechanism_id);
CREATE INDEX evidence_link_mechanism ON evidence_link(mechanism_id);

-- Workshop votes (version 4): one row per participant's vote on one quadrant of a
-- case in one session (a workshop's date or name); the median may become the score.
CREATE TABLE vote (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES study_case(id),
    power_type_id TEXT NOT NULL REFERENCES power_type(id),
    session       TEXT NOT NULL CHECK (length(trim(session)) > 0),
    score         INTEGER NOT NULL CHECK (score BETWEEN 0 AND 4),
    created       TEXT NOT NULL
);
CREATE INDEX vote_round ON vote(case_id, power_type_id, session);

-- Full-text search over excerpts, notes, memos and case summaries (version 3).
-- Derived data, kept in sync by the store in the same transaction as each write.
CREATE TABLE search_ref (
    id            INTEGER PRIMARY KEY,
    ref           TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    excerpt_id    INTEGER,
    case_id       INTEGER,
    power_type_id TEXT,
    mechanism_id  TEXT
);
CREATE INDEX search_ref_excerpt ON search_ref(excerpt_id) WHERE excerpt_id IS NOT NULL;
CREATE INDEX search_ref_case ON search_ref(case_id) WHERE case_id IS NOT NULL;
CREATE VIRTUAL TABLE search_index USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2'
);
"""
