-- AlterTable: how many occurrences of its repeat rule a reminder has fired / a todo has had completed,
-- so a count=N rule ends after exactly N (persisted: survives restarts and downtime).
ALTER TABLE "Reminder" ADD COLUMN "repeatCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Todo" ADD COLUMN "repeatCount" INTEGER NOT NULL DEFAULT 0;
