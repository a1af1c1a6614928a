-- Step 27: indexes a bulk write dropped and left to be built after its commit. A first import
-- of a million clients builds its secondary indexes in about a second and a half; it commits
-- without them, listing them here in the same transaction, and the steps after it (or the next
-- write, whichever comes first) build them and remove them from the list. The list is the
-- record that survives a crash in between, so nothing is ever left unbuilt.

CREATE TABLE indexes_to_build (
    name TEXT PRIMARY KEY,
    sql  TEXT NOT NULL
) WITHOUT ROWID;
