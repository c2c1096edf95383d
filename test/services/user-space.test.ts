import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { findRecipients } from '../../src/scheduler/recipient.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { createTempDb, makeCtx, makeUser } from '../helpers/temp-db.ts';

let db: Db;
let s: Services;
let cleanup: () => Promise<void>;
let now = new Date('2026-03-11T09:00:00Z');
const clock = { now: () => now };

beforeAll(async () => {
  const t = await createTempDb();
  db = t.db;
  cleanup = t.cleanup;
  s = createServices(db, { clock });
});
afterAll(async () => cleanup());

/** The identity DMs go to (the one recipient rule, scheduler/recipient.ts). */
async function dmIdentityId(userId: number): Promise<number | undefined> {
  return (await findRecipients(db, [userId])).get(userId)?.recipient?.identityId;
}

describe('UserService', () => {
  it('creates on first contact, then resolves from cache without writing until a minute passes', async () => {
    now = new Date('2026-03-11T09:00:00Z');
    const first = await s.users.resolveIdentity({ platform: 'telegram', externalId: '42', displayName: 'Sara', dmChatId: '42' });
    expect(first.created).toBe(true);
    expect(first.user).toMatchObject({ displayName: 'Sara', lastPlatform: 'telegram' });
    expect(first.identity).toMatchObject({ platform: 'telegram', externalId: '42', userId: first.user.id, dmChatId: '42', unreachable: false });

    // Change the row behind the service's back: a cached resolve must not even read it.
    await db.identity.update({ where: { id: first.identity.id }, data: { dmChatId: 'behind-the-back' } });
    now = new Date('2026-03-11T09:00:30Z');
    const second = await s.users.resolveIdentity({ platform: 'telegram', externalId: '42', displayName: 'Sara' });
    expect(second.created).toBe(false);
    expect(second.user.id).toBe(first.user.id);
    expect(second.identity.dmChatId).toBe('42');
    expect((await db.identity.findUnique({ where: { id: first.identity.id } }))!.lastSeenAt).toEqual(new Date('2026-03-11T09:00:00Z'));

    now = new Date('2026-03-11T09:01:05Z');
    await s.users.resolveIdentity({ platform: 'telegram', externalId: '42', displayName: 'Sara' });
    expect((await db.identity.findUnique({ where: { id: first.identity.id } }))!.lastSeenAt).toEqual(now);

    const renamed = await s.users.resolveIdentity({ platform: 'telegram', externalId: '42', displayName: 'Sara K' });
    expect(renamed.user.displayName).toBe('Sara K');
    expect(renamed.identity.displayName).toBe('Sara K');
    expect(await db.user.count({ where: { id: first.user.id } })).toBe(1);
  });

  it('validates and stores settings', async () => {
    const { user } = await s.users.resolveIdentity({ platform: 'console', externalId: 'local', displayName: 'Me' });
    expect((await s.users.setTimezone(user.id, 'Asia/Karachi')).timezone).toBe('Asia/Karachi');
    await expect(s.users.setTimezone(user.id, 'Mars/Olympus')).rejects.toMatchObject({ key: 'unknownTimezone', vars: { zone: 'Mars/Olympus' } });
    expect((await s.users.setLanguage(user.id, 'ur')).language).toBe('ur');
    await expect(s.users.setLanguage(user.id, 'fr' as 'en')).rejects.toMatchObject({ key: 'unknownLanguage' });
    expect(await s.users.setBriefing(user.id, { time: '7:30', enabled: true })).toMatchObject({ briefingTime: '07:30', briefingEnabled: true });
    expect((await s.users.setBriefing(user.id, { time: '23:59' })).briefingTime).toBe('23:59');
    expect((await s.users.setBriefing(user.id, { time: '00:00' })).briefingTime).toBe('00:00');
    for (const bad of ['24:00', '12:60', '7', 'noon', '', '12:5', '-1:00']) {
      await expect(s.users.setBriefing(user.id, { time: bad }), bad).rejects.toMatchObject({ key: 'invalidTime' });
    }
    expect((await s.users.setBriefing(user.id, { enabled: false })).briefingEnabled).toBe(false);
    expect(await s.users.get(user.id)).toMatchObject({ timezone: 'Asia/Karachi', language: 'ur', briefingTime: '00:00', briefingEnabled: false });
    expect((await db.user.findUnique({ where: { id: user.id } }))!.language).toBe('ur');
    expect(await s.users.get(987_654)).toBeNull();
  });

  it('picks the latest reachable identity for DMs; messaging again makes it reachable', async () => {
    now = new Date('2026-03-11T10:00:00Z');
    const tg = await s.users.resolveIdentity({ platform: 'telegram', externalId: '777', displayName: 'Omar' });
    const userId = tg.user.id;
    now = new Date('2026-03-11T10:05:00Z');
    const dc = await db.identity.create({ data: { platform: 'discord', externalId: 'd777', userId, lastSeenAt: now } });
    expect(await dmIdentityId(userId)).toBe(dc.id);
    await s.users.markUnreachable('discord', 'd777');
    expect(await dmIdentityId(userId)).toBe(tg.identity.id);
    await s.users.markUnreachable('telegram', '777');
    expect(await dmIdentityId(userId)).toBeUndefined();
    now = new Date('2026-03-11T10:05:10Z');
    const back = await s.users.resolveIdentity({ platform: 'telegram', externalId: '777', displayName: 'Omar' });
    expect(back.identity.unreachable).toBe(false);
    expect(await dmIdentityId(userId)).toBe(tg.identity.id);
  });
});

