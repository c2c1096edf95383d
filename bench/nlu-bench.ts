import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseMessage } from '../src/nlu/index.ts';
import { IntentModel, MODEL_PATH, loadIntentModel, type IntentModelFile } from '../src/nlu/intent-model/model.ts';
import { CommandCatalog } from '../src/orchestrator/command-catalog.ts';
import { ToolRegistry } from '../src/tools/registry.ts';
import { summarize } from './stats.ts';

interface Case { text: string; now: string; tz: string }

/** The shared dev cases, and the external set's real requests (all of them, for variety of length and language). */
function messages(): Case[] {
  const shared = path.resolve(import.meta.dirname, '../../shared/nlu');
  const read = (file: string): Record<string, unknown>[] => readFileSync(path.join(shared, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  try {
    const dev = read('dev.jsonl').map((c) => ({ text: String(c.text), now: String(c.now), tz: String(c.tz) }));
    const external = read('external/dev.jsonl').map((c) => ({ text: String(c.text), now: '2026-11-21T10:00:00+00:00', tz: c.lang === 'en' ? 'Europe/London' : 'Asia/Karachi' }));
    return [...dev, ...external];
  } catch {
    return [{ text: 'remind me to call mom tomorrow at 5pm', now: '2026-11-21T10:00:00+05:00', tz: 'Asia/Karachi' }];
  }
}

/**
 * The offline parser (rules + intent model): the model's size, load time (read, parse and build,
 * best of 5 and the first) and memory; then latency per message over the shared dev cases and the
 * external set's real requests, after a warm-up.
 */
export function runNluBench(rounds = 3): string[] {
  const lines: string[] = [];
  const loads: number[] = [];
  const heapBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    loadIntentModel();
    loads.push(performance.now() - t0);
  }
  global.gc?.();
  const file = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as IntentModelFile;
  const kept = new IntentModel(file);
  const heapAfter = process.memoryUsage().heapUsed;
  lines.push(`offline parser: intent model ${(statSync(MODEL_PATH).size / 1024).toFixed(0)} KiB on disk, ${kept.classes.length} intents, ${file.features.length} features`);
  lines.push(`  model load (read + parse + build): first ${loads[0]!.toFixed(1)} ms, best of 5 ${Math.min(...loads).toFixed(1)} ms; heap +${((heapAfter - heapBefore) / 1048576).toFixed(1)} MiB for two copies (rough)`);
  const commands = new CommandCatalog(new ToolRegistry()).slashTable();
  const prepared = messages().map((c) => ({ text: c.text, ctx: { now: new Date(c.now), timeZone: c.tz } }));
  for (const c of prepared) parseMessage(c.text, c.ctx, commands);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const c of prepared) {
      const t0 = performance.now();
      parseMessage(c.text, c.ctx, commands);
      samples.push(performance.now() - t0);
    }
  }
  lines.push(`  latency per message (rules + model + decision), ${prepared.length} messages × ${rounds}: ${summarize(samples).line}`);
  const scoring: number[] = [];
  for (const c of prepared) {
    const t0 = performance.now();
    kept.scores(c.text);
    scoring.push(performance.now() - t0);
  }
  lines.push(`  model scoring alone: ${summarize(scoring).line}`);
  return lines;
}
