-- CreateTable
CREATE TABLE "InboundUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "updateId" INTEGER NOT NULL,
    "chatKey" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "receivedAt" DATETIME NOT NULL,
    "handledAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "InboundUpdate_source_updateId_key" ON "InboundUpdate"("source", "updateId");

-- CreateIndex
CREATE INDEX "InboundUpdate_source_status_idx" ON "InboundUpdate"("source", "status");

-- CreateIndex
CREATE INDEX "InboundUpdate_status_handledAt_idx" ON "InboundUpdate"("status", "handledAt");
