-- the access log (server/audit): who watched, played back, snapped, exported, logged in … — append-only and
-- hash-chained. Each row carries the SHA-256 of the previous row (prev_hash) and its own (hash) over the canonical
-- serialisation described in server/audit/README.md. No foreign keys: the log outlives users and cameras.

CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: an id is never reused, so a cut tail leaves a gap
  at_ms         INTEGER NOT NULL,                   -- UTC, milliseconds since the epoch
  at            TEXT NOT NULL,                      -- the same instant, ISO 8601 UTC
  user_id       INTEGER,
  username      TEXT NOT NULL,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL,
  action        TEXT NOT NULL,
  camera_id     TEXT,
  camera_name   TEXT,                               -- as it was at the time
  incident_id   INTEGER,
  detail        TEXT,
  ip            TEXT,                               -- the client address as the hub saw it (req.ip, after trustProxy)
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
);
CREATE INDEX audit_log_camera ON audit_log(camera_id, id) WHERE camera_id IS NOT NULL;
CREATE INDEX audit_log_user ON audit_log(user_id, id);
CREATE INDEX audit_log_action ON audit_log(action, id);
CREATE INDEX audit_log_at ON audit_log(at_ms);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
