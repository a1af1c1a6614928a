-- Team mode's first schema. Run by the owner role (rampart_owner); the server connects as
-- rampart_app, which may read and write rows but never read a key person's raw phone, and
-- which row-level security limits to the scope the server sets for each call.

CREATE TABLE districts (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE accounts (
    id BIGSERIAL PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('province_admin', 'planner', 'district_planner', 'approver', 'account_manager', 'viewer')),
    district_id BIGINT REFERENCES districts(id),
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE campaigns (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    CHECK (ends_on >= starts_on)
);

CREATE TABLE clients (
    id BIGSERIAL PRIMARY KEY,
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    district_id BIGINT NOT NULL REFERENCES districts(id),
    manager_id BIGINT REFERENCES accounts(id),
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (campaign_id, code)
);
CREATE INDEX clients_district ON clients(campaign_id, district_id);
CREATE INDEX clients_manager ON clients(manager_id);

CREATE TABLE key_persons (
    id BIGSERIAL PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX key_persons_client ON key_persons(client_id);

CREATE TABLE plan_items (
    id BIGSERIAL PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    owner_id BIGINT REFERENCES accounts(id),
    due DATE NOT NULL,
    status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked')),
    done_on DATE,
    blocked_reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX plan_items_client ON plan_items(client_id);
CREATE INDEX plan_items_owner ON plan_items(owner_id);

CREATE TABLE warnings (
    id BIGSERIAL PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    contract TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('left', 'downgrade')),
    period TEXT NOT NULL,
    before_fen BIGINT NOT NULL,
    after_fen BIGINT NOT NULL,
    raised_on DATE NOT NULL,
    status TEXT NOT NULL DEFAULT 'to_contact' CHECK (status IN ('to_contact', 'contacted', 'retained', 'lost')),
    contacted_on DATE,
    closed_on DATE,
    note TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX warnings_client ON warnings(client_id);

-- Append-only: the application's account may add and read lines, never change or remove one.
CREATE TABLE audit (
    id BIGSERIAL PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL DEFAULT now(),
    account_id BIGINT REFERENCES accounts(id),
    account_login TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    before JSONB,
    after JSONB
);
CREATE INDEX audit_entity ON audit(entity, entity_id);

-- Plan items counted by campaign, district, due date and status, kept in step by a trigger in
-- the writing transaction: the standings read a few thousand rows instead of every item, and
-- are as correct as the items themselves however many people write at once.
CREATE TABLE item_tallies (
    campaign_id BIGINT NOT NULL,
    district_id BIGINT NOT NULL,
    due DATE NOT NULL,
    status TEXT NOT NULL,
    items BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, district_id, due, status)
);

-- The item's client is looked up with the whole province in scope (an account manager may own
-- an item on a client they do not manage); the caller's scope is put back before returning.
CREATE FUNCTION rampart_tally_items() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    caller TEXT := rampart_scope();
BEGIN
    PERFORM set_config('rampart.scope', 'province', true);
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE item_tallies t SET items = t.items - 1
        FROM clients c
        WHERE c.id = OLD.client_id AND t.campaign_id = c.campaign_id AND t.district_id = c.district_id
          AND t.due = OLD.due AND t.status = OLD.status;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO item_tallies (campaign_id, district_id, due, status, items)
        SELECT c.campaign_id, c.district_id, NEW.due, NEW.status, 1 FROM clients c WHERE c.id = NEW.client_id
        ON CONFLICT (campaign_id, district_id, due, status) DO UPDATE SET items = item_tallies.items + 1;
    END IF;
    PERFORM set_config('rampart.scope', caller, true);
    RETURN NULL;
END
$$;
CREATE TRIGGER plan_items_tally AFTER INSERT OR DELETE OR UPDATE OF status, due, client_id ON plan_items
    FOR EACH ROW EXECUTE FUNCTION rampart_tally_items();

-- The scope the server set for this transaction (set_config(..., true)); none set means no rows.
CREATE FUNCTION rampart_scope() RETURNS TEXT LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('rampart.scope', true), '') $$;
CREATE FUNCTION rampart_district() RETURNS BIGINT LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('rampart.district', true), '')::BIGINT $$;
CREATE FUNCTION rampart_account() RETURNS BIGINT LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('rampart.account', true), '')::BIGINT $$;

-- The settings are read once per query (the sub-selects become init plans), not once per row.
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE clients FORCE ROW LEVEL SECURITY;
CREATE POLICY clients_in_scope ON clients USING (
    CASE (SELECT rampart_scope())
        WHEN 'province' THEN TRUE
        WHEN 'district' THEN district_id = (SELECT rampart_district())
        WHEN 'own' THEN manager_id = (SELECT rampart_account())
        ELSE FALSE
    END
);

-- The subqueries on clients are themselves limited by the policy above.
ALTER TABLE plan_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_items FORCE ROW LEVEL SECURITY;
CREATE POLICY plan_items_in_scope ON plan_items USING (
    CASE WHEN (SELECT rampart_scope()) = 'own' THEN owner_id = (SELECT rampart_account())
         ELSE EXISTS (SELECT 1 FROM clients c WHERE c.id = plan_items.client_id) END
);

ALTER TABLE warnings ENABLE ROW LEVEL SECURITY;
ALTER TABLE warnings FORCE ROW LEVEL SECURITY;
CREATE POLICY warnings_in_scope ON warnings USING (EXISTS (SELECT 1 FROM clients c WHERE c.id = warnings.client_id));

ALTER TABLE key_persons ENABLE ROW LEVEL SECURITY;
ALTER TABLE key_persons FORCE ROW LEVEL SECURITY;
CREATE POLICY key_persons_in_scope ON key_persons USING (EXISTS (SELECT 1 FROM clients c WHERE c.id = key_persons.client_id));

-- The same mask as domain::access::mask_phone (a test holds the two together).
CREATE FUNCTION rampart_mask_phone(p TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN char_length(p) < 8 THEN repeat('*', char_length(p))
                ELSE left(p, 3) || repeat('*', char_length(p) - 7) || right(p, 4) END
$$;

-- Key persons as the application reads them: the phone whole only for the client's own district.
CREATE VIEW key_persons_shown AS
SELECT k.id, k.client_id, k.name, k.title,
       CASE WHEN c.district_id = rampart_district() THEN k.phone ELSE rampart_mask_phone(k.phone) END AS phone,
       k.version
FROM key_persons k JOIN clients c ON c.id = k.client_id;

GRANT SELECT ON districts, campaigns TO rampart_app;
GRANT SELECT, INSERT, UPDATE ON item_tallies TO rampart_app;
GRANT SELECT, INSERT, UPDATE ON accounts, clients, plan_items, warnings TO rampart_app;
GRANT INSERT ON districts, campaigns TO rampart_app;
GRANT SELECT, INSERT, DELETE ON sessions TO rampart_app;
GRANT SELECT, INSERT ON audit TO rampart_app;
GRANT SELECT (id, client_id, name, title, version), INSERT (client_id, name, title, phone), UPDATE (name, title, phone, version)
    ON key_persons TO rampart_app;
GRANT SELECT ON key_persons_shown TO rampart_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO rampart_app;