describe('SpaceService', () => {
  it('ensures spaces and members, with cached membership and admin flag', async () => {
    const space = await s.spaces.ensureSpace({ platform: 'telegram', externalId: '-1001', kind: 'group', title: 'Family' });
    expect(space).toMatchObject({ platform: 'telegram', externalId: '-1001', kind: 'group', title: 'Family' });
    expect((await s.spaces.ensureSpace({ platform: 'telegram', externalId: '-1001', kind: 'group' })).id).toBe(space.id);
    expect((await s.spaces.ensureSpace({ platform: 'telegram', externalId: '-1001', kind: 'group', title: 'Fam' })).title).toBe('Fam');
    expect(await db.space.count({ where: { externalId: '-1001' } })).toBe(1);

    const u = await makeUser(db, 'Member');
    expect(await s.spaces.isMember(space.id, u.id)).toBe(false);
    await s.spaces.ensureMember(space.id, u.id, false);
    expect(await s.spaces.isMember(space.id, u.id)).toBe(true);
    await s.spaces.ensureMember(space.id, u.id, true);
    expect((await db.spaceMember.findUnique({ where: { spaceId_userId: { spaceId: space.id, userId: u.id } } }))!.isAdmin).toBe(true);
    await s.spaces.removeMember(space.id, u.id);
    expect(await s.spaces.isMember(space.id, u.id)).toBe(false);
    const ctx = makeCtx(u.id, { scope: { kind: 'space', spaceId: space.id } });
    await expect(s.todos.list(ctx)).rejects.toMatchObject({ key: 'notFound' });
  });

  it('migrates a group to a supergroup: renames, or merges into an existing space', async () => {
    const u = await makeUser(db, 'Mover');
    const old = await s.spaces.ensureSpace({ platform: 'telegram', externalId: '-55', kind: 'group' });
    await s.spaces.ensureMember(old.id, u.id, false);
    const ctxOld = makeCtx(u.id, { scope: { kind: 'space', spaceId: old.id } });
    const t = await s.todos.create(ctxOld, { title: 'shared groceries' });
    const renamed = await s.spaces.migrateSpace('telegram', '-55', '-10055');
    expect(renamed).toMatchObject({ id: old.id, externalId: '-10055' });
    expect((await s.spaces.ensureSpace({ platform: 'telegram', externalId: '-10055', kind: 'group' })).id).toBe(old.id);

    // A second group whose supergroup already got a message (so a space exists for the new id).
    const g2 = await s.spaces.ensureSpace({ platform: 'telegram', externalId: '-66', kind: 'group' });
    const sg2 = await s.spaces.ensureSpace({ platform: 'telegram', externalId: '-10066', kind: 'group' });
    await s.spaces.ensureMember(g2.id, u.id, true);
    const ctxG2 = makeCtx(u.id, { scope: { kind: 'space', spaceId: g2.id } });
    const moved = await s.todos.create(ctxG2, { title: 'paint the fence' });
    const memo = await s.memos.create(ctxG2, { content: 'fence colour: green' });
    const merged = await s.spaces.migrateSpace('telegram', '-66', '-10066');
    expect(merged!.id).toBe(sg2.id);
    expect(await db.space.findUnique({ where: { id: g2.id } })).toBeNull();
    expect(await s.spaces.isMember(sg2.id, u.id)).toBe(true);
    const ctxSg2 = makeCtx(u.id, { scope: { kind: 'space', spaceId: sg2.id } });
    expect((await s.todos.get(ctxSg2, moved.id)).spaceId).toBe(sg2.id);
    expect((await s.memos.get(ctxSg2, memo.id)).spaceId).toBe(sg2.id);
    expect((await s.search.search(ctxSg2, 'fence')).map((h) => h.id).sort()).toEqual([moved.id, memo.id].sort());
    await expect(s.todos.list(ctxG2)).rejects.toMatchObject({ key: 'notFound' });
    expect(await s.spaces.migrateSpace('telegram', 'nope', 'nope2')).toBeNull();
    void t;
  });
});

describe('first contact races', () => {
  it('two processes resolving the same new account at once make one user and one identity', async () => {
    const t = await createTempDb();
    try {
      const a = createServices(t.db);
      const b = createServices(t.db);
      const [x, y] = await Promise.all([
        a.users.resolveIdentity({ platform: 'telegram', externalId: 'same', displayName: 'Sam' }),
        b.users.resolveIdentity({ platform: 'telegram', externalId: 'same', displayName: 'Sam' }),
      ]);
      expect(x.user.id).toBe(y.user.id);
      expect([x.created, y.created].sort()).toEqual([false, true]);
      expect(await t.db.user.count()).toBe(1);
      expect(await t.db.identity.count()).toBe(1);
    } finally {
      await t.cleanup();
    }
  });
});
