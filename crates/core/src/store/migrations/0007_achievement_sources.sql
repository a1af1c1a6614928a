-- Step 7: achievements added from a returned tracker remember which tracker row they came from, so
-- applying the same file twice adds nothing.

ALTER TABLE achievements ADD COLUMN source TEXT;
CREATE UNIQUE INDEX achievements_source ON achievements(source) WHERE source IS NOT NULL;
