/**
 * The `pick:<token>:<n>` button of the "Did you mean…?" question: round-trips through buttonData and
 * parseButton, and hostile data (wrong shape, odd characters, long tokens, non-digit choices, more
 * than 64 bytes) is refused before anything looks at it.
 */
import { describe, expect, it } from 'vitest';
import { buttonData, parseButton } from '../../src/tools/buttons.ts';

describe('pick buttons', () => {
  it('round-trips', () => {
    const data = buttonData({ verb: 'pick', token: 'Ab3_-x9Q', choice: 2 });
    expect(data).toBe('pick:Ab3_-x9Q:2');
    expect(parseButton(data)).toEqual({ verb: 'pick', token: 'Ab3_-x9Q', choice: 2 });
    expect(parseButton('pick:Ab3_-x9Q:0')).toEqual({ verb: 'pick', token: 'Ab3_-x9Q', choice: 0 });
  });

  it('refuses hostile or malformed data', () => {
    for (const data of [
      'pick', 'pick:', 'pick::1', 'pick:Ab3_-x9Q', 'pick:Ab3_-x9Q:', 'pick:Ab3_-x9Q:10', 'pick:Ab3_-x9Q:-1', 'pick:Ab3_-x9Q:1.0',
      'pick:Ab3_-x9Q: 1', 'pick:Ab3_-x9Q:1e0', 'pick:Ab3_-x9Q:0x1', 'pick:Ab3_-x9Q:١', 'pick:Ab3_-x9Q:1:extra',
      'pick:short:1', 'pick:' + 'A'.repeat(17) + ':1', 'pick:Ab3 x9Q:1', 'pick:Ab3/x9Q:1', 'pick:Ab3.x9Q:1', 'pick:ابپتٹثجچ:1',
      'pick:Ab3_-x9Q:1\n', 'PICK:Ab3_-x9Q:1', 'pick:__proto__:1'.replace('__proto__', '__proto__'.repeat(8)),
      'pick:Ab3_-x9Q:1' + ' '.repeat(60),
    ]) expect(parseButton(data), data).toBeNull();
  });
});
