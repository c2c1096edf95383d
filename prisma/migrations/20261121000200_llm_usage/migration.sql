-- AlterTable
ALTER TABLE "AgentTask" ADD COLUMN "deliveredAt" DATETIME;
ALTER TABLE "AgentTask" ADD COLUMN "language" TEXT;
ALTER TABLE "AgentTask" ADD COLUMN "spaceId" INTEGER;

-- CreateTable
CREATE TABLE "LlmUsage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LlmUsage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "LlmUsage_userId_day_key" ON "LlmUsage"("userId", "day");
