/**
 * Issue 13 (16): replies that did not say what was wrong. Each case here answered vaguely or
 * wrongly before: /edit with an unknown category or priority, /todos with a word that is no filter,
 * /event without text (it asked about a todo), the briefing greeting at night, and an identical
 * event added twice without a word.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefingTemplate } from '../../src/scheduler/default-render.ts';
import type { BriefingData } from '../../src/scheduler/briefing.ts';
import { createHarness, visible, type Harness } from '../helpers/harness.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness({ RATE_LIMIT_PER_MINUTE: '1000' }); });
afterAll(async () => { await h.cleanup(); });

describe('unclear replies name what is allowed', () => {
  it('/edit with an unknown category or priority names the allowed values and changes nothing', async () => {
    const who = { user: 'c1' };
    await h.say('/todo buy milk', who);
    await h.say('/todos', who);
    expect((await h.say('/edit 1 category shopping', who))!.text).toBe('There is no category "shopping". Categories are: work, personal, home, other.');
    expect((await h.say('/edit 1 priority urgent', who))!.text).toBe('There is no priority "urgent". Priorities are: low, medium, high.');
    expect((await h.say('/edit 1 priority urgent', { ...who, languageCode: 'ur' }))!.text).toMatch(/low, medium, high/);
    expect(await h.app.db.todo.findFirstOrThrow({ where: { title: 'buy milk' } })).toMatchObject({ category: 'other', priority: 'medium' });
    expect((await h.say('/edit 1 category work', who))!.text).toContain('buy milk');
  });

  it('/todos with a word that is no filter says so instead of listing everything', async () => {
    const who = { user: 'c2' };
    await h.say('/todo quarterly report', who);
    const reply = await h.say('/todos shopping', who);
    expect(reply!.text).toMatch(/^I don't know a todo list called "shopping"\. Try a category \(work, personal, home, other\), a priority \(low, medium, high\)/);
    expect(visible(reply)).not.toContain('quarterly report');
    expect(visible(await h.say('/todos overdue', who))).not.toMatch(/don't know/);
    expect((await h.say('/todos home', who))!.text).toBe('No todos in category home.');
    expect((await h.say('/todos Low', who))!.text).toBe('No todos with low priority.');
    expect(visible(await h.say('/todos other', who))).toContain('quarterly report');
  });

  it('/event without text asks for the event and when, with an event example', async () => {
    const reply = await h.say('/event', { user: 'c3' });
    expect(reply!.text).toBe('Please tell me what the event is and when. For example: /event dentist friday 4pm');
    expect((await h.say('dentist tomorrow 4pm', { user: 'c3' }))!.text).toMatch(/dentist/);
    expect(await h.app.db.event.count({ where: { title: 'dentist' } })).toBe(1);
  });

  it('an identical event (same title, same start) is not added twice; a different time is', async () => {
    const who = { user: 'c4' };
    await h.say('/event team lunch tomorrow 1pm', who);
    const again = await h.say('/event Team Lunch tomorrow 1pm', who);
    expect(again!.text).toMatch(/^You already have "team lunch" on .+13:00, so I didn't add it again\.$/);
    expect(await h.app.db.event.count({ where: { title: { in: ['team lunch', 'Team Lunch'] } } })).toBe(1);
    await h.say('/event team lunch tomorrow 2pm', who);
    expect(await h.app.db.event.count({ where: { title: { in: ['team lunch', 'Team Lunch'] } } })).toBe(2);
  });

  it('the briefing greets by the local time of day, in English and Urdu', () => {
    const data: BriefingData = { userId: 1, timeZone: 'Asia/Karachi', localDate: '2026-11-21', events: [], dueToday: [], overdue: [], priorities: [], empty: true };
    const at = (iso: string, lang: 'en' | 'ur' = 'en') => briefingTemplate(data, lang, new Date(iso));
    expect(at('2026-11-21T15:26:00Z')).toBe('Good evening! Nothing scheduled today (2026-11-21).'); // 20:26 in Karachi
    expect(at('2026-11-21T03:00:00Z')).toMatch(/^Good morning!/); // 08:00
    expect(at('2026-11-21T09:30:00Z')).toMatch(/^Good afternoon!/); // 14:30
    expect(at('2026-11-21T15:26:00Z', 'ur')).toMatch(/^شام بخیر!/);
    expect(at('2026-11-21T03:00:00Z', 'ur')).toMatch(/^صبح بخیر!/);
  });
});
