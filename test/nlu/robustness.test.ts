import { describe, it, expect } from 'vitest';
import { detectLanguage, detectLanguageVariant } from '../../src/nlu/index.ts';
import { parseMessage } from '../helpers/offline-parser.ts';

const ctx = { now: new Date('2026-11-21T10:00:00+05:00'), timeZone: 'Asia/Karachi' };

describe('bad input never throws', () => {
  it.each([
    ['empty', ''],
    ['spaces', '   \n\t '],
    ['emoji only', '🙏🙏😂👍🏽'],
    ['control chars', '\u0000\u0001\u0007\u001b[31m\u007f'],
    ['RTL marks only', '\u200f\u200e\u202b\u202c'],
    ['punctuation', '?!?!...---'],
    ['10,000 chars', 'remind me '.repeat(1000)],
    ['10,000 chars of urdu', 'کل '.repeat(3334)],
    ['lone surrogate', '\ud800abc'],
  ])('%s', (_name, text) => {
    const p = parseMessage(text, ctx);
    expect(typeof p.intent).toBe('string');
    expect(['general_chat', 'create_reminder', 'list_todos']).toContain(p.intent);
  });

  it('RTL marks and zero-width joiners inside Urdu do not break parsing', () => {
    const p = parseMessage('\u200fکل صبح 8 بجے\u200c دوائی لینا یاد دلا دیں\u200f', ctx);
    expect(p.intent).toBe('create_reminder');
    expect(p.params.at).toBe('2026-11-22T08:00:00+05:00');
  });

  it('survives a bad context (unknown zone, invalid date)', () => {
    const p = parseMessage('remind me in 1 hour to stretch', { now: new Date('nope'), timeZone: 'Mars/Olympus' });
    expect(p.intent).toBe('create_reminder');
  });

  it('does not depend on the machine time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      const p = parseMessage('remind me tomorrow at 9am to call mom', ctx);
      expect(p.params.at).toBe('2026-11-22T09:00:00+05:00');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('language detection', () => {
  it.each([
    ['show my tasks', 'en'],
    ['kal ke tasks ki list dikhao', 'roman-ur'],
    ['shukriya yaar, bohat madad hui', 'roman-ur'],
    ['آپ کیسے ہیں؟', 'ur'],
    ['peer review the draft', 'en'],
    ['', 'en'],
  ])('%s → %s', (text, want) => {
    expect(detectLanguageVariant(text)).toBe(want);
    expect(detectLanguage(text)).toBe(want === 'en' ? 'en' : 'ur');
  });
});

describe('speed', () => {
  it('parses 1,000 mixed messages well under 2 s', () => {
    const texts = [
      'remind me tomorrow at 8am to call the landlord', 'kal subah 7 baje uthna yaad dilana',
      'کل شام 7 بجے احمد کی سالگرہ کی دعوت کیلنڈر میں ڈال دیں', 'show my overdue tasks', 'hi there!',
      'schedule a meeting with the design team on monday from 2 to 3pm in conference room b',
      'research the best health insurance plans in pakistan', 'note: wifi password is 1234',
    ];
    for (const t of texts) parseMessage(t, ctx); // warm-up
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) parseMessage(texts[i % texts.length]!, ctx);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
