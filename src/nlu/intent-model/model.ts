/**
 * The trained intent model at run time: multinomial logistic regression over the features of
 * features.ts. Weights are stored as one signed byte each with a scale per class (the file stays
 * well under a megabyte and loads in milliseconds); scoring a message is a few hundred additions.
 */
import { readFileSync } from 'node:fs';
import { extractFeatures, FEATURE_VERSION } from './features.ts';

/** The committed artifact's shape (written by scripts/train-nlu.ts). */
export interface IntentModelFile {
  format: 'clawchat-intent-lr';
  featureVersion: number;
  /** Each feature of a message counts 1/sqrt(how many features it has). */
  normalize?: boolean;
  classes: string[];
  features: string[];
  bias: number[];
  /** Per class: weight = byte * scale[class]. */
  scale: number[];
  /** base64 of Int8Array(features.length * classes.length), feature-major. */
  weights: string;
  /** How it was made: data sizes, held-out figures, seed. Informational. */
  trainedOn?: Record<string, unknown>;
}

/** One class with its probability. */
export interface IntentScore {
  intent: string;
  p: number;
}

export class IntentModel {
  readonly classes: readonly string[];
  readonly #index: Map<string, number>;
  readonly #weights: Int8Array;
  readonly #scale: Float64Array;
  readonly #bias: Float64Array;
  readonly #normalize: boolean;

  constructor(file: IntentModelFile) {
    if (file.format !== 'clawchat-intent-lr') throw new Error('not a ClawChat intent model');
    if (file.featureVersion !== FEATURE_VERSION) throw new Error(`intent model was trained on features v${file.featureVersion}, code has v${FEATURE_VERSION}: run npm run train:nlu`);
    const k = file.classes.length;
    const bytes = Buffer.from(file.weights, 'base64');
    if (bytes.length !== file.features.length * k) throw new Error('intent model weights do not match its features');
    this.classes = file.classes;
    this.#index = new Map(file.features.map((f, i) => [f, i]));
    this.#bias = Float64Array.from(file.bias);
    this.#scale = Float64Array.from(file.scale);
    this.#normalize = file.normalize === true;
    this.#weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  /** Every class with its probability, likeliest first. `ruleIntent`: what the rules read (general_chat for nothing). */
  scores(text: string, ruleIntent?: string): IntentScore[] {
    const k = this.classes.length;
    // The weights are bytes with one scale per class: sum the bytes, scale once at the end.
    const sums = new Int32Array(k);
    const features = extractFeatures(text, ruleIntent);
    const v = this.#normalize ? 1 / Math.sqrt(Math.max(features.length, 1)) : 1;
    for (const f of features) {
      const i = this.#index.get(f);
      if (i === undefined) continue;
      const base = i * k;
      for (let c = 0; c < k; c++) sums[c] = sums[c]! + this.#weights[base + c]!;
    }
    const z = this.#bias.map((b, c) => b + sums[c]! * this.#scale[c]! * v);
    return softmax(z).map((p, c) => ({ intent: this.classes[c]!, p })).sort((a, b) => b.p - a.p);
  }
}

export function softmax(z: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i]!);
  const e = Array.from({ length: z.length }, (_, i) => Math.exp(z[i]! - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** Where the committed model lives, beside this file. */
export const MODEL_PATH = new URL('./intent-model.json', import.meta.url);

let current: IntentModel | null | undefined;

/**
 * Reads a model file and makes it the one the parser uses (start-up calls this, so the first
 * message does not pay for it). Throws when the file is unreadable or not a model.
 */
export function loadIntentModel(path: string | URL = MODEL_PATH): IntentModel {
  current = new IntentModel(JSON.parse(readFileSync(path, 'utf8')) as IntentModelFile);
  return current;
}

/**
 * The model in use: the one loaded at start-up, else the committed one, read on first use. Null
 * only when the committed file is missing or broken; the parser then runs on its rules alone
 * (the nlu tests fail loudly in that case, see test/nlu/intent-model.test.ts).
 */
export function intentModel(): IntentModel | null {
  if (current !== undefined) return current;
  try {
    return loadIntentModel();
  } catch {
    current = null;
    return null;
  }
}
