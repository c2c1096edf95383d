-- CreateTable: which items a person's message created, so an edit of that message can follow
-- (kind is todo | event | reminder | memo). Rows older than two days are pruned by housekeeping.
CREATE TABLE "MessageItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "MessageItem_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex: the lookup of an edit (user, platform, chat, message) leads with the foreign key
CREATE INDEX "MessageItem_userId_platform_chatId_messageId_idx" ON "MessageItem"("userId", "platform", "chatId", "messageId");

-- CreateIndex: the prune of old rows
CREATE INDEX "MessageItem_createdAt_idx" ON "MessageItem"("createdAt");
