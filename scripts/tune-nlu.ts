/**
 * `npx tsx scripts/tune-nlu.ts`: how the decision thresholds (src/nlu/intent-decision.ts) were
 * chosen. Trains a model without the tuning split (`npm run train:nlu -- --tuning`), then parses the
 * tuning split's real requests under a grid of thresholds and prints, for each setting, core accuracy
 * per source, out-of-scope kept as chat, unwanted writes and questions asked. The held-out split is
 * never read here. The accepted intents per row come from the steering scorer (`--preds`).
 * `--grid` tries the grid below; without it only the current thresholds are measured.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRows } from './nlu/data.ts';
import { unwantedWrite } from './nlu/unwanted-write.ts';
import { parseMessage } from '../src/nlu/parse-message.ts';
import { loadIntentModel } from '../src/nlu/intent-model/model.ts';
import { THRESHOLDS, type Thresholds } from '../src/nlu/intent-decision.ts';
import { CommandCatalog } from '../src/orchestrator/command-catalog.ts';
import { ToolRegistry } from '../src/tools/registry.ts';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const shared = resolve(projectDir, '../shared');
const dir = mkdtempSync(join(tmpdir(), 'clawchat-nlu-tune-'));
const modelFile = join(dir, 'tune-model.json');
// Extra training options after `--` (e.g. `-- --class-weight 0.5`) try other models on the same split.
const extra = process.argv.includes('--') ? process.argv.slice(process.argv.indexOf('--') + 1) : [];
spawnSync('npx', ['tsx', join(projectDir, 'scripts/train-nlu.ts'), '--tuning', '--quiet', '--out', modelFile, ...extra], { stdio: 'inherit', cwd: projectDir });
loadIntentModel(modelFile);

const rows = loadRows(projectDir).filter((r) => r.tune && (r.source === 'slurp' || r.source === 'hinglish-top'));
writeFileSync(join(dir, 'tune.jsonl'), rows.map((r) => JSON.stringify(r.raw)).join('\n') + '\n');
spawnSync('node', [join(shared, 'nlu/external/score.mjs'), '--project', projectDir, '--data', join(dir, 'tune.jsonl'), '--preds', join(dir, 'preds.jsonl')],
  { env: { ...process.env, NLU_MODEL_FILE: modelFile }, encoding: 'utf8' });
const accept = new Map(readFileSync(join(dir, 'preds.jsonl'), 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; group: string; accept: string[] }).map((p) => [p.id, p]));
const commands = new CommandCatalog(new ToolRegistry()).slashTable();
const ctx = { en: { now: new Date('2026-11-21T10:00:00Z'), timeZone: 'Europe/London' }, 'roman-ur': { now: new Date('2026-11-21T05:00:00Z'), timeZone: 'Asia/Karachi' } };

function measure(t: Thresholds): string {
  const cell = new Map<string, { n: number; ok: number }>();
  let unwanted = 0, notAsked = 0, asked = 0;
  const add = (k: string, ok: boolean) => { const c = cell.get(k) ?? { n: 0, ok: 0 }; c.n++; if (ok) c.ok++; cell.set(k, c); };
  for (const r of rows) {
    const a = accept.get(r.id);
    if (!a || a.group === 'unmapped') continue;
    const out = parseMessage(r.text, ctx[r.lang as 'en'] ?? ctx.en, commands, t);
    const got = out.clarify ? 'clarify' : out.intent;
    if (got === 'clarify') asked++;
    const ok = a.accept.includes(got);
    if (a.group === 'core') add(`core ${r.source === 'slurp' ? 'slurp' : r.lang}`, ok);
    if (a.group === 'oos') add('oos', ok);
    if (a.group !== 'core') {
      notAsked++;
      // See scripts/nlu/unwanted-write.ts.
      if (unwantedWrite({ group: a.group, src_intent: String((r.raw as { src_intent: string }).src_intent), accept: a.accept, got })) unwanted++;
    }
  }
  const pct = (k: string) => { const c = cell.get(k)!; return `${(100 * c.ok / c.n).toFixed(1)}%`; };
  return `core slurp ${pct('core slurp')}  core en ${pct('core en')}  core roman ${pct('core roman-ur')}  oos ${pct('oos')}  unwanted ${(100 * unwanted / notAsked).toFixed(2)}%  asked ${asked}`;
}

console.log(`current ${JSON.stringify(THRESHOLDS)}\n  ${measure(THRESHOLDS)}`);
const grid: Array<Partial<Thresholds>> = [];
for (const act of [0.5, 0.6]) for (const ask of [0.4, 0.5]) for (const veto of [0.6, 0.7, 0.8]) for (const doubt of [0.5, 0.6, 0.7]) for (const vetoExplicit of [0.7, 0.8, 0.9, 0.97]) {
  if (ask < act && doubt <= veto) grid.push({ act, ask, veto, doubt, vetoExplicit });
}
if (!process.argv.includes('--grid')) grid.length = 0;
for (const g of grid) {
  const t = { ...THRESHOLDS, ...g };
  console.log(`${JSON.stringify(g)}\n  ${measure(t)}`);
}
