/**
 * `npm run train:nlu`: trains the offline parser's intent model from committed data and writes
 * src/nlu/intent-model/intent-model.json. Reproducible: same data, same seed, same file.
 *
 * Multinomial logistic regression (AdaGrad, L2) over the features of src/nlu/intent-model/features.ts,
 * trained on the 80% of rows outside the held-out split (scripts/nlu/data.ts) and on our own cases.
 * Options: --fold N/K, --epochs N, --l2 X, --lr X, --min-count N, --class-weight X, --seed N, --out FILE, --tuning, --quiet.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractFeatures, featureText, FEATURE_VERSION } from '../src/nlu/intent-model/features.ts';
import { IntentModel, softmax, type IntentModelFile } from '../src/nlu/intent-model/model.ts';
import { loadRows, splitKey, stableHash } from './nlu/data.ts';
import { parseMessage } from '../src/nlu/parse-message.ts';
import { RULES_ONLY } from '../src/nlu/intent-decision.ts';
import { CommandCatalog } from '../src/orchestrator/command-catalog.ts';
import { ToolRegistry } from '../src/tools/registry.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const EPOCHS = opt('epochs', 20);
const L2 = opt('l2', 1e-4);
const SEED = opt('seed', 7);
const LR = opt('lr', 0.5);
const MIN_COUNT = opt('min-count', 2);
/** Rare intents count more: each row weighs (largest class / its class)^CLASS_WEIGHT. */
const CLASS_WEIGHT = opt('class-weight', 0);
/** Each feature of a message counts 1/sqrt(its number of features), so long messages do not outvote short ones. */
const NORMALIZE = opt('normalize', 1) === 1;
const outArg = args.indexOf('--out');
const OUT = outArg >= 0 ? args[outArg + 1]! : fileURLToPath(new URL('../src/nlu/intent-model/intent-model.json', import.meta.url));
const quiet = args.includes('--quiet');
/** --tuning: leave the tuning split out too (the model the thresholds are chosen with). */
const tuning = args.includes('--tuning');
/** --fold N/K: leave out the Nth of K folds of the training rows (cross-validation while developing). */
const foldArg = args.indexOf('--fold') >= 0 ? args[args.indexOf('--fold') + 1]!.split('/').map(Number) : null;
const inFold = (id: string): boolean => foldArg !== null && stableHash(`fold:${splitKey(id)}`) % foldArg[1]! === foldArg[0];
const projectDir = fileURLToPath(new URL('..', import.meta.url));

