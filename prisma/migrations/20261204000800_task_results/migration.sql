-- Task results leave through the outbox (issue 16): a finished delegated task's result is a
-- Notification row (kind 'task', source 'agentTask'), written in the transaction that finishes the
-- task. `platform` keeps it on the platform the task was asked on while that platform is reachable.
-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "platform" TEXT;

-- Results finished before this migration and not yet delivered are handed to the outbox, so none is
-- lost by the upgrade (the same row the app writes; see src/scheduler/task-results.ts).
INSERT INTO "Notification" ("kind","userId","sourceType","sourceId","platform","payload","dueAt","status","attempts","dedupeKey","createdAt","updatedAt")
SELECT 'task', t."userId", 'agentTask', t."id", t."platform",
       json_object('taskId', t."id", 'taskStatus', t."status", 'result', t."result", 'reason', t."error", 'language', t."language"),
       COALESCE(t."finishedAt", t."createdAt"), 'pending', 0, 'task:' || t."id",
       COALESCE(t."finishedAt", t."createdAt"), COALESCE(t."finishedAt", t."createdAt")
FROM "AgentTask" t
WHERE t."deliveredAt" IS NULL AND t."status" IN ('done','failed')
ON CONFLICT("dedupeKey") DO NOTHING;
