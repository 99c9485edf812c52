-- Saved wall views: a named arrangement of cameras in the slots of a layout, kept per user and optionally shared
-- with all staff. Slots are a JSON array (one entry per tile, a camera id or null); cameras are not referenced by
-- foreign key, so deleting a camera leaves its id behind and the hub reads it back as an empty slot.
CREATE TABLE wall_views (
  id          INTEGER PRIMARY KEY,
  owner_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL,                -- the name folded (NFC, lower case, single spaces): unique per owner
  layout      INTEGER NOT NULL CHECK (layout IN (1, 4, 9, 16, 25, 36)),
  slots       TEXT NOT NULL,                -- JSON array of length `layout`
  shared      INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX wall_views_owner_name ON wall_views(owner_id, name_key);
CREATE INDEX wall_views_shared ON wall_views(shared) WHERE shared = 1;

-- the view each user last opened on the wall (none: the automatic "all cameras" wall)
CREATE TABLE wall_view_last (
  user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  view_id     INTEGER REFERENCES wall_views(id) ON DELETE SET NULL,
  updated_at  TEXT NOT NULL
);
