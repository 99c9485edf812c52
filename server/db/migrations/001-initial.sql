-- users, sessions, cameras
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'police', 'operator', 'resident')),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- the cookie holds a random token; only its SHA-256 is stored
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ip           TEXT,
  user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- URLs are stored without their password; passwords are AES-256-GCM encrypted (see server/cameras/secret-box.ts)
CREATE TABLE cameras (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  source_kind       TEXT NOT NULL CHECK (source_kind IN ('rtsp', 'demo')),
  main_url          TEXT,
  main_password_enc TEXT,
  sub_url           TEXT,
  sub_password_enc  TEXT,
  demo_pattern      TEXT,
  is_demo           INTEGER NOT NULL DEFAULT 0,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
