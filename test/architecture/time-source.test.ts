/**
 * Time is injected (ARCHITECTURE.md rule 6): everything in src/ and adapters/ reads the time and
 * starts timers through a Clock, so tests move a fake clock instead of sleeping. This test finds
 * the ways around it. performance.now() stays allowed: it measures durations for logs and metrics
 * and decides nothing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Real time and real timers, outside a Clock. */
const FORBIDDEN: { name: string; pattern: RegExp }[] = [
  { name: 'Date.now()', pattern: /\bDate\.now\s*\(/ },
  { name: 'new Date() (the current time)', pattern: /\bnew Date\s*\(\s*\)/ },
  { name: 'a real timer', pattern: /(?<![\w.])(setTimeout|setInterval|clearTimeout|clearInterval)\s*\(|globalThis\.(setTimeout|setInterval)/ },
  { name: 'AbortSignal.timeout (a real timer)', pattern: /\bAbortSignal\.timeout\s*\(/ },
  { name: 'node:timers', pattern: /['"](node:)?timers(\/promises)?['"]/ },
];

/** Files that may use what FORBIDDEN names, each with its reason. Keep it short. */
const ALLOWED: Record<string, string> = {
  'src/core/clock.ts': 'systemClock is the one real clock everything else is handed',
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'generated' || name === 'node_modules') return [];
    return statSync(full).isDirectory() ? tsFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** The code of a file with comments blanked out (doc comments may name what they avoid). */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

describe('time comes from the injected Clock', () => {
  it('src/ and adapters/ read no real time and start no real timer outside the allow-list', () => {
    const offenders = ['src', 'adapters'].flatMap((dir) => tsFiles(path.join(root, dir))).flatMap((file) => {
      const rel = path.relative(root, file).split(path.sep).join('/');
      if (rel in ALLOWED) return [];
      return code(readFileSync(file, 'utf8')).split('\n').flatMap((line, i) =>
        FORBIDDEN.filter((f) => f.pattern.test(line)).map((f) => `${rel}:${i + 1} uses ${f.name}: ${line.trim()}`));
    });
    expect(offenders).toEqual([]);
  });

  it('the allow-list names only files that still need it', () => {
    const stale = Object.keys(ALLOWED).filter((rel) => {
      const text = code(readFileSync(path.join(root, rel), 'utf8'));
      return !FORBIDDEN.some((f) => f.pattern.test(text));
    });
    expect(stale).toEqual([]);
  });
});
