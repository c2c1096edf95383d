import { describe, expect, it } from 'vitest';
import { parseMessage } from '../helpers/offline-parser.ts';
import { saysUndo } from '../../src/nlu/index.ts';

// Saturday 2026-11-21 10:00 in Karachi: tomorrow is Sunday the 22nd, "friday" the 27th.
const ctx = { now: new Date('2026-11-21T10:00:00+05:00'), timeZone: 'Asia/Karachi' };

/** [message, intent, params]: params are compared exactly (nothing invented). */
const ROWS: ReadonlyArray<[string, string, Record<string, unknown>]> = [
  // English day questions
  ['what do I have tomorrow', 'list_events', { range: 'tomorrow' }],
  ['what do I have on friday', 'list_events', { date: '2026-11-27' }],
  ['what do i have friday?', 'list_events', { date: '2026-11-27' }],
  ["what's on friday?", 'list_events', { date: '2026-11-27' }],
  ['anything on monday', 'list_events', { date: '2026-11-23' }],
  ['do i have anything booked for tomorrow', 'list_events', { range: 'tomorrow' }],
  ['is there anything on thursday', 'list_events', { date: '2026-11-26' }],
  ['what have i got on wednesday', 'list_events', { date: '2026-11-25' }],
  ['am I free tomorrow', 'list_events', { range: 'tomorrow' }],
  ['am i free on the 3rd', 'list_events', { date: '2026-12-03' }],
  ["what's my schedule for friday", 'list_events', { date: '2026-11-27' }],
  ['whats my agenda tomorrow', 'list_events', { range: 'tomorrow' }],
  ['what do i have on dec 3', 'list_events', { date: '2026-12-03' }],
  ['what do i have this week', 'list_events', { range: 'week' }],
  ['what do I have planned next', 'list_events', {}],
  ["what's next", 'list_events', {}],
  ['whats on today', 'list_events', { range: 'today' }],
  ['anything on my calendar today?', 'list_events', { range: 'today' }],
  ['what is on my plate today?', 'daily_briefing', {}],
  ['what do i have today', 'daily_briefing', {}],
  // counts
  ['how many todos do I have', 'get_stats', {}],
  ['how many tasks do i have left?', 'get_stats', {}],
  ['how many meetings do i have this week', 'list_events', { range: 'week' }],
  ['how many events do i have on friday', 'list_events', { date: '2026-11-27' }],
  ['how many reminders do i have today', 'list_reminders', { filter: 'today' }],
  ['how many tasks do i have tomorrow', 'list_todos', { filter: 'tomorrow' }],
  // Roman Urdu
  ['kal kya hai', 'list_events', { range: 'tomorrow' }],
  ['kal ka schedule kya hai?', 'list_events', { range: 'tomorrow' }],
  ['aaj ka din kaisa hai', 'daily_briefing', {}],
  ['aaj kya karna hai', 'daily_briefing', {}],
  ['jumme ko kya hai', 'list_events', { date: '2026-11-27' }],
  ['kal main free hoon?', 'list_events', { range: 'tomorrow' }],
  ['is hafte kitni meetings hain', 'list_events', { range: 'week' }],
  // Urdu script
  ['میرا کل کا شیڈول کیا ہے', 'list_events', { range: 'tomorrow' }],
  ['آج کیا ہے', 'daily_briefing', {}],
  ['کل کیا ہے؟', 'list_events', { range: 'tomorrow' }],
  ['جمعہ کو کیا ہے', 'list_events', { date: '2026-11-27' }],
  // not day questions: they keep their own readings
  ['what do i have due tomorrow', 'list_todos', { filter: 'tomorrow' }],
  ['kal kya karna hai', 'list_todos', { filter: 'tomorrow' }],
  ['what did i write about friday', 'search', { query: 'friday' }],
  ["what's the weather tomorrow", 'general_chat', {}],
  ["whats the day today", 'general_chat', {}],
  ["what's going on for december", 'general_chat', {}],
  ['how many events are happening in antioch this weekend', 'general_chat', {}],
  ['what meetings do i have tomorrow', 'list_events', { range: 'tomorrow' }],
  ['add buy eggs', 'create_todo', { title: 'buy eggs' }],
  ['kal 5 baje dentist appointment', 'create_event', { title: 'dentist appointment', start: '2026-11-22T17:00:00+05:00' }],
  ['کل صبح 9 بجے دودھ لانا یاد دلانا', 'create_reminder', { text: 'دودھ لانا', at: '2026-11-22T09:00:00+05:00' }],
];

describe('day questions: one answer from events and todos', () => {
  it.each(ROWS)('%s → %s %o', (text, intent, params) => {
    const got = parseMessage(text, ctx);
    expect({ intent: got.intent, params: got.params }).toEqual({ intent, params });
  });
});

describe('undo in words', () => {
  it.each(['undo', 'Undo!', 'undo that', 'please undo', 'wapas karo', 'wapas kar do', 'واپس کرو', 'واپس کر دیں'])('%s is undo', (text) => {
    expect(saysUndo(text)).toBe(true);
  });
  it.each(['undo the meeting change with ali', 'wapas ghar jana hai', 'undone tasks', 'show my undone todos'])('%s is not', (text) => {
    expect(saysUndo(text)).toBe(false);
  });
});
