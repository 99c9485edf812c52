-- incidents (vụ việc), their cameras and clips, notes, edit history and the custody log

CREATE TABLE incident_categories (
  id       TEXT PRIMARY KEY,
  label_vi TEXT NOT NULL,
  label_en TEXT NOT NULL,
  active   INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE incidents (
  id            INTEGER PRIMARY KEY,
  title         TEXT NOT NULL,
  category_id   TEXT NOT NULL REFERENCES incident_categories(id),
  status        TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'resolved', 'closed')),
  occurred_at   TEXT NOT NULL,           -- ISO UTC
  pre_roll_sec  INTEGER NOT NULL,
  post_roll_sec INTEGER NOT NULL,
  assignee_id   INTEGER REFERENCES users(id),
  created_by    INTEGER NOT NULL REFERENCES users(id),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  search_text   TEXT NOT NULL DEFAULT ''  -- title + notes folded (no diacritics, lower case), for common words
);
CREATE INDEX incidents_occurred ON incidents(occurred_at DESC, id DESC);
CREATE INDEX incidents_category_occurred ON incidents(category_id, occurred_at DESC);
CREATE INDEX incidents_status_occurred ON incidents(status, occurred_at DESC);
CREATE INDEX incidents_category_status_occurred ON incidents(category_id, status, occurred_at DESC);

-- text search over title and notes; rowid = incidents.id. Diacritics are folded, so "trom cap" finds "trộm cắp".
-- Used for rare words; common words are matched on incidents.search_text while walking the time index.
CREATE VIRTUAL TABLE incidents_fts USING fts5(title, notes, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

-- one row per camera of an incident; the clip is cut from recordings once the post-roll is recorded
CREATE TABLE incident_cameras (
  incident_id  INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  camera_id    TEXT NOT NULL,            -- no FK: evidence outlives a deleted camera
  camera_name  TEXT NOT NULL,            -- as it was when the incident was made
  occurred_at  TEXT NOT NULL,            -- copy of incidents.occurred_at (never changes): a camera's list is one index walk
  clip_status  TEXT NOT NULL DEFAULT 'pending' CHECK (clip_status IN ('pending', 'ready', 'failed')),
  clip_path    TEXT,
  clip_sha256  TEXT,
  clip_bytes   INTEGER,
  clip_start   TEXT,
  clip_end     TEXT,
  clip_error   TEXT,
  PRIMARY KEY (incident_id, camera_id)
);
CREATE INDEX incident_cameras_camera ON incident_cameras(camera_id, occurred_at DESC, incident_id DESC);

CREATE TABLE incident_notes (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  author_id   INTEGER NOT NULL REFERENCES users(id),
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX incident_notes_incident ON incident_notes(incident_id, id);

-- every change of an incident: field, old value, new value
CREATE TABLE incident_history (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  changes     TEXT NOT NULL,             -- JSON [{field, from, to}]
  at          TEXT NOT NULL
);
CREATE INDEX incident_history_incident ON incident_history(incident_id, id);

-- chain of custody: every view, download, export and change, append-only
CREATE TABLE custody_log (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  username    TEXT NOT NULL,
  action      TEXT NOT NULL,             -- create | view | update | note | clip-download | export
  detail      TEXT,
  ip          TEXT,
  at          TEXT NOT NULL
);
CREATE INDEX custody_log_incident ON custody_log(incident_id, id);
CREATE TRIGGER custody_log_no_update BEFORE UPDATE ON custody_log
  BEGIN SELECT RAISE(ABORT, 'custody log is append-only'); END;
CREATE TRIGGER custody_log_no_delete BEFORE DELETE ON custody_log
  BEGIN SELECT RAISE(ABORT, 'custody log is append-only'); END;
