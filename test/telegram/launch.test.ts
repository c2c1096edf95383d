/**
 * `npm start` with TELEGRAM_BOT_TOKEN set, as a real child process: it polls the Bot API given by
 * TELEGRAM_API_ROOT, answers, and on SIGTERM finishes the reply in progress, confirms the polling
 * offset and exits 0.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegramServer } from '../fakes/fake-telegram.ts';
import { alice, plain, TOKEN } from './harness.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('launch with TELEGRAM_BOT_TOKEN', () => {
  const file = path.join(os.tmpdir(), `clawchat-launch-${randomUUID()}.db`);
  let tg: FakeTelegramServer | undefined;
  afterEach(async () => {
    await tg?.stop();
    await Promise.all(['', '-wal', '-shm'].map((s) => rm(file + s, { force: true })));
  });

  it('runs the bot and shuts down cleanly on SIGTERM', async () => {
    tg = new FakeTelegramServer({ token: TOKEN });
    const apiRoot = await tg.start();
    const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/launch.ts'], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: `file:${file}`, LOG_LEVEL: 'warn' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await tg.waitFor((c) => c.method === 'getUpdates' && c.params.timeout === 30, 15_000);
      expect(tg.commands.get('default|ur')?.length).toBeGreaterThan(5);
      tg.sendText({ chatId: alice.id, from: alice, text: '/todo check the launcher' });
      const reply = await tg.waitForCall('sendMessage', (c) => !c.error, 1, 10_000);
      expect(plain(reply.params.text)).toContain('check the launcher');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(tg.callsOf('getUpdates').at(-1)!.params).toMatchObject({ timeout: 0 });
      expect(tg.pendingUpdates).toHaveLength(0);
    } catch (error) {
      throw new Error(`${String(error)}\nchild stderr:\n${stderr}`);
    } finally {
      child.kill('SIGKILL');
    }
  }, 40_000);
});
