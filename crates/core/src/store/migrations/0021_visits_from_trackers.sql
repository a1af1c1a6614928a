-- Step 21: a visit recorded from a returned tracker's 待走访 row names that row (the export's
-- token and the row's key), so the same tracker applied again records it once, and a corrected
-- row corrects the visit it recorded.

ALTER TABLE visits ADD COLUMN tracker_row TEXT;
CREATE UNIQUE INDEX visits_tracker_row ON visits(tracker_row) WHERE tracker_row IS NOT NULL;
