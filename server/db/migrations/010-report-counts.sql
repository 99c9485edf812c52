-- Review reports (sơ kết / tổng kết): incidents counted per local day (Asia/Ho_Chi_Minh, UTC+7), kind and status,
-- and per local day and camera, kept by triggers. A year's report then reads a few thousand small rows instead of
-- hundreds of thousands of incidents (see bench/report.ts). occurred_at is ISO UTC; date(…, '+7 hours') is its local day.

CREATE TABLE report_daily_incidents (
  day         TEXT NOT NULL,             -- local date YYYY-MM-DD
  category_id TEXT NOT NULL,
  status      TEXT NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (day, category_id, status)
) WITHOUT ROWID;

CREATE TABLE report_daily_cameras (
  day       TEXT NOT NULL,
  camera_id TEXT NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (day, camera_id)
) WITHOUT ROWID;

INSERT INTO report_daily_incidents (day, category_id, status, n)
  SELECT date(occurred_at, '+7 hours'), category_id, status, COUNT(*) FROM incidents GROUP BY 1, 2, 3;
INSERT INTO report_daily_cameras (day, camera_id, n)
  SELECT date(occurred_at, '+7 hours'), camera_id, COUNT(*) FROM incident_cameras GROUP BY 1, 2;

CREATE TRIGGER report_incident_insert AFTER INSERT ON incidents BEGIN
  INSERT INTO report_daily_incidents (day, category_id, status, n)
    VALUES (date(NEW.occurred_at, '+7 hours'), NEW.category_id, NEW.status, 1)
    ON CONFLICT (day, category_id, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER report_incident_delete AFTER DELETE ON incidents BEGIN
  UPDATE report_daily_incidents SET n = n - 1
    WHERE day = date(OLD.occurred_at, '+7 hours') AND category_id = OLD.category_id AND status = OLD.status;
END;

-- a change of kind or status (or, should it ever happen, of time) moves the incident from one count to another
CREATE TRIGGER report_incident_update AFTER UPDATE OF category_id, status, occurred_at ON incidents
  WHEN OLD.category_id IS NOT NEW.category_id OR OLD.status IS NOT NEW.status OR OLD.occurred_at IS NOT NEW.occurred_at
BEGIN
  UPDATE report_daily_incidents SET n = n - 1
    WHERE day = date(OLD.occurred_at, '+7 hours') AND category_id = OLD.category_id AND status = OLD.status;
  INSERT INTO report_daily_incidents (day, category_id, status, n)
    VALUES (date(NEW.occurred_at, '+7 hours'), NEW.category_id, NEW.status, 1)
    ON CONFLICT (day, category_id, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER report_camera_insert AFTER INSERT ON incident_cameras BEGIN
  INSERT INTO report_daily_cameras (day, camera_id, n) VALUES (date(NEW.occurred_at, '+7 hours'), NEW.camera_id, 1)
    ON CONFLICT (day, camera_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER report_camera_delete AFTER DELETE ON incident_cameras BEGIN
  UPDATE report_daily_cameras SET n = n - 1 WHERE day = date(OLD.occurred_at, '+7 hours') AND camera_id = OLD.camera_id;
END;
