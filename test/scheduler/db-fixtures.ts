/**
 * Database fixtures for scheduler tests: a temporary SQLite file per test and users with identities.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/db/database.ts';
import type { Platform } from '../../src/core/inbound.ts';

/** A fresh database file in a temp folder; `cleanup` disconnects and deletes it. */
export async function tempDb(): Promise<{ db: Db; file: string; dir: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'clawchat-sched-'));
  const file = path.join(dir, 'test.db');
  const { db } = await openDatabase(`file:${file}`);
  return { db, file, dir, cleanup: async () => { await db.$disconnect(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Creates a user with one identity (telegram by default). */
export async function makeUser(db: Db, o: {
  name?: string; timezone?: string; language?: string; platform?: Platform; externalId?: string;
  briefingTime?: string; briefingEnabled?: boolean; reminderLeadMinutes?: number; lastSeenAt?: Date;
} = {}) {
  const user = await db.user.create({
    data: {
      displayName: o.name ?? 'Ayesha', timezone: o.timezone ?? 'UTC', language: o.language ?? 'en',
      briefingTime: o.briefingTime ?? null, briefingEnabled: o.briefingEnabled ?? false, reminderLeadMinutes: o.reminderLeadMinutes ?? 0,
    },
  });
  const identity = await db.identity.create({
    data: { platform: o.platform ?? 'telegram', externalId: o.externalId ?? `ext-${user.id}`, userId: user.id, dmChatId: o.externalId ?? `ext-${user.id}`, lastSeenAt: o.lastSeenAt ?? new Date('2026-01-01T00:00:00Z') },
  });
  return { user, identity };
}

