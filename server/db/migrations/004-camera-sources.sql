-- every way a camera arrives: ONVIF, DVR/NVR channel, RTMP push (besides RTSP and demo). SQLite cannot change a
-- CHECK constraint in place, so the table is rebuilt; nothing references it by foreign key.
CREATE TABLE cameras_new (
  id                  TEXT PRIMARY KEY,
  name                TEXT NOT NULL,
  source_kind         TEXT NOT NULL CHECK (source_kind IN ('rtsp', 'demo', 'onvif', 'nvr', 'rtmp-push')),
  main_url            TEXT,                 -- without password (user name kept)
  main_password_enc   TEXT,                 -- AES-256-GCM, percent-encoded as it goes into the URL
  sub_url             TEXT,
  sub_password_enc    TEXT,
  demo_pattern        TEXT,
  is_demo             INTEGER NOT NULL DEFAULT 0,
  recording_mode      TEXT CHECK (recording_mode IN ('off', 'continuous')),
  recording_stream    TEXT CHECK (recording_stream IN ('main', 'sub')),
  retention_days      INTEGER CHECK (retention_days > 0),
  -- the device the camera was added through (ONVIF camera or recorder): address, login, what it said it is
  device_host         TEXT,
  device_port         INTEGER,
  device_username     TEXT,
  device_password_enc TEXT,                 -- AES-256-GCM, as typed (ONVIF and HTTP snapshot auth)
  manufacturer        TEXT,
  model               TEXT,
  -- ONVIF
  onvif_auth          TEXT CHECK (onvif_auth IN ('ws-security', 'digest')),
  snapshot_url        TEXT,                 -- http(s), on device_host, no credentials
  ptz                 INTEGER NOT NULL DEFAULT 0,
  ptz_profile_token   TEXT,
  -- DVR/NVR channel
  nvr_vendor          TEXT,
  nvr_channel         INTEGER,
  -- cameras grouped under one recorder
  group_id            TEXT,
  group_name          TEXT,
  -- RTMP push: the stream key, sealed, and its SHA-256 to find the camera of a publish
  stream_key_enc      TEXT,
  stream_key_hash     TEXT UNIQUE,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);

INSERT INTO cameras_new (id, name, source_kind, main_url, main_password_enc, sub_url, sub_password_enc, demo_pattern,
  is_demo, recording_mode, recording_stream, retention_days, created_at, updated_at)
SELECT id, name, source_kind, main_url, main_password_enc, sub_url, sub_password_enc, demo_pattern,
  is_demo, recording_mode, recording_stream, retention_days, created_at, updated_at
FROM cameras;

DROP TABLE cameras;
ALTER TABLE cameras_new RENAME TO cameras;
CREATE INDEX cameras_group ON cameras(group_id) WHERE group_id IS NOT NULL;
CREATE INDEX cameras_device_host ON cameras(device_host) WHERE device_host IS NOT NULL;
