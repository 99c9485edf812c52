-- per-camera recording settings and the index of recorded segment files

ALTER TABLE cameras ADD COLUMN recording_mode TEXT CHECK (recording_mode IN ('off', 'continuous'));   -- NULL = config default
ALTER TABLE cameras ADD COLUMN recording_stream TEXT CHECK (recording_stream IN ('main', 'sub'));     -- NULL = config default
ALTER TABLE cameras ADD COLUMN retention_days INTEGER CHECK (retention_days > 0);                      -- NULL = config default

-- one row per segment file; complete = 0 while it is being written (or if the hub died before closing it)
CREATE TABLE recordings (
  id         INTEGER PRIMARY KEY,
  camera_id  TEXT NOT NULL,                 -- no FK: footage outlives a deleted camera until retention
  stream     TEXT NOT NULL,
  start_at   INTEGER NOT NULL,              -- ms since epoch (UTC), wall clock of the first fragment
  end_at     INTEGER NOT NULL,              -- ms since epoch, end of the last fragment written so far
  bytes      INTEGER NOT NULL DEFAULT 0,
  init_bytes INTEGER NOT NULL,              -- length of ftyp+moov at the start of the file (VOD byte ranges)
  path       TEXT NOT NULL UNIQUE,          -- relative to the recordings directory
  complete   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX recordings_incomplete ON recordings(id) WHERE complete = 0;
CREATE INDEX recordings_camera_start ON recordings(camera_id, start_at, end_at); -- covers the timeline's ranges
CREATE INDEX recordings_start ON recordings(start_at);
