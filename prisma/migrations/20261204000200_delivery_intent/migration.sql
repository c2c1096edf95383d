-- Delivery intent (issue 13): a row is marked 'sending' before each send; these record when the
-- first send started and how many sends ended with an unknown outcome.
-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "firstSendAt" DATETIME;
ALTER TABLE "Notification" ADD COLUMN "uncertainSends" INTEGER NOT NULL DEFAULT 0;
