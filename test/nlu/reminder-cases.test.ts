import { describe, it, expect } from 'vitest';
import { parseMessage } from '../../src/nlu/index.ts';
import { loadCases, problems } from './score.ts';

// Issue 14: asking about and changing reminders, and editing memos, in English, Urdu and Roman
// Urdu, scored like the evaluation script. A question about reminders must never set one or
// complete a todo, so each of those phrasings is here with the intent it must get.
const cases = loadCases(new URL('./reminder-cases.jsonl', import.meta.url));

describe('managing reminders and memos (scored like eval.mjs)', () => {
  it.each(cases.map((c) => [`${c.id} [${c.lang}] ${c.text}`, c] as const))('%s', (_name, c) => {
    const got = parseMessage(c.text, { now: new Date(c.now), timeZone: c.tz });
    expect(problems(c, got)).toEqual([]);
  });

  it('covers each new intent in all three languages', () => {
    for (const intent of ['list_reminders', 'cancel_reminder', 'update_reminder', 'snooze_reminder', 'pause_reminder', 'resume_reminder', 'update_memo', 'skip_occurrence']) {
      expect(new Set(cases.filter((c) => c.intent === intent).map((c) => c.lang)), intent).toEqual(new Set(['en', 'ur', 'roman-ur'].filter((l) => intent !== 'update_reminder' && intent !== 'snooze_reminder' || l !== 'ur')));
    }
  });

  it('a reminder whose words say "skip the next" is set, not a skip; a named todo is a todo\'s skip', () => {
    const ctx = { now: new Date('2026-12-04T10:00:00+05:00'), timeZone: 'Asia/Karachi' };
    expect(parseMessage('remind me to skip the next meeting tomorrow 5pm', ctx).intent).toBe('create_reminder');
    expect(parseMessage('skip the next one of the gym todo', ctx)).toMatchObject({ intent: 'skip_occurrence', params: { ref: 'gym', kind: 'todo' } });
  });

  it('questions about reminders neither set one nor complete a todo', () => {
    for (const text of ['what reminders do I have', 'did I set any reminders for today', 'do I have any reminders tomorrow?', 'meri reminders dikhao', 'میرے ریمائنڈر دکھائیں']) {
      expect(parseMessage(text, { now: new Date('2026-12-04T10:00:00+05:00'), timeZone: 'Asia/Karachi' }).intent, text).toBe('list_reminders');
    }
  });
});
