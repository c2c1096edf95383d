/**
 * `npm run -s classify -- --now <ISO> --tz <zone>`: reads messages from stdin, one a line, and
 * prints one JSON line {text, intent, params} per input line, in order, flushing as it goes.
 * This is how the evaluation script (and a curious developer) drives the offline parser.
 * Bad flags (or a bad setting in `.env` / the environment) get a message on stderr naming it and exit
 * status 2; nothing else goes to stdout. Without --tz, DEFAULT_TIMEZONE is the zone.
 */
import { createInterface } from 'node:readline';
import { parseMessage } from './parse-message.ts';
import type { ParsedMessage } from './types.ts';
import { loadIntentModel } from './intent-model/model.ts';
import { systemClock } from '../core/clock.ts';
import { isValidTimeZone } from '../core/zoned-time.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
// An entry point (top layer), not part of the parser: the slash commands it reads are the app's,
// from the one command catalog, exactly as the running assistant reads them.
import { CommandCatalog } from '../orchestrator/command-catalog.ts';
import { ToolRegistry } from '../tools/registry.ts';

function fail(message: string): never {
  process.stderr.write(`classify: ${message}\n`);
  process.exit(2);
}

function flag(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === name) {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) fail(`${name} needs a value`);
      return v;
    }
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
  }
  return undefined;
}

/** Settings from `.env` and the environment, as for `npm start`; a bad one stops here, named. */
function settings(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`${error.message}\nSee .env.example for every setting.`);
    throw error;
  }
}

const args = process.argv.slice(2);
const config = settings();
const nowArg = flag(args, '--now');
const tzArg = flag(args, '--tz') ?? config.DEFAULT_TIMEZONE;
const now = nowArg === undefined ? systemClock.now() : new Date(nowArg);
if (nowArg !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(nowArg) || !Number.isFinite(now.getTime()))) {
  fail(`--now is not a valid ISO 8601 date-time: ${JSON.stringify(nowArg)}`);
}
if (!isValidTimeZone(tzArg)) fail(`--tz is not a known IANA time zone: ${JSON.stringify(tzArg)}`);

try {
  loadIntentModel(config.NLU_MODEL_FILE);
} catch (error) {
  fail(`the intent model ${config.NLU_MODEL_FILE ? `in NLU_MODEL_FILE (${config.NLU_MODEL_FILE})` : '(src/nlu/intent-model/intent-model.json)'} cannot be read: ${(error as Error).message}`);
}
const commands = new CommandCatalog(new ToolRegistry()).slashTable();
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
rl.on('line', (line) => {
  let out: ParsedMessage;
  try {
    out = parseMessage(line, { now, timeZone: tzArg }, commands);
  } catch {
    out = { intent: 'general_chat', params: {}, language: 'en', confidence: 0 };
  }
  process.stdout.write(`${JSON.stringify(classifyLine(line, out))}\n`);
});

/**
 * One output line. Where the app would ask before acting, the line says so: intent "clarify", the
 * readings it would offer under `options`, and no params (a question is not a write).
 */
function classifyLine(text: string, out: ParsedMessage): Record<string, unknown> {
  const confidence = out.confidence ?? 1;
  if (out.clarify?.length) {
    return { text, intent: 'clarify', params: {}, confidence, options: out.clarify.map((r) => ({ intent: r.intent, params: r.params })) };
  }
  return { text, intent: out.intent, params: out.params, confidence, ...(out.missing?.length && { missing: out.missing }) };
}
