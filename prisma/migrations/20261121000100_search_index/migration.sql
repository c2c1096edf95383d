-- Full-text search across todos, events and memos (SQLite FTS5; not modelled in schema.prisma).
--
-- rowid = scopeKey * 2^33 + itemId * 4 + kind, where scopeKey = ownerId * 2 for a personal item and
-- spaceId * 2 + 1 for a shared one, and kind is 1 todo, 2 event, 3 memo. A search is then limited to
-- one scope by a rowid range, which FTS5 answers by seeking its doclists instead of reading every
-- matching row, and triggers update an item's single row by rowid.
--
-- Arabic-script vowel marks, tatweel and ZWNJ are removed from the indexed text (the unicode61
-- tokenizer would otherwise split "کِتاب" into two tokens); queries strip them the same way.
CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
    "title",
    "body",
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER "Todo_search_insert" AFTER INSERT ON "Todo" BEGIN
    INSERT INTO "SearchIndex" ("rowid", "title", "body")
    VALUES ((CASE WHEN new."spaceId" IS NOT NULL THEN new."spaceId" * 2 + 1 ELSE new."ownerId" * 2 END) * 8589934592 + new."id" * 4 + 1, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new."title", char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(8204), ''), replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(new."notes", ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(8204), ''));
END;

CREATE TRIGGER "Todo_search_update" AFTER UPDATE OF "title", "notes", "ownerId", "spaceId" ON "Todo" BEGIN
    DELETE FROM "SearchIndex" WHERE "rowid" = (CASE WHEN old."spaceId" IS NOT NULL THEN old."spaceId" * 2 + 1 ELSE old."ownerId" * 2 END) * 8589934592 + old."id" * 4 + 1;
    INSERT INTO "SearchIndex" ("rowid", "title", "body")
    VALUES ((CASE WHEN new."spaceId" IS NOT NULL THEN new."spaceId" * 2 + 1 ELSE new."ownerId" * 2 END) * 8589934592 + new."id" * 4 + 1, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new."title", char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(8204), ''), replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(new."notes", ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(8204), ''));
END;

CREATE TRIGGER "Todo_search_delete" AFTER DELETE ON "Todo" BEGIN
    DELETE FROM "SearchIndex" WHERE "rowid" = (CASE WHEN old."spaceId" IS NOT NULL THEN old."spaceId" * 2 + 1 ELSE old."ownerId" * 2 END) * 8589934592 + old."id" * 4 + 1;
END;

CREATE TRIGGER "Event_search_insert" AFTER INSERT ON "Event" BEGIN
    INSERT INTO "SearchIndex" ("rowid", "title", "body")
    VALUES ((CASE WHEN new."spaceId" IS NOT NULL THEN new."spaceId" * 2 + 1 ELSE new."ownerId" * 2 END) * 8589934592 + new."id" * 4 + 2, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new."title", char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(8204), ''), replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(new."location", '') || ' ' || coalesce(new."notes", ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(8204), ''));
END;

CREATE TRIGGER "Event_search_update" AFTER UPDATE OF "title", "location", "notes", "ownerId", "spaceId" ON "Event" BEGIN
    DELETE FROM "SearchIndex" WHERE "rowid" = (CASE WHEN old."spaceId" IS NOT NULL THEN old."spaceId" * 2 + 1 ELSE old."ownerId" * 2 END) * 8589934592 + old."id" * 4 + 2;
    INSERT INTO "SearchIndex" ("rowid", "title", "body")
    VALUES ((CASE WHEN new."spaceId" IS NOT NULL THEN new."spaceId" * 2 + 1 ELSE new."ownerId" * 2 END) * 8589934592 + new."id" * 4 + 2, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new."title", char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(8204), ''), replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(new."location", '') || ' ' || coalesce(new."notes", ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(8204), ''));
END;

CREATE TRIGGER "Event_search_delete" AFTER DELETE ON "Event" BEGIN
    DELETE FROM "SearchIndex" WHERE "rowid" = (CASE WHEN old."spaceId" IS NOT NULL THEN old."spaceId" * 2 + 1 ELSE old."ownerId" * 2 END) * 8589934592 + old."id" * 4 + 2;
END;

CREATE TRIGGER "Memo_search_insert" AFTER INSERT ON "Memo" BEGIN
    INSERT INTO "SearchIndex" ("rowid", "title", "body")
    VALUES ((CASE WHEN new."spaceId" IS NOT NULL THEN new."spaceId" * 2 + 1 ELSE new."ownerId" * 2 END) * 8589934592 + new."id" * 4 + 3, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(new."title", ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(8204), ''), replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new."content" || ' ' || new."tags", char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(8204), ''));
END;

CREATE TRIGGER "Memo_search_update" AFTER UPDATE OF "title", "content", "tags", "ownerId", "spaceId" ON "Memo" BEGIN
    DELETE FROM "SearchIndex" WHERE "rowid" = (CASE WHEN old."spaceId" IS NOT NULL THEN old."spaceId" * 2 + 1 ELSE old."ownerId" * 2 END) * 8589934592 + old."id" * 4 + 3;
    INSERT INTO "SearchIndex" ("rowid", "title", "body")
    VALUES ((CASE WHEN new."spaceId" IS NOT NULL THEN new."spaceId" * 2 + 1 ELSE new."ownerId" * 2 END) * 8589934592 + new."id" * 4 + 3, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(new."title", ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(8204), ''), replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new."content" || ' ' || new."tags", char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(8204), ''));
END;

CREATE TRIGGER "Memo_search_delete" AFTER DELETE ON "Memo" BEGIN
    DELETE FROM "SearchIndex" WHERE "rowid" = (CASE WHEN old."spaceId" IS NOT NULL THEN old."spaceId" * 2 + 1 ELSE old."ownerId" * 2 END) * 8589934592 + old."id" * 4 + 3;
END;
