-- AlterTable: a reminder set for a group is posted in that group's chat ("<platform>:<chatId>[:<threadId>]");
-- NULL keeps the old meaning (a direct message to its user). Group lists read reminders by space.
ALTER TABLE "Reminder" ADD COLUMN "chatTarget" TEXT;
CREATE INDEX "Reminder_spaceId_status_at_idx" ON "Reminder"("spaceId", "status", "at");
DROP INDEX IF EXISTS "Reminder_spaceId_idx"; -- the composite index below leads with spaceId (foreign key) too
