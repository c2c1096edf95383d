/**
 * Issue 13 (8, last part): a non-admin member could rename another member's shared todo although
 * they may not delete it. Every edit path (/edit, free text, events, memos) now follows the delete
 * rule: the creator or a chat admin only; completing a shared todo stays open to every member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness({ RATE_LIMIT_PER_MINUTE: '1000' }); });
afterAll(async () => { await h.cleanup(); });

const alice = { user: 'alice', name: 'Alice', group: true, chat: '-900' };
const bob = { user: 'bob', name: 'Bob', group: true, chat: '-900' };
const admin = { user: 'carol', name: 'Carol', group: true, chat: '-900', admin: true };

describe('edits of shared items follow the delete rule', () => {
  it('a non-admin member cannot rename or re-prioritise another member\'s shared todo', async () => {
    await h.say('/todo order chairs', alice);
    for (const text of ['/edit chairs title hacked', '/edit chairs priority high', 'rename order chairs to hacked']) {
      let reply = (await h.say(text, bob))!.text;
      // Free text the parser is unsure of is asked about first; Bob picks the rename, which is then refused.
      if (reply.startsWith('Did you mean')) reply = (await h.say('1', bob))!.text;
      expect(reply, text).toMatch(/Only the person who added it/);
    }
    expect(await h.app.db.todo.findFirstOrThrow({ where: { title: 'order chairs' } })).toMatchObject({ priority: 'medium' });
    expect(await h.app.db.todo.count({ where: { title: 'hacked' } })).toBe(0);
  });

  it('the creator and a chat admin may edit; any member may still complete', async () => {
    await h.say('/todo buy plates', alice);
    expect((await h.say('/edit plates title buy paper plates', alice))!.text).toContain('buy paper plates');
    expect((await h.say('/edit paper plates priority high', admin))!.text).toContain('buy paper plates');
    expect((await h.say('/done paper plates', bob))!.text).toContain('buy paper plates');
    expect(await h.app.db.todo.findFirstOrThrow({ where: { title: 'buy paper plates' } })).toMatchObject({ priority: 'high', status: 'done' });
  });

  it('events and memos of a shared space are protected the same way', async () => {
    await h.say('/event team lunch tomorrow 1pm', alice);
    expect((await h.say('move the team lunch to friday at 3pm', bob))!.text).toMatch(/Only the person who added it/);
    const event = await h.app.db.event.findFirstOrThrow({ where: { title: 'team lunch' } });
    const memo = await h.app.db.memo.create({ data: { content: 'door code 1234', createdById: event.createdById, spaceId: event.spaceId } });
    const bobUser = (await h.app.db.identity.findFirstOrThrow({ where: { externalId: 'bob' } })).userId;
    const ctx = { userId: bobUser, scope: { kind: 'space' as const, spaceId: event.spaceId! }, isSpaceAdmin: false, timeZone: 'Asia/Karachi', now: h.clock.now() };
    await expect(h.app.services.memos.update(ctx, memo.id, { content: 'door code 0000' })).rejects.toThrow(/notAllowed|Permission/);
    await expect(h.app.services.events.update(ctx, event.id, { title: 'cancelled' })).rejects.toThrow(/notAllowed|Permission/);
    expect(await h.app.db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ title: 'team lunch', startAt: event.startAt });
  });
});
