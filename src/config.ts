import { existsSync } from 'node:fs';
import { z } from 'zod';
import { isValidTimeZone } from './core/zoned-time.ts';
import { readEnvFile } from './env-file.ts';
import { scrubSecrets } from './log-redaction.ts';

/** A start-up setting was missing or wrong; the message names each variable at fault. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const optionalText = z.string().trim().min(1).optional();
const optionalUrl = z.string().trim().url('must be a URL such as http://127.0.0.1:8081').optional();
const snowflake = z.string().trim().regex(/^\d{5,25}$/, 'must be a numeric Discord id').optional();
const positiveInt = (dflt: number, max: number) =>
  z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`).default(dflt);

const allowedUser = z.string().regex(/^(telegram|discord|console):[A-Za-z0-9_.-]{1,64}$/, 'entries must look like telegram:123 or discord:456');

const schema = z
  .object({
    DATABASE_URL: z.string().trim().min(1).default('file:./data/clawchat.db')
      .refine((v) => v.startsWith('file:'), 'must be a SQLite URL such as file:./data/clawchat.db'),
    TELEGRAM_BOT_TOKEN: z.string().trim().regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456:ABC-DEF… (from @BotFather)').optional(),
    TELEGRAM_API_ROOT: optionalUrl,
    TELEGRAM_WEBHOOK_URL: z.string().trim().url('must be a URL such as https://bot.example.com/telegram')
      .refine((v) => v.startsWith('https://'), 'must be an https:// URL (Telegram only posts updates over HTTPS)').optional(),
    TELEGRAM_WEBHOOK_SECRET: z.string().trim().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of letters, digits, _ and -').optional(),
    TELEGRAM_WEBHOOK_PORT: z.coerce.number().int('must be a whole number').min(1, 'must be a port number').max(65_535, 'must be a port number').default(8080),
    TELEGRAM_EDIT_INTERVAL_DM_MS: positiveInt(1_000, 60_000),
    TELEGRAM_EDIT_INTERVAL_GROUP_MS: positiveInt(3_000, 60_000),
    TELEGRAM_USE_DRAFTS: z.string().trim().toLowerCase().default('false')
      .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' }))
      .transform((v) => ['true', '1', 'yes', 'on'].includes(v)),
    DISCORD_BOT_TOKEN: z.string().trim().regex(/^[A-Za-z0-9_.-]{10,}$/, 'must be the bot token from the Discord developer portal').optional(),
    DISCORD_APPLICATION_ID: snowflake,
    DISCORD_API_URL: optionalUrl,
    DISCORD_GUILD_ID: snowflake,
    DISCORD_COMMAND_LANGUAGE: z.enum(['en', 'ur'], { error: 'must be "en" or "ur"' }).default('en'),
    OPENAI_API_KEY: optionalText,
    OPENAI_BASE_URL: optionalUrl,
    OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
    OPENAI_TIMEOUT_MS: positiveInt(20_000, 600_000),
    OPENAI_MAX_RETRIES: z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more').max(10, 'must be at most 10').default(2),
    LLM_DAILY_TOKEN_BUDGET: z.coerce.number().int('must be a whole number').min(0, 'must be 0 (no limit) or more').default(0),
    LLM_HISTORY_TOKENS: positiveInt(3_000, 200_000),
    LLM_TASK_MAX_STEPS: positiveInt(8, 50),
    LLM_TASK_TIMEOUT_MS: positiveInt(120_000, 3_600_000),
    DEFAULT_TIMEZONE: z.string().trim().default('UTC').refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Karachi or Europe/London'),
    ACCESS_MODE: z.enum(['open', 'allowlist'], { error: 'must be "open" or "allowlist"' }).default('open'),
    ALLOWED_USERS: z.string().trim().default('')
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(allowedUser)),
    LOG_LEVEL: z.string().trim().toLowerCase().pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })).optional(),
    RATE_LIMIT_PER_MINUTE: positiveInt(20, 10_000),
    REMINDER_GRACE_HOURS: positiveInt(12, 24 * 14),
    METRICS_PORT: z.coerce.number().int('must be a whole number').min(1, 'must be a port number').max(65_535, 'must be a port number').optional(),
    METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
    MCP_USER: z.string().trim().default('console:local')
      .pipe(z.string().regex(/^(telegram|discord|console):[A-Za-z0-9_.-]{1,64}$/, 'must look like telegram:12345, discord:67890 or console:local')),
    EXPORT_DIR: z.string().trim().min(1).default('./data/exports'),
    NLU_MODEL_FILE: z.string().trim().optional().transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || existsSync(v), 'must be the path of an intent model file (npm run train:nlu -- --out FILE writes one)'),
  })
  .superRefine((c, ctx) => {
    if (c.ACCESS_MODE === 'allowlist' && c.ALLOWED_USERS.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['ALLOWED_USERS'], message: 'must list at least one user (e.g. telegram:123) when ACCESS_MODE=allowlist' });
    }
  });

/** Validated settings; the only place that reads process.env. */
export type Config = z.infer<typeof schema>;

