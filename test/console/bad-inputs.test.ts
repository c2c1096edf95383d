/**
 * The shared bad-input table (test/helpers/bad-inputs.ts) through the terminal chat's real line
 * reader: one session, each case typed as the next line, the printed answer and the database
 * checked. The terminal has one local person, so the cases run one after another as that person.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../adapters/console/console-chat.ts';
import { BAD_INPUTS, expectStoredAsCase, storedSnapshot } from '../helpers/bad-inputs.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

let h: Harness;
let input: PassThrough;
let printed = '';
let session: Promise<void>;
beforeAll(async () => {
  h = await createHarness();
  input = new PassThrough();
  const output = new PassThrough();
  output.on('data', (d) => { printed += String(d); });
  session = runConsoleChat({ handler: h.app.orchestrator, input, output, interactive: false });
});
afterAll(async () => {
  input.end();
  await session;
  await h.cleanup();
});

/** What the terminal printed after `from`, once it matches `re` (or whatever it printed in 5 s). */
async function printedAfter(from: number, re: RegExp): Promise<string> {
  const until = Date.now() + 5_000;
  while (Date.now() < until && !re.test(printed.slice(from))) await new Promise((r) => setTimeout(r, 10));
  return printed.slice(from);
}

describe('terminal chat: issue 13 bad inputs', () => {
  it.each(BAD_INPUTS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await storedSnapshot(h.app.db);
    const from = printed.length;
    input.write(`${c.text}\n`);
    expect(await printedAfter(from, c.reply)).toMatch(c.reply);
    await expectStoredAsCase(h.app.db, c, before);
  });
});
