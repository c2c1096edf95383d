import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../adapters/console/console-chat.ts';
import { renderPlain } from '../../adapters/console/render-plain.ts';
import { createHarness } from '../helpers/harness.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dbFile = path.join(os.tmpdir(), `clawchat-console-${randomUUID()}.db`);
afterAll(() => { for (const s of ['', '-wal', '-shm']) rmSync(dbFile + s, { force: true }); });

describe('the terminal chat', () => {
  it('`npm start` with piped input prints the created todo and the list containing it, then exits 0', () => {
    const run = spawnSync('npm', ['start', '--silent'], {
      cwd: root, input: '/todo buy milk\n/todos\n', encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, DATABASE_URL: `file:${dbFile}`, TELEGRAM_BOT_TOKEN: '', DISCORD_BOT_TOKEN: '', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Added todo: buy milk');
    expect(run.stdout).toMatch(/Your todos\n\s+1\. buy milk/);
  });

  it('a bad setting stops start-up with a message naming the variable', () => {
    const run = spawnSync('npm', ['start', '--silent'], {
      cwd: root, input: '', encoding: 'utf8', timeout: 60_000, env: { ...process.env, DEFAULT_TIMEZONE: 'Mars/Olympus' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DEFAULT_TIMEZONE');
  });

  it('reads lines until end of input and answers each in order, Urdu included', async () => {
    const h = await createHarness();
    try {
      const out = new PassThrough();
      let printed = '';
      out.on('data', (d) => { printed += String(d); });
      await runConsoleChat({ handler: h.app.orchestrator, input: Readable.from(['/todo call the plumber\n', '/todos\n', '/search دودھ\n', '\n']), output: out, interactive: false });
      const lines = printed.split('\n');
      expect(lines[0]).toBe('Added todo: call the plumber');
      expect(printed).toContain('1. call the plumber');
      expect(printed).toContain('"دودھ" کے لیے کچھ نہیں ملا۔');
      expect(printed.trim().endsWith('I got an empty message. Send /help to see what I can do.')).toBe(true);
    } finally {
      await h.cleanup();
    }
  });

  it('renders cards as plain lines', () => {
    expect(renderPlain({ text: 'Your todos', card: { type: 'list', title: 'Your todos', page: 1, pages: 2, items: [
      { kind: 'todo', id: 1, position: 1, title: 'a', details: ['due Sat', 'high priority'] },
      { kind: 'todo', id: 2, position: 2, title: 'b', details: [], done: true },
    ] } })).toBe('Your todos\n  1. a — due Sat · high priority\n  2. ✔ b\n  (1/2)');
    expect(renderPlain({ text: 'No events.', card: { type: 'list', title: 'Events', items: [], emptyText: 'No events.' } })).toBe('No events.');
  });
});
