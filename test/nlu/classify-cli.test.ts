import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURE_VERSION } from '../../src/nlu/intent-model/features.ts';
import { THRESHOLDS } from '../../src/nlu/intent-decision.ts';

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
    expect(lines[3]).toEqual({ text: 'remind me at 3pm to move the car', intent: 'create_reminder', params: { text: 'move the car', at: '2026-11-21T15:00:00+05:00' }, confidence: expect.any(Number) });
    for (const l of lines) expect(l.confidence).toBeGreaterThanOrEqual(0);
    for (const l of lines) expect(l.confidence).toBeLessThanOrEqual(1);
    // A slash command is certain.
    expect(lines[1].confidence).toBe(1);
  });

  it('says "clarify" with the readings it would offer where the app would ask before writing', () => {
    // A model that reads "frobnicate …" as a todo 45% (between the asking and the acting bar), chat
    // 30%, a list 25%; anything else (no known word) as chat 60%.
    expect(THRESHOLDS.ask).toBeLessThan(0.45);
    expect(THRESHOLDS.act).toBeGreaterThan(0.45);
    const dir = mkdtempSync(join(tmpdir(), 'clawchat-model-'));
    const file = join(dir, 'unsure.json');
    const w = [Math.log(9), 0, Math.log(5 / 3)];
    writeFileSync(file, JSON.stringify({
      format: 'clawchat-intent-lr', featureVersion: FEATURE_VERSION, classes: ['create_todo', 'general_chat', 'list_todos'], features: ['w:frobnicate'],
      bias: [Math.log(0.1), Math.log(0.6), Math.log(0.3)], scale: [w[0]! / 127, 1, w[2]! / 127], weights: Buffer.from(Int8Array.from([127, 0, 127]).buffer).toString('base64'),
    }));
    const r = run(['--now', '2026-11-21T10:00:00+05:00', '--tz', 'Asia/Karachi'], 'frobnicate the widgets\nhello\n', { NLU_MODEL_FILE: file });
    expect(r.status).toBe(0);
    const [unsure, hello] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(unsure).toMatchObject({ intent: 'clarify', params: {}, options: [{ intent: 'create_todo', params: { title: 'frobnicate the widgets' } }, { intent: 'list_todos', params: {} }, { intent: 'general_chat', params: {} }] });
    expect(unsure.confidence).toBeCloseTo(0.45, 2);
    expect(hello.intent).toBe('general_chat');
  });

  it('a missing NLU_MODEL_FILE stops it with exit 2, naming the variable', () => {
    const r = run(['--now', '2026-11-21T10:00:00Z'], 'hi\n', { NLU_MODEL_FILE: '/nonexistent/model.json' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('NLU_MODEL_FILE');
    expect(r.stdout).toBe('');
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
