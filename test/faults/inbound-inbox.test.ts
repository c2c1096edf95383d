/**
 * The durable inbox with two processes on one database: a stored update is claimed by one of them
 * only; a live owner's claims are left alone, a dead owner's (same host, pid gone) are taken over at
 * once, an expired lease's after it ran out; an update that keeps crashing its handler is set aside;
 * handled rows are pruned after a day.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { UpdateInbox } from '../../src/inbox/update-inbox.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { createTempDb } from '../helpers/temp-db.ts';

const item = (updateId: number, chat = 1) => ({ updateId, chatKey: String(chat), payload: JSON.stringify({ update_id: updateId }) });

describe('the durable inbox', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ db, cleanup } = await createTempDb()));
  afterAll(async () => cleanup());

  it('stores each update once, per bot, and hands unfinished ones to one process only', async () => {
    const clock = new FakeClock('2026-12-04T10:00:00Z');
    const a = new UpdateInbox(db, clock, { leaseMs: 10_000 });
    const b = new UpdateInbox(db, clock, { leaseMs: 10_000 });
    expect([...await a.store('telegram:1', [item(3), item(1), item(2)])].sort()).toEqual([1, 2, 3]);
    expect(await b.store('telegram:1', [item(2), item(4)])).toEqual(new Set([4])); // 2 was already stored
    expect(await a.store('telegram:9', [item(2)])).toEqual(new Set([2])); // another bot, its own ids

    // a is alive and its lease holds: b takes nothing of a's, a nothing of b's.
    expect(await b.claimUnfinished('telegram:1')).toEqual([]);
    await a.markHandled('telegram:1', [1]);
    await clock.advance(5_000);
    expect(await a.renewClaims()).toBe(3); // 2, 3 of telegram:1 and 2 of telegram:9
    await clock.advance(6_000);
    // b's lease ran out (it never renewed): a takes over 4; a's renewed claims still hold.
    expect((await a.claimUnfinished('telegram:1')).map((i) => i.updateId)).toEqual([4]);
    expect(await b.claimUnfinished('telegram:1')).toEqual([]);
    await clock.advance(11_000);
    // Now a's leases ran out too: b takes the rest, oldest first, each once.
    const taken = await b.claimUnfinished('telegram:1');
    expect(taken.map((i) => i.updateId)).toEqual([2, 3, 4]);
    expect(taken[0]).toMatchObject({ chatKey: '1', payload: JSON.stringify({ update_id: 2 }) });
    expect(await a.claimUnfinished('telegram:1')).toEqual([]);
  });

  it("takes over a dead process's claims at once, and sets aside an update that keeps failing", async () => {
    const clock = new FakeClock('2026-12-05T10:00:00Z');
    const inbox = new UpdateInbox(db, clock, { leaseMs: 60_000, maxAttempts: 3 });
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const deadOwner = `${os.hostname()}/${deadPid}/dead`;
    const liveOwner = `${os.hostname()}/${process.ppid}/alive`;
    const otherHost = `elsewhere.example/${deadPid}/remote`;
    const until = new Date(clock.now().getTime() + 60_000);
    for (const [updateId, owner] of [[10, deadOwner], [11, liveOwner], [12, otherHost]] as const) {
      await db.inboundUpdate.create({ data: { source: 'telegram:2', updateId, chatKey: '5', payload: '{}', status: 'processing', attempts: 1, claimedBy: owner, claimedUntil: until, receivedAt: clock.now() } });
    }
    expect((await inbox.claimUnfinished('telegram:2')).map((i) => i.updateId)).toEqual([10]);

    // Update 10 crashes its handler every time: after the third claim it is set aside, not retried forever.
    await clock.advance(61_000);
    expect((await inbox.claimUnfinished('telegram:2')).map((i) => i.updateId)).toEqual([10, 11, 12]);
    await inbox.markHandled('telegram:2', [11, 12]);
    await clock.advance(61_000);
    expect((await inbox.claimUnfinished('telegram:2')).map((i) => i.updateId)).toEqual([]);
    expect((await db.inboundUpdate.findFirst({ where: { source: 'telegram:2', updateId: 10 } }))?.status).toBe('failed');
  });

  it('prunes handled rows older than a day, in bounded steps, and keeps the rest', async () => {
    const clock = new FakeClock('2026-12-10T10:00:00Z');
    const inbox = new UpdateInbox(db, clock);
    await db.inboundUpdate.deleteMany({});
    await inbox.store('telegram:3', [item(1), item(2), item(3)]);
    await inbox.markHandled('telegram:3', [1, 2]);
    await clock.advance(23 * 3_600_000);
    await inbox.markHandled('telegram:3', [3]);
    await clock.advance(2 * 3_600_000);
    expect(await inbox.prune()).toBe(2);
    expect((await db.inboundUpdate.findMany({ where: { source: 'telegram:3' } })).map((r) => r.updateId)).toEqual([3]);
  });
});
