-- Step 4: client imports that can be undone, and the campaign's high-risk thresholds.

ALTER TABLE campaigns ADD COLUMN expiry_window_days INTEGER NOT NULL DEFAULT 90;
ALTER TABLE campaigns ADD COLUMN high_spend_fen INTEGER NOT NULL DEFAULT 500000;
ALTER TABLE campaigns ADD COLUMN high_price_fen INTEGER NOT NULL DEFAULT 50000;
CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}',
    undone_at TEXT
);
ALTER TABLE clients ADD COLUMN import_batch INTEGER;
ALTER TABLE contracts ADD COLUMN import_batch INTEGER;
ALTER TABLE teams ADD COLUMN import_batch INTEGER;
ALTER TABLE people ADD COLUMN import_batch INTEGER;
-- No index on import_batch: an undo may scan, but every imported row would pay for one.
-- Category and tier filters walk this in code order and stop after one page.
CREATE INDEX clients_category_tier_code ON clients(category, tier, code);
-- What an import changed that was there before (previous values as JSON), and the
-- targets it added: enough to undo it.
CREATE TABLE import_changes (
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    entity TEXT NOT NULL CHECK (entity IN ('client', 'contract', 'target')),
    row_id INTEGER NOT NULL,
    previous TEXT
);
CREATE INDEX import_changes_batch ON import_changes(batch_id);
