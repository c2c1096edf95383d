/**
 * Delegated-task results as outbox rows. A task that ends (done or failed) gets one Notification row
 * (kind `task`, dedupeKey `task:<id>`) written by the same transaction that records its end, so a
 * crash can neither lose the result nor produce it twice; the delivery loop then sends it like a
 * reminder (platform limiters, retries and the resend policy, leases, unreachable users retired).
 * The row keeps the platform the task was asked on, so the answer arrives where the question was.
 */
import type { Db } from '../db/database.ts';
import { t, type Language, type MessageKey } from '../i18n/index.ts';
import type { NotificationPayload } from './notification-payload.ts';
import type { NotificationRow } from './notification-store.ts';

/** The Notification kind and source type of task results. */
export const TASK_RESULT_KIND = 'task';
const SOURCE_TYPE = 'agentTask';

/** Why a task ended without a report, as stored in AgentTask.error, with the sentence that says so. */
const REASON_KEY: Record<string, MessageKey> = {
  steps: 'taskReasonSteps', model: 'taskReasonModel', budget: 'taskReasonBudget',
  timeout: 'taskReasonTimeout', interrupted: 'taskReasonInterrupted', error: 'taskReasonError',
};

/**
 * The statement that puts the result of every AgentTask row (alias `t`) matching `where` into the
 * outbox, read from the row itself (status, result, error, language), due `now`. Meant to run in the
 * transaction that finishes those tasks; a task already in the outbox is left alone.
 */
export function queueTaskResults(db: Db, where: string, params: readonly unknown[], now: Date) {
  return db.$executeRawUnsafe(
    `INSERT INTO "Notification" ("kind","userId","sourceType","sourceId","platform","payload","dueAt","status","attempts","dedupeKey","createdAt","updatedAt")
     SELECT '${TASK_RESULT_KIND}', t."userId", '${SOURCE_TYPE}', t."id", t."platform",
            json_object('taskId', t."id", 'taskStatus', t."status", 'result', t."result", 'reason', t."error", 'language', t."language"),
            ?, 'pending', 0, 'task:' || t."id", ?, ?
     FROM "AgentTask" t WHERE ${where}
     ON CONFLICT("dedupeKey") DO NOTHING`,
    now, now, now, ...params,
  );
}

/** The language a result is told in: the task's own (the language it was asked in), else the user's. */
export function taskResultLanguage(payload: NotificationPayload, userLanguage: string | null): Language {
  const lang = typeof payload.language === 'string' ? payload.language : userLanguage;
  return lang === 'ur' ? 'ur' : 'en';
}

/** The message for a task result: its report, or why it could not be finished. */
export function taskResultText(payload: NotificationPayload, lang: Language): string {
  const id = Number(payload.taskId);
  if (payload.taskStatus === 'done') return t(lang, 'taskDone', { id, result: typeof payload.result === 'string' ? payload.result : '' });
  const reason = t(lang, REASON_KEY[String(payload.reason)] ?? 'taskReasonError');
  return t(lang, 'taskFailed', { id, reason });
}

/**
 * Records on the tasks whose result rows were just sent that the person has it (AgentTask.deliveredAt),
 * in one statement.
 */
export async function markTaskResultsDelivered(db: Db, rows: readonly NotificationRow[], now: Date): Promise<void> {
  const ids = rows.filter((r) => r.kind === TASK_RESULT_KIND && r.sourceId !== null).map((r) => r.sourceId!);
  if (ids.length) await db.agentTask.updateMany({ where: { id: { in: ids }, deliveredAt: null }, data: { deliveredAt: now } });
}
