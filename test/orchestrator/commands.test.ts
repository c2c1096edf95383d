import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, visible, type Harness } from '../helpers/harness.ts';

// 2026-11-21 10:00 in Karachi (UTC+5), a Saturday.
let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.cleanup(); });

describe('every command, in a DM', () => {
  it('/start greets and asks for the time zone when unknown, /help lists the commands', async () => {
    const start = await h.say('/start', { user: 'cmd1', name: 'Sara' });
    expect(start!.text).toContain('Sara');
    expect(start!.text).toContain('/timezone');
    const help = await h.say('/help', { user: 'cmd1' });
    for (const c of ['/todo', '/todos', '/done', '/edit', '/delete', '/event', '/events', '/memo', '/memos', '/search', '/today', '/stats', '/timezone', '/language', '/undo']) {
      expect(help!.text).toContain(c);
    }
  });

  it('/todo parses natural dates in the user\'s zone and /todos lists it', async () => {
    const r = await h.say('/todo pay rent friday', { user: 'cmd2' });
    expect(r!.text).toContain('pay rent');
    expect(r!.card?.type).toBe('item');
    const todo = await h.app.db.todo.findFirstOrThrow({ where: { title: 'pay rent' } });
    expect(todo.dueAt?.toISOString()).toBe('2026-11-27T04:00:00.000Z'); // Friday 09:00 Karachi
    expect(r!.actions?.map((a) => a.data)).toEqual([`done:todo:${todo.id}`, `del:todo:${todo.id}`, 'undo']);
    const list = await h.say('/todos', { user: 'cmd2' });
    expect(visible(list)).toContain('1. pay rent');
  });

  it('/todos takes a filter, a category or a priority', async () => {
    await h.say('/todo quarterly report high priority', { user: 'cmd3' });
    await h.say('/edit quarterly report category work', { user: 'cmd3' });
    await h.say('/todo water plants', { user: 'cmd3' });
    expect(visible(await h.say('/todos high', { user: 'cmd3' }))).not.toContain('water plants');
    expect(visible(await h.say('/todos work', { user: 'cmd3' }))).toContain('quarterly report');
    await h.say('/done water plants', { user: 'cmd3' });
    const done = visible(await h.say('/todos done', { user: 'cmd3' }));
    expect(done).toContain('water plants');
    expect(done).not.toContain('quarterly report');
  });

  it('/done, /edit and /delete accept a list number, #id or title words', async () => {
    const who = { user: 'cmd4' };
    await h.say('/todo buy milk', who);
    await h.say('/todo buy eggs', who);
    await h.say('/todo call the bank', who);
    await h.say('/todos', who);
    expect((await h.say('/done 2', who))!.text).toContain('buy eggs');
    const bank = await h.app.db.todo.findFirstOrThrow({ where: { title: 'call the bank' } });
    expect((await h.say(`/edit #${bank.id} priority high`, who))!.text).toContain('call the bank');
    expect((await h.app.db.todo.findUniqueOrThrow({ where: { id: bank.id } })).priority).toBe('high');
    await h.say('/edit bank due tomorrow 5pm', who);
    expect((await h.app.db.todo.findUniqueOrThrow({ where: { id: bank.id } })).dueAt?.toISOString()).toBe('2026-11-22T12:00:00.000Z');
    await h.say('/edit bank title call the bank about the card', who);
    expect((await h.app.db.todo.findUniqueOrThrow({ where: { id: bank.id } })).title).toBe('call the bank about the card');
    expect((await h.say('/delete milk', who))!.text).toContain('buy milk');
    expect(await h.app.db.todo.count({ where: { title: 'buy milk' } })).toBe(0);
  });

  it('asks which one when words match several items, and changes nothing', async () => {
    const who = { user: 'cmd5' };
    await h.say('/todo call mom', who);
    await h.say('/todo call dad', who);
    const r = await h.say('/done call', who);
    expect(r!.text).toMatch(/Several/);
    expect(r!.card?.type === 'list' && r!.card.items.map((i) => i.title).sort()).toEqual(['call dad', 'call mom']);
    expect(await h.app.db.todo.count({ where: { status: 'done', title: { startsWith: 'call' } } })).toBe(0);
    // The answer completes the question.
    const second = r!.card?.type === 'list' ? r!.card.items[1]! : undefined;
    const answer = await h.say('2', who);
    expect(answer!.text).toContain(second!.title);
    expect((await h.app.db.todo.findUniqueOrThrow({ where: { id: second!.id } })).status).toBe('done');
  });

  it('/event with a time and a duration, /events by range', async () => {
    const who = { user: 'cmd6' };
    const r = await h.say('/event dentist tomorrow 4pm', who);
    expect(r!.text).toContain('dentist');
    const e = await h.app.db.event.findFirstOrThrow({ where: { title: 'dentist' } });
    expect(e.startAt.toISOString()).toBe('2026-11-22T11:00:00.000Z');
    await h.say('/event standup mon 9:30 for 15 min', who);
    const s = await h.app.db.event.findFirstOrThrow({ where: { title: 'standup' } });
    expect(s.startAt.toISOString()).toBe('2026-11-23T04:30:00.000Z');
    expect(s.endAt?.toISOString()).toBe('2026-11-23T04:45:00.000Z');
    expect(visible(await h.say('/events tomorrow', who))).toContain('dentist');
    expect(visible(await h.say('/events tomorrow', who))).not.toContain('standup');
    expect(visible(await h.say('/events week', who))).toContain('dentist');
    expect(visible(await h.say('/events next_week', who))).toContain('standup');
  });

  it('/memo and /memos with and without a query', async () => {
    const who = { user: 'cmd7' };
    await h.say('/memo wifi password is on the fridge', who);
    await h.say('/memo gate code 4512', who);
    expect(visible(await h.say('/memos', who))).toContain('gate code');
    const q = visible(await h.say('/memos wifi', who));
    expect(q).toContain('wifi');
    expect(q).not.toContain('gate code');
  });

  it('/search finds todos, events and memos', async () => {
    const who = { user: 'cmd8' };
    await h.say('/todo book flights to lahore', who);
    await h.say('/memo lahore hotel: pearl continental', who);
    await h.say('/event lahore trip friday 9am', who);
    const r = await h.say('/search lahore', who);
    expect(r!.card?.type === 'list' && r!.card.items.map((i) => i.kind).sort()).toEqual(['event', 'memo', 'todo']);
  });

  it('/today and /stats summarize', async () => {
    const who = { user: 'cmd9' };
    expect((await h.say('/today', who))!.text).toContain('Nothing planned');
    await h.say('/todo submit form today 6pm', who);
    await h.say('/event lunch with ali today 1pm', who);
    const today = (await h.say('/today', who))!.text;
    expect(today).toContain('submit form');
    expect(today).toContain('lunch with ali');
    const stats = (await h.say('/stats', who))!.text;
    expect(stats).toContain('Open: 1');
  });

  it('/timezone accepts IANA names and cities, /language switches the reply language', async () => {
    const who = { user: 'cmd10' };
    expect((await h.say('/timezone Europe/London', who))!.text).toContain('Europe/London');
    expect((await h.say('/timezone new york', who))!.text).toContain('America/New_York');
    expect((await h.app.db.user.findFirstOrThrow({ where: { identities: { some: { externalId: 'cmd10' } } } })).timezone).toBe('America/New_York');
    expect((await h.say('/language ur', who))!.text).toBe('میں اردو میں جواب دوں گا۔');
    expect((await h.say('/todos', who))!.text).toContain('کوئی کام نہیں');
    expect((await h.say('/language en', who))!.text).toBe('I will answer in English.');
  });

  it('/remind sets a reminder from natural words', async () => {
    const r = await h.say('/remind 15m take pills', { user: 'cmd11' });
    expect(r!.text).toContain('take pills');
    const rem = await h.app.db.reminder.findFirstOrThrow({ where: { text: 'take pills' } });
    expect(rem.at.toISOString()).toBe('2026-11-21T05:15:00.000Z');
  });

  it('commands carry a bot name suffix and any letter case', async () => {
    expect((await h.say('/HELP@ClawChatBot', { user: 'cmd12' }))!.text).toContain('/todo');
  });
});
