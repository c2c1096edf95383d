import { describe, expect, it } from 'vitest';
import { sanitizeStrings, stripControlChars } from '../../src/core/sanitize-text.ts';

describe('the edge sanitizer', () => {
  it('removes escape sequences whole and control characters, keeping tabs and line breaks', () => {
    expect(stripControlChars('\u001b[0m take pills')).toBe(' take pills');
    expect(stripControlChars('buy\u0000 bread\u0007\u001b[31;1m')).toBe('buy bread');
    expect(stripControlChars('\u001b]0;title\u0007hi\u009b2J')).toBe('hi');
    expect(stripControlChars('a\r\nb\tc\rd\u007f\u0085')).toBe('a\nb\tc\nd');
    expect(stripControlChars('اردو 🙂 plain')).toBe('اردو 🙂 plain');
  });

  it('reaches every string in structured input and leaves other values alone', () => {
    const at = new Date(0);
    expect(sanitizeStrings({ title: 'a\u0000b', list: ['c\u0001', 2], nested: { k: 'd\u001b[1me' }, at, n: null })).toEqual({ title: 'ab', list: ['c', 2], nested: { k: 'de' }, at, n: null });
  });
});
