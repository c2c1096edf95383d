/**
 * The "Did you mean…?" module on its own: button labels from intents and params (times in the
 * person's zone, both languages), the numbered text, typed numbers in every script, the open
 * choice expiring on the clock, and presses that count only for the very question they belong to.
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/fake-clock.ts';
import { choiceNumber, Clarifier, OpenChoices, readingLabel, type RunReading } from '../../src/orchestrator/clarify-question.ts';
import { parseButton } from '../../src/tools/buttons.ts';
import type { Reading } from '../../src/orchestrator/classifier.ts';
import type { TurnContext } from '../../src/orchestrator/context.ts';

// 10:00 in Karachi (UTC+5) on Saturday 21 November 2026.
const now = new Date('2026-11-21T05:00:00Z');
const place = { timeZone: 'Asia/Karachi', now };

describe('readingLabel', () => {
  it('names each reading so a person understands it, times in their zone', () => {
    expect(readingLabel('en', { intent: 'create_todo', params: { title: 'buy milk' } }, place)).toBe('Add todo: buy milk');
    expect(readingLabel('en', { intent: 'create_reminder', params: { text: 'call mom', at: '2026-11-21T12:00:00Z' } }, place)).toBe('Remind me at 17:00: call mom');
    expect(readingLabel('en', { intent: 'create_event', params: { title: 'dentist', start: '2026-11-27T11:00:00Z' } }, place)).toBe('Add event: dentist, Fri 27 Nov at 16:00');
    expect(readingLabel('en', { intent: 'delete_todo', params: { ref: 'milk' } }, place)).toBe('Delete todo: milk');
    expect(readingLabel('en', { intent: 'general_chat', params: {} }, place)).toBe('Just chatting');
    expect(readingLabel('en', { intent: 'create_reminder', params: { text: 'call mom' } }, place)).toBe('Set a reminder: call mom');
  });

  it('reads the same instant in another zone', () => {
    const ny = { timeZone: 'America/New_York', now };
    expect(readingLabel('en', { intent: 'create_reminder', params: { text: 'call mom', at: '2026-11-21T12:00:00Z' } }, ny)).toBe('Remind me at 07:00: call mom');
  });

  it('speaks Urdu in Urdu script', () => {
    const label = readingLabel('ur', { intent: 'create_todo', params: { title: 'دودھ لینا' } }, place);
    expect(label).toBe('کام شامل کریں: دودھ لینا');
    expect(readingLabel('ur', { intent: 'general_chat', params: {} }, place)).toBe('بس بات چیت');
  });

  it('falls back to the command description for intents without a label of their own, and clips long words', () => {
    expect(readingLabel('en', { intent: 'set_briefing', params: {} }, place, () => 'cmd_briefing')).toBe('Daily briefing time or off');
    expect(readingLabel('en', { intent: 'search', params: { query: 'milk' } }, place, () => 'cmd_search')).toBe('Search everything: milk');
    expect(readingLabel('en', { intent: 'mystery', params: {} }, place)).toBe('mystery');
    const long = readingLabel('en', { intent: 'create_todo', params: { title: 'x'.repeat(200) } }, place);
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('choiceNumber', () => {
  it('reads digits in Latin, Urdu and Arabic script, ordinals and "none"', () => {
    expect(choiceNumber('1')).toBe(1);
    expect(choiceNumber(' 2. ')).toBe(2);
    expect(choiceNumber('۱')).toBe(1);
    expect(choiceNumber('٢')).toBe(2);
    expect(choiceNumber('۳')).toBe(3);
    expect(choiceNumber('first')).toBe(1);
    expect(choiceNumber('Pehla')).toBe(1);
    expect(choiceNumber('دوسرا')).toBe(2);
    expect(choiceNumber('none')).toBe(0);
  });

  it('reads nothing else as a choice', () => {
    for (const text of ['12', '1 2', 'buy milk', '', 'one more thing', '-1', '1e0', '²']) expect(choiceNumber(text)).toBeNull();
  });
});

describe('OpenChoices', () => {
  it('keeps one question per key for five minutes on the injected clock', async () => {
    const clock = new FakeClock(now);
    const choices = new OpenChoices(clock);
    const q = choices.open('a', [{ intent: 'create_todo', params: {} }]);
    expect(q.token).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(choices.get('b')).toBeUndefined();
    await clock.advance(4 * 60_000);
    expect(choices.get('a')?.token).toBe(q.token);
    await clock.advance(2 * 60_000);
    expect(choices.get('a')).toBeUndefined();
  });

  it('gives every question a new token and keeps at most three readings', () => {
    const choices = new OpenChoices(new FakeClock(now));
    const readings: Reading[] = ['a', 'b', 'c', 'd'].map((intent) => ({ intent, params: {} }));
    const first = choices.open('k', readings);
    const second = choices.open('k', readings);
    expect(second.token).not.toBe(first.token);
    expect(second.readings).toHaveLength(3);
    expect(choices.get('k')?.token).toBe(second.token);
  });
});

describe('Clarifier', () => {
  const turnOf = (chatKey: string, lang: 'en' | 'ur' = 'en') => ({ chatKey, lang, svc: { timeZone: 'Asia/Karachi', now } }) as unknown as TurnContext;
  const setup = () => {
    const ran: { reading: Reading; source?: string }[] = [];
    const run: RunReading = async (_turn, reading, source) => { ran.push({ reading, source }); return { text: `ran ${reading.intent}`, actions: [{ label: 'Undo', data: 'undo' }] }; };
    let n = 0;
    const clarifier = new Clarifier(new OpenChoices(new FakeClock(now), 300_000, 100, () => `token${++n}x`), run);
    const readings: Reading[] = [{ intent: 'create_todo', params: { title: 'buy milk' } }, { intent: 'general_chat', params: {} }];
    return { ran, clarifier, readings };
  };

  it('asks with numbered choices and one valid 64-byte button per reading plus "None of these"', () => {
    const { clarifier, readings, ran } = setup();
    const reply = clarifier.ask(turnOf('me'), readings, 'milk');
    expect(reply.text).toBe('Did you mean…\n1. Add todo: buy milk\n2. Just chatting\n3. None of these\nTap one, or reply with its number.');
    expect(reply.actions?.map((a) => a.label)).toEqual(['Add todo: buy milk', 'Just chatting', 'None of these']);
    expect(reply.actions?.map((a) => parseButton(a.data))).toEqual([
      { verb: 'pick', token: 'token1x', choice: 1 }, { verb: 'pick', token: 'token1x', choice: 2 }, { verb: 'pick', token: 'token1x', choice: 0 },
    ]);
    expect(ran).toEqual([]);
  });

  it('runs exactly the pressed reading once, against the original words, editing the question', async () => {
    const { clarifier, readings, ran } = setup();
    clarifier.ask(turnOf('me'), readings, 'milk');
    const reply = await clarifier.press(turnOf('me'), 'token1x', 1);
    expect(reply).toMatchObject({ text: 'ran create_todo', replaceOriginal: true, actions: [{ data: 'undo' }] });
    expect(ran).toEqual([{ reading: readings[0], source: 'milk' }]);
    const again = await clarifier.press(turnOf('me'), 'token1x', 1);
    expect(again).toMatchObject({ text: 'That question has expired, so I did nothing. Just tell me again what you need.', ephemeral: true });
    expect(ran).toHaveLength(1);
  });

  it('ignores presses of another person, another question or a choice that was never offered', async () => {
    const { clarifier, readings, ran } = setup();
    clarifier.ask(turnOf('me'), readings);
    expect((await clarifier.press(turnOf('someone else'), 'token1x', 1)).ephemeral).toBe(true);
    expect((await clarifier.press(turnOf('me'), 'token9x', 1)).ephemeral).toBe(true);
    expect((await clarifier.press(turnOf('me'), 'token1x', 3)).ephemeral).toBe(true);
    expect(ran).toEqual([]);
    // The real question is still open for its person.
    expect((await clarifier.press(turnOf('me'), 'token1x', 2)).text).toBe('ran general_chat');
  });

  it('"None" cancels; a typed number picks; anything else drops the question silently', async () => {
    const { clarifier, readings, ran } = setup();
    clarifier.ask(turnOf('me'), readings);
    expect(await clarifier.press(turnOf('me'), 'token1x', 0)).toMatchObject({ text: 'OK, nothing changed.', replaceOriginal: true });
    clarifier.ask(turnOf('me', 'ur'), readings);
    expect((await clarifier.answerText(turnOf('me', 'ur'), '۳'))?.text).toBe('ٹھیک ہے، کچھ نہیں بدلا۔');
    clarifier.ask(turnOf('me'), readings);
    expect(await clarifier.answerText(turnOf('me'), 'buy bread')).toBeNull();
    expect(await clarifier.answerText(turnOf('me'), '1')).toBeNull(); // dropped: no question any more
    clarifier.ask(turnOf('me'), readings);
    expect(await clarifier.answerText(turnOf('me'), '7')).toBeNull();
    clarifier.ask(turnOf('me'), readings);
    expect((await clarifier.answerText(turnOf('me'), '1'))?.text).toBe('ran create_todo');
    expect(ran.map((r) => r.reading.intent)).toEqual(['create_todo']);
  });
});
