-- Foreign-key indexes and "exactly one of owner or space" (issue 16).
--
-- 1. Items (Todo, Event, Memo) belong to a user (ownerId) or to a shared space (spaceId), never both
--    and never neither: the scope filters and the SearchIndex rowid (scopeKey from spaceId, else
--    ownerId) rely on it. No CHECK enforced it, so rows that break it are first put right, in the way
--    that changes nothing anyone can see:
--    - both set: the row was filed under its space everywhere (space lists and the search index's
--      space range; personal lists require spaceId IS NULL), so it stays a space item (ownerId NULL);
--    - neither set: nobody could see it; it goes back to its creator as a personal item.
--    A row with neither got a SearchIndex row with a NULL scope (FTS5 gave it an arbitrary rowid that
--    may decode to someone else's item); index rows that belong to no item are deleted.
-- 2. SQLite cannot add a CHECK to a table, so the three tables are rebuilt as the SQLite manual
--    describes (create new, copy, drop, rename, recreate indexes and triggers). The runner applies
--    this inside one transaction with foreign_keys ON (the pragma cannot change inside a
--    transaction); that is safe because no foreign key refers to Todo, Event or Memo (a test checks
--    it), so dropping the old tables cascades nothing, and the copied rows keep satisfying their own
--    keys. DROP TABLE fires no triggers, so the search index keeps its rows, whose rowids depend only
--    on id, ownerId and spaceId, all copied unchanged. sqlite_sequence is carried over, so ids of
--    deleted items are never handed out again (undo entries and notifications name items by id).
-- 3. Every foreign-key column gets an index that leads with it (Todo/Event/Memo creators, Todo
--    completer and assignee, Reminder space, Notification user): merging users and deleting a user or
--    a space update or cascade through these columns, which was a full table scan per statement.

-- Put right rows that break the rule (their search triggers re-file them).

UPDATE "Todo" SET "ownerId" = NULL WHERE "ownerId" IS NOT NULL AND "spaceId" IS NOT NULL;
UPDATE "Todo" SET "ownerId" = "createdById" WHERE "ownerId" IS NULL AND "spaceId" IS NULL;
UPDATE "Event" SET "ownerId" = NULL WHERE "ownerId" IS NOT NULL AND "spaceId" IS NOT NULL;
UPDATE "Event" SET "ownerId" = "createdById" WHERE "ownerId" IS NULL AND "spaceId" IS NULL;
UPDATE "Memo" SET "ownerId" = NULL WHERE "ownerId" IS NOT NULL AND "spaceId" IS NOT NULL;
UPDATE "Memo" SET "ownerId" = "createdById" WHERE "ownerId" IS NULL AND "spaceId" IS NULL;

DELETE FROM "SearchIndex" WHERE "rowid" NOT IN (
    SELECT (CASE WHEN "spaceId" IS NOT NULL THEN "spaceId" * 2 + 1 ELSE "ownerId" * 2 END) * 8589934592 + "id" * 4 + 1 FROM "Todo"
    UNION ALL
    SELECT (CASE WHEN "spaceId" IS NOT NULL THEN "spaceId" * 2 + 1 ELSE "ownerId" * 2 END) * 8589934592 + "id" * 4 + 2 FROM "Event"
    UNION ALL
    SELECT (CASE WHEN "spaceId" IS NOT NULL THEN "spaceId" * 2 + 1 ELSE "ownerId" * 2 END) * 8589934592 + "id" * 4 + 3 FROM "Memo"
);

-- Rebuild "Todo" with the CHECK.
CREATE TABLE "new_Todo" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "notes" TEXT,
    "priority" TEXT NOT NULL DEFAULT 'medium',
    "category" TEXT NOT NULL DEFAULT 'other',
    "status" TEXT NOT NULL DEFAULT 'open',
    "dueAt" DATETIME,
    "recurrence" TEXT,
    "completedAt" DATETIME,
    "ownerId" INTEGER,
    "spaceId" INTEGER,
    "createdById" INTEGER NOT NULL,
    "completedById" INTEGER,
    "assigneeId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "repeatCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Todo_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Todo_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Todo_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Todo_completedById_fkey" FOREIGN KEY ("completedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Todo_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Todo_owner_xor_space" CHECK (("ownerId" IS NULL) <> ("spaceId" IS NULL))
);
INSERT INTO "new_Todo" ("id", "title", "notes", "priority", "category", "status", "dueAt", "recurrence", "completedAt", "ownerId", "spaceId", "createdById", "completedById", "assigneeId", "createdAt", "updatedAt", "repeatCount")
    SELECT "id", "title", "notes", "priority", "category", "status", "dueAt", "recurrence", "completedAt", "ownerId", "spaceId", "createdById", "completedById", "assigneeId", "createdAt", "updatedAt", "repeatCount" FROM "Todo";
INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'new_Todo', "seq" FROM "sqlite_sequence" WHERE "name" = 'Todo'
    AND NOT EXISTS (SELECT 1 FROM "sqlite_sequence" WHERE "name" = 'new_Todo');
UPDATE "sqlite_sequence" SET "seq" = max("seq", coalesce((SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'Todo'), 0)) WHERE "name" = 'new_Todo';
DROP TABLE "Todo";
ALTER TABLE "new_Todo" RENAME TO "Todo";
CREATE INDEX "Todo_ownerId_status_dueAt_idx" ON "Todo"("ownerId", "status", "dueAt");
CREATE INDEX "Todo_spaceId_status_dueAt_idx" ON "Todo"("spaceId", "status", "dueAt");
CREATE INDEX "Todo_createdById_idx" ON "Todo"("createdById");
CREATE INDEX "Todo_completedById_idx" ON "Todo"("completedById");
CREATE INDEX "Todo_assigneeId_idx" ON "Todo"("assigneeId");

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

-- Rebuild "Event" with the CHECK.
CREATE TABLE "new_Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "startAt" DATETIME NOT NULL,
    "endAt" DATETIME,
    "location" TEXT,
    "notes" TEXT,
    "reminderLeadMinutes" INTEGER,
    "recurrence" TEXT,
    "ownerId" INTEGER,
    "spaceId" INTEGER,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "icalUid" TEXT,
    "timeZone" TEXT,
    "allDay" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Event_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_owner_xor_space" CHECK (("ownerId" IS NULL) <> ("spaceId" IS NULL))
);
INSERT INTO "new_Event" ("id", "title", "startAt", "endAt", "location", "notes", "reminderLeadMinutes", "recurrence", "ownerId", "spaceId", "createdById", "createdAt", "updatedAt", "icalUid", "timeZone", "allDay")
    SELECT "id", "title", "startAt", "endAt", "location", "notes", "reminderLeadMinutes", "recurrence", "ownerId", "spaceId", "createdById", "createdAt", "updatedAt", "icalUid", "timeZone", "allDay" FROM "Event";
INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'new_Event', "seq" FROM "sqlite_sequence" WHERE "name" = 'Event'
    AND NOT EXISTS (SELECT 1 FROM "sqlite_sequence" WHERE "name" = 'new_Event');
UPDATE "sqlite_sequence" SET "seq" = max("seq", coalesce((SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'Event'), 0)) WHERE "name" = 'new_Event';
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_ownerId_startAt_idx" ON "Event"("ownerId", "startAt");
CREATE INDEX "Event_spaceId_startAt_idx" ON "Event"("spaceId", "startAt");
CREATE INDEX "Event_icalUid_idx" ON "Event"("icalUid");
CREATE INDEX "Event_createdById_idx" ON "Event"("createdById");

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

-- Rebuild "Memo" with the CHECK.
CREATE TABLE "new_Memo" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT,
    "content" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '',
    "ownerId" INTEGER,
    "spaceId" INTEGER,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Memo_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Memo_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Memo_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Memo_owner_xor_space" CHECK (("ownerId" IS NULL) <> ("spaceId" IS NULL))
);
INSERT INTO "new_Memo" ("id", "title", "content", "tags", "ownerId", "spaceId", "createdById", "createdAt", "updatedAt")
    SELECT "id", "title", "content", "tags", "ownerId", "spaceId", "createdById", "createdAt", "updatedAt" FROM "Memo";
INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'new_Memo', "seq" FROM "sqlite_sequence" WHERE "name" = 'Memo'
    AND NOT EXISTS (SELECT 1 FROM "sqlite_sequence" WHERE "name" = 'new_Memo');
UPDATE "sqlite_sequence" SET "seq" = max("seq", coalesce((SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'Memo'), 0)) WHERE "name" = 'new_Memo';
DROP TABLE "Memo";
ALTER TABLE "new_Memo" RENAME TO "Memo";
CREATE INDEX "Memo_ownerId_createdAt_idx" ON "Memo"("ownerId", "createdAt");
CREATE INDEX "Memo_spaceId_createdAt_idx" ON "Memo"("spaceId", "createdAt");
CREATE INDEX "Memo_createdById_idx" ON "Memo"("createdById");

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

-- Indexes for the remaining foreign keys.
CREATE INDEX "Reminder_spaceId_idx" ON "Reminder"("spaceId");
CREATE INDEX "Notification_userId_idx" ON "Notification"("userId");
