import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';

let h: Harness | undefined;
afterEach(async () => { await h?.cleanup(); h = undefined; });

describe('the pipeline around every message', () => {
  it('allowlist: a stranger gets one polite reply and nothing is stored for them', async () => {
    h = await createHarness({ ACCESS_MODE: 'allowlist', ALLOWED_USERS: 'telegram:1' });
    const first = await h.say('/todo steal the bot', { user: '2' });
    expect(first!.text).toMatch(/private/);
    expect(await h.say('/todos', { user: '2' })).toBeNull();
    expect(await h.app.db.user.count()).toBe(0);
    expect(await h.app.db.todo.count()).toBe(0);
    expect((await h.say('/todo allowed thing', { user: '1' }))!.text).toContain('allowed thing');
  });

  it('rate limit: past 20 a minute messages wait their turn and are all handled; past the queue each one is answered', async () => {
    h = await createHarness({ RATE_LIMIT_PER_MINUTE: '20' });
    for (let i = 0; i < 20; i++) expect((await h.say(`/todo errand ${i}`, { user: 'r1' }))!.text).toContain(`errand ${i}`);
    const held = Array.from({ length: 20 }, (_, i) => h!.say(`/todo later ${i}`, { user: 'r1' }));
    // The queue (one more minute's worth) is full: every further message is refused out loud.
    for (let i = 0; i < 3; i++) expect((await h.say(`/todo one too many ${i}`, { user: 'r1' }))!.text).toMatch(/did not handle this one/);
    expect((await h.say('/todos', { user: 'r2' }))!.text).toBeTruthy(); // others are not affected
    expect(await h.app.db.todo.count({ where: { title: { startsWith: 'later' } } })).toBe(0);
    h.clock.advance(60_000);
    const replies = await Promise.all(held);
    replies.forEach((r, i) => expect(r!.text).toContain(`later ${i}`));
    expect(await h.app.db.todo.count()).toBe(40);
    h.clock.advance(61_000);
    expect((await h.say('/todo after a pause', { user: 'r1' }))!.text).toContain('after a pause');
  });

  it('rate limit: the terminal chat (one local person) is never limited', async () => {
    h = await createHarness({ RATE_LIMIT_PER_MINUTE: '5' });
    for (let i = 0; i < 12; i++) expect((await h.say(`/todo local ${i}`, { platform: 'console', user: 'local' }))!.text).toContain(`local ${i}`);
    expect(await h.app.db.todo.count()).toBe(12);
  });

  it('a duplicate delivery of the same message is handled once', async () => {
    h = await createHarness();
    const m = { type: 'command' as const, name: 'todo', args: 'only once', conversation: { platform: 'telegram' as const, chatId: '9', kind: 'dm' as const },
      actor: { platform: 'telegram' as const, userId: '9', displayName: 'Nine' }, receivedAt: new Date(), messageId: 'dup-1' };
    expect(await h.send(m)).not.toBeNull();
    expect(await h.send(m)).toBeNull();
    expect(await h.app.db.todo.count()).toBe(1);
  });

  it('picks the reply language: setting first, then the message\'s script, then Roman Urdu words', async () => {
    h = await createHarness();
    expect((await h.say('/todos', { user: 'l1' }))!.language).toBe('en');
    expect((await h.say('/search دودھ', { user: 'l1' }))!.language).toBe('ur');
    await h.say('/language ur', { user: 'l2' });
    expect((await h.say('/todos', { user: 'l2' }))!.language).toBe('ur');
  });

  it('shows dates in the user\'s time zone', async () => {
    h = await createHarness();
    await h.say('/timezone America/New_York', { user: 'tz1' });
    const r = await h.say('/todo call grandma tomorrow 10am', { user: 'tz1' });
    const todo = await h.app.db.todo.findFirstOrThrow({ where: { title: 'call grandma' } });
    expect(todo.dueAt?.toISOString()).toBe('2026-11-22T15:00:00.000Z');
    expect(r!.card?.type === 'item' && r!.card.item.details.join(' ')).toContain('10:00');
  });

  it('/undo reverts the last change within 10 minutes: create, completion, edit and deletion', async () => {
    h = await createHarness();
    const who = { user: 'u1' };
    await h.say('/todo undo me', who);
    expect((await h.say('/undo', who))!.text).toMatch(/Undone/);
    expect(await h.app.db.todo.count()).toBe(0);

    await h.say('/todo keep me', who);
    await h.say('/done keep me', who);
    await h.press('undo', who);
    expect((await h.app.db.todo.findFirstOrThrow({ where: { title: 'keep me' } })).status).toBe('open');

    await h.say('/edit keep me title kept', who);
    await h.say('/undo', who);
    expect(await h.app.db.todo.count({ where: { title: 'keep me' } })).toBe(1);

    const before = await h.app.db.todo.findFirstOrThrow({ where: { title: 'keep me' } });
    await h.say('/delete keep me', who);
    expect(await h.app.db.todo.count()).toBe(0);
    await h.say('/undo', who);
    const back = await h.app.db.todo.findFirstOrThrow({ where: { title: 'keep me' } });
    expect(back.id).toBe(before.id);
    expect(visible((await h.say('/search keep', who)))).toContain('keep me');

    await h.say('/todo too late', who);
    h.clock.advance(11 * 60_000);
    expect((await h.say('/undo', who))!.text).toMatch(/nothing to undo/);
    expect(await h.app.db.todo.count({ where: { title: 'too late' } })).toBe(1);
  });

  it('one user cannot undo another user\'s change', async () => {
    h = await createHarness();
    await h.say('/todo mine', { user: 'a' });
    expect((await h.say('/undo', { user: 'b' }))!.text).toMatch(/nothing to undo/);
    expect(await h.app.db.todo.count()).toBe(1);
  });
});

function visible(r: { text: string; card?: unknown } | null): string {
  return JSON.stringify(r);
}
