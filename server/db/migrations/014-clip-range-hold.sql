-- Footage a camera's owner handed over on request (incident_cameras.range_from_ms / range_to_ms, migration 013) is
-- held like an incident's window: retention and the owner's "delete my recordings" find it through this index.
-- A range is at most footageRequests.maxRangeMinutes (≤ 24 h, config bound), so a lookup scans one day of starts.
CREATE INDEX incident_cameras_range ON incident_cameras(camera_id, range_from_ms) WHERE range_from_ms IS NOT NULL;
