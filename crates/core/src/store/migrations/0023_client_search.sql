-- Step 23: finding a client by any part of its code or name, one or two characters included,
-- without reading every client (store/search.rs says how the pieces are made). Contentless:
-- the text stays in `clients`; the index holds only what finds it. The triggers call functions
-- the application registers on every connection it opens.

CREATE VIRTUAL TABLE client_search USING fts5(
    pairs, chars,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0 categories ''L* M* N* P* S* C*'''
);
CREATE TRIGGER client_search_insert AFTER INSERT ON clients BEGIN
    INSERT INTO client_search (rowid, pairs, chars) VALUES (NEW.id, search_pairs(NEW.code, NEW.name), search_chars(NEW.code, NEW.name));
END;
CREATE TRIGGER client_search_update AFTER UPDATE OF code, name ON clients
    WHEN OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name
BEGIN
    DELETE FROM client_search WHERE rowid = OLD.id;
    INSERT INTO client_search (rowid, pairs, chars) VALUES (NEW.id, search_pairs(NEW.code, NEW.name), search_chars(NEW.code, NEW.name));
END;
CREATE TRIGGER client_search_delete AFTER DELETE ON clients BEGIN
    DELETE FROM client_search WHERE rowid = OLD.id;
END;
INSERT INTO client_search (rowid, pairs, chars) SELECT id, search_pairs(code, name), search_chars(code, name) FROM clients;
