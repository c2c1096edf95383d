import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMessage } from '../src/nlu/index.ts';
import { CommandCatalog } from '../src/orchestrator/command-catalog.ts';
import { ToolRegistry } from '../src/tools/registry.ts';
import { summarize } from './stats.ts';

/** Offline parser latency per message, over the shared dev cases (repeated), after a warm-up. */
export function runNluBench(rounds = 20): string[] {
  const file = path.resolve(import.meta.dirname, '../../shared/nlu/dev.jsonl');
  let cases: { text: string; now: string; tz: string }[];
  try {
    cases = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    cases = [{ text: 'remind me to call mom tomorrow at 5pm', now: '2026-11-21T10:00:00+05:00', tz: 'Asia/Karachi' }];
  }
  const commands = new CommandCatalog(new ToolRegistry()).slashTable();
  const prepared = cases.map((c) => ({ text: c.text, ctx: { now: new Date(c.now), timeZone: c.tz } }));
  for (const c of prepared) parseMessage(c.text, c.ctx, commands);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const c of prepared) {
      const t0 = performance.now();
      parseMessage(c.text, c.ctx, commands);
      samples.push(performance.now() - t0);
    }
  }
  return [`offline parser: ${prepared.length} dev messages × ${rounds}`, `  latency ${summarize(samples).line}`];
}
