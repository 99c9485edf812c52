-- Footage requests (issue #9, server/requests): what they add to migration 012's footage_requests, and the range
-- of a clip handed over on request.
-- the category of the incident an approved request opens when it named none (NULL: the configured default)
ALTER TABLE footage_requests ADD COLUMN category TEXT;
-- an officer's own requests, newest first
CREATE INDEX footage_requests_requester ON footage_requests(requested_by, id DESC);
-- a clip cut from an explicit range (ms UTC) instead of the incident's pre/post-roll: the footage a camera's owner
-- agreed to hand over, [range_from_ms, range_to_ms). NULL for the clips of flagged cameras.
ALTER TABLE incident_cameras ADD COLUMN range_from_ms INTEGER;
ALTER TABLE incident_cameras ADD COLUMN range_to_ms INTEGER;
