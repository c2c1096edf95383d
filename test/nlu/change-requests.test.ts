/**
 * Change requests in English, Roman Urdu and Urdu script: each names an existing item and what
 * changes, and is never read as a new item. Which kind the item is the orchestrator decides
 * (test/orchestrator/change-any-item.test.ts); here the parser's intent is the kind the words
 * suggest and the params are the ref and the changed fields. Sentences that only look like
 * changes ("change the world") must not become updates, and creations stay creations.
 */
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../helpers/offline-parser.ts';

// Saturday 21 Nov 2026, 10:00 in Karachi.
const ctx = { now: new Date('2026-11-21T10:00:00+05:00'), timeZone: 'Asia/Karachi' };

type Row = [text: string, intent: string, params: Record<string, unknown>, missing?: string[]];

const CHANGES: Row[] = [
  // English: priority, category, title
  ['change pay rent to high priority', 'update_todo', { ref: 'pay rent', priority: 'high' }],
  ['make pay rent high priority', 'update_todo', { ref: 'pay rent', priority: 'high' }],
  ['set call bank as top priority', 'update_todo', { ref: 'call bank', priority: 'high' }],
  ['change pay rent to not urgent', 'update_todo', { ref: 'pay rent', priority: 'low' }],
  ['change the priority of pay rent to low', 'update_todo', { ref: 'pay rent', priority: 'low' }],
  ['set pay rent to work', 'update_todo', { ref: 'pay rent', category: 'work' }],
  ['change pay rent to the home category', 'update_todo', { ref: 'pay rent', category: 'home' }],
  ['rename pay rent to pay the rent', 'update_todo', { ref: 'pay rent', title: 'pay the rent' }],
  // English: time
  ['move call bank to monday', 'update_event', { ref: 'call bank', start: '2026-11-23T09:00:00+05:00' }],
  ['push pay rent to tomorrow 10am', 'update_event', { ref: 'pay rent', start: '2026-11-22T10:00:00+05:00' }],
  ['shift the report to friday', 'update_todo', { ref: 'report', due: '2026-11-27T09:00:00+05:00' }],
  ['postpone pay rent to next week', 'update_todo', { ref: 'pay rent', due: '2026-11-28T09:00:00+05:00' }],
  ['reschedule meeting with ali to sunday 3pm', 'update_event', { ref: 'meeting with ali', start: '2026-11-22T15:00:00+05:00' }],
  ['move the dentist appointment to wednesday at 5pm', 'update_event', { ref: 'dentist appointment', start: '2026-11-25T17:00:00+05:00' }],
  // English: reminders, alarms and notes
  ['change my 7am alarm to 8', 'update_reminder', { ref: '7am', at: '2026-11-22T08:00:00+05:00' }],
  ['move my 6pm reminder to 7', 'update_reminder', { ref: '6pm', at: '2026-11-21T19:00:00+05:00' }],
  ['move the reminder about gym to 6pm', 'update_reminder', { ref: 'gym', at: '2026-11-21T18:00:00+05:00' }],
  ['change the wifi memo to password is 5678', 'update_memo', { ref: 'wifi', content: 'password is 5678' }],
  // Roman Urdu
  ['meeting ko 7 baje kar do', 'update_event', { ref: 'meeting', start: '2026-11-21T19:00:00+05:00' }],
  ['pay rent ko kal kar do', 'update_todo', { ref: 'pay rent', due: '2026-11-22T09:00:00+05:00' }],
  ['pay rent ko monday pe kar do', 'update_todo', { ref: 'pay rent', due: '2026-11-23T09:00:00+05:00' }],
  ['pay rent ko kal 10 baje kar do', 'update_event', { ref: 'pay rent', start: '2026-11-22T10:00:00+05:00' }],
  ['call bank ko friday shift kar do', 'update_event', { ref: 'call bank', start: '2026-11-27T09:00:00+05:00' }],
  ['pay rent ki priority high kar do', 'update_todo', { ref: 'pay rent', priority: 'high' }],
  ['meeting ka time change kar do', 'update_event', { ref: 'meeting' }, ['start']],
  // Urdu script
  ['میٹنگ کو سات بجے کر دو', 'update_event', { ref: 'میٹنگ', start: '2026-11-21T19:00:00+05:00' }],
  ['میٹنگ کا وقت 8 بجے کر دو', 'update_event', { ref: 'میٹنگ', start: '2026-11-21T20:00:00+05:00' }],
  ['میٹنگ کا وقت بدل دو', 'update_event', { ref: 'میٹنگ' }, ['start']],
  ['کرایہ کو کل کر دو', 'update_todo', { ref: 'کرایہ', due: '2026-11-22T09:00:00+05:00' }],
  ['رپورٹ والے کام کی تاریخ پرسوں کر دیں', 'update_todo', { ref: 'رپورٹ', due: '2026-11-23T09:00:00+05:00' }],
];

/** Not changes of an item: chat stays chat, creations stay creations. */
const NOT_CHANGES: Array<[text: string, intent: string]> = [
  ['change the world', 'general_chat'],
  ['move on', 'general_chat'],
  ['i want to change my life', 'general_chat'],
  ['change of plans', 'general_chat'],
  ['set the table', 'general_chat'],
  ['make a cake tomorrow', 'create_todo'],
  ['add pay rent', 'create_todo'],
  ['meeting with ali friday 5pm', 'create_event'],
  ['kal 7 baje meeting', 'create_event'],
  ['ammi ko kal 5 baje call kar do', 'create_event'],
  ['set an alarm for 7am', 'create_reminder'],
];

describe('change requests name an existing item and what changes', () => {
  it.each(CHANGES)('%s', (text, intent, params, missing) => {
    const parsed = parseMessage(text, ctx);
    expect(parsed.intent).toBe(intent);
    expect(parsed.params).toEqual(params);
    expect(parsed.missing).toEqual(missing);
  });
});

describe('sentences that are not changes of an item are not read as one', () => {
  it.each(NOT_CHANGES)('%s → %s', (text, intent) => {
    expect(parseMessage(text, ctx).intent).toBe(intent);
  });
});
