-- CreateTable
CREATE TABLE "LastList" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "chatKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ids" TEXT NOT NULL,
    "shownAt" DATETIME NOT NULL,
    CONSTRAINT "LastList_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "LastList_userId_chatKey_kind_key" ON "LastList"("userId", "chatKey", "kind");
