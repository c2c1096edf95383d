-- Full-text search across todos, events and memos (SQLite FTS5, not modelled in schema.prisma).
-- rowid = item id * 4 + kind (1 todo, 2 event, 3 memo), so triggers update one row by rowid.
-- owner_id / space_id are stored unindexed so a search is scoped without joining back.
CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
    "title",
    "body",
    "kind" UNINDEXED,
    "item_id" UNINDEXED,
    "owner_id" UNINDEXED,
    "space_id" UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER "Todo_search_insert" AFTER INSERT ON "Todo" BEGIN
    INSERT INTO "SearchIndex" ("rowid", "title", "body", "kind", "item_id", "owner_id", "space_id")
    VALUES (new."id" * 4 + 1, new."title", coalesce(new."notes", ''), 'todo', new."id", new."ownerId", new."spaceId");
END;

CREATE TRIGGER "Todo_search_update" AFTER UPDATE OF "title", "notes", "ownerId", "spaceId" ON "Todo" BEGIN
    DELETE FROM "SearchIndex" WHERE "rowid" = old."id" * 4 + 1;
    INSERT INTO "SearchIndex" ("rowid", "title", "body", "kind", "item_id", "owner_id", "space_id")
    VALUES (new."id" * 4 + 1, new."title", coalesce(new."notes", ''), 'todo', new."id", new."ownerId", new."spaceId");
END;

CREATE TRIGGER "Todo_search_delete" AFTER DELETE ON "Todo" BEGIN
    DELETE FROM "SearchIndex" WHERE "rowid" = old."id" * 4 + 1;
END;

CREATE TRIGGER "Event_search_insert" AFTER INSERT ON "Event" BEGIN
    INSERT INTO "SearchIndex" ("rowid", "title", "body", "kind", "item_id", "owner_id", "space_id")
    VALUES (new."id" * 4 + 2, new."title", coalesce(new."location", '') || ' ' || coalesce(new."notes", ''), 'event', new."id", new."ownerId", new."spaceId");
END;

CREATE TRIGGER "Event_search_update" AFTER UPDATE OF "title", "location", "notes", "ownerId", "spaceId" ON "Event" BEGIN
    DELETE FROM "SearchIndex" WHERE "rowid" = old."id" * 4 + 2;
    INSERT INTO "SearchIndex" ("rowid", "title", "body", "kind", "item_id", "owner_id", "space_id")
    VALUES (new."id" * 4 + 2, new."title", coalesce(new."location", '') || ' ' || coalesce(new."notes", ''), 'event', new."id", new."ownerId", new."spaceId");
END;

CREATE TRIGGER "Event_search_delete" AFTER DELETE ON "Event" BEGIN
    DELETE FROM "SearchIndex" WHERE "rowid" = old."id" * 4 + 2;
END;

CREATE TRIGGER "Memo_search_insert" AFTER INSERT ON "Memo" BEGIN
    INSERT INTO "SearchIndex" ("rowid", "title", "body", "kind", "item_id", "owner_id", "space_id")
    VALUES (new."id" * 4 + 3, coalesce(new."title", ''), new."content" || ' ' || new."tags", 'memo', new."id", new."ownerId", new."spaceId");
END;

CREATE TRIGGER "Memo_search_update" AFTER UPDATE OF "title", "content", "tags", "ownerId", "spaceId" ON "Memo" BEGIN
    DELETE FROM "SearchIndex" WHERE "rowid" = old."id" * 4 + 3;
    INSERT INTO "SearchIndex" ("rowid", "title", "body", "kind", "item_id", "owner_id", "space_id")
    VALUES (new."id" * 4 + 3, coalesce(new."title", ''), new."content" || ' ' || new."tags", 'memo', new."id", new."ownerId", new."spaceId");
END;

CREATE TRIGGER "Memo_search_delete" AFTER DELETE ON "Memo" BEGIN
    DELETE FROM "SearchIndex" WHERE "rowid" = old."id" * 4 + 3;
END;
