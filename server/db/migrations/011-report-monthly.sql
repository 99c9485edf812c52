-- Review reports over long periods: the per-day counts of migration 010 rolled up per local month (YYYY-MM), kept by
-- their own triggers. A report reads whole months here and only the part-months at its ends from the per-day tables,
-- so a year touches about 12 × (kinds × statuses + cameras) rows whatever the number of incidents (bench/report.ts).

CREATE TABLE report_monthly_incidents (
  month       TEXT NOT NULL,             -- local month YYYY-MM
  category_id TEXT NOT NULL,
  status      TEXT NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (month, category_id, status)
) WITHOUT ROWID;

CREATE TABLE report_monthly_cameras (
  month     TEXT NOT NULL,
  camera_id TEXT NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (month, camera_id)
) WITHOUT ROWID;

INSERT INTO report_monthly_incidents (month, category_id, status, n)
  SELECT substr(day, 1, 7), category_id, status, SUM(n) FROM report_daily_incidents GROUP BY 1, 2, 3;
INSERT INTO report_monthly_cameras (month, camera_id, n)
  SELECT substr(day, 1, 7), camera_id, SUM(n) FROM report_daily_cameras GROUP BY 1, 2;

-- every change of a per-day count is applied to its month: the per-day triggers of 010 stay the only rules
CREATE TRIGGER report_monthly_incidents_insert AFTER INSERT ON report_daily_incidents BEGIN
  INSERT INTO report_monthly_incidents (month, category_id, status, n) VALUES (substr(NEW.day, 1, 7), NEW.category_id, NEW.status, NEW.n)
    ON CONFLICT (month, category_id, status) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER report_monthly_incidents_update AFTER UPDATE OF n ON report_daily_incidents BEGIN
  UPDATE report_monthly_incidents SET n = n + NEW.n - OLD.n
    WHERE month = substr(NEW.day, 1, 7) AND category_id = NEW.category_id AND status = NEW.status;
END;

CREATE TRIGGER report_monthly_cameras_insert AFTER INSERT ON report_daily_cameras BEGIN
  INSERT INTO report_monthly_cameras (month, camera_id, n) VALUES (substr(NEW.day, 1, 7), NEW.camera_id, NEW.n)
    ON CONFLICT (month, camera_id) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER report_monthly_cameras_update AFTER UPDATE OF n ON report_daily_cameras BEGIN
  UPDATE report_monthly_cameras SET n = n + NEW.n - OLD.n WHERE month = substr(NEW.day, 1, 7) AND camera_id = NEW.camera_id;
END;
