/**
 * "Did you mean…?" in the terminal chat, through its real line reader: the terminal has no buttons,
 * so the question lists the readings numbered and the next line, a number ("2", "۲", "first"),
 * picks one. Nothing is written until then; the "None" number, moving on, a number after the
 * question expired or was already answered change nothing for the question.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../adapters/console/console-chat.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { todoOrReminder, unsureAbout } from '../helpers/unsure-classifier.ts';

// The harness starts at 10:00 in Karachi; the reminder readings are for 17:00 there.
const AT = '2026-11-21T12:00:00.000Z';

let h: Harness;
let input: PassThrough;
let output: PassThrough;
let printed = '';
let session: Promise<void>;
beforeAll(async () => {
  const classifier = unsureAbout(Object.fromEntries(['milk', 'eggs', 'bread', 'juice', 'rice', 'tea'].map((w) => [w, todoOrReminder(`buy ${w}`, AT)])));
  h = await createHarness({}, undefined, { classifier });
  input = new PassThrough();
  output = new PassThrough();
  output.on('data', (d) => { printed += String(d); });
  session = runConsoleChat({ handler: h.app.orchestrator, input, output, interactive: false });
});
afterAll(async () => {
  input.end();
  await session;
  await h.cleanup();
});

/**
 * Types a line and resolves with what the terminal printed for it: checked as each piece of output
 * arrives (the answer is complete once the terminal ends it with a newline), never on a timer.
 */
function type(line: string): Promise<string> {
  const from = printed.length;
  return new Promise((resolve) => {
    const check = (): void => {
      const out = printed.slice(from);
      if (!out.endsWith('\n') || out.trim() === '') return;
      output.off('data', check);
      resolve(out.trimEnd());
    };
    output.on('data', check); // after the listener that appends to `printed`
    input.write(`${line}\n`);
  });
}
const todos = (title: string) => h.app.db.todo.count({ where: { title } });
const reminders = (text: string) => h.app.db.reminder.count({ where: { text } });

describe('terminal chat: the Did you mean…? question', () => {
  it('lists the readings numbered, shows no button data and writes nothing', async () => {
    expect(await type('milk')).toBe('Did you mean…\n1. Add todo: buy milk\n2. Remind me at 17:00: buy milk\n3. Just chatting\n4. None of these\nReply with its number.');
    expect(printed).not.toMatch(/pick:/);
    expect(await todos('buy milk')).toBe(0);
    expect(await reminders('buy milk')).toBe(0);
  });

  it('the number picks that reading and runs it', async () => {
    expect(await type('2')).toMatch(/buy milk/);
    expect(await reminders('buy milk')).toBe(1);
    expect(await todos('buy milk')).toBe(0);
    // The question is answered: the same number again is no second pick.
    await type('2');
    expect(await reminders('buy milk')).toBe(1);
  });

  it('Urdu digits and ordinals pick too', async () => {
    await type('eggs');
    expect(await type('۱')).toMatch(/buy eggs/);
    expect(await todos('buy eggs')).toBe(1);
    await type('tea');
    expect(await type('first')).toMatch(/^Added todo: buy tea/);
    expect(await todos('buy tea')).toBe(1);
  });

  it('the "None" number changes nothing', async () => {
    await type('bread');
    expect(await type('4')).toBe('OK, nothing changed.');
    expect(await todos('buy bread')).toBe(0);
    expect(await reminders('buy bread')).toBe(0);
  });

  it('writing something else drops the question and handles the new message', async () => {
    await type('juice');
    expect(await type('/todo water the plants')).toMatch(/^Added todo: water the plants/);
    await type('1');
    expect(await todos('buy juice')).toBe(0);
    expect(await reminders('buy juice')).toBe(0);
    expect(await todos('water the plants')).toBe(1);
  });

  it('a number after the question expired does nothing for it', async () => {
    await type('rice');
    h.clock.advance(6 * 60_000);
    expect(await type('1')).not.toMatch(/buy rice/);
    expect(await todos('buy rice')).toBe(0);
    expect(await reminders('buy rice')).toBe(0);
  });
});
