-- Camera health: every change of a camera's aggregate status (server/health/README.md), and alerts that persist
-- until someone acknowledges them. Cameras are not referenced by foreign key: the history of a deleted camera
-- stays until retention removes it, and alerts keep the camera's name as it was.
CREATE TABLE camera_status_history (
  id          INTEGER PRIMARY KEY,
  camera_id   TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('idle', 'connecting', 'online', 'offline')),
  reason      TEXT,                          -- the hub's English reason for offline (exit-reason.ts), or why idle
  at          INTEGER NOT NULL               -- ms since the epoch (UTC)
);
CREATE INDEX camera_status_history_camera_at ON camera_status_history(camera_id, at);

CREATE TABLE alerts (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('camera-offline', 'camera-online', 'storage-low', 'recording-failed', 'incident')),
  severity      TEXT NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
  camera_id     TEXT,
  camera_name   TEXT,
  incident_id   INTEGER,
  message       TEXT NOT NULL,               -- English detail (a reason, a disk message); the web words it
  detail        TEXT,                        -- JSON: freedBytes, since, incident title …
  related_id    INTEGER REFERENCES alerts(id) ON DELETE SET NULL, -- back online → the offline alert it closes
  created_at    TEXT NOT NULL,
  last_at       TEXT NOT NULL,               -- repeats of an open storage alert only bump last_at and count
  count         INTEGER NOT NULL DEFAULT 1,
  resolved_at   TEXT,                        -- the condition ended (the camera came back)
  acked_at      TEXT,
  acked_by      INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX alerts_open ON alerts(id) WHERE acked_at IS NULL;
CREATE INDEX alerts_camera_kind ON alerts(camera_id, kind, id);
