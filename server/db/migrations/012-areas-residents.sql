-- Residents, areas and consent (issue #9).
-- The commune's areas: a tree (xã/phường → thôn/tổ dân phố, deeper levels allowed). Deleting an area that still
-- holds a child, a camera or a person is refused by the service (and by the foreign keys here).
CREATE TABLE areas (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES areas(id) ON DELETE RESTRICT,
  name        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
-- no two siblings share a name (roots: parent_id NULL counts as one parent)
CREATE UNIQUE INDEX areas_sibling_name ON areas(IFNULL(parent_id, 0), name COLLATE NOCASE);

-- a resident's home area (their tổ/thôn: whose group cameras they may watch); staff may have one too (unused)
ALTER TABLE users ADD COLUMN area_id INTEGER REFERENCES areas(id) ON DELETE RESTRICT;
-- who invited or created this person (residents: the staff member who vouched for them)
ALTER TABLE users ADD COLUMN invited_by INTEGER REFERENCES users(id) ON DELETE SET NULL;

-- staff limited to some areas (an area includes everything under it); no row = the whole commune
CREATE TABLE user_area_limits (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  area_id INTEGER NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, area_id)
);

-- cameras: where they are, whose they are, what the owner shares, whether staff approved them
ALTER TABLE cameras ADD COLUMN area_id INTEGER REFERENCES areas(id) ON DELETE RESTRICT;
-- NULL = the police post's own camera; otherwise the resident who registered it
ALTER TABLE cameras ADD COLUMN owner_id INTEGER REFERENCES users(id) ON DELETE CASCADE;
-- where it looks, in the owner's words ("cổng nhà, nhìn ra ngõ 12")
ALTER TABLE cameras ADD COLUMN place TEXT;
-- each consent a separate choice, none pre-selected (0 until the owner ticks it)
ALTER TABLE cameras ADD COLUMN share_police_live INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cameras ADD COLUMN share_police_on_request INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cameras ADD COLUMN share_group INTEGER NOT NULL DEFAULT 0;
-- the post's own cameras are approved; a resident's new or re-pointed camera waits
ALTER TABLE cameras ADD COLUMN approval TEXT NOT NULL DEFAULT 'approved'
  CHECK (approval IN ('pending', 'approved', 'declined'));
ALTER TABLE cameras ADD COLUMN approval_reason TEXT;
ALTER TABLE cameras ADD COLUMN approved_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE cameras ADD COLUMN approved_at TEXT;
CREATE INDEX cameras_owner ON cameras(owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX cameras_area ON cameras(area_id) WHERE area_id IS NOT NULL;
CREATE INDEX cameras_pending ON cameras(approval) WHERE approval = 'pending';

-- one-time invitations of residents: only the SHA-256 of the link token and of the short code are stored
CREATE TABLE invitations (
  id            INTEGER PRIMARY KEY,
  display_name  TEXT NOT NULL,
  area_id       INTEGER NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  token_hash    TEXT NOT NULL UNIQUE,
  code_hash     TEXT NOT NULL UNIQUE,
  created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  used_at       TEXT,
  used_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  revoked_at    TEXT
);

-- police asking a resident for footage of a time range (trích xuất hình ảnh)
CREATE TABLE footage_requests (
  id            INTEGER PRIMARY KEY,
  camera_id     TEXT NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
  incident_id   INTEGER REFERENCES incidents(id) ON DELETE SET NULL,
  requested_by  INTEGER NOT NULL REFERENCES users(id),
  reason        TEXT NOT NULL,
  from_ms       INTEGER NOT NULL,
  to_ms         INTEGER NOT NULL CHECK (to_ms > from_ms),
  status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined', 'withdrawn', 'expired')),
  answered_by   INTEGER REFERENCES users(id),
  answered_at   TEXT,
  answer_note   TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX footage_requests_camera ON footage_requests(camera_id, status);
