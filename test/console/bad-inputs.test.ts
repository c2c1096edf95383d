/**
 * The shared bad-input table (test/helpers/bad-inputs.ts) through the terminal chat's real line
 * reader: one session, each case typed as the next line, the printed answer and the database
 * checked. The terminal has one local person, so the cases run one after another as that person.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../adapters/console/console-chat.ts';
import { BAD_INPUTS, expectStoredAsCase, storedSnapshot } from '../helpers/bad-inputs.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

let h: Harness;
let input: PassThrough;
let output: PassThrough;
let printed = '';
let session: Promise<void>;
beforeAll(async () => {
  h = await createHarness();
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
 * What the terminal printed after `from`, once it matches `re`: checked as each piece of output
 * arrives, so nothing waits on a timer (the test's own timeout bounds an answer that never comes).
 */
function printedAfter(from: number, re: RegExp): Promise<string> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (!re.test(printed.slice(from))) return;
      output.off('data', check);
      resolve(printed.slice(from));
    };
    output.on('data', check); // after the listener that appends to `printed`
    check();
  });
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

describe('terminal chat: issue 13 bad inputs through a real `npm start` process', () => {
  it('every case piped on stdin (raw NUL and escape bytes included) is answered, in order, and exits 0', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const dbFile = path.join(os.tmpdir(), `clawchat-console-bad-${randomUUID()}.db`);
    try {
      const run = spawnSync('npm', ['start', '--silent'], {
        cwd: root, input: BAD_INPUTS.map((c) => `${c.text}\n`).join(''), encoding: 'utf8', timeout: 60_000,
        env: { ...process.env, DATABASE_URL: `file:${dbFile}`, TELEGRAM_BOT_TOKEN: '', DISCORD_BOT_TOKEN: '', OPENAI_API_KEY: '', OPENAI_BASE_URL: '', RATE_LIMIT_PER_MINUTE: '1000' },
      });
      expect(run.status, run.stderr).toBe(0);
      let from = 0;
      for (const c of BAD_INPUTS) {
        const rest = run.stdout.slice(from);
        const m = c.reply.exec(rest);
        expect(m, `${c.name}: no matching answer after offset ${from} in:\n${rest}`).not.toBeNull();
        from += m!.index + m![0].length;
      }
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
    }
  }, 60_000);
});
