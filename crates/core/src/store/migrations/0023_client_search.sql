-- Step 23: finding a client by any part of its code or name, one or two characters included,
-- without reading every client (store/search.rs says how the pieces are made). Contentless:
-- the text stays in `clients`; the index holds only what finds it.
--
-- The pieces are made by the application, so the triggers only queue the clients written;
-- the application indexes the queue before it searches and when it opens the file. Any
-- program can still write a client with plain SQL, and every client already here is queued.

CREATE VIRTUAL TABLE client_search USING fts5(
    pairs, chars,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0 categories ''L* M* N* P* S* C*'''
);
CREATE TABLE client_search_queue (id INTEGER PRIMARY KEY);
CREATE TRIGGER client_search_insert AFTER INSERT ON clients BEGIN
    INSERT OR IGNORE INTO client_search_queue (id) VALUES (NEW.id);
END;
CREATE TRIGGER client_search_update AFTER UPDATE OF id, code, name ON clients
    WHEN OLD.id IS NOT NEW.id OR OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name
BEGIN
    INSERT OR IGNORE INTO client_search_queue (id) VALUES (OLD.id);
    INSERT OR IGNORE INTO client_search_queue (id) VALUES (NEW.id);
END;
CREATE TRIGGER client_search_delete AFTER DELETE ON clients BEGIN
    INSERT OR IGNORE INTO client_search_queue (id) VALUES (OLD.id);
END;
INSERT INTO client_search_queue (id) SELECT id FROM clients;
