/**
 * Time is injected (ARCHITECTURE.md, rule 6): adapters wait only through the Clock, and tests move
 * a FakeClock instead of sleeping on real time or asserting wall-clock windows. Real timers are
 * allowed in test/fakes (servers on 127.0.0.1, the clock driver that lets real I/O run between fake
 * steps) and test/helpers; anywhere else a file must be on the allow-list below with its reason.
 * A listed file that no longer needs it fails too, so the list only shrinks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'generated' || name === 'node_modules') return [];
    return statSync(full).isDirectory() ? tsFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** A bare timer or sleep (not `clock.setTimeout`), real timers switched back on, or a wall-clock reading. */
const REAL_TIME_IN_TESTS = /(?<![.\w])(?:setTimeout|setInterval|sleep)\(|useRealTimers|Date\.now\(\)/;

/** The same in adapters, plus `new Date()`: an adapter reads and waits on time only through its Clock. */
const REAL_TIME_IN_ADAPTERS = /(?<![.\w])(?:setTimeout|setInterval)\(|Date\.now\(\)|new Date\(\)|performance\.now\(\)/;

const PROCESSES = 'runs the app as child processes and kills them: those run on real time, which the test must wait out';

/** Test files (relative to the repository) allowed real time, each with why. */
const ALLOWED: Record<string, string> = {
  'test/faults/delivery-processes.ts': PROCESSES,
  'test/faults/delivery-crash.test.ts': PROCESSES,
  'test/faults/delivery-platforms.test.ts': PROCESSES,
  'test/faults/delivery-unknown-outcome.test.ts': PROCESSES,
  'test/faults/inbound-webhook-kill.test.ts': PROCESSES,
  'test/faults/inbound-kill-burst.test.ts': PROCESSES,
  'test/faults/secrets-logs.test.ts': `${PROCESSES} (and reads what they print)`,
  'test/mcp/mcp-stdio.test.ts': 'the MCP server is a child process on the real clock; Date.now() only dates an event three days ahead of it',
  'test/fakes-selftest/fake-telegram.test.ts': 'proves the fake\'s real long polling (a held poll is woken, not timed out) on real time',
  'test/fakes-selftest/fake-discord.test.ts': 'proves the fake\'s real-time behaviour the discord.js client sees',
  'test/architecture/time-source.test.ts': 'names the real-time calls it forbids in src/ and adapters/ as patterns; it calls none of them',
  'test/db/transaction-isolation.test.ts': 'interleaves two real SQLite connections; the ticks order them, no time is asserted',
  'test/llm/model-failures.test.ts': 'the model client (src/llm/model-client.ts) times out on real timers and the OpenAI SDK\'s, so its timeouts take real time and its bounded total time is read on the wall clock; it moves off this list when the client takes the Clock',
};

const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');

/** Matching lines of a file, comments left out (a doc comment may name what it avoids). */
function hits(file: string, pattern: RegExp): string[] {
  return readFileSync(file, 'utf8').split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => !/^\s*(\*|\/\/|\/\*)/.test(line) && pattern.test(line.replace(/\/\/.*$/, '')))
    .map(({ line, n }) => `${rel(file)}:${n}: ${line.trim().slice(0, 120)}`);
}

describe('time is injected', () => {
  it('adapters read and wait on time only through the Clock', () => {
    expect(tsFiles(path.join(root, 'adapters')).flatMap((file) => hits(file, REAL_TIME_IN_ADAPTERS))).toEqual([]);
  });

  it('no test sleeps on real time or reads the wall clock, outside test/fakes, test/helpers and the allow-list', () => {
    const self = rel(import.meta.filename); // names the patterns it looks for
    const checked = tsFiles(path.join(root, 'test')).filter((file) => !/^test\/(fakes|helpers)\//.test(rel(file)) && rel(file) !== self);
    const offenders = checked.filter((file) => !(rel(file) in ALLOWED)).flatMap((file) => hits(file, REAL_TIME_IN_TESTS));
    expect(offenders).toEqual([]);
  });

  it('every allow-listed file still needs its exception (the list only shrinks) and has a reason', () => {
    const stale = Object.keys(ALLOWED).filter((file) => {
      const full = path.join(root, file);
      try {
        return hits(full, REAL_TIME_IN_TESTS).length === 0;
      } catch {
        return true; // gone
      }
    });
    expect(stale).toEqual([]);
    expect(Object.entries(ALLOWED).filter(([, reason]) => reason.trim().length < 20)).toEqual([]);
  });
});