/** Settings whose values are credentials: never echoed, and scrubbed from every log line. */
export const SECRET_SETTINGS = ['TELEGRAM_BOT_TOKEN', 'DISCORD_BOT_TOKEN', 'OPENAI_API_KEY', 'TELEGRAM_WEBHOOK_SECRET'] as const satisfies readonly (keyof Config)[];

/** The configured secret values, for the logger to keep out of its output. */
export function secretValues(config: Config): string[] {
  return SECRET_SETTINGS.map((name) => config[name]).filter((v): v is string => typeof v === 'string' && v !== '');
}

/** A name that looks like it holds a credential (so its value is never shown in a problem). */
const SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD/;

/**
 * The settings a process starts with: `.env` in the working directory (what `.env.example` says to
 * create), overlaid by the real environment, which wins (so `FOO=1 npm start` beats the file).
 * A malformed `.env` line is a problem like a bad value: reported by line number, with the rest.
 */
export function readEnvironment(env: Record<string, string | undefined> = process.env, dir = process.cwd()): EnvironmentSettings {
  const file = readEnvFile(dir);
  const merged: Record<string, string | undefined> = { ...file.values };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) merged[k] = v;
  const fromFile = new Set(Object.keys(file.values).filter((k) => env[k] === undefined));
  return { env: merged, fromFile, fileProblems: file.problems };
}

/** The merged settings and where each came from (see {@link readEnvironment}). */
export interface EnvironmentSettings {
  env: Record<string, string | undefined>;
  /** Names whose value came from `.env` (named as such in problems). */
  fromFile: ReadonlySet<string>;
  /** Lines of `.env` that could not be read. */
  fileProblems: string[];
}

/**
 * Reads and validates the settings: by default `.env` plus the real environment (see
 * readEnvironment); tests pass a plain object. Empty strings count as unset (a blank line in .env
 * should not break start-up). Throws ConfigError naming every bad variable — and bad `.env` line —
 * at once, never showing a secret's value.
 */
export function loadConfig(env: Record<string, string | undefined> | EnvironmentSettings = readEnvironment()): Config {
  const settings: EnvironmentSettings = isEnvironmentSettings(env) ? env : { env, fromFile: new Set(), fileProblems: [] };
  const input: Record<string, string> = {};
  for (const [k, v] of Object.entries(settings.env)) if (v !== undefined && v.trim() !== '') input[k] = v;
  const result = schema.safeParse(input);
  if (result.success && settings.fileProblems.length === 0) return result.data;
  const problems = (result.success ? [] : result.error.issues).map((issue) => {
    const name = String(issue.path[0] ?? 'configuration');
    const value = input[name];
    const where = settings.fromFile.has(name) ? ' (set in .env)' : '';
    const shown = value === undefined || SECRET_NAME.test(name) ? '' : ` (got "${scrubSecrets(value.slice(0, 60))}")`;
    return `${name}${where}: ${issue.message}${shown}`;
  });
  throw new ConfigError([...settings.fileProblems, ...problems]);
}

function isEnvironmentSettings(v: object): v is EnvironmentSettings {
  return 'fromFile' in v && 'fileProblems' in v && v.fromFile instanceof Set;
}
