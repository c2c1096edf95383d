/**
 * The committed intent model: small, quick to load, reproducible from committed data with one
 * command, and combined with the rules the way intent-decision.ts says.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntentModel, MODEL_PATH, loadIntentModel, type IntentModelFile } from '../../src/nlu/intent-model/model.ts';
import { extractFeatures } from '../../src/nlu/intent-model/features.ts';
import { decide, THRESHOLDS } from '../../src/nlu/intent-decision.ts';
import type { IntentScore } from '../../src/nlu/intent-model/model.ts';
import { writeFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createHarness } from '../helpers/harness.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shared = join(root, '../shared/nlu/external/dev.jsonl');

describe('the committed intent model', () => {
  it('is under 5 MB and loads in under 200 ms (best of three)', () => {
    expect(statSync(MODEL_PATH).size).toBeLessThan(5 * 1024 * 1024);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      loadIntentModel();
      times.push(performance.now() - t0);
    }
    expect(Math.min(...times)).toBeLessThan(200);
  });

  it('gives every intent a probability, summing to one, likeliest first', () => {
    const model = loadIntentModel();
    const scores = model.scores('remind me to call mom at 5');
    expect(scores.length).toBe(model.classes.length);
    expect(scores.reduce((a, s) => a + s.p, 0)).toBeCloseTo(1, 6);
    for (let i = 1; i < scores.length; i++) expect(scores[i - 1]!.p).toBeGreaterThanOrEqual(scores[i]!.p);
    expect(scores[0]!.intent).toBe('create_reminder');
    expect(model.scores("what's the weather like in lahore")[0]!.intent).toBe('general_chat');
  });

  it('refuses a file trained on other features or with weights of the wrong size', () => {
    const file = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as IntentModelFile;
    expect(() => new IntentModel({ ...file, featureVersion: file.featureVersion + 1 })).toThrow(/train:nlu/);
    expect(() => new IntentModel({ ...file, features: file.features.slice(1) })).toThrow(/weights/);
  });

  it('sees typos, digits and Roman spellings as shared features', () => {
    expect(extractFeatures('5pm')).toEqual(extractFeatures('11pm'));
    const yaad = new Set(extractFeatures('yaad dilana'));
    expect(extractFeatures('yad dilana').some((f) => f.startsWith('c:') && yaad.has(f))).toBe(true);
    // Voice-assistant wake words say nothing about the request.
    expect(extractFeatures('olly set an alarm')).toEqual(extractFeatures('set an alarm'));
  });

  it.skipIf(!existsSync(shared))('is exactly what `npm run train:nlu` makes from the committed data', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'clawchat-train-')), 'model.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/train-nlu.ts'), '--quiet', '--out', out], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(MODEL_PATH, 'utf8'));
  }, 200_000);
});

describe('start-up', () => {
  it('a missing NLU_MODEL_FILE is refused by name; a file that is no model stops start-up naming it', async () => {
    expect(() => loadConfig({ NLU_MODEL_FILE: '/nonexistent/model.json' })).toThrow(/NLU_MODEL_FILE/);
    const junk = join(mkdtempSync(join(tmpdir(), 'clawchat-junk-')), 'model.json');
    writeFileSync(junk, '{"format":"something else"}');
    const started = createHarness({ NLU_MODEL_FILE: junk });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/NLU_MODEL_FILE/);
    // The committed model is still the one in use.
    expect(loadIntentModel().scores('remind me to call mom at 5')[0]!.intent).toBe('create_reminder');
  });
});

describe('rules and model together (intent-decision)', () => {
  const scores = (...pairs: Array<[string, number]>): IntentScore[] => pairs.map(([intent, p]) => ({ intent, p })).sort((a, b) => b.p - a.p);
  const readAs = (intent: string) => ({ intent, params: intent === 'general_chat' ? {} : { title: 'x' } });

  it('agreeing: the rules\' reading, with the model\'s confidence', () => {
    const d = decide({ intent: 'create_todo', params: { title: 'milk' } }, scores(['create_todo', 0.9], ['general_chat', 0.1]), readAs);
    expect(d).toEqual({ intent: 'create_todo', params: { title: 'milk' }, confidence: 0.9 });
  });

  it('the model sure it is chat overrides a rule\'s write; unsure, it asks; a read needs more to be vetoed', () => {
    const write = { intent: 'create_todo', params: { title: 'play jazz' } };
    expect(decide(write, scores(['general_chat', THRESHOLDS.veto + 0.01], ['create_todo', 0.2]), readAs).intent).toBe('general_chat');
    const unsure = decide(write, scores(['general_chat', THRESHOLDS.doubt + 0.01], ['create_todo', 0.3]), readAs);
    expect(unsure.clarify?.map((r) => r.intent)).toEqual(['create_todo', 'general_chat']);
    const read = { intent: 'list_events', params: { range: 'today' } };
    expect(decide(read, scores(['general_chat', THRESHOLDS.veto + 0.01], ['list_events', 0.2]), readAs).intent).toBe('list_events');
    expect(decide(read, scores(['general_chat', THRESHOLDS.vetoRead + 0.01], ['list_events', 0.05]), readAs).intent).toBe('general_chat');
  });

  it('no rule claimed it: the model acts when sure, asks when a write is possible, else chats', () => {
    expect(decide(null, scores(['create_reminder', THRESHOLDS.act + 0.01], ['general_chat', 0.2]), readAs).intent).toBe('create_reminder');
    const asked = decide(null, scores(['create_reminder', THRESHOLDS.ask + 0.01], ['general_chat', 0.35]), readAs);
    expect(asked.clarify?.map((r) => r.intent)).toEqual(['create_reminder', 'general_chat']);
    expect(decide(null, scores(['create_reminder', THRESHOLDS.ask - 0.05], ['general_chat', 0.3], ['list_events', 0.3]), readAs).intent).toBe('general_chat');
    // With no reading of the message as that intent, nothing is done on the model's word alone.
    expect(decide(null, scores(['create_reminder', 0.99]), () => null).intent).toBe('general_chat');
  });

  it('a change or removal the rules read is never made a new item unless the model is near certain', () => {
    const change = { intent: 'update_todo', params: { ref: 'pay rent', due: 'x' } };
    expect(decide(change, scores(['create_todo', 0.9], ['update_todo', 0.05]), readAs).intent).toBe('update_todo');
    expect(decide(change, scores(['create_todo', 0.99], ['update_todo', 0.005]), readAs).intent).toBe('create_todo');
  });

  it('another kind of action replaces the rules\' reading when the model is sure; same kind needs more', () => {
    const wrong = { intent: 'complete_todo', params: { ref: 'i set any reminders for today' } };
    expect(decide(wrong, scores(['list_reminders', THRESHOLDS.switch + 0.05], ['complete_todo', 0.01]), readAs).intent).toBe('list_reminders');
    const event = { intent: 'create_event', params: { title: 'dentist' } };
    expect(decide(event, scores(['create_reminder', THRESHOLDS.sameKind - 0.05], ['create_event', 0.2]), readAs).intent).toBe('create_event');
    expect(decide(event, scores(['create_reminder', THRESHOLDS.sameKind + 0.05], ['create_event', 0.1]), readAs).intent).toBe('create_reminder');
  });
});
