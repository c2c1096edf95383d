import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readEnvironment } from '../../src/config.ts';
import { readEnvFile } from '../../src/env-file.ts';

const dirs: string[] = [];
function dirWith(dotenv?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clawchat-envfile-'));
  dirs.push(dir);
  if (dotenv !== undefined) writeFileSync(path.join(dir, '.env'), dotenv);
  return dir;
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('.env file', () => {
  it('reads Node\'s syntax: comments, export, quotes, multi-line values, CRLF and a BOM', () => {
    const env = readEnvFile(dirWith('\uFEFF# a comment\r\nexport DEFAULT_TIMEZONE=Asia/Karachi\r\nOPENAI_MODEL="gpt 4" # trailing\nNOTES="line one\nline two"\n\nEMPTY=\n'));
    expect(env.problems).toEqual([]);
    expect(env.values).toMatchObject({ DEFAULT_TIMEZONE: 'Asia/Karachi', OPENAI_MODEL: 'gpt 4', NOTES: 'line one\nline two', EMPTY: '' });
  });

  it('no file is no problem; an unreadable one is', () => {
    expect(readEnvFile(dirWith())).toEqual({ file: undefined, values: {}, problems: [] });
    const dir = dirWith();
    mkdirSync(path.join(dir, '.env'));
    expect(readEnvFile(dir).problems).toEqual(['.env: could not be read (EISDIR)']);
  });

  it('the real environment wins, and a bad value from the file says where it came from', () => {
    const dir = dirWith('DEFAULT_TIMEZONE=Mars/Base\nACCESS_MODE=closed\n');
    expect(loadConfig(readEnvironment({ DEFAULT_TIMEZONE: 'Europe/London', ACCESS_MODE: 'open' }, dir)).DEFAULT_TIMEZONE).toBe('Europe/London');
    try {
      loadConfig(readEnvironment({ ACCESS_MODE: 'closed' }, dir));
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        'DEFAULT_TIMEZONE (set in .env): must be an IANA time zone such as Asia/Karachi or Europe/London (got "Mars/Base")',
        'ACCESS_MODE: must be "open" or "allowlist" (got "closed")',
      ]);
    }
  });
});
