/**
 * Issue 13 point 11: settings come from `.env` in the working directory, as `.env.example` says,
 * with the real environment winning. Real processes (`adapters/launch.ts`, the MCP server and the
 * classify CLI) started in a temporary directory holding a `.env`: a token there starts the Telegram
 * bot against the fake Bot API, a real variable beats the file, and a bad value or a malformed line
 * stops start-up naming the variable or the line — never printing a secret.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegramServer } from '../fakes/fake-telegram.ts';
import { alice, plain, TOKEN } from '../telegram/harness.ts';

const root = path.resolve(import.meta.dirname, '../..');
// The temporary directory has no node_modules, so tsx is named by its full path.
const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs `entry` (relative to the repository) in `cwd` with only `env` (plus PATH and HOME) set. */
function start(entry: string, cwd: string, env: Record<string, string> = {}, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', tsx, path.join(root, entry), ...args], {
    cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => { out.stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out.stderr += d.toString(); });
  const done = new Promise<Run>((resolve) => child.once('exit', (code) => resolve({ code, ...out })));
  return { child, out, done };
}

describe('.env in the working directory', () => {
  const dirs: string[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  const workdir = (dotenv: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'clawchat-dotenv-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, '.env'), dotenv);
    return dir;
  };
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT from .env start the Telegram bot', async () => {
    const tg = new FakeTelegramServer({ token: TOKEN });
    const apiRoot = await tg.start();
    cleanups.push(() => tg.stop());
    const dir = workdir(`# from .env.example\nTELEGRAM_BOT_TOKEN=${TOKEN}\nTELEGRAM_API_ROOT="${apiRoot}"\nDATABASE_URL=file:./data/bot.db\nLOG_LEVEL=warn\n`);
    const run = start('adapters/launch.ts', dir);
    cleanups.push(() => { run.child.kill('SIGKILL'); });
    try {
      await tg.waitFor((c) => c.method === 'getUpdates' && c.params.timeout === 30, 20_000);
      tg.sendText({ chatId: alice.id, from: alice, text: '/todo read the dotenv' });
      const reply = await tg.waitForCall('sendMessage', (c) => !c.error, 1, 10_000);
      expect(plain(reply.params.text)).toContain('read the dotenv');
      expect(existsSync(path.join(dir, 'data/bot.db'))).toBe(true);
    } catch (error) {
      throw new Error(`${String(error)}\nchild stderr:\n${run.out.stderr}`);
    }
    run.child.kill('SIGTERM');
    expect((await run.done).code).toBe(0);
  }, 40_000);

  it('a real environment variable wins over .env', async () => {
    const dir = workdir('DATABASE_URL=file:./from-dotenv.db\nDEFAULT_TIMEZONE=Mars/Base\n');
    const run = start('adapters/launch.ts', dir, { DATABASE_URL: 'file:./from-env.db', DEFAULT_TIMEZONE: 'Asia/Karachi' });
    run.child.stdin.end('/todo water the plants\n');
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Added todo: water the plants');
    expect(existsSync(path.join(dir, 'from-env.db'))).toBe(true);
    expect(existsSync(path.join(dir, 'from-dotenv.db'))).toBe(false);
  }, 30_000);

  it('a bad DEFAULT_TIMEZONE in .env stops start-up naming it (npm start, npm run mcp, npm run classify)', async () => {
    const dir = workdir('DATABASE_URL=file:./x.db\nDEFAULT_TIMEZONE=Mars/Base\n');
    const runs = await Promise.all([
      start('adapters/launch.ts', dir).done,
      start('src/mcp/server.ts', dir).done,
      start('src/nlu/classify-cli.ts', dir).done,
    ]);
    for (const [i, r] of runs.entries()) {
      expect(r.code, `run ${i}: ${r.stderr}`).not.toBe(0);
      expect(r.stderr).toContain('DEFAULT_TIMEZONE (set in .env): must be an IANA time zone');
      expect(r.stdout).toBe('');
    }
    expect(existsSync(path.join(dir, 'x.db'))).toBe(false);
  }, 40_000);

  it('malformed lines are reported by number, without their content', async () => {
    const secret = '987654:AAsecretsecretsecretsecretsecretXX';
    const dir = workdir(`DATABASE_URL=file:./x.db\n\nTELEGRAM_BOT_TOKEN ${secret}\nthis is not a setting\nNOTES="never closed\n`);
    const result = await start('adapters/launch.ts', dir).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('.env line 3: expected NAME=value (the line starts with TELEGRAM_BOT_TOKEN but has no "=")');
    expect(result.stderr).toContain('.env line 4: expected NAME=value');
    expect(result.stderr).toContain('.env line 5: the value opened with " is never closed');
    expect(result.stderr).not.toContain(secret);
    expect(result.stderr).not.toContain('987654');
  }, 30_000);

  it('a bad TELEGRAM_WEBHOOK_SECRET (in .env or the environment) is refused by name, never printed', async () => {
    const fromFile = 'secret with spaces in dotenv!';
    const fromEnv = 'secret/with/slashes+plus';
    const dir = workdir(`TELEGRAM_WEBHOOK_SECRET="${fromFile}"\n`);
    const runs = await Promise.all([start('adapters/launch.ts', dir).done, start('adapters/launch.ts', dir, { TELEGRAM_WEBHOOK_SECRET: fromEnv }).done]);
    expect(runs[0]!.stderr).toContain('TELEGRAM_WEBHOOK_SECRET (set in .env): must be 1-256 characters');
    expect(runs[1]!.stderr).toMatch(/TELEGRAM_WEBHOOK_SECRET: must be 1-256 characters/);
    for (const r of runs) {
      expect(r.code).toBe(1);
      expect(r.stderr + r.stdout).not.toMatch(/spaces in dotenv|slashes/);
    }
  }, 30_000);
});
