import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = fileURLToPath(new URL('../../src/nlu/classify-cli.ts', import.meta.url));

function run(args: string[], input: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root, input, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env },
  });
}

describe('classify CLI', () => {
  it('prints one JSON line per input line, in order', () => {
    const r = run(['--now', '2026-11-21T10:00:00+05:00', '--tz', 'Asia/Karachi'], 'hi there!\n/done 4\n\nremind me at 3pm to move the car\n');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.intent)).toEqual(['general_chat', 'complete_todo', 'general_chat', 'create_reminder']);
    expect(lines[3]).toEqual({ text: 'remind me at 3pm to move the car', intent: 'create_reminder', params: { text: 'move the car', at: '2026-11-21T15:00:00+05:00' } });
  });

  it('rejects an unknown --tz with exit 2 and names the flag', () => {
    const r = run(['--now', '2026-11-21T10:00:00+05:00', '--tz', 'Mars/Olympus'], 'hi\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--tz');
    expect(r.stdout).toBe('');
  });

  it('rejects a bad --now with exit 2 and names the flag', () => {
    const r = run(['--now', 'yesterday-ish', '--tz', 'UTC'], 'hi\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--now');
  });

  it('defaults the zone to DEFAULT_TIMEZONE', () => {
    const r = run(['--now', '2026-11-21T10:00:00Z'], 'remind me tomorrow at 9am to call mom\n', { DEFAULT_TIMEZONE: 'Asia/Dubai' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).params.at).toBe('2026-11-22T09:00:00+04:00');
  });
});