/** mulberry32: a tiny seeded PRNG for the shuffles. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rows = loadRows(projectDir);
const heldTexts = new Set(rows.filter((r) => r.held || (tuning && r.tune)).map((r) => featureText(r.text)));
// A training row whose text is also a held-out row's (our cases sometimes repeat a dev sentence) is left out.
const train = rows.filter((r) => !r.held && !(tuning && r.tune) && !inFold(r.id) && r.label !== null && !heldTexts.has(featureText(r.text)));
const classes = [...new Set(train.map((r) => r.label!))].sort();
const classIndex = new Map(classes.map((c, i) => [c, i]));

const counts = new Map<string, number>();
// What the rules alone read each row as (no model consulted): the model learns how far to trust them.
const commands = new CommandCatalog(new ToolRegistry()).slashTable();
function ruleReading(r: { text: string; lang: string; raw: Record<string, unknown> }): string {
  const now = typeof r.raw.now === 'string' ? new Date(r.raw.now) : new Date(r.lang === 'en' ? '2026-11-21T10:00:00Z' : '2026-11-21T05:00:00Z');
  const timeZone = typeof r.raw.tz === 'string' ? r.raw.tz : r.lang === 'en' ? 'Europe/London' : 'Asia/Karachi';
  return parseMessage(r.text, { now, timeZone }, commands, RULES_ONLY).intent;
}
const docs = train.map((r) => extractFeatures(r.text, ruleReading(r)));
for (const fs of docs) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
const features = [...counts].filter(([, n]) => n >= MIN_COUNT).map(([f]) => f).sort();
const featureIndex = new Map(features.map((f, i) => [f, i]));
const X = docs.map((fs) => fs.map((f) => featureIndex.get(f)).filter((i): i is number => i !== undefined));
const Y = train.map((r) => classIndex.get(r.label!)!);
const V = docs.map((fs) => (NORMALIZE ? 1 / Math.sqrt(Math.max(fs.length, 1)) : 1));

const k = classes.length;
const perClass = classes.map((c) => Y.filter((y) => y === classIndex.get(c)).length);
const rowWeight = classes.map((_, c) => (Math.max(...perClass) / perClass[c]!) ** CLASS_WEIGHT);
const W = new Float64Array(features.length * k);
const G = new Float64Array(features.length * k).fill(1e-8);
const b = new Float64Array(k);
const Gb = new Float64Array(k).fill(1e-8);
const rand = prng(SEED);
const order = X.map((_, i) => i);
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let loss = 0;
  for (const n of order) {
    const xs = X[n]!;
    const v = V[n]!;
    const z = Float64Array.from(b);
    for (const f of xs) for (let c = 0; c < k; c++) z[c] = z[c]! + W[f * k + c]! * v;
    const p = softmax(z);
    loss -= Math.log(Math.max(p[Y[n]!]!, 1e-12));
    for (let c = 0; c < k; c++) {
      const g = (p[c]! - (c === Y[n] ? 1 : 0)) * rowWeight[Y[n]!]!;
      Gb[c] = Gb[c]! + g * g;
      b[c] = b[c]! - (LR * g) / Math.sqrt(Gb[c]!);
      for (const f of xs) {
        const at = f * k + c;
        const gw = g * v + L2 * W[at]!;
        G[at] = G[at]! + gw * gw;
        W[at] = W[at]! - (LR * gw) / Math.sqrt(G[at]!);
      }
    }
  }
  if (!quiet) process.stderr.write(`epoch ${epoch + 1}/${EPOCHS}: mean loss ${(loss / order.length).toFixed(4)}\n`);
}

// One signed byte per weight, scaled per class.
const scale = classes.map((_, c) => {
  let max = 0;
  for (let f = 0; f < features.length; f++) max = Math.max(max, Math.abs(W[f * k + c]!));
  return max / 127 || 1;
});
const bytes = new Int8Array(W.length);
for (let i = 0; i < W.length; i++) bytes[i] = Math.round(W[i]! / scale[i % k]!);

const file: IntentModelFile = {
  format: 'clawchat-intent-lr',
  featureVersion: FEATURE_VERSION,
  normalize: NORMALIZE,
  classes,
  features,
  bias: [...b].map((v) => Number(v.toFixed(5))),
  scale: scale.map((v) => Number(v.toPrecision(6))),
  weights: Buffer.from(bytes.buffer).toString('base64'),
  trainedOn: {
    rows: train.length,
    bySource: Object.fromEntries([...new Set(train.map((r) => r.source))].map((s) => [s, train.filter((r) => r.source === s).length])),
    heldOutRowsExcluded: rows.filter((r) => r.held).length,
    epochs: EPOCHS, normalize: NORMALIZE, l2: L2, lr: LR, seed: SEED, minCount: MIN_COUNT, classWeight: CLASS_WEIGHT,
  },
};
const json = JSON.stringify(file);
writeFileSync(OUT, `${json}\n`);

// A quick look at the held-out rows with the quantised model (the real report is npm run eval:nlu).
const model = new IntentModel(file);
const held = rows.filter((r) => (foldArg ? inFold(r.id) && !r.held : tuning ? r.tune : r.held) && r.label !== null);
let right = 0;
let logLoss = 0;
for (const r of held) {
  const scores = model.scores(r.text, ruleReading(r));
  if (scores[0]!.intent === r.label) right++;
  logLoss -= Math.log(Math.max(scores.find((s) => s.intent === r.label)?.p ?? 0, 1e-6));
}
process.stderr.write(`intent model: ${train.length} rows, ${classes.length} classes, ${features.length} features, ${(json.length / 1024).toFixed(0)} KiB → ${OUT}\n`);
process.stderr.write(`${foldArg ? 'fold' : tuning ? 'tuning-split' : 'held-out'} label accuracy (model alone): ${(100 * right / held.length).toFixed(1)}% of ${held.length}, log loss ${(logLoss / held.length).toFixed(3)}\n`);
