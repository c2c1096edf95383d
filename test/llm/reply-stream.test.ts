import { describe, expect, it } from 'vitest';
import type { ConversationRef } from '../../src/core/inbound.ts';
import { ReplyStream, splitMessage } from '../../src/orchestrator/reply-stream.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { RecordingChannel } from './recording-channel.ts';

const dm: ConversationRef = { platform: 'telegram', chatId: '1', kind: 'dm' };
const group: ConversationRef = { platform: 'telegram', chatId: '-100', kind: 'group' };

function setup(caps: { maxMessageLength?: number; minEditIntervalDmMs?: number; minEditIntervalGroupMs?: number } = {}, conversation = dm) {
  const clock = new FakeClock();
  const channel = new RecordingChannel(clock, { minEditIntervalDmMs: 1_000, minEditIntervalGroupMs: 3_000, ...caps });
  const errors: unknown[] = [];
  const stream = new ReplyStream({ channel, conversation, clock, onWriteError: (e) => errors.push(e) });
  return { clock, channel, stream, errors };
}

/** Runs `finish` while moving fake time until it resolves. */
async function finishWith(clock: FakeClock, p: Promise<void>): Promise<void> {
  let done = false;
  void p.then(() => { done = true; });
  for (let i = 0; i < 1_000 && !done; i++) await clock.advance(100);
  await p;
}

describe('ReplyStream', () => {
  it('sends the first text at once, then edits no more often than the DM interval, and ends with the exact text', async () => {
    const { clock, channel, stream, errors } = setup();
    stream.start();
    stream.push('Hello');
    await clock.advance(0);
    expect(channel.sends).toHaveLength(1);
    expect(channel.sends[0]!.reply.text).toBe('Hello');
    for (let i = 0; i < 30; i++) {
      stream.push(` w${i}`);
      await clock.advance(100);
    }
    const times = channel.calls.map((c) => c.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1_000);
    await finishWith(clock, stream.finish());
    const expected = `Hello${Array.from({ length: 30 }, (_, i) => ` w${i}`).join('')}`;
    expect(channel.visible).toEqual([expected]);
    expect(channel.calls.length).toBeLessThanOrEqual(5);
    expect(errors).toEqual([]);
  });

  it('uses the longer group interval in groups', async () => {
    const { clock, channel, stream } = setup({}, group);
    stream.push('a');
    for (let i = 0; i < 60; i++) {
      stream.push('b');
      await clock.advance(100);
    }
    await finishWith(clock, stream.finish());
    const times = channel.calls.map((c) => c.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(3_000);
    expect(channel.visible).toEqual([`a${'b'.repeat(60)}`]);
  });

  it('never edits with unchanged text', async () => {
    const { clock, channel, stream, errors } = setup();
    stream.push('same');
    await clock.advance(2_000);
    await clock.advance(2_000);
    await finishWith(clock, stream.finish({ text: 'same' }));
    expect(channel.calls).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('splits at the maximum length on a word or line boundary and keeps every piece', async () => {
    const { clock, channel, stream, errors } = setup({ maxMessageLength: 50 });
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`);
    for (const w of words) {
      stream.push(`${w} `);
      await clock.advance(300);
    }
    stream.push('\nlast line');
    await finishWith(clock, stream.finish());
    const full = `${words.join(' ')} \nlast line`;
    expect(channel.visible.join('')).toBe(full);
    for (const text of channel.visible) {
      expect(text.length).toBeLessThanOrEqual(50);
      expect(text.endsWith(' ') || text.endsWith('\n') || text === channel.visible.at(-1)).toBe(true);
    }
    expect(channel.visible.length).toBeGreaterThan(4);
    expect(errors).toEqual([]);
  });

  it('waits out a retry-after from the platform on the clock instead of failing', async () => {
    const { clock, channel, stream } = setup();
    stream.push('one');
    await clock.advance(0);
    channel.fail({ op: 'edit', retryAfterMs: 5_000 });
    stream.push(' two');
    await clock.advance(1_000);
    expect(channel.edits).toHaveLength(0);
    await clock.advance(4_900);
    expect(channel.edits).toHaveLength(0);
    await clock.advance(200);
    expect(channel.edits).toHaveLength(1);
    await finishWith(clock, stream.finish({ text: 'one two three' }));
    expect(channel.visible).toEqual(['one two three']);
  });

  it('sends the final text as a new message when the platform refuses edits for good', async () => {
    const { clock, channel, stream } = setup();
    stream.push('partial');
    await clock.advance(0);
    channel.fail({ op: 'edit', permanent: true });
    stream.push(' answer');
    await clock.advance(1_500);
    await finishWith(clock, stream.finish());
    expect(channel.sends.map((s) => s.reply.text)).toEqual(['partial', 'partial answer']);
  });

  it('shows a placeholder when the first token is slow, then replaces it', async () => {
    const clock = new FakeClock();
    const channel = new RecordingChannel(clock, { minEditIntervalDmMs: 1_000 });
    const stream = new ReplyStream({ channel, conversation: dm, clock, placeholderAfterMs: 500, placeholder: '…' });
    stream.start();
    await clock.advance(600);
    expect(channel.sends.map((s) => s.reply.text)).toEqual(['…']);
    stream.push('Hi there');
    await finishWith(clock, stream.finish());
    expect(channel.visible).toEqual(['Hi there']);
  });

  it('puts the Stop button on the growing message and the final buttons on the finished one', async () => {
    const clock = new FakeClock();
    const channel = new RecordingChannel(clock, { minEditIntervalDmMs: 1_000 });
    const stream = new ReplyStream({ channel, conversation: dm, clock, streamingActions: [{ label: 'Stop', data: 'stop' }] });
    stream.push('Working');
    await clock.advance(0);
    expect(channel.sends[0]!.reply.actions?.map((a) => a.data)).toEqual(['stop']);
    await finishWith(clock, stream.finish({ text: 'Working', actions: [{ label: 'Undo', data: 'undo' }] }));
    expect(channel.calls.at(-1)!.reply.actions?.map((a) => a.data)).toEqual(['undo']);
  });

  it('needs at most 21 writes for a 20-second, 2,000-token answer at a 1-second interval', async () => {
    const { clock, channel, stream } = setup();
    let full = '';
    for (let i = 0; i < 2_000; i++) {
      const tok = i % 10 === 9 ? ' word.\n' : ' word';
      full += tok;
      stream.push(tok);
      await clock.advance(10);
    }
    await finishWith(clock, stream.finish());
    expect(channel.calls.length).toBeLessThanOrEqual(21);
    expect(channel.visible.join('')).toBe(full);
  });
});

describe('splitMessage', () => {
  it('joins back to the exact input and never splits a surrogate pair', () => {
    const text = '😀'.repeat(30);
    const parts = splitMessage(text, 7);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(7);
    for (const p of parts) expect(/^(?:😀)*$/u.test(p)).toBe(true);
  });
});
