/**
 * `/import <path>` in the terminal chat reads this machine's disk, so the name is not trusted:
 * a missing path, a directory, a device such as /dev/zero and a file that cannot be opened each get
 * their own reply (not "attach a file"), and no more than the size cap (+1 byte) is ever read.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../src/calendar/calendar-builtins.ts';
import { readLocalFile } from '../../src/calendar/local-file.ts';
import { createHarness, type Harness, type Speaker } from '../helpers/harness.ts';

const me: Speaker = { platform: 'console', user: 'local', name: 'Me' };
let h: Harness;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clawchat-import-'));
  h = await createHarness();
});
afterEach(async () => {
  await h.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('terminal /import of a local path', () => {
  it('/import /dev/zero is refused as not a file at once, without reading it', async () => {
    const heapBefore = process.memoryUsage().rss;
    const started = performance.now();
    const reply = await h.say('/import /dev/zero', me);
    expect(reply?.text).toMatch(/\/dev\/zero is not a file/);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(50 * 1024 * 1024);
    // The reader itself never touches a device.
    expect(await readLocalFile('/dev/zero', MAX_IMPORT_BYTES)).toEqual({ ok: false, problem: 'notAFile' });
  });

  it('a path that does not exist says so instead of asking to attach a file', async () => {
    const reply = await h.say('/import /nonexistent.ics', me);
    expect(reply?.text).toBe('There is no file at /nonexistent.ics. Check the path (in the terminal: /import path/to/file.ics).');
    expect(reply?.text).not.toMatch(/Attach/);
  });

  it('a directory and an unopenable path each get their own reply', async () => {
    expect((await h.say(`/import ${dir}`, me))?.text).toMatch(/is not a file \(a folder or a device\)/);
    const loop = path.join(dir, 'loop.ics');
    await symlink(loop, loop); // stat fails with ELOOP: it is there, but cannot be opened
    expect((await h.say(`/import ${loop}`, me))?.text).toMatch(/could not open .*loop\.ics.*cannot be read/);
  });

  it('replies in Urdu for an Urdu speaker', async () => {
    await h.say('/language ur', me);
    expect((await h.say('/import /nonexistent.ics', me))?.text).toMatch(/کوئی فائل نہیں/);
  });

  it('a file over the cap is refused as too big; the reader reads at most cap + 1 bytes', async () => {
    const big = path.join(dir, 'big.ics');
    await writeFile(big, Buffer.alloc(MAX_IMPORT_BYTES + 10, 65));
    expect((await h.say(`/import ${big}`, me))?.text).toMatch(/too big/);
    const exact = path.join(dir, 'exact.ics');
    await writeFile(exact, Buffer.alloc(1_000, 65));
    expect(await readLocalFile(exact, 999)).toEqual({ ok: false, problem: 'tooBig' });
    expect(await readLocalFile(exact, 1_000)).toMatchObject({ ok: true, name: 'exact.ics' });
  });
});

describe('the real terminal chat process', () => {
  it('answers /import /dev/zero and /import /nonexistent.ics at once, without reading the device (peak memory measured)', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const dbFile = path.join(os.tmpdir(), `clawchat-import-${randomUUID()}.db`);
    // GNU time reports the process's peak resident memory; the old code read ~744 MB of zeros here.
    const timed = existsSync('/usr/bin/time');
    const [command, ...args] = [...(timed ? ['/usr/bin/time', '-f', 'maxrss=%M'] : []), process.execPath, '--import', 'tsx', 'adapters/launch.ts'];
    try {
      const run = spawnSync(command!, args, {
        cwd: root, input: '/import /dev/zero\n/import /nonexistent.ics\n', encoding: 'utf8', timeout: 60_000,
        env: { ...process.env, DATABASE_URL: `file:${dbFile}`, TELEGRAM_BOT_TOKEN: '', DISCORD_BOT_TOKEN: '', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' },
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('/dev/zero is not a file (a folder or a device).');
      expect(run.stdout).toContain('There is no file at /nonexistent.ics.');
      if (timed) {
        const peakKb = Number(/maxrss=(\d+)/.exec(run.stderr)?.[1]);
        expect(peakKb).toBeGreaterThan(0);
        expect(peakKb).toBeLessThan(500_000);
      }
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
    }
  }, 70_000);
});
