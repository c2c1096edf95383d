/**
 * Questions about one's own calendar entries (not a whole day): answered with the events of the
 * range they name. Questions about public events, the world, or requests to change things are not.
 */
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/nlu/index.ts';
import { SLASH_COMMANDS } from '../helpers/offline-parser.ts';
import { RULES_ONLY } from '../../src/nlu/intent-decision.ts';

const ctx = { now: new Date('2026-11-21T10:00:00+05:00'), timeZone: 'Asia/Karachi' };
// The rules' reading alone (the model's part is tested in intent-model.test.ts).

describe('questions about my own calendar entries', () => {
  it.each([
    ['when is that meeting with my boss next week', { range: 'next_week' }],
    ['what time does the dinner party start tonight', { range: 'today' }],
    ['who will be attending the meeting this friday', {}],
    ['do i have anywhere to be this afternoon', {}],
    ['when is my dentist appointment', {}],
    ['when is my next meeting', {}],
    ['how many hours was i in meetings this week', { range: 'week' }],
    ['is my flight tomorrow', { range: 'tomorrow' }],
  ])('%s → list_events %o', (text, params) => {
    const p = parseMessage(text, ctx, SLASH_COMMANDS, RULES_ONLY);
    expect(p.intent).toBe('list_events');
    expect(p.params).toEqual(params);
  });

  it.each([
    'when is the next train', 'when is the world cup final', 'what concerts are happening near me this weekend',
    'what time is it', 'who won the game last night',
  ])('%s is not', (text) => {
    // Not read as a question about my entries (it may be chat, or a change of one).
    const p = parseMessage(text, ctx, SLASH_COMMANDS, RULES_ONLY);
    expect(['general_chat', 'update_event', 'update_todo', 'search']).toContain(p.intent);
  });
});
