-- Step 16: star service standards (A、B、C类业务星级服务) per campaign and service tier: visit
-- frequency, green-channel response and resolution times, the managers assigned, how long a key
-- person's confirmation holds, and the tier's entitlements (a JSON list of texts). A campaign
-- without a row for a tier reads the sample standard for it (domain/service_standard.rs).

CREATE TABLE service_standards (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    tier TEXT NOT NULL CHECK (tier IN ('A', 'B', 'C')),
    visit_every_months INTEGER NOT NULL CHECK (visit_every_months BETWEEN 1 AND 12),
    response_hours INTEGER NOT NULL CHECK (response_hours BETWEEN 1 AND 720),
    resolution_hours INTEGER NOT NULL CHECK (resolution_hours BETWEEN response_hours AND 720),
    dedicated_manager INTEGER NOT NULL CHECK (dedicated_manager IN (0, 1)),
    vip_manager INTEGER NOT NULL CHECK (vip_manager IN (0, 1)),
    key_person_confirm_days INTEGER NOT NULL CHECK (key_person_confirm_days BETWEEN 1 AND 730),
    entitlements TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (campaign_id, tier)
) WITHOUT ROWID;
