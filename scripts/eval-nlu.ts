/**
 * `npm run eval:nlu [-- --split held|tune] [--model FILE]`: the parser's figures on rows it was not
 * trained on. Writes the split's external rows and dev cases to a temporary folder, then runs the
 * steering folder's own scorers on them: `../shared/nlu/external/score.mjs --data …` (intent accuracy
 * per source, out-of-scope kept as chat, unwanted writes) and `../shared/nlu/eval.mjs` (dev cases,
 * fully correct). `--split tune` with `--model` is how the decision thresholds were chosen; the
 * default reports the held-out split with the committed model.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRows } from './nlu/data.ts';
import { scorerUnwanted, unwantedWrite, type ScoredRow } from './nlu/unwanted-write.ts';

const args = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const split = value('split') ?? 'held';
if (split !== 'held' && split !== 'tune') throw new Error('--split must be held or tune');
const model = value('model');
const projectDir = fileURLToPath(new URL('..', import.meta.url));
const shared = resolve(projectDir, '../shared');
const rows = loadRows(projectDir).filter((r) => (split === 'held' ? r.held : r.tune));
const dir = mkdtempSync(join(tmpdir(), 'clawchat-nlu-eval-'));
const external = rows.filter((r) => r.source === 'slurp' || r.source === 'hinglish-top');
const dev = rows.filter((r) => r.source === 'dev');
writeFileSync(join(dir, 'external.jsonl'), external.map((r) => JSON.stringify(r.raw)).join('\n') + '\n');
writeFileSync(join(dir, 'dev.jsonl'), dev.map((r) => JSON.stringify(r.raw)).join('\n') + '\n');
const env = { ...process.env, ...(model && { NLU_MODEL_FILE: resolve(model) }) };

console.log(`# ${split === 'held' ? 'Held-out' : 'Tuning'} split: ${external.length} external rows, ${dev.length} dev cases${model ? ` (model ${model})` : ''}\n`);
const score = spawnSync('node', [join(shared, 'nlu/external/score.mjs'), '--project', projectDir, '--data', join(dir, 'external.jsonl'),
  '--json', join(dir, 'summary.json'), '--preds', join(dir, 'preds.jsonl'), ...args.filter((a) => a === '--verbose')], { env, encoding: 'utf8' });
const out = score.stdout ?? '';
console.log(args.includes('--verbose') ? out : out.split('\n\nIncomplete')[0]);
if (score.status !== 0) console.error(score.stderr);

const preds = readFileSync(join(dir, 'preds.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ScoredRow & { ok: boolean | null; text: string });
const notAsked = preds.filter((p) => p.group === 'oos' || p.group === 'near');
const unwanted = notAsked.filter(scorerUnwanted);
const unwantedReal = notAsked.filter(unwantedWrite);
const clarified = preds.filter((p) => p.got === 'clarify');
console.log(`\nUnwanted writes (scorer's count): ${unwanted.length}/${notAsked.length} = ${(100 * unwanted.length / notAsked.length).toFixed(2)}%`);
console.log(`Unwanted writes, not counting update_reminder on requests to change a reminder or alarm: ${unwantedReal.length}/${notAsked.length} = ${(100 * unwantedReal.length / notAsked.length).toFixed(2)}%`);
console.log(`Asked before acting (intent "clarify"): ${clarified.length}/${preds.length} (core ${clarified.filter((p) => p.group === 'core').length}, oos ${clarified.filter((p) => p.group === 'oos').length}, near ${clarified.filter((p) => p.group === 'near').length})`);
if (args.includes('--failures')) {
  for (const p of preds.filter((p) => p.ok === false)) console.log(`  ${String(p.group).padEnd(5)} ${String(p.src_intent).padEnd(26)} ${String(p.got).padEnd(16)} ${String(p.text).slice(0, 90)}`);
}

const devRun = spawnSync('node', [join(shared, 'nlu/eval.mjs'), join(dir, 'dev.jsonl')], { env, cwd: projectDir, encoding: 'utf8' });
const devOut = (devRun.stdout ?? '').trim().split('\n');
console.log(`\n# Dev cases of the split (${dev.length}):\n${devOut.slice(-6).join('\n')}`);
